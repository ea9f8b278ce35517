import { describe, expect, it } from '@jest/globals';
import { parseSelfEvalTable, parseSelfEvalTableBlocks } from '../../../src/forms/self-eval-table/index.js';
import { classify } from '../../../src/classify/index.js';
import { Project } from '../../../schemas/record.js';
import type { LaidOutDocument } from '../../../src/model/layout.js';
import { hubeiDoc, nationalDoc, shanxiDoc, type SelfEvalVariant } from '../../fixtures/forms/self-eval.js';
import { doc, line, tsv } from '../../fixtures/forms/build.js';

function parse(d: LaidOutDocument) {
  const c = classify(d);
  const filing = parseSelfEvalTable(d, c);
  expect(filing.projects).toHaveLength(1);
  const p = filing.projects[0];
  Project.parse(p);
  return { c, filing, p };
}

const v = (n: { value: unknown } | null | undefined) => (n ? n.value : null);

function hubeiEssentials(p: Project) {
  return {
    year: v(p.fiscal_year),
    name: v(p.project_name),
    dept: v(p.department),
    unit: v(p.unit),
    A: v(p.budget_wan),
    B: v(p.executed_wan),
    rate: v(p.execution_rate_reported),
    score: v(p.score_reported),
    grade: v(p.grade_reported),
    goal: v(p.goal)?.toString().slice(0, 6),
    fund_rows: p.fund_rows.map((r) => [r.name.value, v(r.budget_wan), v(r.executed_wan)]),
    scores: p.scores.map((s) => [s.section, s.item.value, s.role, v(s.weight), v(s.score_reported)]),
    indicators: p.indicators.map((i) => [v(i.level1), v(i.level2), i.name.value, v(i.target), v(i.actual), v(i.note)]),
  };
}

const HUBEI = {
  year: 2019,
  name: '机关建设及日常保障经费',
  dept: '洪山区医疗保障局',
  unit: '武汉市洪山区医疗保障局',
  A: 40,
  B: 39.96,
  rate: 0.999,
  score: 90.98,
  grade: '优',
  goal: '保障局机关日',
  fund_rows: [
    ['年度资金总额', 40, 39.96],
    ['区级预算资金', 40, 39.96],
  ],
  scores: [
    ['项目资金', '预算执行率', 'budget_execution', 20, 19.98],
    ['绩效目标', '项目绩效目标', 'goal', 20, 18],
    ['绩效指标', '绩效指标', 'indicator', 60, null],
  ],
  indicators: [
    ['产出指标', '数量指标', '法律顾问对咨询事务的受理率', '100%', '100%', null],
    ['产出指标', '数量指标', '工作考核等级', '优', '优', null],
    ['产出指标', '质量指标', '局预算执行率', '100%', '100%', null],
    ['满意度指标', '服务对象满意度指标', '群众对部门工作的满意度', '100%', null, '未纳入双评议考核'],
  ],
};

describe('hubei self-evaluation table (lattice)', () => {
  const variants: [string, SelfEvalVariant][] = [
    ['as printed', {}],
    ['rows moved', { swapNameDept: true }],
    ['synonyms in headers', { synonyms: true }],
    ['indicator table split over two pages', { splitIndicators: true }],
  ];
  for (const [what, sv] of variants) {
    it(what, () => {
      const { c, filing, p } = parse(hubeiDoc(sv));
      expect(c.doc_type).toBe('self_eval_table');
      expect(c.variant).toBe('hubei');
      expect(filing.variant).toBe('hubei');
      expect(hubeiEssentials(p)).toEqual(HUBEI);
      expect(p.header.eval_time?.value).toBe('2020年5月');
      expect(filing.missing).toEqual([]);
    });
  }
});

