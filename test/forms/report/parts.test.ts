import { describe, expect, it } from '@jest/globals';
import { buildDoc, docFromText, REPORT_CLASSIFICATION } from '../../fixtures/report/build.js';
import { makeReportParser } from '../../../src/forms/report/index.js';
import { findSummaryTable } from '../../../src/forms/report/summary.js';
import { readSectionTables } from '../../../src/forms/report/section-tables.js';

const v = (x: { value: unknown } | null | undefined) => (x == null ? null : x.value);
const parse = (text: string) => makeReportParser(null)(docFromText(text), REPORT_CLASSIFICATION);

describe('title and document facts', () => {
  const text = [
    '2019 年度项目支出绩效自评报告',
    '一、绩效自评工作开展情况',
    '洪山区医疗保障局依据《区财政局关于开展 2019 年度财政支出预算执行情况绩效自评工作的通知》，对本单位 2019 年度 3 个项目开展了自评，涉及预算资金 67.56 万元，自评覆盖率达到 100%。',
    '二、本报告包含项目的自评结果',
    '序号\t项目名称\t预算数(万元)\t全年执行数(万元)\t得分\t自评等级',
    '1\t机关建设及日常保障经费\t40.00\t39.96\t90.98\t优',
    '2\t打击欺诈骗取医保基金专项经费\t27.56\t27.34\t92.84\t优',
    '合计\t\t67.56\t67.3\t----\t----',
  ].join('\n');

  it('reads the title, fiscal year and reporting unit into every project', () => {
    const r = parse(text);
    expect(v(r.title)).toBe('2019年度项目支出绩效自评报告');
    expect(r.doc_type).toBe('self_eval_report');
    expect(r.projects).toHaveLength(2);
    for (const p of r.projects) {
      expect(p.fiscal_year).toMatchObject({ value: 2019, ulp: 1, src: { line: 1 } });
      expect(v(p.unit)).toBe('洪山区医疗保障局');
    }
  });

  it('warns when the stated project count or total disagrees', () => {
    const r = parse(text);
    expect(r.warnings.some((w) => w.includes('states 3 projects') && w.includes('2 were found'))).toBe(true);
    expect(r.warnings.some((w) => w.includes('total'))).toBe(false);
    const r2 = parse(text.replace('3 个项目', '2 个项目').replace('67.56 万元', '70 万元'));
    expect(r2.warnings.some((w) => w.includes('projects'))).toBe(true);
    expect(r2.warnings.filter((w) => w.includes('states a total of 70'))).toHaveLength(2);
  });

  it('reads the unit from a clause of an opening sentence wrapped over lines', () => {
    const r = parse(
      [
        '2022年度项目支出绩效自评报告',
        '根据《九江市濂溪区财政局关于开展2022年度项目支出绩效自评工作的通知》要求，九江市濂溪区市场',
        '监督管理局成立绩效自评工作小组，对本单位2022年度2个项目开展绩效自评，涉及预算资金263.00',
        '万元，自评覆盖率100%。',
        '序号\t项目名称\t预算数(万元)\t全年执行数(万元)\t得分\t自评等级',
        '1\t甲\t195.00\t183.60\t99.42\t优',
        '2\t乙\t68.00\t54.40\t87.34\t良',
        '合计\t\t263.00\t238.00\t\t',
      ].join('\n'),
    );
    expect(v(r.projects[0].unit)).toBe('九江市濂溪区市场监督管理局');
    expect(r.projects[0].unit?.src.line).toBe(2);
    expect(r.warnings).toEqual([]);
    const r2 = parse(['2022年度项目支出绩效自评报告', '对本单位2022年度2个项目开展绩效自评，涉及预算资金270', '万元。', '序号\t项目名称\t预算数\t得分', '1\t甲\t195\t99', '2\t乙\t68\t87', '合计\t\t263\t'].join('\n'));
    expect(r2.warnings).toEqual([
      'the report states a total of 270 万元 but its summary table\'s 合计 is 263 万元',
      "the report states a total of 270 万元 but its projects' budgets sum to 263 万元",
    ]);
  });

  it('reads a unit printed in the title', () => {
    const r = parse(['武汉市洪山区医疗保障局2019年度项目支出绩效自评报告', '序号\t项目名称\t预算数\t得分', '1\t某某项目\t10\t95'].join('\n'));
    expect(v(r.projects[0].unit)).toBe('武汉市洪山区医疗保障局');
    expect(v(r.projects[0].fiscal_year)).toBe(2019);
  });
});

