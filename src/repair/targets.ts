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
import { parseNumber } from '../text/numbers.js';
import { COMPARISON_SIGN_MISREADS } from '../vocabulary/ocr.js';

/** A target read as one misread sign, then a number and its unit. */
const SIGNED = /^\s*(\S)\s*(\d[\d,]*(?:\.\d+)?\s*(?:%|‰|[\u4e00-\u9fff]{0,4}))\s*$/u;

export type SignDecision = { sign: '≥' | '≤'; reason: string } | { sign: null; reason: string };

/**
 * The sign a target must carry for the row's figures to agree with the scoring rule.
 * `body` is the target without its sign (`23次`); actual/weight/score as read (strings, numbers).
 * Pure.
 */
export function decideSign(body: string, actual: string | null, weight: number | null, score: number | null): SignDecision {
  const t = parseNumber(body);
  if (!t || t.value <= 0) return { sign: null, reason: 'the target holds no positive number' };
  const a0 = parseNumber(actual);
  if (!a0) return { sign: null, reason: 'no actual value to compare with' };
  // a bare 98 against a 95% target reads as 98% (as the checks read it)
  let a = a0.value;
  if (t.percent && !a0.percent && a > 1.5) a /= 100;
  if (!t.percent && a0.percent && t.value > 1.5) a *= 100;
  if (weight == null || score == null || weight <= 0) return { sign: null, reason: 'no weight and score to tell ≥ from ≤' };
  const tol = 0.01 + 1e-9;
  if (Math.abs(score - weight) <= tol) {
    if (a > t.value) return { sign: '≥', reason: `actual ${actual} above ${body} with full score ${score}` };
    if (a < t.value) return { sign: '≤', reason: `actual ${actual} below ${body} with full score ${score}` };
    return { sign: null, reason: `actual ${actual} equals ${body}: both signs agree with the full score` };
  }
  if (score > weight || a <= 0) return { sign: null, reason: `score ${score} of weight ${weight} fits neither sign` };
  const forward = a < t.value && Math.abs((a / t.value) * weight - score) <= tol;
  const reverse = a > t.value && Math.abs((t.value / a) * weight - score) <= tol;
  if (forward && !reverse) return { sign: '≥', reason: `score ${score} = actual/target × ${weight}` };
  if (reverse && !forward) return { sign: '≤', reason: `score ${score} = target/actual × ${weight}` };
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
