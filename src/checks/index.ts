/**
 * The checks stage: recomputation (B/A, the budget-execution score, the total, the grade the
 * printed score earns, indicators' `met`, items' `score_recomputed`) and one pure rule per
 * flag code. Input is never mutated.
 */
import { annotateOcrReading } from './ocr-readings.js';
import type { Flag, Project } from '../../schemas/record.js';
import { DOC_FLAG_CODES, FLAG_CODES } from '../../schemas/record.js';
import { sameProvenance } from './flag.js';
import { recomputeProjectWithNotes } from './recompute.js';
import { budgetSum } from './rules/budget-sum.js';
import { crossRef } from './rules/cross-ref.js';
import { entity } from './rules/entity.js';
import { execRate } from './rules/exec-rate.js';
import { fundsScore } from './rules/funds-score.js';
import { grade } from './rules/grade.js';
import { scoreOverWeight } from './rules/score-over-weight.js';
import { targetMissed } from './rules/target-missed.js';
import { totalScore } from './rules/total-score.js';
import type { CheckedFiling, Rule, RuleContext } from './types.js';

export type { CheckedFiling, Rule, RuleContext } from './types.js';
export { recomputeProject, gradeFor, capFor } from './recompute.js';
export { isMet, parseTarget, indicatorScore } from '../rules/targets.js';

/** Every per-document rule, by the code it raises (pair codes are raised by src/links). */
export const RULES: Record<(typeof DOC_FLAG_CODES)[number], Rule> = {
  BUDGET_SUM: budgetSum,
  EXEC_RATE: execRate,
  FUNDS_SCORE: fundsScore,
  TOTAL_SCORE: totalScore,
  SCORE_OVER_WEIGHT: scoreOverWeight,
  GRADE: grade,
  CROSS_REF: crossRef,
  ENTITY: entity,
  TARGET_MISSED: targetMissed,
};

function cmp(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : 1;
}

/** Deterministic order: document-level first, then by project, code (contract order), field, values. */
export function compareFlags(x: Flag, y: Flag): number {
  return (
    cmp(x.project_seq, y.project_seq) ||
    cmp(FLAG_CODES.indexOf(x.code), FLAG_CODES.indexOf(y.code)) ||
    cmp(x.field, y.field) ||
    cmp(x.reported, y.reported) ||
    cmp(x.expected, y.expected) ||
    cmp(x.message, y.message)
  );
}

/** One flag per code, project, field and pair of values at the same place. */
function dedupe(flags: Flag[]): Flag[] {
  const out: Flag[] = [];
  for (const f of flags) {
    const dup = out.some(
      (g) =>
        g.code === f.code &&
        g.project_seq === f.project_seq &&
        g.field === f.field &&
        g.reported === f.reported &&
        g.expected === f.expected &&
        (g.refs[0] && f.refs[0] ? sameProvenance(g.refs[0], f.refs[0]) : g.refs.length === f.refs.length),
    );
    if (!dup) out.push(f);
  }
  return out;
}

/**
 * Recompute every project and run every rule. Returns the projects with `recomputed`, `met`
 * and `score_recomputed` filled, the flags in a deterministic order, and `warnings` for the
 * record (`project N: …`: how a recomputed value was completed where a figure was unreadable).
 */
export function runChecks(filing: CheckedFiling): { projects: Project[]; flags: Flag[]; warnings: string[] } {
  const warnings: string[] = [];
  const projects = filing.projects.map((p) => {
    const r = recomputeProjectWithNotes(structuredClone(p));
    warnings.push(...r.notes.map((note) => `project ${p.seq}: score_recomputed: ${note}`));
    return r.project;
  });
  const notes: string[] = [];
  const ctx: RuleContext = { filing, projects, notes };
  const flags: Flag[] = [];
  for (const code of DOC_FLAG_CODES) flags.push(...RULES[code](ctx));
  warnings.push(...[...new Set(notes)]);
  return { projects, flags: dedupe(flags).map(annotateOcrReading).sort(compareFlags), warnings };
}