describe('summary table', () => {
  it('reads rows, the 合计 row, and leaves ---- cells empty', () => {
    const r = parse(
      ['序号\t项目名称\t预算数(万元)\t全年执行数(万元)\t得分\t自评等级', '1\t机关建设及日常保障经费\t40.00\t39.96\t90.98\t优', '2\t打击欺诈\t27.56\t----\t----\t', '合计\t\t67.56\t67.3\t----\t----'].join('\n'),
    );
    const st = r.summary_table!;
    expect(st.rows.map((x) => [x.seq, v(x.project_name), v(x.budget_wan), v(x.executed_wan), v(x.score), v(x.grade)])).toEqual([
      [1, '机关建设及日常保障经费', 40, 39.96, 90.98, '优'],
      [2, '打击欺诈', 27.56, null, null, null],
    ]);
    expect(st.rows[0].budget_wan).toMatchObject({ value: 40, ulp: 0.01 });
    expect(st.total_budget_wan).toMatchObject({ value: 67.56 });
    expect(st.total_executed_wan).toMatchObject({ value: 67.3, ulp: 0.1 });
    expect(r.money_unit).toBe('万元');
    expect(v(r.projects[0].summary_row?.project_name)).toBe('机关建设及日常保障经费');
    expect(r.projects[1].summary_row?.seq).toBe(2);
  });

  it('finds columns in another order, 自评得分, and converts 元', () => {
    const r = parse(
      ['项目名称\t自评等级\t自评得分\t全年执行数（元）\t预算数（元）\t序号', '甲项目\t良\t85.5\t395,000\t400,000\t1', '乙项目\t优\t96\t100000\t100000\t2', '总计\t\t\t495000\t500000\t'].join('\n'),
    );
    const st = r.summary_table!;
    expect(st.rows.map((x) => [x.seq, v(x.project_name), v(x.budget_wan), v(x.executed_wan), v(x.score), v(x.grade)])).toEqual([
      [1, '甲项目', 40, 39.5, 85.5, '良'],
      [2, '乙项目', 10, 10, 96, '优'],
    ]);
    expect(st.rows[0].budget_wan?.ulp).toBe(0.0001);
    expect(v(st.total_budget_wan)).toBe(50);
    expect(r.money_unit).toBe('元');
  });

  it('reads a header printed over two rows', () => {
    const r = parse(['序号\t项目\t全年\t全年\t自评\t自评', '\t名称\t预算数\t执行数\t得分\t等级', '\t\t元\t元\t\t', '1\t甲项目\t100000\t90000\t90\t优'].join('\n'));
    expect(r.summary_table!.rows.map((x) => [v(x.project_name), v(x.budget_wan), v(x.executed_wan), v(x.score), v(x.grade)])).toEqual([['甲项目', 10, 9, 90, '优']]);
    expect(r.money_unit).toBe('元');
  });

  it('joins a project name wrapped onto a row of its own', () => {
    const r = parse(['序号\t项目名称\t预算数(万元)\t全年执行数(万元)\t得分\t自评等级', '1\t打击欺诈骗取医保\t27.56\t27.34\t92.84\t优', '\t基金专项经费\t\t\t\t', '2\t乙项目\t1\t1\t90\t优'].join('\n'));
    expect(r.summary_table!.rows.map((x) => [x.seq, v(x.project_name)])).toEqual([
      [1, '打击欺诈骗取医保基金专项经费'],
      [2, '乙项目'],
    ]);
    expect(r.summary_table!.rows[0].project_name.src).toEqual({ raw: '打击欺诈骗取医保\n基金专项经费', line: 2 });
  });

  it('takes the unit from a 单位 line above the table', () => {
    const doc = docFromText(['单位：元', '序号\t项目名称\t预算数\t执行数\t得分', '1\t甲项目\t10000\t9000\t90'].join('\n'));
    const st = findSummaryTable(doc.blocks, 0, doc.blocks.length)!;
    expect(st.moneyUnit).toBe('元');
    expect(v(st.rows[0].budget_wan)).toBe(1);
  });

  it('joins a summary table split over two pages', () => {
    const doc = buildDoc([
      '二、本报告包含项目的自评结果',
      [
        ['序号', '项目名称', '预算数(万元)', '全年执行数(万元)', '得分', '自评等级'],
        ['1', '甲项目', '10', '9', '90', '优'],
      ],
      { page: 2 },
      '- 2 -',
      [
        ['2', '乙项目', '20', '20', '100', '优'],
        ['合计', '', '30', '29', '', ''],
      ],
    ], { pdf: true });
    const r = makeReportParser(null)(doc, REPORT_CLASSIFICATION);
    expect(r.summary_table!.rows.map((x) => v(x.project_name))).toEqual(['甲项目', '乙项目']);
    expect(r.summary_table!.rows[1].budget_wan?.src.page).toBe(2);
    expect(v(r.summary_table!.total_executed_wan)).toBe(29);
    expect(r.projects).toHaveLength(2);
  });

  it('is not confused with a 项目构成 table', () => {
    const r = parse(['合并明细项目\t预算数(万元)\t调整数(万元)\t合计(万元)', '开办费\t30\t\t30'].join('\n'));
    expect(r.summary_table).toBeNull();
    expect(r.missing[0]).toMatch(/summary table/);
  });
});

