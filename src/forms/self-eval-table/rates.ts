/**
 * Execution rates as forms print them: `97.50%`; `97.50` under a header that carries the
 * percent sign (`执行率（%）`); a fraction `0.9750` (a spreadsheet cell whose % format was lost);
 * a printed zero (`0`, `0%`, `0.00%` is 0, not empty). Anything else is not guessed.
 * Source: contract v2 conventions (rates as fractions, a printed zero is 0); issue 8 kinds 11, 14.
 */
import type { Num } from '../../../schemas/record.js';
import type { SourceRef } from '../../model/layout.js';
import { numValue } from '../../model/values.js';
import { parseStrictNumber, roundTo } from '../../text/numbers.js';
import { EMPTY_MARKS } from '../../vocabulary/categories.js';

/** A header that names the percent as its unit: `执行率（%）`, `执行率%`, `执行率(百分比)`. */
const PERCENT_HEADER = /[(（]\s*(?:%|％|百分比)\s*[)）]|[%％]\s*$/u;

/** Dashes and blanks that say "nothing printed here" (a lone % is the template's unit, no figure). */
const NOTHING = new RegExp(`^[\\s${EMPTY_MARKS}%％]*$`, 'u');

export interface RateReading {
  /** The rate as a fraction, or null. */
  rate: Num | null;
  /** Set when the cell printed something that is not read as a rate (the caller warns). */
  unread?: string;
  /** Set when the rate was read by a rule worth telling (a bare number taken as percent). */
  note?: string;
}

/**
 * Read one rate cell. `header` is the column's header text (its unit hint).
 * Shapes: `12.5%` → 0.125; `97.50` under `（%）` → 0.975 (ulp 0.0001); `0.9750` → 0.975 (a
 * number ≤ 1.5 without %: a fraction); a bare number in (1.5, 1000] without a hint → percent,
 * with a note; `—` / empty → null without complaint; other text → null with `unread`.
 */
export function readRate(raw: string, ref: SourceRef, header: string | null = null): RateReading {
  const text = raw.trim();
  if (NOTHING.test(text)) return { rate: null };
  const p = parseStrictNumber(text);
  if (!p) return { rate: null, unread: text };
  if (p.percent) return { rate: numValue(p, ref, raw) };
  const asPercent = (): Num => {
    const d = Math.max(0, Math.round(-Math.log10(p.ulp)));
    return numValue({ value: roundTo(p.value / 100, d + 2), ulp: roundTo(p.ulp / 100, d + 2), percent: true }, ref, raw);
  };
  if (header && PERCENT_HEADER.test(header)) return { rate: asPercent() };
  if (p.value >= 0 && p.value <= 1.5) return { rate: numValue(p, ref, raw) };
  if (p.value > 1.5 && p.value <= 1000) return { rate: asPercent(), note: `rate ${text} read as ${text}% (no % printed)` };
  return { rate: null, unread: text };
}
