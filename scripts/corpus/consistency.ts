/**
 * Self-check of the corpus's truth: a clean filing (no injected code) must be consistent in every
 * figure it states, and an injected filing must expect exactly the codes injected. Returns one
 * line per problem ([] = consistent). Tolerances: the printed precision of the generator
 * (rates to 0.0005, the total to 0.006 of the sum with the funds score recomputed, money to 1e-6).
 */
import type { ExpProject, Expected } from '../samples/types.js';
import { gradeOf } from '../samples/types.js';

const near = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol + 1e-9;

export function truthProblems(exp: Expected, injected: readonly string[]): string[] {
  const out: string[] = [];
  const id = exp.doc_id;
  const codes = [...new Set(exp.flags.map((f) => f.code))].sort();
  const inj = [...new Set(injected)].sort();
  if (JSON.stringify(codes) !== JSON.stringify(inj)) out.push(`${id}: flags ${codes.join(',') || '-'} but injected ${inj.join(',') || '-'}`);
  if (injected.length) return out;
  for (const p of exp.projects as (ExpProject & Record<string, unknown>)[]) {
    const at = `${id} project ${p.project_seq}`;
    if (p.score_reported != null) {
      if (p.grade_expected !== gradeOf(p.score_reported)) out.push(`${at}: grade_expected ${p.grade_expected} for ${p.score_reported}`);
      if (p.grade_reported != null && p.grade_reported !== gradeOf(p.score_reported)) out.push(`${at}: grade ${p.grade_reported} printed for ${p.score_reported}`);
      if (p.score_recomputed != null && !near(p.score_reported, p.score_recomputed, 0.006)) out.push(`${at}: total ${p.score_reported} vs recomputed ${p.score_recomputed}`);
    }
    if (p.execution_rate_reported != null && p.execution_rate_recomputed != null && !near(p.execution_rate_reported, p.execution_rate_recomputed, 0.0005))
      out.push(`${at}: rate ${p.execution_rate_reported} vs ${p.execution_rate_recomputed}`);
    if (p.budget_wan != null && p.executed_wan != null && p.execution_rate_recomputed != null && p.budget_wan > 0 && !near(p.executed_wan / p.budget_wan, p.execution_rate_recomputed, 0.00005))
      out.push(`${at}: recomputed rate ${p.execution_rate_recomputed} is not B/A`);
    for (const kind of ['funding_source', 'expense_item'] as const) {
      const ls = (p.budget_lines ?? []).filter((l) => l.kind === kind);
      if (ls.length && p.budget_wan != null && exp.doc_type !== 'self_eval_report') {
        const sum = ls.reduce((a, l) => a + (l.amount_wan ?? 0), 0);
        if (!near(sum, p.budget_wan, 1e-6)) out.push(`${at}: ${kind} lines add up to ${sum}, budget ${p.budget_wan}`);
      }
    }
    for (const i of p.indicators ?? []) {
      if (i.weight != null && i.score_reported != null && i.score_reported > i.weight) out.push(`${at}: ${i.name} scores ${i.score_reported} over ${i.weight}`);
    }
    for (const s of p.scores ?? []) {
      if (s.weight != null && s.score_reported != null && s.score_reported > s.weight) out.push(`${at}: ${s.section}/${s.item} scores ${s.score_reported} over ${s.weight}`);
    }
  }
  return out;
}