describe('section tables', () => {
  it('reads sub-projects with the 合计 column or 预算数 + 调整数, and the 合计 row', () => {
    const doc = docFromText(
      [
        '合并明细项目\t预算数(万元)\t调整数(万元)\t合计(万元)',
        '医疗保障局开办费\t30\t\t30',
        '购置执法装备\t5\t-1.5\t',
        '党建工作经费\t\t\t',
        '合计\t35\t-1.5\t33.5',
      ].join('\n'),
    );
    const t = readSectionTables(doc.blocks, 0, doc.blocks.length, '万元');
    expect(t.budgetLines.map((l) => [l.kind, v(l.name), v(l.amount_wan)])).toEqual([
      ['sub_project', '医疗保障局开办费', 30],
      ['sub_project', '购置执法装备', 3.5],
      ['sub_project', '党建工作经费', null],
    ]);
    expect(t.budgetLines[1].amount_wan).toMatchObject({ ulp: 1, src: { raw: '5+-1.5' } });
    expect(t.subProjectTotal).toMatchObject({ value: 33.5 });
  });

  it('reads the goal and indicators of a 绩效目标 table split in two, carrying merged levels down', () => {
    const doc = buildDoc([
      [
        ['年度目标', '保障局机关日常工作运转。', '', '', ''],
        ['年度绩效', '一级指标', '二级指标', '指标名称', '指标值'],
        ['', '产出指标（50分）', '数量指标', '法律顾问对咨询事务的受理率', '100%'],
        ['', '', '质量指标', '工作考核等级', '优'],
      ],
      { page: 3 },
      '第 3 页',
      [
        ['指标', '效益指标', '满意度指标', '群众满意度', '≧90％'],
        ['----', '------', '-------', '------', '------'],
      ],
    ], { pdf: true });
    const t = readSectionTables(doc.blocks, 0, doc.blocks.length, '万元');
    expect(v(t.goal)).toBe('保障局机关日常工作运转。');
    expect(t.indicators.map((i) => [v(i.level1), v(i.level2), v(i.name), v(i.target), i.actual])).toEqual([
      ['产出指标', '数量指标', '法律顾问对咨询事务的受理率', '100%', null],
      ['产出指标', '质量指标', '工作考核等级', '优', null],
      ['效益指标', '满意度指标', '群众满意度', '≥90%', null],
    ]);
    expect(t.indicators[2].name.src.page).toBe(3);
  });
});
