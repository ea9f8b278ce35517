/**
 * Targets compared by meaning: operator, number (with its printed precision) and unit.
 * `≥95%`, `≥ 95 %`, `≧95％` are one target; `≥90%` is another; `95%` (no operator printed)
 * is compared by number and unit only. Qualitative targets (`及时`, dates) have no meaning
 * here and are never compared (precision first).
 */
import { foldChars } from '../text/normalize.js';
import { parseNumber } from '../text/numbers.js';
import { figuresAgree } from './compare.js';
import { DATE_TARGET_RE } from '../rules/targets.js';
import { TARGET_OPERATORS } from './data.js';

export interface TargetMeaning {
  /** `≥`, `≤`, `>`, `<`, `=`, or null when the target prints none. */
  op: string | null;
  /** The number (a fraction when printed with %). */
  value: number;
  ulp: number;
  /** Printed without decimals. */
  whole: boolean;
  /** What follows the number (`%`, `次`, `人次`, `万元`), '' when nothing. */
  unit: string;
}

/** The meaning of a quantitative target, null for a qualitative one or one with several numbers. */
export function targetMeaning(target: string | null | undefined): TargetMeaning | null {
  if (target == null) return null;
  const s = foldChars(target).replace(/\s+/g, '').replace(/％/g, '%');
  if (!s || DATE_TARGET_RE.test(s)) return null;
  const n = parseNumber(s);
  if (!n) return null;
  let op: string | null = null;
  let opWord = '';
  for (const [word, o] of TARGET_OPERATORS) {
    if (s.includes(word) && word.length > opWord.length) {
      op = o;
      opWord = word;
    }
  }
  let rest = s.replace(/[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?|[-+]?\.\d+/, '');
  if (opWord) rest = rest.split(opWord).join('');
  for (const [word] of TARGET_OPERATORS) rest = rest.split(word).join('');
  const unit = n.percent ? '%' : rest;
  const whole = !/\d\.\d/.test(s);
  return { op, value: n.value, ulp: n.ulp, whole, unit };
}

/**
 * Do two targets differ in meaning? null when either is not quantitative (not decided).
 * Operators differ only when both print one; numbers by the printed-precision rule
 * (`agrees`); units when both print one.
 */
export function targetChanged(declared: string | null | undefined, evaluated: string | null | undefined): boolean | null {
  const a = targetMeaning(declared);
  const b = targetMeaning(evaluated);
  if (!a || !b) return null;
  if (a.op && b.op && a.op !== b.op) return true;
  if (a.unit && b.unit && a.unit !== b.unit) return true;
  // a bare number against a percentage: compare on the same scale (95 vs 95%)
  let av = a.value;
  let aUlp = a.ulp;
  if (a.unit === '%' && b.unit === '' && b.value > 1.5) {
    av *= 100;
    aUlp *= 100;
  }
  let bv = b.value;
  let bUlp = b.ulp;
  if (b.unit === '%' && a.unit === '' && a.value > 1.5) {
    bv *= 100;
    bUlp *= 100;
  }
  return !figuresAgree({ value: av, ulp: aUlp, whole: a.whole }, { value: bv, ulp: bUlp, whole: b.whole });
}
