/**
 * FUNDS_SCORE: the budget-execution score differs from weight × min(B / A, 1).
 */
import type { Flag, Num } from '../../../schemas/record.js';
import { disagrees } from '../compare.js';
import { fmt, makeFlag, pct } from '../flag.js';
import { budgetAndExecuted, budgetExecutionItem, exactValues, fundTotalRow } from '../recompute.js';
import type { RuleContext } from '../types.js';

export function fundsScore(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    const ex = exactValues(p);
    if (ex.fundsScore == null || ex.rate == null || !ex.fundsWeight) continue;
    const { a, b } = budgetAndExecuted(p);
    const item = budgetExecutionItem(p);
    const row = fundTotalRow(p);
    const printed: { v: Num; where: string }[] = [];
    if (item?.score_reported) printed.push({ v: item.score_reported, where: `评分项“${item.item.value}”` });
    if (row?.score && !(item?.score_reported && item.score_reported.value === row.score.value)) {
      printed.push({ v: row.score, where: `项目资金表“${row.name.value}”行` });
    }
    for (const { v, where } of printed) {
      if (!disagrees(v, ex.fundsScore)) continue;
      flags.push(
        makeFlag({
          code: 'FUNDS_SCORE',
          project_seq: p.seq,
          field: 'score_reported:budget_execution',
          reported: v,
          expected: ex.fundsScore,
          message: `${where}得分 ${fmt(v.value)} 与分值 ${fmt(ex.fundsWeight.value)} × 执行率 ${pct(Math.min(ex.rate, 1))} = ${fmt(ex.fundsScore)} 不符。`,
          involved: [ex.fundsWeight, a, b],
        }),
      );
    }
  }
  return flags;
}
