/**
 * Numbers as printed on the forms. Every parse keeps the printed precision (`ulp`, one
 * unit in the last printed digit, in the returned value's scale) so the checks can honour
 * the contract's rule: two figures agree when they differ by no more than one unit in the
 * last printed digit of the less precise one.
 */
import { foldChars } from './normalize.js';

export interface ParsedNumber {
  value: number;
  ulp: number;
  /** True when the text printed a percent sign (value is then a fraction). */
  percent: boolean;
}

const NUMBER_RE = /[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?|[-+]?\.\d+/;

function decimalsOf(digits: string): number {
  const dot = digits.indexOf('.');
  return dot < 0 ? 0 : digits.length - dot - 1;
}

/** Round to `d` decimals without binary noise (0.1 + 0.2 → 0.3). */
export function roundTo(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round((v + Math.sign(v) * Number.EPSILON) * f) / f;
}

function fromDigits(digits: string, percent: boolean): ParsedNumber {
  const clean = digits.replace(/,/g, '');
  const d = decimalsOf(clean);
  const raw = Number(clean);
  if (percent) return { value: roundTo(raw / 100, d + 2), ulp: roundTo(10 ** -(d + 2), d + 2), percent };
  return { value: raw, ulp: roundTo(10 ** -d, d), percent };
}

/**
 * A cell or phrase that is one number, possibly with a unit or comparison sign
 * ("72.35", "99.9%", "≥90%", "40 万元", "１３.５"): the number, or null when the text
 * holds no number or several.
 */
export function parseNumber(text: string | null | undefined): ParsedNumber | null {
  if (text == null) return null;
  const s = foldChars(text).replace(/\s+/g, '');
  if (!s) return null;
  const all = s.match(new RegExp(NUMBER_RE.source, 'g'));
  if (!all || all.length !== 1) return null;
  const m = NUMBER_RE.exec(s)!;
  const after = s.slice(m.index + m[0].length);
  return fromDigits(m[0], after.startsWith('%'));
}

/** A cell that must be a bare number (optionally with % or a money unit) and nothing else. */
export function parseStrictNumber(text: string | null | undefined): ParsedNumber | null {
  if (text == null) return null;
  const s = foldChars(text).replace(/\s+/g, '');
  const m = /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)(%|万元|元|分)?$/.exec(s);
  if (!m || !/\d/.test(m[1])) return null;
  return fromDigits(m[1], m[2] === '%');
}

/** Every number in a phrase with its position, for prose ("实际使用金额为 39.96 万元"). */
export function findNumbers(text: string): { match: string; index: number; parsed: ParsedNumber }[] {
  const s = foldChars(text);
  const re = new RegExp(`(${NUMBER_RE.source})\\s*(%)?`, 'g');
  const out: { match: string; index: number; parsed: ParsedNumber }[] = [];
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push({ match: m[0], index: m.index, parsed: fromDigits(m[1], m[2] === '%') });
  }
  return out;
}

export type MoneyUnit = '万元' | '元';

/** Convert an amount printed in `unit` to 万元, scaling its precision too. */
export function toWan(n: ParsedNumber, unit: MoneyUnit): ParsedNumber {
  if (unit === '万元') return n;
  return { value: roundTo(n.value / 10000, 10), ulp: roundTo(n.ulp / 10000, 10), percent: false };
}

/**
 * Do two printed figures agree? Contract v2, "Comparisons honour printed precision": within one
 * unit of the last printed decimal digit of the less precise one (`99.9%` ≈ 0.999 ≈ 39.96/40,
 * `19.98` ≈ 20 × 0.999); but when the less precise one is a whole number (ulp ≥ 1), the other
 * must round to it: `9` agrees with 8.62 and 9.4, not with 10. `ulp` is one unit in the last
 * printed digit, in the value's own scale (0 for a recomputed value).
 */
export function agrees(a: number, aUlp: number, b: number, bUlp: number): boolean {
  const tol = Math.max(aUlp, bUlp);
  if (tol >= 1) return Math.abs(a - b) <= tol / 2 + 1e-9;
  return Math.abs(a - b) <= tol + 1e-9;
}

/** Format a number for CSV: plain decimal, no exponent, no trailing zeros beyond need. */
export function formatNumber(v: number | null | undefined, maxDecimals = 6): string {
  if (v == null || !Number.isFinite(v)) return '';
  const r = roundTo(v, maxDecimals);
  let s = r.toFixed(maxDecimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return s;
}

/** Chinese numerals written digit by digit in years and dates (二〇二二, 二零二二); 〇 also comes as ○ or O from OCR. */
export const CHINESE_DIGITS: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', '○': '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};

const CHINESE_YEAR_RE = new RegExp(`([${Object.keys(CHINESE_DIGITS).join('')}]{4})(?=\\s*年)`, 'gu');

/**
 * Years written in Chinese numerals, digit by digit, turned into Arabic digits where a 年
 * follows: `二〇二二年度` → `2022年度`, `二零二三年三月` → `2023年三月`. Other text is unchanged
 * (month and day numerals are left as printed). Source: case 12 (years like 二〇二二年度).
 */
export function arabicYears(text: string): string {
  return text.replace(CHINESE_YEAR_RE, (m) => [...m].map((ch) => CHINESE_DIGITS[ch] ?? ch).join(''));
}

/** Units an amount may carry in its own cell, and the unit each means. */
export const MONEY_UNIT_WORDS: Readonly<Record<string, MoneyUnit>> = { 万元: '万元', 万: '万元', 元: '元' };

const MONEY_TOKEN = new RegExp(`(${NUMBER_RE.source})(万元|万|元)?`, 'gu');
const BRACKETED = /[(（][^()（）]*[)）]/gu;

/**
 * An amount as people write it in a money cell: `183,206.5` (thousands separators),
 * `600万(其中省级250万元,…)` (the amount before a bracketed breakdown), `600万600万` (a total
 * printed twice), `12.3456万元`. Returns the number with the unit the cell itself prints (null
 * when it prints none), or null when the cell is not one amount: prose, several different
 * amounts, a percentage, a number inside words (`1.一般公共预算`).
 */
export function parseMoney(text: string | null | undefined): { n: ParsedNumber; unit: MoneyUnit | null } | null {
  if (text == null) return null;
  // spaces between two digits part two amounts (`80 80万元`); others are dropped
  let s = foldChars(text).trim().replace(/(?<=\d)\s+(?=\d)/g, ' ').replace(/(?<!\d)\s+|\s+(?!\d)/g, '');
  const unbracketed = s.replace(BRACKETED, '');
  if (/\d/.test(unbracketed)) s = unbracketed;
  const tokens = [...s.matchAll(MONEY_TOKEN)];
  if (tokens.length === 0 || tokens.map((m) => m[0]).join('') !== s.replace(/ /g, '')) return null;
  const nums = tokens.map((m) => ({ n: fromDigits(m[1], false), unit: m[2] ? MONEY_UNIT_WORDS[m[2]] : null }));
  const first = nums[0];
  if (!nums.every((x) => x.n.value === first.n.value && (x.unit ?? first.unit) === (first.unit ?? x.unit))) return null;
  return { n: first.n, unit: nums.find((x) => x.unit)?.unit ?? null };
}
