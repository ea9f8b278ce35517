/**
 * Repair of OCR'd indicator targets whose comparison sign was misread (stage between forms and
 * checks; OCR'd values only, after src/repair/index.ts's names).
 *
 * A target's column has a grammar: an optional comparison sign (≥ ≤ > < =), one number, a unit
 * (`≥23次`, `≤1055元`, `95%`). When OCR puts a character no form prints there in the sign's
 * place (COMPARISON_SIGN_MISREADS: `N23次`, `W388万元`), the cell surely carried a sign, but
 * which one the reading does not say. The row's own figures decide it, by the scoring rule of
 * FORMS.md (met → full weight; missed → actual/target × weight for ≥, target/actual × weight for ≤):
 *  - full score and actual above the number → ≥; full score and actual below → ≤;
 *  - a part score that the rule gives for exactly one of the two signs (within 0.01 point, or
 *    one unit in the last printed digit of the score) → that sign;
 *  - a row whose actual opens with the same character (`Q3季度`) printed it: left alone;
 *  - anything else (no actual, no score or weight, actual equal to the number, both or neither
 *    sign fitting) → the target is left empty, with a warning naming the reading: a wrong sign
 *    would turn a right `met` wrong, and wrong is worse than empty.
 * Every repair keeps the reading it replaced (`src.repaired_from`) and adds a warning; born-digital
 * values are never touched.
 */
import type { Indicator, Project } from '../../schemas/record.js';
import type { ParsedFiling } from '../forms/types.js';
import { parseActual, scoreFor, type Direction } from '../rules/targets.js';
import { parseNumber } from '../text/numbers.js';
import { COMPARISON_SIGN_MISREADS } from '../vocabulary/ocr.js';

/** A target read as one misread sign, then a number and its unit. */
const SIGNED = /^\s*(\S)\s*(\d[\d,]*(?:\.\d+)?\s*(?:%|‰|[\u4e00-\u9fff]{0,4}))\s*$/u;

export type SignDecision = { sign: '≥' | '≤'; reason: string } | { sign: null; reason: string };

/** Agreement of a printed score with the rule's: within 0.01 point (one unit in the last printed digit). */
const SCORE_TOLERANCE = 0.01 + 1e-9;

/**
 * The sign a target must carry for the row's figures to agree with the scoring rule
 * (src/rules/targets.ts `scoreFor`: FORMS.md's rule, one definition shared with the checks).
 * `body` is the target without its sign (`23次`); actual/weight/score as read (strings, points).
 * The sign is given only when the printed score fits the rule under exactly one of ≥ and ≤. Pure.
 */
export function decideSign(body: string, actual: string | null, weight: number | null, score: number | null): SignDecision {
  const t = parseNumber(body);
  if (!t || t.value <= 0) return { sign: null, reason: 'the target holds no positive number' };
  const a = parseActual(actual, t);
  if (a == null) return { sign: null, reason: 'no actual value to compare with' };
  if (weight == null || score == null || weight <= 0) return { sign: null, reason: 'no weight and score to tell ≥ from ≤' };
  const fits = (direction: Direction): boolean => {
    const s = scoreFor({ value: t.value, percent: t.percent, direction }, a, weight);
    return s != null && Math.abs(s - score) <= SCORE_TOLERANCE;
  };
  const forward = fits('forward');
  const reverse = fits('reverse');
  const full = Math.abs(score - weight) <= SCORE_TOLERANCE;
  const why = full
    ? `actual ${actual} ${a > t.value ? 'above' : 'below'} ${body} with full score ${score}`
    : `score ${score} = ${forward ? 'actual/target' : 'target/actual'} × ${weight}`;
  if (forward && !reverse) return { sign: '≥', reason: why };
  if (reverse && !forward) return { sign: '≤', reason: why };
  if (forward && reverse) return { sign: null, reason: `actual ${actual} and ${body} agree with the score ${score} under both signs` };
  return { sign: null, reason: `score ${score} of weight ${weight} fits neither sign` };
}

function repairIndicator(ind: Indicator): { ind: Indicator; warning: string } | null {
  const t = ind.target;
  if (!t || t.src.confidence === undefined || t.src.repaired_from !== undefined) return null;
  const m = SIGNED.exec(t.value);
  if (!m || !COMPARISON_SIGN_MISREADS.test(m[1])) return null;
  // the actual opening with the same character (`Q3季度` | `Q3季度`): printed, not misread
  if (ind.actual?.value.trim().startsWith(m[1])) return null;
  const body = m[2].replace(/\s+/g, '');
  const d = decideSign(body, ind.actual?.value ?? null, ind.weight?.value ?? null, ind.score_reported?.value ?? null);
  const what = `OCR reading of the target of '${ind.name.value}' '${t.value}' (a comparison sign read as '${m[1]}')`;
  if (!d.sign) return { ind: { ...ind, target: null }, warning: `${what} left empty: ${d.reason}` };
  const value = d.sign + body;
  return { ind: { ...ind, target: { value, src: { ...t.src, repaired_from: t.value } } }, warning: `${what} repaired to '${value}': ${d.reason}` };
}

/**
 * Repair the comparison signs of OCR'd indicator targets (see the file comment). Returns a new
 * filing (the same object when nothing changed); `warnings` gains one line per target touched.
 */
export function repairTargets(filing: ParsedFiling): ParsedFiling {
  const warnings: string[] = [];
  const projects = filing.projects.map((p): Project => {
    let changed = false;
    const indicators = p.indicators.map((ind) => {
      const r = repairIndicator(ind);
      if (!r) return ind;
      changed = true;
      warnings.push(`project ${p.seq}: ${r.warning}`);
      return r.ind;
    });
    return changed ? { ...p, indicators } : p;
  });
  return warnings.length ? { ...filing, projects, warnings: [...filing.warnings, ...warnings] } : filing;
}
