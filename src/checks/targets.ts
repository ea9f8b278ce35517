/**
 * Quantitative targets (`≥2次`, `100%`, `≤60分钟`, `70000`): their direction and number, and
 * whether an actual value meets them. Qualitative targets (`及时`, `有效提升`) are not decided.
 */
import type { Indicator } from '../../schemas/record.js';
import { parseNumber, type ParsedNumber } from '../text/numbers.js';
import { COST_LEVEL2_WORDS, DATE_TARGET_RE, FLOAT_EPS, FORWARD_WORDS, REVERSE_WORDS } from './rules-data.js';

export type Direction = 'forward' | 'reverse';

export interface QuantTarget {
  value: number;
  percent: boolean;
  direction: Direction;
}

function hasWord(s: string, words: readonly string[]): boolean {
  return words.some((w) => s.includes(w));
}

/** The direction named by the longest direction word in the text (不超过 beats 超过, 不低于 beats 低于). */
function directionWord(s: string): Direction | null {
  let best: { len: number; dir: Direction } | null = null;
  for (const [words, dir] of [[FORWARD_WORDS, 'forward'], [REVERSE_WORDS, 'reverse']] as const) {
    for (const w of words) if (s.includes(w) && (!best || w.length > best.len)) best = { len: w.length, dir };
  }
  return best?.dir ?? null;
}

/** The number and direction of a target, or null when it is not a single quantity. */
export function parseTarget(target: string | null | undefined, level2?: string | null, name?: string | null): QuantTarget | null {
  if (target == null) return null;
  const t = target.trim();
  if (!t || DATE_TARGET_RE.test(t)) return null;
  const n = parseNumber(t);
  if (!n) return null;
  let direction: Direction;
  const word = directionWord(t);
  if (word) direction = word;
  else if (!n.percent && hasWord(`${level2 ?? ''}${name ?? ''}`, COST_LEVEL2_WORDS)) direction = 'reverse';
  else direction = 'forward';
  return { value: n.value, percent: n.percent, direction };
}

/** The actual value's number on the target's scale (a bare `98` against a `≥95%` target reads as 98%). */
export function parseActual(actual: string | null | undefined, target: QuantTarget): number | null {
  if (actual == null) return null;
  const t = actual.trim();
  if (!t || DATE_TARGET_RE.test(t)) return null;
  const n: ParsedNumber | null = parseNumber(t);
  if (!n) return null;
  if (target.percent && !n.percent && n.value > 1.5) return n.value / 100;
  if (!target.percent && n.percent && target.value > 1.5) return n.value * 100;
  return n.value;
}

/** True / false for a quantitative target with a readable actual value, null otherwise. */
export function isMet(ind: Pick<Indicator, 'target' | 'actual' | 'level2' | 'name'>): boolean | null {
  const target = parseTarget(ind.target?.value, ind.level2?.value, ind.name.value);
  if (!target) return null;
  const actual = parseActual(ind.actual?.value, target);
  if (actual == null) return null;
  return target.direction === 'forward' ? actual >= target.value - FLOAT_EPS : actual <= target.value + FLOAT_EPS;
}

/** FORMS.md: met → full weight; else actual/target × weight (正向) or target/actual × weight (反向). */
export function indicatorScore(ind: Pick<Indicator, 'target' | 'actual' | 'level2' | 'name'>, weight: number): number | null {
  const target = parseTarget(ind.target?.value, ind.level2?.value, ind.name.value);
  if (!target) return null;
  const actual = parseActual(ind.actual?.value, target);
  if (actual == null) return null;
  const met = target.direction === 'forward' ? actual >= target.value - FLOAT_EPS : actual <= target.value + FLOAT_EPS;
  if (met) return weight;
  if (target.direction === 'forward') return target.value === 0 ? null : Math.max(0, (actual / target.value) * weight);
  return actual === 0 ? null : (target.value / actual) * weight;
}
