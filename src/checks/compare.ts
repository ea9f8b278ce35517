/** The contract's precision rule applied to record values. */
import type { Num } from '../../schemas/record.js';
import { agrees } from '../text/numbers.js';

/** True when a printed figure and another figure (printed with `ulp`, or recomputed: ulp 0) contradict. */
export function disagrees(reported: Num, other: number, otherUlp = 0): boolean {
  return !agrees(reported.value, reported.ulp, other, otherUlp);
}

/**
 * Sum of printed figures, or null when any is missing or none given. Its precision is the
 * finest printed among the parts: a table prints one format per column, and an export that
 * drops trailing zeros prints 70.00 as "70" (taking the coarsest would let 73.35 ≈ 72.35).
 */
export function sumOf(values: readonly (Num | null | undefined)[]): { value: number; ulp: number } | null {
  if (!values.length) return null;
  let value = 0;
  let ulp = Number.POSITIVE_INFINITY;
  for (const v of values) {
    if (!v) return null;
    value += v.value;
    ulp = Math.min(ulp, v.ulp);
  }
  return { value, ulp };
}

/** Weights (分值) are nominal, not measured: they must match exactly (float noise aside). */
export function weightsDiffer(a: number, b: number): boolean {
  return Math.abs(a - b) > 1e-6;
}
