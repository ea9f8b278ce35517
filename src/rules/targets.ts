/**
 * Quantitative indicator targets and the scoring rule over them, as one definition below every
 * stage that needs it: the checks (met, recomputed indicator scores), the OCR repair of a
 * misread comparison sign (src/repair/targets.ts, which asks which sign the printed score fits)
 * and the links (a target's meaning across years).
 *
 * A target (`≥2次`, `100%`, `≤60分钟`, `70000`) is a number, a unit and a direction: 正向 (a floor,
 * larger is better) or 反向 (a ceiling). Qualitative targets (`及时`, `有效提升`) and dates are not
 * decided. The scoring rule is FORMS.md's ("Scoring rules", the indicator rows of 绩效自评表):
 * met → the full weight; missed → actual / target × weight (正向) or target / actual × weight (反向).
 */
import { parseNumber, type ParsedNumber } from '../text/numbers.js';

/** Slack for float noise on top of the printed-precision rule. */
export const FLOAT_EPS = 1e-9;

/** Words before or after a target's number that make it a ceiling (反向: smaller is better). */
export const REVERSE_WORDS: readonly string[] = [
  '≤', '<', '不高于', '不超过', '不超出', '不多于', '不大于', '低于', '少于', '小于', '以内', '以下', '之内', '控制在', '内',
];
/** Words that make a target a floor (正向: larger is better). The longest word found in a target decides. */
export const FORWARD_WORDS: readonly string[] = ['≥', '>', '不低于', '不少于', '不小于', '达到', '以上', '超过', '大于', '高于', '多于'];

/** 二级指标 (or indicator names) whose plain-number target is a cap (成本指标: cost must not exceed). */
export const COST_LEVEL2_WORDS: readonly string[] = ['成本'];

/** Targets naming a date or a period are not decided numerically ("2019年12月底前", "第四季度"). */
export const DATE_TARGET_RE = /\d{4}\s*年|\d{1,2}\s*月|季度|\d{1,2}\s*日(?!内)/;

/** 正向 (a floor: larger is better) or 反向 (a ceiling: smaller is better). */
export type Direction = 'forward' | 'reverse';

/** A target's number (a fraction when `percent`: `95%` → 0.95), whether it was a percentage, and its direction. */
export interface QuantTarget {
  value: number;
  percent: boolean;
  direction: Direction;
}

/** The fields of an indicator row that the rule reads (a subset of schemas/record.ts `Indicator`). */
export interface TargetRow {
  target?: { value: string } | null;
  actual?: { value: string } | null;
  level2?: { value: string } | null;
  name: { value: string };
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

/**
 * The number and direction of a target, or null when it is not a single quantity (qualitative,
 * a date, empty). Without a direction word a plain number is 正向, except under a 成本 二级指标.
 */
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

/**
 * The actual value's number on the target's scale, or null when it holds no number (or a date):
 * a bare `98` against a `≥95%` target reads as 98% (0.98); `98%` against a plain `95` reads as 98.
 */
export function parseActual(actual: string | null | undefined, target: Pick<QuantTarget, 'value' | 'percent'>): number | null {
  if (actual == null) return null;
  const t = actual.trim();
  if (!t || DATE_TARGET_RE.test(t)) return null;
  const n: ParsedNumber | null = parseNumber(t);
  if (!n) return null;
  if (target.percent && !n.percent && n.value > 1.5) return n.value / 100;
  if (!target.percent && n.percent && target.value > 1.5) return n.value * 100;
  return n.value;
}

/** Whether an actual number (on the target's scale) meets the target, within FLOAT_EPS. */
export function meets(target: QuantTarget, actual: number): boolean {
  return target.direction === 'forward' ? actual >= target.value - FLOAT_EPS : actual <= target.value + FLOAT_EPS;
}

/**
 * The score the rule gives an actual number against a target of weight `weight` (points):
 * met → weight; missed → max(0, actual / target × weight) for 正向, target / actual × weight for 反向.
 * Null when the quotient is undefined (a 正向 target of 0, a 反向 actual of 0).
 */
export function scoreFor(target: QuantTarget, actual: number, weight: number): number | null {
  if (meets(target, actual)) return weight;
  if (target.direction === 'forward') return target.value === 0 ? null : Math.max(0, (actual / target.value) * weight);
  return actual === 0 ? null : (target.value / actual) * weight;
}

/** True / false for a quantitative target with a readable actual value, null otherwise. */
export function isMet(ind: TargetRow): boolean | null {
  const target = parseTarget(ind.target?.value, ind.level2?.value, ind.name.value);
  if (!target) return null;
  const actual = parseActual(ind.actual?.value, target);
  return actual == null ? null : meets(target, actual);
}

/** The indicator's score by the rule (see `scoreFor`), or null when target or actual is not a quantity. */
export function indicatorScore(ind: TargetRow, weight: number): number | null {
  const target = parseTarget(ind.target?.value, ind.level2?.value, ind.name.value);
  if (!target) return null;
  const actual = parseActual(ind.actual?.value, target);
  return actual == null ? null : scoreFor(target, actual, weight);
}