describe('hubei self-evaluation table as torn plain text (attachment 1.2 of the report seed)', () => {
  const blocks = doc(
    line('项目支出绩效自评表'),
    line('(2019年度)'),
    tsv(
      [
        '(单位盖章)\t自评时间: 2020年5月\t\t自评等次:\t优\t自评得分:\t92.84',
        '项目名称\t打击欺诈骗取医保基金专项经费\t\t\t\t\t',
        '主管部门\t洪山区医疗保障局\t\t实施单位\t\t\t',
        '项目资金 (20分)\t\t全年预算数(A)\t全年执行数(B)\t\t预算执行率(B/A)\t自评分',
        '\t年度资金总额:\t27.56\t27.34\t\t99.2%\t19.84',
        '\t其中: 中央补助\t\t\t\t\t',
        '\t区级预算资金\t27.56\t27.34\t99.2%\t\t',
        '其他资金\t\t\t\t\t\t',
        '项目 绩效 总目 标 (20 分)\t年初设定目标\t\t\t全年实际完成情况\t\t自评分',
        '\t强化法治意识。\t\t\t全年共组织3次集中宣传活动。\t\t18',
        '绩效 指标 (6 0 分)\t一级 指标\t二级指标\t指标内容\t年度目标值\t全年完成值\t未完成原因和改进措施',
        '\t产 出 指 标\t数量指标\t政策宣传活动次数\t≥2次\t3\t',
        '\t\t质量指标\t对两定医药机构抽查完成率\t100%\t100%\t',
        '\t\t培训参与率\t100%\t100%\t\t10',
        '\t时效指标\t处理群众举报的欺诈骗保行为的及时性\t及时\t及时\t\t10',
        '\t满意度指标\t服务对象满意度\t群众对医疗保障工作的满意度\t≥90%\t\t未纳入双评议。',
        '说明\t请在此处简要说明…\t\t\t\t\t',
      ].join('\n'),
    ),
  ).blocks;
  it('reads shifted rows and garbled labels', () => {
    const r = parseSelfEvalTableBlocks(blocks, 2, {});
    Project.parse(r.project);
    const p = r.project;
    expect(r.variant).toBe('hubei');
    expect(p.seq).toBe(2);
    expect(p.unit).toBeNull();
    expect(p.fiscal_year?.value).toBe(2019);
    expect([v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported), v(p.score_reported), v(p.grade_reported)]).toEqual([27.56, 27.34, 0.992, 92.84, '优']);
    expect(p.fund_rows.map((f) => [f.name.value, v(f.execution_rate)])).toEqual([
      ['年度资金总额', 0.992],
      ['区级预算资金', 0.992],
    ]);
    expect(p.scores.map((s) => [s.section, s.role, v(s.weight), v(s.score_reported)])).toEqual([
      ['项目资金', 'budget_execution', 20, 19.84],
      ['绩效目标', 'goal', 20, 18],
      ['绩效指标', 'indicator', 60, null],
    ]);
    expect(p.indicators.map((i) => [v(i.level1), v(i.level2), i.name.value, v(i.target), v(i.actual), v(i.note)])).toEqual([
      ['产出指标', '数量指标', '政策宣传活动次数', '≥2次', '3', null],
      ['产出指标', '质量指标', '对两定医药机构抽查完成率', '100%', '100%', null],
      ['产出指标', '质量指标', '培训参与率', '100%', '100%', null],
      ['产出指标', '时效指标', '处理群众举报的欺诈骗保行为的及时性', '及时', '及时', null],
      ['满意度指标', '服务对象满意度', '群众对医疗保障工作的满意度', '≥90%', null, '未纳入双评议。'],
    ]);
    expect(p.indicators[0].name.src.line).toBeGreaterThan(0);
  });
  it('takes the caller’s money unit and year', () => {
    const r = parseSelfEvalTableBlocks(blocks, 1, { moneyUnit: '元', fiscalYear: 2018 });
    expect(r.project.fiscal_year?.value).toBe(2018);
    expect(r.project.budget_wan?.value).toBe(0.002756);
  });
});

const NATIONAL_INDICATORS = [
  ['产出指标', '数量指标', '培训人次', '≥500人次', '520人次', 20, 20],
  ['产出指标', '数量指标', '培训场次', '≥5场', '4场', 15, 12],
  ['产出指标', '质量指标', '培训合格率', '≥95%', '96%', 15, 15],
  ['效益指标', '社会效益指标', '政策知晓率', '≥90%', '92%', 30, 28],
  ['满意度指标', '服务对象满意度指标', '参保人员满意度', '≥90%', '95%', 10, 10],
];

