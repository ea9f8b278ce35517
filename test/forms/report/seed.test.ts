/**
 * The seed report (hongshan-2019, a real 绩效自评报告 as a PDF-to-text tool left it) through
 * the plain-text ingest and layout, the report parser and the self-evaluation table parser.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DocumentRecord, Project } from '../../../schemas/record.js';
import { ingestPlainText } from '../../../src/ingest/plain-text/index.js';
import { layoutPlainText } from '../../../src/layout/plain-text/index.js';
import { parseReport } from '../../../src/forms/report/index.js';
import { REPORT_CLASSIFICATION } from '../../fixtures/report/build.js';

const v = (x: { value: unknown } | null | undefined) => (x == null ? null : x.value);
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function parseSeed() {
  const bytes = readFileSync(new URL('../../fixtures/report/hongshan-2019-self-eval-report.txt', import.meta.url));
  const doc = layoutPlainText(ingestPlainText(new Uint8Array(bytes)).pages[0]);
  return parseReport(doc, REPORT_CLASSIFICATION);
}

describe('seed hongshan-2019-self-eval-report', () => {
  const r = parseSeed();
  const [p1, p2] = r.projects;

  it('is a valid record with two projects, nothing missing', () => {
    expect(r.doc_type).toBe('self_eval_report');
    expect(r.projects).toHaveLength(2);
    for (const p of r.projects) expect(() => Project.parse(p)).not.toThrow();
    expect(() => DocumentRecord.shape.summary_table.parse(r.summary_table)).not.toThrow();
    expect(r.missing).toEqual([]);
    expect(v(r.title)).toBe('2019年度项目支出绩效自评报告');
    expect(r.money_unit).toBe('万元');
  });

  it('reads the summary table', () => {
    const st = r.summary_table!;
    expect(st.rows.map((x) => [x.seq, v(x.project_name), v(x.budget_wan), v(x.executed_wan), v(x.score), v(x.grade)])).toEqual([
      [1, '机关建设及日常保障经费', 40, 39.96, 90.98, '优'],
      [2, '打击欺诈骗取医保基金专项经费', 27.56, 27.34, 92.84, '优'],
    ]);
    expect(v(st.total_budget_wan)).toBe(67.56);
    expect(v(st.total_executed_wan)).toBe(67.3);
    expect(st.total_budget_wan?.src.line).toBe(24);
  });

  it('project 1: 机关建设及日常保障经费', () => {
    expect(p1.parts).toEqual(['summary_table', 'narrative', 'attachment']);
    expect([v(p1.project_name), v(p1.fiscal_year), v(p1.unit), v(p1.department)]).toEqual(['机关建设及日常保障经费', 2019, '洪山区医疗保障局', '洪山区医疗保障局']);
    expect([v(p1.budget_wan), v(p1.executed_wan), v(p1.execution_rate_reported), v(p1.score_reported), v(p1.grade_reported)]).toEqual([40, 39.96, 0.999, 90.98, '优']);
    expect(p1.budget_lines.filter((l) => l.kind === 'sub_project')).toHaveLength(5);
    expect(round(p1.budget_lines.filter((l) => l.kind === 'sub_project').reduce((a, l) => a + (l.amount_wan?.value ?? 0), 0))).toBe(40);
    expect(v(p1.budget_line_totals.sub_project)).toBe(40);
    expect(p1.indicators).toHaveLength(4);
    expect(p1.narrative?.named_units.map(v)).toEqual(['洪山区司法局']);
    expect(p1.narrative?.named_units[0].src.line).toBe(67);
    expect([v(p1.narrative?.budget_wan), v(p1.narrative?.executed_wan), v(p1.narrative?.execution_rate), v(p1.narrative?.total_score), v(p1.narrative?.grade)]).toEqual([
      40, 39.96, 0.999, 90.98, '优',
    ]);
    expect(p1.narrative?.section_weights.map((s) => [v(s.section), v(s.weight)])).toEqual([
      ['产出指标', 45],
      ['效益指标', 15],
    ]);
  });

  it('project 1: scores are 项目资金 + 绩效目标 + the per-indicator items of the prose', () => {
    expect(p1.scores.map((s) => [s.section, s.role, v(s.weight), v(s.score_reported)])).toEqual([
      ['项目资金', 'budget_execution', 20, 19.98],
      ['绩效目标', 'goal', 20, 18],
      ['产出指标', 'indicator', 15, 15],
      ['产出指标', 'indicator', 15, 15],
      ['产出指标', 'indicator', 15, 15],
      ['效益指标', 'indicator', 15, 8],
    ]);
    expect(round(p1.scores.reduce((a, s) => a + (s.score_reported?.value ?? 0), 0))).toBe(90.98);
    const satisfaction = p1.indicators.find((i) => i.name.value === '群众对部门工作的满意度')!;
    expect([v(satisfaction.actual), v(satisfaction.weight), v(satisfaction.score_reported)]).toEqual([null, 15, 8]);
    expect(satisfaction.score_reported?.src.line).toBe(85);
  });

  it('project 2: 打击欺诈骗取医保基金专项经费', () => {
    expect(p2.parts).toEqual(['summary_table', 'narrative', 'attachment']);
    expect([v(p2.project_name), v(p2.fiscal_year), v(p2.unit)]).toEqual(['打击欺诈骗取医保基金专项经费', 2019, '洪山区医疗保障局']);
    expect([v(p2.budget_wan), v(p2.executed_wan), v(p2.execution_rate_reported), v(p2.score_reported), v(p2.grade_reported)]).toEqual([27.56, 27.34, 0.992, 92.84, '优']);
    expect(p2.indicators).toHaveLength(5);
    expect(p2.narrative?.quoted_project_names.map(v)).toEqual(['2019年普法宣传项目']);
    expect(p2.narrative?.named_units.map(v)).toEqual(['区医疗保障局']);
    expect(p2.narrative?.execution_rate).toBeNull();
    const satisfaction = p2.indicators.find((i) => i.name.value === '群众对医疗保障工作的满意度')!;
    expect([v(satisfaction.actual), v(satisfaction.weight), v(satisfaction.score_reported)]).toEqual([null, 20, 15]);
    expect(p2.narrative?.indicator_scores.map((i) => [i.section, v(i.name), v(i.weight), v(i.score)])).toEqual([
      ['产出指标', '政策宣传活动次数', 10, 10],
      ['产出指标', '对两定医药机构抽查完成率', 10, 10],
      ['产出指标', '培训参与率', 10, null],
      ['产出指标', '处理群众举报的欺诈骗保行为的及时性', 10, 10],
      ['满意度指标', '群众对医疗保障工作的满意度', 20, 15],
    ]);
    // The wrapped sentence (lines 149–151) keeps the score's own line.
    expect(p2.narrative?.indicator_scores[1].score?.src.line).toBe(151);
    const items = p2.scores.filter((s) => s.role === 'indicator');
    expect(items.map((s) => s.section)).toEqual(['产出指标', '产出指标', '产出指标', '产出指标', '满意度指标']);
    expect(p2.section_totals.map((t) => [t.section, v(t.weight)])).toEqual(expect.arrayContaining([['产出指标', 40], ['满意度指标', 20]]));
  });

  it('states 2 projects and 67.56 万元, which agree', () => {
    expect(r.warnings.filter((w) => w.startsWith('the report states'))).toEqual([]);
  });
});
