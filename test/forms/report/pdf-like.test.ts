import { describe, expect, it } from '@jest/globals';
import { Project } from '../../../schemas/record.js';
import { buildDoc, REPORT_CLASSIFICATION } from '../../fixtures/report/build.js';
import { fakeAttachmentParser, num } from '../../fixtures/report/fake-attachment.js';
import { makeReportParser } from '../../../src/forms/report/index.js';

const v = (x: { value: unknown } | null | undefined) => (x == null ? null : x.value);

/** A report as a PDF layout would give it: pages, page numbers, wrapped lines, tables split by a page break. */
const doc = buildDoc(
  [
    '某某区卫生健康局',
    '2020 年度项目支出绩效自评报告',
    '某某区卫生健康局根据区财政局的通知，对本单位 2020 年度 2 个项目开展了自评，涉及预算资金 150 万元。',
    [
      ['项目名称', '自评等级', '预算金额（万元）', '实际支出（万元）', '自评得分'],
      ['疫情防控经费', '优', '100', '98', '95'],
      ['家庭医生签约服务', '良', '50', '45', '85.5'],
      ['合计', '', '150', '143', ''],
    ],
    '三、项目自评情况',
    '（一）家庭医生签约服务',
    '1、项目构成',
    [
      ['明细项目', '预算数', '调整数', '合计'],
      ['签约服务补助', '30', '', '30'],
    ],
    { page: 2 },
    '— 2 —',
    [
      ['宣传经费', '20', '', '20'],
      ['合计', '50', '', '50'],
    ],
    '2、资金情况',
    '区卫生健康局“2020 年家庭医生签约服务项目”预算批复资金为 50 万元，实际使用金额为 45 万元，预算执行率为',
    '90%。',
    '3、绩效指标完成情况',
    '（1）产出指标（50 分）',
    '1）签约人数（25 分）。全年签约 1.2 万人，该指标得',
    { page: 3 },
    '— 3 —',
    '分为 25 分。',
    '自评总分 85.5 分，自评等级为良。',
    '（二）疫情防控经费',
    '2、资金情况',
    '预算批复资金为 100 万元，实际使用金额为 98 万元。',
    '自评总分 95 分，评价等级：优。',
    '四、经验和建议',
    '附件 1',
    '项目支出绩效自评表',
    [
      ['项目名称', '疫情防控经费'],
      ['自评得分', '95'],
    ],
  ],
  { pdf: true },
);

describe('a PDF-like report', () => {
  const parse = makeReportParser(fakeAttachmentParser({ 疫情防控经费: { budget_wan: num(100), executed_wan: num(98), score_reported: num(95) } }));
  const r = parse(doc, REPORT_CLASSIFICATION);

  it('finds both projects in summary order, with sections in another order', () => {
    expect(r.projects.map((p) => [p.seq, v(p.project_name), p.parts])).toEqual([
      [1, '疫情防控经费', ['summary_table', 'narrative', 'attachment']],
      [2, '家庭医生签约服务', ['summary_table', 'narrative']],
    ]);
    for (const p of r.projects) expect(() => Project.parse(p)).not.toThrow();
    expect(v(r.projects[0].unit)).toBe('某某区卫生健康局');
    expect(v(r.projects[0].fiscal_year)).toBe(2020);
    expect(r.warnings.filter((w) => w.startsWith('the report states'))).toEqual([]);
  });

  it('reads page provenance, a sub-project table split over pages, and a sentence wrapped over a page', () => {
    const p2 = r.projects[1];
    expect(p2.budget_lines.map((l) => [v(l.name), v(l.amount_wan), l.amount_wan?.src.page])).toEqual([
      ['签约服务补助', 30, 1],
      ['宣传经费', 20, 2],
    ]);
    expect(v(p2.budget_line_totals.sub_project)).toBe(50);
    expect(v(p2.execution_rate_reported)).toBe(0.9);
    expect(p2.execution_rate_reported?.src.page).toBe(2);
    expect(p2.narrative?.named_units.map(v)).toEqual(['区卫生健康局']);
    expect(p2.narrative?.indicator_scores.map((i) => [i.section, v(i.name), v(i.weight), v(i.score), i.score?.src.page])).toEqual([['产出指标', '签约人数', 25, 25, 3]]);
    expect([v(p2.budget_wan), v(p2.executed_wan), v(p2.score_reported), v(p2.grade_reported)]).toEqual([50, 45, 85.5, '良']);
    expect(p2.budget_wan?.src.page).toBe(2);
    expect(p2.budget_wan?.src.box).toBeDefined();
  });

  it('keeps the summary row of the project with an attachment', () => {
    const p1 = r.projects[0];
    expect(v(p1.summary_row?.executed_wan)).toBe(98);
    expect(v(p1.narrative?.grade)).toBe('优');
    expect(r.missing).toEqual([expect.stringMatching(/^project 2 \(家庭医生签约服务\): no attached/)]);
  });
});
