/**
 * BUDGET_SUM: parts that do not add up to their printed total — funding sources, expense
 * items, sub-projects vs their 合计; a declaration's 合计 vs 项目当年预算; the 其中 rows of a
 * 项目资金 table vs its 年度资金总额 row; a report's summary-table rows vs its 合计 row.
 */
import type { BudgetLine, Flag, FundRow, Num } from '../../../schemas/record.js';
import { BUDGET_LINE_KINDS } from '../../../schemas/record.js';
import { disagrees, sumOf } from '../compare.js';
import { fmt, makeFlag } from '../flag.js';
import { fundPartRows, fundTotalRow } from '../recompute.js';
import type { RuleContext } from '../types.js';

const KIND_LABEL: Record<(typeof BUDGET_LINE_KINDS)[number], string> = {
  funding_source: '资金来源',
  expense_item: '支出明细',
  sub_project: '子项目',
};

const FUND_COLUMNS: { key: 'initial_budget_wan' | 'budget_wan' | 'executed_wan'; label: string }[] = [
  { key: 'initial_budget_wan', label: '年初预算数' },
  { key: 'budget_wan', label: '全年预算数' },
  { key: 'executed_wan', label: '全年执行数' },
];

function isBlankRow(r: FundRow): boolean {
  return !r.initial_budget_wan && !r.budget_wan && !r.executed_wan && !r.execution_rate && !r.score;
}

/**
 * Numbered lines (`1.财政拨款` `2.其他资金`) with a number missing below the highest one: a row
 * was not read (a scan's line lost), so their sum says nothing about the 合计. Seen on a scanned
 * declaration whose `1.` row was not read: 合计 212.97 against `2.其他资金` 53.24 alone.
 */
export function numberingGap(lines: readonly BudgetLine[]): boolean {
  const seen = new Set<number>();
  for (const l of lines) {
    const m = /^\s*[(（]?(\d{1,2})\s*[.、．)）]/.exec(l.name?.src?.raw ?? l.name?.value ?? '');
    if (m) seen.add(Number(m[1]));
  }
  if (!seen.size) return false;
  const top = Math.max(...seen);
  for (let k = 1; k < top; k++) if (!seen.has(k)) return true;
  return false;
}

export function budgetSum(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    for (const kind of BUDGET_LINE_KINDS) {
      const lines = p.budget_lines.filter((l) => l.kind === kind);
      const total = p.budget_line_totals[kind];
      const sum = sumOf(lines.map((l) => l.amount_wan));
      if (total && sum && !numberingGap(lines) && disagrees(total, sum.value, sum.ulp)) {
        flags.push(
          makeFlag({
            code: 'BUDGET_SUM',
            project_seq: p.seq,
            field: `amount_wan:${kind}`,
            reported: total,
            expected: sum.value,
            message: `${KIND_LABEL[kind]}合计 ${fmt(total.value)} 万元与各行之和 ${fmt(sum.value)} 万元不符，请核对各行金额与合计。`,
            involved: lines.map((l) => l.amount_wan),
          }),
        );
      }
      // A declaration's 资金来源 and 支出明细 totals must equal 项目当年预算.
      if (ctx.filing.doc_type === 'declaration' && kind !== 'sub_project' && total && p.budget_wan && disagrees(total, p.budget_wan.value, p.budget_wan.ulp)) {
        flags.push(
          makeFlag({
            code: 'BUDGET_SUM',
            project_seq: p.seq,
            field: `budget_wan:${kind}`,
            reported: total,
            expected: p.budget_wan,
            message: `${KIND_LABEL[kind]}合计 ${fmt(total.value)} 万元与项目当年预算 ${fmt(p.budget_wan.value)} 万元不符。`,
            involved: [],
          }),
        );
      }
    }

    const totalRow = fundTotalRow(p);
    const parts = fundPartRows(p);
    if (totalRow && parts.length) {
      for (const col of FUND_COLUMNS) {
        const t: Num | null = totalRow[col.key];
        // A 其中 row left wholly blank is a source that brought no money (中央补助 ……): it adds 0.
        // A row with some amounts but not this one is unreadable: no sum then.
        const used = parts.filter((r) => !isBlankRow(r));
        const sum = used.length ? sumOf(used.map((r: FundRow) => r[col.key])) : null;
        if (t && sum && disagrees(t, sum.value, sum.ulp)) {
          flags.push(
            makeFlag({
              code: 'BUDGET_SUM',
              project_seq: p.seq,
              field: `${col.key}:fund_rows`,
              reported: t,
              expected: sum.value,
              message: `项目资金表“${totalRow.name.value}”${col.label} ${fmt(t.value)} 万元与其中各项之和 ${fmt(sum.value)} 万元不符。`,
              involved: used.map((r) => r[col.key]),
            }),
          );
        }
      }
    }
  }

  const st = ctx.filing.summary_table;
  if (st && st.rows.length) {
    const cols = [
      { total: st.total_budget_wan, values: st.rows.map((r) => r.budget_wan), field: 'budget_wan:summary_table', label: '预算数' },
      { total: st.total_executed_wan, values: st.rows.map((r) => r.executed_wan), field: 'executed_wan:summary_table', label: '全年执行数' },
    ];
    for (const c of cols) {
      const sum = sumOf(c.values);
      if (c.total && sum && disagrees(c.total, sum.value, sum.ulp)) {
        flags.push(
          makeFlag({
            code: 'BUDGET_SUM',
            project_seq: null,
            field: c.field,
            reported: c.total,
            expected: sum.value,
            message: `汇总表${c.label}合计 ${fmt(c.total.value)} 万元与各项目之和 ${fmt(sum.value)} 万元不符。`,
            involved: c.values,
          }),
        );
      }
    }
  }
  return flags;
}
