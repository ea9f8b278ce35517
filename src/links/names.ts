/**
 * Names reduced to what identifies them across filings, and how alike two reduced names are.
 * Rules (prefixes, suffixes, slips, places, scores) are the data tables of `./data.ts`.
 */
import { foldChars } from '../text/normalize.js';
import { fixOcrSlips } from '../vocabulary/ocr.js';
import {
  CODE_PREFIX_RES,
  CONTAINED_BASE,
  CONTAINED_MIN_CHARS,
  CONTAINED_MIN_RATIO,
  CONTAINED_SPAN,
  INDICATOR_PREFIX_RE,
  NAME_OCR_SLIPS,
  NAME_PUNCTUATION_RE,
  NAME_QUOTES_RE,
  NAME_SUFFIXES,
  PLACE_RE,
  UNIT_ABBREVIATION,
  UNIT_NO_PLACE,
  UNIT_PLACE_SUFFIX,
  YEAR_PREFIX_RE,
} from './data.js';

function slips(s: string): string {
  let out = fixOcrSlips(s);
  for (const [wrong, right] of NAME_OCR_SLIPS) if (out.includes(wrong)) out = out.split(wrong).join(right);
  return out;
}

function stripPrefixes(s: string): string {
  let out = s;
  for (let round = 0; round < 3; round++) {
    const before = out;
    out = out.replace(YEAR_PREFIX_RE, '');
    for (const re of CODE_PREFIX_RES) {
      const m = re.exec(out);
      // a code only when Chinese text follows it
      if (m && /[\u4e00-\u9fff]/.test(out.slice(m[0].length, m[0].length + 1))) out = out.slice(m[0].length);
    }
    if (out === before) break;
  }
  return out;
}

/**
 * The identifying part of a project name: full-width folded, OCR slips fixed, year and code
 * prefixes and 项目/经费/专项/资金 suffixes removed, no punctuation or spaces.
 * `2019年打击欺诈骗取医保基金专项经费` → `打击欺诈骗取医保基金`. Empty for an empty name.
 */
export function projectKey(name: string | null | undefined): string {
  if (!name) return '';
  let s = slips(foldChars(name).replace(/\s+/g, '').replace(NAME_QUOTES_RE, ''));
  s = stripPrefixes(s).replace(NAME_PUNCTUATION_RE, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suf of NAME_SUFFIXES) {
      if (s.endsWith(suf) && s.length - suf.length >= 2) {
        s = s.slice(0, -suf.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/** The identifying part of an indicator name: numbering (`指标1:`) and punctuation removed, slips fixed. */
export function indicatorKey(name: string | null | undefined): string {
  if (!name) return '';
  const s = slips(foldChars(name).replace(/\s+/g, ''));
  return s.replace(INDICATOR_PREFIX_RE, '').replace(NAME_PUNCTUATION_RE, '');
}

/** Character bigrams of a key. */
export function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams (multiset). */
export function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length || !y.length) return a === b ? 1 : 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const k = pool.get(g) ?? 0;
    if (k > 0) {
      common++;
      pool.set(g, k - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/**
 * Similarity 0..1 of two reduced names: 1 when equal; a name contained in the other
 * (truncated cell, dropped qualifier) `CONTAINED_BASE + CONTAINED_SPAN × ratio`; else Dice.
 */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const ratio = short.length / long.length;
  if (short.length >= CONTAINED_MIN_CHARS && ratio >= CONTAINED_MIN_RATIO && long.includes(short)) {
    return CONTAINED_BASE + CONTAINED_SPAN * ratio;
  }
  return dice(a, b);
}

/** A unit name as places (`武汉市`, `洪山区`) and the organisation after them (`医疗保障局`). */
export interface UnitParts {
  places: string[];
  org: string;
}

/** Split a unit or department name; a leading organisation code and bracketed notes are dropped. */
export function unitParts(name: string): UnitParts {
  let s = slips(foldChars(name).replace(/\s+/g, ''));
  s = s.replace(/^[\dA-Za-z]+[-－—]?(?=[\u4e00-\u9fff])/, '').replace(/[（(][^）)]*[)）]/g, '').replace(NAME_PUNCTUATION_RE, '');
  const places: string[] = [];
  for (let i = 0; i < 4; i++) {
    const m = PLACE_RE.exec(s);
    if (!m || s.length - m[0].length < 2) break;
    places.push(m[0]);
    s = s.slice(m[0].length);
  }
  return { places, org: s };
}

function endsWith(long: readonly string[], short: readonly string[]): boolean {
  if (short.length > long.length) return false;
  for (let i = 1; i <= short.length; i++) if (long[long.length - i] !== short[short.length - i]) return false;
  return true;
}

/** Is `short` an abbreviation of `long` (医保局 of 医疗保障局): same first and last character, the rest in order? */
function abbreviates(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0] || short.at(-1) !== long.at(-1)) return false;
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
}

/**
 * Similarity 0..1 of two unit names: 1 the same; `UNIT_PLACE_SUFFIX` the same organisation
 * with more of its place on one side (`武汉市洪山区医疗保障局` / `洪山区医疗保障局`);
 * `UNIT_NO_PLACE` when one names no place; `UNIT_ABBREVIATION` for an abbreviated
 * organisation; 0 for another place (`晋中市…` / `洪山区…`, or city vs its district) or organisation.
 */
export function unitSimilarity(a: string, b: string): number {
  const x = unitParts(a);
  const y = unitParts(b);
  if (!x.org || !y.org) return 0;
  let orgScore: number;
  if (x.org === y.org) orgScore = 1;
  else if (abbreviates(x.org, y.org) || abbreviates(y.org, x.org)) orgScore = UNIT_ABBREVIATION;
  else return 0;
  let placeScore: number;
  if (!x.places.length || !y.places.length) placeScore = x.places.length === y.places.length ? 1 : UNIT_NO_PLACE;
  else if (x.places.length === y.places.length && endsWith(x.places, y.places)) placeScore = 1;
  else if (endsWith(x.places, y.places) || endsWith(y.places, x.places)) placeScore = UNIT_PLACE_SUFFIX;
  else return 0;
  return Math.min(orgScore, placeScore);
}
