/** Building flags: reported/expected strings, page, refs and confidence from the values involved. */
import type { Flag, FlagCodeName, Num, Provenance, Text } from '../../schemas/record.js';
import { formatNumber } from '../text/numbers.js';
import { LOW_CONFIDENCE } from './rules-data.js';

export type Involved = Num | Text | Provenance | null | undefined;

function srcOf(v: Involved): Provenance | null {
  if (v == null) return null;
  if ('src' in v) return v.src;
  return v as Provenance;
}

function sameProvenance(a: Provenance, b: Provenance): boolean {
  return (
    a.page === b.page &&
    a.line === b.line &&
    a.raw === b.raw &&
    (a.box ?? []).join(',') === (b.box ?? []).join(',')
  );
}

export interface FlagSpec {
  code: FlagCodeName;
  severity?: Flag['severity'];
  project_seq: number | null;
  field: string;
  /** The value as read (a Num is formatted, a Text used as is). */
  reported: Num | Text | number | string | null;
  expected: Num | Text | number | string | null;
  message: string;
  /** Values the flag rests on; the first one with a page gives `page` unless `reported` has one. */
  involved: Involved[];
}

function show(v: FlagSpec['reported']): string | null {
  if (v == null) return null;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v.value === 'number') return formatNumber(v.value);
  return v.value;
}

export function makeFlag(spec: FlagSpec): Flag {
  const refs: Provenance[] = [];
  const all: Involved[] = [];
  if (spec.reported != null && typeof spec.reported === 'object') all.push(spec.reported);
  if (spec.expected != null && typeof spec.expected === 'object') all.push(spec.expected);
  all.push(...spec.involved);
  for (const v of all) {
    const s = srcOf(v);
    if (s && !refs.some((r) => sameProvenance(r, s))) refs.push(s);
  }
  const page = refs.find((r) => r.page !== undefined)?.page ?? null;
  return {
    code: spec.code,
    severity: spec.severity ?? 'error',
    project_seq: spec.project_seq,
    field: spec.field,
    reported: show(spec.reported),
    expected: show(spec.expected),
    message: spec.message,
    page,
    refs,
    low_confidence: refs.some((r) => r.confidence !== undefined && r.confidence < LOW_CONFIDENCE),
    alternative_reading: null,
  };
}

export { sameProvenance };

/** Percent for messages: 0.999 → "99.9%". */
export function pct(v: number): string {
  return `${formatNumber(v * 100, 4)}%`;
}

/** A number for messages. */
export function fmt(v: number | null | undefined): string {
  return formatNumber(v);
}
