/**
 * GRADE: the printed grade is not the grade the printed score earns. When a known regional
 * cap on the total by execution rate explains the printed grade, the message says so.
 */
import type { Flag } from '../../../schemas/record.js';
import { fmt, makeFlag, pct } from '../flag.js';
import { budgetAndExecuted, capFor, exactValues, gradeFor, gradeOf } from '../recompute.js';
import type { RuleContext } from '../types.js';

export function grade(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    const expected = p.recomputed.grade_expected;
    const printed = p.grade_reported;
    const printedGrade = gradeOf(printed?.value);
    // A grade that names none of 优/良/中/差 (合格, 通过) is not decidable here.
    if (!expected || !printed || !printedGrade || !p.score_reported || printedGrade === expected) continue;
    const rate = exactValues(p).rate ?? p.execution_rate_reported?.value ?? null;
    const cap = rate == null ? null : capFor(rate);
    let message = `自评得分 ${fmt(p.score_reported.value)} 对应等级应为“${expected}”，表中填报为“${printed.value}”`;
    if (cap && rate != null && gradeFor(Math.min(p.score_reported.value, cap.maxScore)) === printedGrade) {
      message += `；预算执行率 ${pct(rate)}，按“${cap.label}”的地方规则封顶后恰为“${printedGrade}”，请确认该规则是否适用`;
    }
    message += '。';
    const { a, b } = budgetAndExecuted(p);
    flags.push(
      makeFlag({
        code: 'GRADE',
        project_seq: p.seq,
        field: 'grade_reported',
        reported: printed,
        expected,
        message,
        involved: [p.score_reported, ...(cap ? [a, b] : [])],
      }),
    );
  }
  return flags;
}
