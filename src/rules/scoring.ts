/**
 * Scoring rules of the forms, as data (FORMS.md, "Scoring rules"): grade bands, the regional
 * caps on the total by execution rate, the full score. Below both the checks stage (which
 * recomputes and flags) and the stages that show grades (emit, review), so that neither
 * has to reach into the other for domain data.
 */
import type { Grade as GradeSchema } from '../../schemas/record.js';
import type { z } from 'zod';

export type Grade = z.infer<typeof GradeSchema>;

/** 优 ≥ 90, 良 80 to < 90, 中 60 to < 80, 差 < 60 (FORMS.md, scoring rules). Highest first. */
export const GRADE_THRESHOLDS: readonly { min: number; grade: Grade }[] = [
  { min: 90, grade: '优' },
  { min: 80, grade: '良' },
  { min: 60, grade: '中' },
  { min: Number.NEGATIVE_INFINITY, grade: '差' },
];

/**
 * Published regional rule capping the total score by the execution rate (FORMS.md):
 * 70–80% executed → at most 89, 60–70% → 79, below 60% → 69, below 50% → 59.
 * Tightest band first: the first band whose `below` exceeds the rate applies.
 */
export const EXECUTION_CAPS: readonly { below: number; maxScore: number; label: string }[] = [
  { below: 0.5, maxScore: 59, label: '执行率低于50%的项目总分不超过59分' },
  { below: 0.6, maxScore: 69, label: '执行率低于60%的项目总分不超过69分' },
  { below: 0.7, maxScore: 79, label: '执行率60%–70%的项目总分不超过79分' },
  { below: 0.8, maxScore: 89, label: '执行率70%–80%的项目总分不超过89分' },
];

/** Total score of a complete scoring scheme. */
export const FULL_SCORE = 100;

/** The grade a score earns (score in points, 0–100). */
export function gradeFor(score: number): Grade {
  for (const t of GRADE_THRESHOLDS) if (score >= t.min - 1e-9) return t.grade;
  return '差';
}

/** The regional cap that applies at this execution rate (a fraction), if any. */
export function capFor(rate: number): (typeof EXECUTION_CAPS)[number] | null {
  for (const c of EXECUTION_CAPS) if (rate < c.below - 1e-12) return c;
  return null;
}

/** The grade a printed text names (优秀 → 优, 良好 → 良), or null. */
export function gradeOf(text: string | null | undefined): Grade | null {
  const m = /[优良中差]/.exec(text ?? '');
  return m ? (m[0] as Grade) : null;
}
