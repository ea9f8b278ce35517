/**
 * CROSS_REF: one figure printed twice in a document with different values — a report's
 * summary-table row vs the project's own (attached) table; the prose ("实际使用金额为 …",
 * "该指标得分为 N 分", "自评得分 …") vs the table.
 */
import type { Flag, Num, Project, Text } from '../../../schemas/record.js';
import { disagrees, weightsDiffer } from '../compare.js';
import { fmt, makeFlag, pct, sameProvenance } from '../flag.js';
import { fundTotalRow, gradeOf, nameKey } from '../recompute.js';
import { proseFigures, textBlocks, type ProseFigure } from '../prose.js';
import type { RuleContext } from '../types.js';

function sameSource(a: Num | Text, b: Num | Text): boolean {
  return sameProvenance(a.src, b.src);
}

export function crossRef(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    const num = (field: string, other: Num | null, mine: Num | null, where: string, label: string, asRate = false) => {
      if (!other || !mine || sameSource(other, mine)) return;
      if (!disagrees(other, mine.value, mine.ulp)) return;
      const show = asRate ? pct : fmt;
      flags.push(
        makeFlag({
          code: 'CROSS_REF',
          project_seq: p.seq,
          field,
          reported: other,
          expected: mine,
          message: `${where}的${label} ${show(other.value)} 与项目表中的 ${show(mine.value)} 不一致，请核对以哪一处为准。`,
          involved: [],
        }),
      );
    };
    const grade = (field: string, other: Text | null, mine: Text | null, where: string) => {
      if (!other || !mine || sameSource(other, mine)) return;
      const g1 = gradeOf(other.value);
      const g2 = gradeOf(mine.value);
      if (!g1 || !g2 || g1 === g2) return;
      flags.push(
        makeFlag({
          code: 'CROSS_REF',
          project_seq: p.seq,
          field,
          reported: other,
          expected: mine,
          message: `${where}的自评等级“${other.value}”与项目表中的“${mine.value}”不一致。`,
          involved: [],
        }),
      );
    };

    const row = p.summary_row;
    if (row) {
      num('budget_wan:summary_table', row.budget_wan, p.budget_wan, '汇总表', '预算数');
      num('executed_wan:summary_table', row.executed_wan, p.executed_wan, '汇总表', '全年执行数');
      num('score_reported:summary_table', row.score, p.score_reported, '汇总表', '得分');
      grade('grade_reported:summary_table', row.grade, p.grade_reported, '汇总表');
    }
    const n = p.narrative;
    if (n) {
      num('budget_wan:narrative', n.budget_wan, p.budget_wan, '报告正文', '预算数');
      num('executed_wan:narrative', n.executed_wan, p.executed_wan, '报告正文', '执行数');
      num('execution_rate_reported:narrative', n.execution_rate, p.execution_rate_reported, '报告正文', '执行率', true);
      num('score_reported:narrative', n.total_score, p.score_reported, '报告正文', '自评得分');
      grade('grade_reported:narrative', n.grade, p.grade_reported, '报告正文');
      for (const sw of n.section_weights) {
        const st = p.section_totals.find((x) => x.weight && nameKey(x.section) === nameKey(sw.section.value));
        if (!st?.weight || sameSource(st.weight, sw.weight) || !weightsDiffer(st.weight.value, sw.weight.value)) continue;
        flags.push(
          makeFlag({
            code: 'CROSS_REF',
            project_seq: p.seq,
            field: `weight:${sw.section.value}`,
            reported: sw.weight,
            expected: st.weight,
            message: `报告正文所述“${sw.section.value}”分值 ${fmt(sw.weight.value)} 与评分表中的 ${fmt(st.weight.value)} 不一致。`,
            involved: [sw.section],
          }),
        );
      }
      for (const is of n.indicator_scores) {
        const target = findScored(p, is.name.value);
        if (!target) continue;
        num(`score_reported:${is.name.value}`, is.score, target.score, '报告正文', `“${is.name.value}”得分`);
        num(`weight:${is.name.value}`, is.weight, target.weight, '报告正文', `“${is.name.value}”分值`);
      }
    }
    if (ctx.filing.doc_type !== 'self_eval_report') flags.push(...proseCrossRef(p));
  }
  return flags;
}

const FIELD_LABEL: Record<ProseFigure['field'], string> = {
  budget_wan: '预算数',
  executed_wan: '执行数',
  score_reported: '自评得分',
  execution_rate_reported: '执行率',
};

/**
 * Figures stated in the text blocks of a declaration or self-evaluation table vs the fields
 * they name: a budget of the form's own year (or 当年 / 全年) vs 项目当年预算 / 全年预算数 /
 * 年初预算数, an expenditure vs 全年执行数, 自评得分 vs the printed total. No flag when the
 * figure agrees with any field its words can name; a figure of another year is left to
 * prior_year_budgets. A weakly bound or OCR'd figure gives a warning.
 */
function proseCrossRef(p: Project): Flag[] {
  const flags: Flag[] = [];
  const row = fundTotalRow(p);
  const year = p.fiscal_year?.value ?? null;
  const candidates = (field: ProseFigure['field']): Num[] => {
    const xs: (Num | null | undefined)[] =
      field === 'budget_wan'
        ? [p.budget_wan, p.initial_budget_wan, row?.budget_wan, row?.initial_budget_wan]
        : field === 'executed_wan'
          ? [p.executed_wan, row?.executed_wan]
          : field === 'score_reported'
            ? [p.score_reported]
            : [p.execution_rate_reported];
    return xs.filter((x): x is Num => x != null);
  };
  for (const block of textBlocks(p)) {
    for (const fig of proseFigures(block.text)) {
      if (fig.year != null && (year == null || fig.year !== year)) continue;
      const mine = candidates(fig.field);
      if (!mine.length || mine.some((m) => sameProvenance(m.src, fig.value.src) || !disagrees(fig.value, m.value, m.ulp))) continue;
      const ocr = block.text.src.confidence !== undefined;
      flags.push(
        makeFlag({
          code: 'CROSS_REF',
          severity: fig.strong && !ocr ? 'error' : 'warning',
          project_seq: p.seq,
          field: `${fig.field}:${block.label}`,
          reported: fig.value,
          expected: mine[0],
          message:
            `“${block.label}”中所述“${fig.phrase}”（${FIELD_LABEL[fig.field]} ${fmt(fig.value.value)}）与表中的 ${fmt(mine[0].value)} 不一致，请核对以哪一处为准。` +
            (fig.strong ? '' : '（该数字仅凭“项目”“年度”等字样对应到此字段，请人工确认。）'),
          involved: [],
        }),
      );
    }
  }
  return flags;
}

/** The score item or indicator a prose name refers to. */
function findScored(p: Project, name: string): { score: Num | null; weight: Num | null } | null {
  const k = nameKey(name);
  if (!k) return null;
  const item = p.scores.find((s) => nameKey(s.item.value) === k);
  if (item) return { score: item.score_reported, weight: item.weight };
  const ind = p.indicators.find((i) => nameKey(i.name.value) === k);
  if (ind) return { score: ind.score_reported, weight: ind.weight };
  return null;
}
