/**
 * FUNDS_SCORE: the budget-execution score differs from weight × min(B / A, 1). The score is
 * read from the item that stands for budget execution (a 项目资金 item, the 年度资金总额 row, or
 * a 预算执行率 row scored as an ordinary row under 项目管理 / 过程 in a 4-section grid); the rate
 * is B / A, or, where A and B are not both printed, the row's own printed 全年实际值 (or the
 * printed execution rate), whose printed precision then counts in the comparison.
 */
import type { Flag, Num } from '../../../schemas/record.js';
import { disagrees } from '../compare.js';
import { fmt, makeFlag, pct } from '../flag.js';
import { budgetAndExecuted, budgetExecutionIndicator, budgetExecutionItem, exactValues, fundTotalRow } from '../recompute.js';
import type { RuleContext } from '../types.js';

export function fundsScore(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    const ex = exactValues(p);
    const rate = ex.rate ?? ex.rateFrom?.value ?? null;
    if (ex.fundsScore == null || rate == null || !ex.fundsWeight) continue;
    const { a, b } = budgetAndExecuted(p);
    const item = budgetExecutionItem(p);
    const ind = budgetExecutionIndicator(p);
    const row = fundTotalRow(p);
    const printed: { v: Num; where: string }[] = [];
    if (item?.score_reported) printed.push({ v: item.score_reported, where: `评分项“${item.item.value}”` });
    if (ind?.score_reported) printed.push({ v: ind.score_reported, where: `指标“${ind.name.value}”` });
    if (row?.score && !printed.some((x) => x.v.value === row.score!.value)) {
      printed.push({ v: row.score, where: `项目资金表“${row.name.value}”行` });
    }
    // A printed rate (100%) is itself rounded: weight × its last unit is the slack it brings.
    const slack = ex.rate == null && ex.rateFrom ? ex.fundsWeight.value * ex.rateFrom.ulp : 0;
    const from = ex.rate != null ? `执行率 ${pct(Math.min(rate, 1))}` : `所填执行率 ${pct(Math.min(rate, 1))}`;
    for (const { v, where } of printed) {
      if (!disagrees(v, ex.fundsScore, slack)) continue;
      flags.push(
        makeFlag({
          code: 'FUNDS_SCORE',
          project_seq: p.seq,
          field: 'score_reported:budget_execution',
          reported: v,
          expected: ex.fundsScore,
          message: `${where}得分 ${fmt(v.value)} 与分值 ${fmt(ex.fundsWeight.value)} × ${from} = ${fmt(ex.fundsScore)} 不符。`,
          involved: ex.rate != null ? [ex.fundsWeight, a, b] : [ex.fundsWeight, ex.rateFrom],
        }),
      );
    }
  }
  return flags;
}