describe('national self-evaluation table (lattice)', () => {
  const variants: [string, SelfEvalVariant][] = [
    ['as printed', {}],
    ['rows moved', { swapNameDept: true }],
    ['synonyms in headers', { synonyms: true }],
    ['indicator table split over two pages, header repeated', { splitIndicators: true }],
  ];
  for (const [what, sv] of variants) {
    it(what, () => {
      const { c, filing, p } = parse(nationalDoc(sv));
      expect(c.variant).toBe('national');
      expect(p.fiscal_year?.value).toBe(2021);
      expect(p.project_name?.value).toBe('基层医保经办能力提升');
      expect(p.unit?.value).toBe('某市医疗保障事务中心');
      expect([v(p.initial_budget_wan), v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([100, 120, 108, 0.9]);
      expect(p.goal?.value).toBe('开展经办人员培训,提升服务能力。');
      expect(p.goal_achieved?.value).toBe('完成培训520人次,服务能力提升。');
      expect(p.indicators.map((i) => [v(i.level1), v(i.level2), i.name.value, v(i.target), v(i.actual), v(i.weight), v(i.score_reported)])).toEqual(
        NATIONAL_INDICATORS,
      );
      expect(p.indicators[1].note?.value).toBe('场地受限');
      expect(p.scores[0]).toMatchObject({ section: '项目资金', role: 'budget_execution' });
      expect([v(p.scores[0].weight), v(p.scores[0].score_reported)]).toEqual([10, 9]);
      expect(p.scores.slice(1).map((s) => [s.section, s.item.value, s.role, v(s.weight), v(s.score_reported)])).toEqual(
        NATIONAL_INDICATORS.map((i) => [i[0], i[2], 'indicator', i[5], i[6]]),
      );
      expect(p.scores.reduce((s, x) => s + (x.weight?.value ?? 0), 0)).toBe(100);
      expect(p.section_totals.map((s) => [s.section, v(s.weight)])).toEqual([
        ['产出指标', 50],
        ['效益指标', 30],
        ['满意度指标', 10],
      ]);
      expect(p.score_reported?.value).toBe(94);
      expect(p.fund_rows.map((f) => f.name.value)).toEqual(['年度资金总额', '当年财政拨款']);
      expect(filing.missing).toEqual([]);
    });
  }
});

describe('shanxi self-evaluation table (lattice)', () => {
  for (const [what, sv] of [['as printed', {}], ['rows moved', { swapNameDept: true }]] as [string, SelfEvalVariant][]) {
    it(what, () => {
      const { c, filing, p } = parse(shanxiDoc(sv));
      expect(c.variant).toBe('shanxi');
      expect(filing.title?.value).toBe('财政支出项目绩效自评表');
      expect(p.fiscal_year?.value).toBe(2020);
      expect(p.unit?.value).toBe('晋中市医疗保障局');
      // 主管部门及代码 holds name and code: the name is the department, the code department_code (contract v2)
      expect(p.department?.value).toBe('晋中市医疗保障局');
      expect(p.department_code?.value).toBe('074');
      expect(p.project_name?.value).toBe('打击欺诈骗保工作经费');
      expect([v(p.budget_wan), v(p.executed_wan)]).toEqual([20, 13.5]);
      expect(p.indicators.map((i) => [v(i.level1), v(i.level2), i.name.value, v(i.target), v(i.actual)])).toEqual([
        ['产出指标', '数量指标', '专项治理行动', '≥2次', '3次'],
        ['产出指标', '成本指标', '宣传费', '70000', '47190'],
        ['效益指标', '社会效益指标', '政策知晓率', '普遍知晓', '普遍知晓'],
      ]);
      expect(p.scores.map((s) => [s.section, s.item.value, s.role, v(s.weight), v(s.score_reported)])).toEqual([
        ['投入', '资金到位率', 'other', 10, 10],
        ['投入', '预算执行率', 'budget_execution', 10, 8.5],
        ['过程', '资金使用合规性', 'other', 20, 20],
        ['产出', '实际完成率', 'other', 15, 15],
        ['产出', '完成及时率', 'other', 15, 15],
        ['效果', '社会效益', 'other', 20, 18],
        ['效果', '服务对象满意度', 'other', 10, 10],
      ]);
      expect(p.section_totals.map((s) => [s.section, v(s.weight), v(s.score_reported)])).toEqual([
        ['投入', 20, 18.5],
        ['过程', 20, 20],
        ['产出', 30, 30],
        ['效果', 30, 28],
      ]);
      expect(p.score_reported?.value).toBe(96.5);
      expect(p.grade_reported?.value).toBe('优');
      expect(p.header.project_period?.value).toBe('20200101至20201230');
    });
  }
});

describe('several forms in one document', () => {
  it('one project per copy of the form', () => {
    const a = hubeiDoc();
    const b = nationalDoc();
    const d = doc(...a.blocks, line('- 1 -'), ...b.blocks);
    const filing = parseSelfEvalTable(d, classify(d));
    expect(filing.projects.map((p) => [p.seq, p.project_name?.value, p.budget_wan?.value])).toEqual([
      [1, '机关建设及日常保障经费', 40],
      [2, '基层医保经办能力提升', 120],
    ]);
    filing.projects.forEach((p) => Project.parse(p));
  });
  it('a title repeated as a page header splits nothing', () => {
    const a = hubeiDoc({ splitIndicators: true });
    const blocks = [...a.blocks];
    blocks.splice(blocks.length - 1, 0, line('项目支出绩效自评表', 2));
    const filing = parseSelfEvalTable(doc(...blocks), classify(a));
    expect(filing.projects).toHaveLength(1);
    expect(filing.projects[0].indicators).toHaveLength(4);
  });
});
