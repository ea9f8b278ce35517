/**
 * The contract's precision rule for two printed figures (CONTRACT, "Comparisons honour printed
 * precision", with its v2 refinement): they agree when they differ by no more than one unit in
 * the last printed digit of the less precise one (`agrees` of src/text/numbers.ts), except that
 * a figure printed as a whole number agrees only with values that round to it.
 */
import { agrees, roundTo } from '../text/numbers.js';

export interface Figure {
  value: number;
  /** One unit in the last printed digit, in the value's scale (95% → 0.01, 27.56 → 0.01). */
  ulp: number;
  /** Printed without decimals (`95%`, `28`). */
  whole: boolean;
}

/** Do two printed figures agree? */
export function figuresAgree(a: Figure, b: Figure): boolean {
  const [coarse, fine] = a.ulp >= b.ulp ? [a, b] : [b, a];
  if (coarse.whole) return roundTo(Math.round(roundTo(fine.value / coarse.ulp, 9)) * coarse.ulp, 9) === roundTo(coarse.value, 9);
  return agrees(a.value, a.ulp, b.value, b.ulp);
}

/** A record number (money in 万元, a score) as a figure: whole when printed to a unit or coarser. */
export function figureOf(n: { value: number; ulp: number }): Figure {
  return { value: n.value, ulp: n.ulp, whole: n.ulp >= 1 - 1e-12 };
}
