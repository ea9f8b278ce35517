/**
 * Label normalization and fuzzy matching. Labels on the forms come torn, spaced out,
 * OCR-slipped and decorated with weights and units; values never go through here.
 */
import { foldChars } from '../text/normalize.js';
import { fixOcrSlips } from './ocr.js';

/** Bracket contents that are decoration, not part of a label: weights, units, stamps, formula letters. */
const DECORATION_IN_BRACKETS =
  /[(（\[【]\s*(?:[\d\s.]+\s*分|万元|元|%|％|个|次|人|天|A|B|B\s*\/\s*A|A\s*\/\s*B|C|单位盖章|盖章|公章|签章|签字|单位签章|必填|选填)\s*[)）\]】]/giu;

/** Everything that is not a letter or digit of the label. */
const PUNCT = /[\s:：,，、.。;；"“”'‘’《》<>〈〉\[\]【】()（）\-_—–·•*※/\\|!！?？~～#＃]/gu;

const LEADING_NUMBERING = /^\s*(?:[(（]\s*[0-9一二三四五六七八九十]+\s*[)）]|[0-9]+\s*[.、．)）](?!\d)|[一二三四五六七八九十]+\s*[、.．]|[①②③④⑤⑥⑦⑧⑨⑩])\s*/u;

/** Leading list numbering of a row name: `1.一般公共预算…` → `一般公共预算…`, `(2)数量` → `数量`. */
export function stripNumbering(text: string): string {
  let s = text;
  for (let i = 0; i < 2; i++) {
    const m = LEADING_NUMBERING.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  return s.trim();
}

/**
 * A label reduced to its letters: full-width folded, spaces, punctuation and colons dropped,
 * bracketed weights/units/stamps removed (`项目资金（20分）` → `项目资金`, `全年预算数(A)` →
 * `全年预算数`), other brackets opened (`绩效指标（二级）` → `绩效指标二级`), leading numbering
 * dropped, OCR slips fixed (`坝目绩效总目标` → `项目绩效总目标`).
 */
const normCache = new Map<string, string>();

export function normalizeLabel(text: string | null | undefined): string {
  if (!text) return '';
  const hit = normCache.get(text);
  if (hit !== undefined) return hit;
  const out = normalizeUncached(text);
  if (normCache.size > 20000) normCache.clear();
  normCache.set(text, out);
  return out;
}

function normalizeUncached(text: string): string {
  let s = foldChars(text).replace(/≧/g, '≥').replace(/≦/g, '≤');
  s = fixOcrSlips(s);
  s = s.replace(DECORATION_IN_BRACKETS, '');
  s = s.replace(/\s+/g, ' ').trim();
  s = stripNumbering(s);
  s = s.replace(PUNCT, '');
  s = fixOcrSlips(s);
  return s;
}

/** The weight printed in a label: `项目资金（20分）` → 20, `绩效 指标 (6 0 分)` → 60, `投入(20)` → null. */
export function labelWeight(text: string | null | undefined): number | null {
  if (!text) return null;
  const s = foldChars(text).replace(/\s+/g, '');
  const m = /[(（]?(\d+(?:\.\d+)?)分[)）]?/.exec(s);
  return m ? Number(m[1]) : null;
}

/** A label with its printed weight removed, kept otherwise as printed (normalized spaces). */
export function withoutWeight(text: string): string {
  return foldChars(text)
    .replace(/[(（]\s*[\d\s.]+\s*分\s*[)）]/g, '')
    .replace(/[:：]\s*$/, '')
    .replace(/\s+/g, '')
    .trim();
}

/** Levenshtein distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  const ca = [...a];
  const cb = [...b];
  if (Math.abs(ca.length - cb.length) > max) return max + 1;
  // two rows reused (no array per row)
  let prev = new Int32Array(cb.length + 1);
  let cur = new Int32Array(cb.length + 1);
  for (let j = 0; j <= cb.length; j++) prev[j] = j;
  for (let i = 1; i <= ca.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ch = ca[i - 1];
    for (let j = 1; j <= cb.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ch === cb[j - 1] ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[cb.length];
}

/** Are two strings (as code points) at most one insertion, deletion or substitution apart? Same answer as `editDistance(a, b, 1) <= 1`. */
function withinOneEdit(a: readonly string[], b: readonly string[]): boolean {
  let la = a.length, lb = b.length;
  if (la < lb) return withinOneEdit(b, a);
  if (la - lb > 1) return false;
  let i = 0;
  while (i < lb && a[i] === b[i]) i++;
  if (i === lb) return true; // equal, or one extra code point at the end of a
  // skip the common tail, then what is left must be one substitution (same length) or one deletion
  while (lb > i && a[la - 1] === b[lb - 1]) {
    la--;
    lb--;
  }
  return la - i <= 1 && lb - i <= 1;
}

/** Scores of a label match, highest best. 0 means no match. */
export const MATCH_EXACT = 1;
export const MATCH_FUZZY = 0.8;
export const MATCH_PREFIX = 0.6;

export interface MatchOptions {
  /** Accept one edit for labels of ≥ 4 characters (default true). */
  fuzzy?: boolean;
  /** Accept a cell holding only the beginning of a label torn at a cell edge (default true). */
  prefix?: boolean;
}

/** A list of synonyms prepared once: normalized, exact set, code points for edits and prefixes, memoized answers. */
interface SynonymIndex {
  exact: Set<string>;
  /** Normalized non-empty synonyms with their code points. */
  syns: { s: string; cps: string[] }[];
  /** Answers by option flags (bit 0 fuzzy, bit 1 prefix), per raw text. */
  memo: Map<string, number>[];
  /** Length, first and last entry of the list indexed (to notice a list changed in place). */
  n: number;
  first: string | undefined;
  last: string | undefined;
  /** The list object last looked up by content. */
  lastList: readonly string[] | null;
}

const MEMO_LIMIT = 20000;
const indexByArray = new WeakMap<readonly string[], SynonymIndex>();
const indexByContent = new Map<string, SynonymIndex>();

/** The index of a synonym list: by the array itself (data tables), else by its content (lists built per call). */
function synonymIndex(synonyms: readonly string[]): SynonymIndex {
  let index = indexByArray.get(synonyms);
  // a list changed since it was indexed (callers should not, but may) is indexed again
  if (index && index.n === synonyms.length && index.first === synonyms[0] && index.last === synonyms[synonyms.length - 1]) return index;
  const key = synonyms.join('\u0001');
  index = indexByContent.get(key);
  if (!index) {
    const exact = new Set<string>();
    const syns: SynonymIndex['syns'] = [];
    for (const syn of synonyms) {
      const s = normalizeLabel(syn);
      if (!s || exact.has(s)) continue;
      exact.add(s);
      syns.push({ s, cps: [...s] });
    }
    index = { exact, syns, memo: [new Map(), new Map(), new Map(), new Map()], n: synonyms.length, first: synonyms[0], last: synonyms[synonyms.length - 1], lastList: null };
    if (indexByContent.size > 2000) indexByContent.clear();
    indexByContent.set(key, index);
  }
  // A list passed twice is a lasting one (a data table): found by identity from then on. Lists
  // built afresh for each call never are, and never fill the WeakMap (costly for the GC).
  if (index.lastList === synonyms) indexByArray.set(synonyms, index);
  else index.lastList = synonyms;
  return index;
}

/**
 * How well `text` (a cell or line fragment) matches one of `synonyms`: 1 exact after
 * normalization, 0.8 one edit away (labels of ≥ 4 characters), 0.6 a torn prefix
 * (≥ 3 characters and ≥ 60 % of the label), 0 no match.
 *
 * Through an index of the synonyms (built once per list): the cell is normalized once, an
 * exact lookup first, then prefixes and edit distance only on synonyms whose length allows
 * them; the answer is memoized per text. Same answers as comparing with every synonym.
 */
export function matchLabel(text: string | null | undefined, synonyms: readonly string[], options: MatchOptions = {}): number {
  if (!text) return 0;
  const fuzzy = options.fuzzy !== false;
  const prefix = options.prefix !== false;
  const index = synonymIndex(synonyms);
  const memo = index.memo[(fuzzy ? 1 : 0) | (prefix ? 2 : 0)];
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const score = matchIndexed(normalizeLabel(text), index, fuzzy, prefix);
  if (memo.size > MEMO_LIMIT) memo.clear();
  memo.set(text, score);
  return score;
}

function matchIndexed(t: string, index: SynonymIndex, fuzzy: boolean, prefix: boolean): number {
  if (!t) return 0;
  if (index.exact.has(t)) return MATCH_EXACT;
  const tc = [...t];
  const tl = tc.length;
  let best = 0;
  for (const { s, cps } of index.syns) {
    const sl = cps.length;
    if (fuzzy && tl >= 4 && sl >= 4 && sl - tl <= 1 && tl - sl <= 1 && withinOneEdit(tc, cps)) return MATCH_FUZZY;
    if (prefix && best === 0 && tl >= 3 && tl < sl && tl >= sl * 0.6 && s.startsWith(t)) {
      best = MATCH_PREFIX;
      if (!fuzzy) return best;
    }
  }
  return best;
}

/** Does `text` contain one of the labels (normalized, as a substring)? Returns the label found. */
export function containsLabel(text: string | null | undefined, labels: readonly string[]): string | null {
  const t = normalizeLabel(text);
  if (!t) return null;
  for (const l of labels) {
    const s = normalizeLabel(l);
    if (s && t.includes(s)) return l;
  }
  return null;
}

/** The best-matching key of a table of synonyms, with its score; null when none matches. */
export function bestKey<K extends string>(
  text: string | null | undefined,
  table: Readonly<Record<K, readonly string[]>>,
  options: MatchOptions = {},
): { key: K; score: number } | null {
  let best: { key: K; score: number } | null = null;
  for (const key of Object.keys(table) as K[]) {
    const sc = matchLabel(text, table[key], options);
    if (sc > 0 && (!best || sc > best.score)) best = { key, score: sc };
  }
  return best;
}

