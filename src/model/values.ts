/**
 * Constructors of the record's provenance-carrying values, from layout's SourceRef.
 * Every parser builds its Num and Text through these, so provenance is never lost.
 */
import type { Num, Provenance, Text } from '../../schemas/record.js';
import type { SourceRef } from './layout.js';
import { roundBox } from './geometry.js';
import { normalizeText } from '../text/normalize.js';
import { parseMoney, parseNumber, parseStrictNumber, toWan, type MoneyUnit, type ParsedNumber } from '../text/numbers.js';

export function provenance(ref: SourceRef, raw: string): Provenance {
  const p: Provenance = { raw };
  if (ref.page !== undefined && ref.line === undefined) p.page = ref.page;
  if (ref.box && ref.line === undefined) {
    const b = roundBox(ref.box);
    p.box = [b.x0, b.y0, b.x1, b.y1];
  }
  if (ref.line !== undefined) p.line = ref.line;
  if (ref.confidence !== undefined) p.confidence = Math.round(ref.confidence * 1000) / 1000;
  return p;
}

export function textValue(value: string, ref: SourceRef, raw: string = value): Text {
  return { value: normalizeText(value), src: provenance(ref, raw) };
}

/** Text value, or null when the normalized text is empty. */
export function textOrNull(raw: string | null | undefined, ref: SourceRef): Text | null {
  if (raw == null) return null;
  const v = normalizeText(raw);
  return v ? { value: v, src: provenance(ref, raw) } : null;
}

export function numValue(parsed: ParsedNumber, ref: SourceRef, raw: string): Num {
  return { value: parsed.value, ulp: parsed.ulp, src: provenance(ref, raw) };
}

/** A number from a cell or phrase (lenient: units and signs around it allowed). */
export function numFrom(raw: string | null | undefined, ref: SourceRef): Num | null {
  const p = parseNumber(raw);
  return p ? numValue(p, ref, raw!) : null;
}

/** A number from a cell that must hold nothing else. */
export function strictNumFrom(raw: string | null | undefined, ref: SourceRef): Num | null {
  const p = parseStrictNumber(raw);
  return p ? numValue(p, ref, raw!) : null;
}

/**
 * An amount printed in `unit` (the form's 资金单位), converted to 万元. A unit the cell prints
 * itself (`600万`, `183,206.5元`) wins over the form's; amounts as people write them are read
 * by `parseMoney` (thousands separators, a bracketed breakdown after the amount, a total
 * printed twice), other cells holding one number as before.
 */
export function moneyFrom(raw: string | null | undefined, ref: SourceRef, unit: MoneyUnit): Num | null {
  const m = parseMoney(raw);
  if (m) return numValue(toWan(m.n, m.unit ?? unit), ref, raw!);
  const p = parseNumber(raw);
  if (!p || p.percent) return null;
  return numValue(toWan(p, unit), ref, raw!);
}

/** Does a cell hold one amount as `parseMoney` reads it? */
export function isMoneyText(raw: string | null | undefined): boolean {
  return parseMoney(raw) !== null;
}
