/**
 * EXEC_RATE: a printed execution rate (header, a 项目资金 row, the prose) that differs from B / A.
 */
import type { Flag, Num } from '../../../schemas/record.js';
import { disagrees } from '../compare.js';
import { fmt, makeFlag, pct } from '../flag.js';
import { budgetAndExecuted, exactRate, fundTotalRow } from '../recompute.js';
import type { RuleContext } from '../types.js';

export function execRate(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    const { a, b } = budgetAndExecuted(p);
    const rate = exactRate(a, b);
    const check = (printed: Num | null, expected: number | null, field: string, where: string, aa: Num | null, bb: Num | null) => {
      if (!printed || expected == null || !disagrees(printed, expected)) return;
      flags.push(
        makeFlag({
          code: 'EXEC_RATE',
          project_seq: p.seq,
          field,
          reported: printed,
          expected,
          message: `${where}预算执行率 ${pct(printed.value)} 与执行数/预算数 ${fmt(bb?.value)}/${fmt(aa?.value)} = ${pct(expected)} 不符，请核对执行率或金额。`,
          involved: [aa, bb],
        }),
      );
    };
    check(p.execution_rate_reported, rate, 'execution_rate_reported', '', a, b);
    const total = fundTotalRow(p);
    for (const row of p.fund_rows) {
      // The total row printed in the header too is the same figure: one flag is enough.
      if (row === total && p.execution_rate_reported && row.execution_rate && row.execution_rate.value === p.execution_rate_reported.value) continue;
      const own = exactRate(row.budget_wan, row.executed_wan);
      const useProject = own == null && row === total;
      check(
        row.execution_rate,
        useProject ? rate : own,
        `execution_rate_reported:${row.name.value}`,
        `项目资金表“${row.name.value}”行`,
        useProject ? a : row.budget_wan,
        useProject ? b : row.executed_wan,
      );
    }
    // The prose's rate: against its own amounts when it states them; against the project's
    // B / A only when the table prints no rate (otherwise prose vs table is CROSS_REF's).
    const n = p.narrative;
    if (n?.execution_rate) {
      const own = exactRate(n.budget_wan, n.executed_wan);
      if (own != null) check(n.execution_rate, own, 'execution_rate_reported:narrative', '报告正文所述', n.budget_wan, n.executed_wan);
      else if (!p.execution_rate_reported) check(n.execution_rate, rate, 'execution_rate_reported:narrative', '报告正文所述', a, b);
    }
  }
  return flags;
}
