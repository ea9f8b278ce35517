import { describe, expect, it } from '@jest/globals';
import type { TextLine } from '../../../src/model/layout.js';
import { parseNarrative, parseNarrativeParts } from '../../../src/forms/report/narrative.js';

function lines(texts: (string | { page: number })[]): TextLine[] {
  const out: TextLine[] = [];
  let page = 1;
  let n = 0;
  for (const t of texts) {
    if (typeof t !== 'string') {
      page = t.page;
      continue;
    }
    n++;
    out.push({ text: t, page, box: { x0: 0, y0: n * 10, x1: 100, y1: n * 10 + 8 }, line: n });
  }
  return out;
}

const v = (x: { value: unknown } | null | undefined) => (x == null ? null : x.value);

const SEED_FUNDING = [
  '(1) 项目资金到位情况分析',
  '根据《洪山区财政局关于 2019 年一般公共预算的批复》及年中预算调整请示文件，洪山区司法局“2019 年机关建设及日常保障经费项目”预算批复资金为 40 万元，实际到位资金为 40 万元，资金到位率 100%。资金来源于区级财政预算资金。',
  '(2) 项目资金执行情况分析',
  '通过查阅《2019 年度项目支出预算执行情况表》，自评小组了解到 2019 年项目预算金额为 40 万元，实际使用金额为 39.96 万元，资金使用率为 99.9%。偏差原因：医疗保障局开办费有结余。',
];

describe('funding analysis', () => {
  it('reads budget, executed, rates with printed precision and provenance', () => {
    const n = parseNarrative(lines(SEED_FUNDING));
    expect(v(n.budget_wan)).toBe(40);
    expect(n.budget_wan?.ulp).toBe(1);
    expect(n.budget_wan?.src).toEqual({ raw: '40万元', line: 2 });
    expect(v(n.executed_wan)).toBe(39.96);
    expect(n.executed_wan?.src.line).toBe(4);
    expect(n.execution_rate).toMatchObject({ value: 0.999, ulp: 0.001 });
    expect(n.arrival_rate).toMatchObject({ value: 1, ulp: 0.01 });
  });

  it('names the holder unit, not the unit inside a document title', () => {
    const n = parseNarrative(lines(SEED_FUNDING));
    expect(n.named_units.map(v)).toEqual(['洪山区司法局']);
    expect(n.quoted_project_names.map(v)).toEqual(['2019年机关建设及日常保障经费项目']);
  });

  it('reads a unit after a comma and a quoted project name of another project', () => {
    const n = parseNarrative(
      lines(['根据《洪山区财政局关于 2019 年一般公共预算的批复》，结合 2019 年度机构改革的实际情况，区医疗保障局“2019 年普法宣传项目”预算批复资金为 27.56 万元，实际到位资金为 27.56 万元。']),
    );
    expect(n.named_units.map(v)).toEqual(['区医疗保障局']);
    expect(n.quoted_project_names.map(v)).toEqual(['2019年普法宣传项目']);
    expect(n.budget_wan).toMatchObject({ value: 27.56, ulp: 0.01 });
  });

  it('reads a unit without quotes, before the year, and trims leading words', () => {
    const n = parseNarrative(lines(['经批复武汉市洪山区卫生健康委员会2019年疫情防控项目预算资金为 12.5 万元，实际支出 12 万元，预算执行率为 96%。']));
    expect(n.named_units.map(v)).toEqual(['武汉市洪山区卫生健康委员会']);
    expect(v(n.budget_wan)).toBe(12.5);
    expect(v(n.executed_wan)).toBe(12);
    expect(v(n.execution_rate)).toBe(0.96);
  });

  it('ignores self-references', () => {
    const n = parseNarrative(lines(['本局“2019 年普法宣传项目”预算批复资金为 10 万元。']));
    expect(n.named_units).toEqual([]);
  });

  it('converts amounts printed in 元', () => {
    const n = parseNarrative(lines(['项目预算金额为 471,900 元，实际使用金额为 470000 元。']));
    expect(n.budget_wan).toMatchObject({ value: 47.19, ulp: 0.0001 });
    expect(v(n.executed_wan)).toBe(47);
  });

  it('does not take an indicator named 预算执行率 for the execution rate', () => {
    const n = parseNarrative(lines(['(1) 产出指标（15 分）', '①局预算执行率（15 分）。预算执行率达到 100%，该指标得分为 15 分。']));
    expect(n.execution_rate).toBeNull();
    expect(n.indicator_scores.map((i) => [v(i.name), v(i.weight), v(i.score)])).toEqual([['局预算执行率', 15, 15]]);
  });
});

describe('indicator prose', () => {
  const SEED_INDICATORS = [
    '1-3-2、绩效指标完成情况分析',
    '(1) 产出指标（45 分）',
    '①法律顾问对咨询事务的受理率（15 分）。通过查阅年终总结，自评小组了解到 2019 年度法律顾问对咨询事务的受理率达到 100%，该指标得分为 15 分',
    '②工作考核等级（15 分）。通过查阅年终总结，工作考核等级已达成，该指标得分为 15 分。',
    '(2) 效益指标（15 分）',
    '①群众对部门工作的满意度（15 分）。本局为今年新组建单位，未对该指标开展满意度调查，综合考虑，该指标得分为 8 分。',
    '1-4、自评结果',
    '本项目自评总分 90.98 分，自评等级为优。详见《机关建设及日常保障经费',
    '项目支出绩效自评表》（附件 1.1）',
    '1-5、主要问题和改进措施',
    '（1）主要问题',
    '未设置“群众对部门工作的满意度”指标。',
  ];

  it('reads sections, weights, scores, total and grade', () => {
    const n = parseNarrative(lines(SEED_INDICATORS));
    expect(n.section_weights.map((s) => [v(s.section), v(s.weight)])).toEqual([
      ['产出指标', 45],
      ['效益指标', 15],
    ]);
    expect(n.indicator_scores.map((i) => [i.section, v(i.name), v(i.weight), v(i.score)])).toEqual([
      ['产出指标', '法律顾问对咨询事务的受理率', 15, 15],
      ['产出指标', '工作考核等级', 15, 15],
      ['效益指标', '群众对部门工作的满意度', 15, 8],
    ]);
    expect(n.indicator_scores[2].score?.src.line).toBe(6);
    expect(n.total_score).toMatchObject({ value: 90.98, ulp: 0.01 });
    expect(v(n.grade)).toBe('优');
  });

  it('leaves the score null when the prose states none', () => {
    const n = parseNarrative(
      lines(['(1) 产出指标（40 分）', '③培训参与率（10 分）。根据工作计划，培训人员按时参与培训活动，参与率为 100%。', '④处理群众举报的欺诈骗保行为的及时性（10 分）。对欺诈骗保行为进行了及时的查处。该指标得分为 10 分。']),
    );
    expect(n.indicator_scores.map((i) => [v(i.name), v(i.score)])).toEqual([
      ['培训参与率', null],
      ['处理群众举报的欺诈骗保行为的及时性', 10],
    ]);
  });

  it('joins a sentence wrapped over two lines', () => {
    const n = parseNarrative(
      lines([
        '(1) 产出指标（40 分）',
        '②对两定医药机构抽查完成率（10 分）。我区历时 2 个多月检查和核实 587 家“两定”机构的经营状况，建立',
        '了一户一档核查资料，完成目标，该指标得分为 10 分。',
      ]),
    );
    expect(n.indicator_scores).toHaveLength(1);
    expect(v(n.indicator_scores[0].score)).toBe(10);
    expect(n.indicator_scores[0].score?.src.line).toBe(3);
  });

  it('joins a sentence wrapped over a page with a page number between', () => {
    const n = parseNarrative(
      lines(['(1) 产出指标（40 分）', '①政策宣传活动次数（10 分）。2019 年开展集中宣传活动 3 次，完成目标，该指标得', { page: 2 }, '- 5 -', '分为 10', '分。']),
    );
    expect(n.indicator_scores.map((i) => [v(i.name), v(i.score)])).toEqual([['政策宣传活动次数', 10]]);
    expect(n.indicator_scores[0].score?.src).toEqual({ raw: '10', line: 4 });
  });

  it('accepts （一） sections, 1、 items, `得分 10 分` and `得 10 分`, full-width punctuation', () => {
    const n = parseNarrative(
      lines([
        '（一）产出指标（３０分）',
        '1、政策宣传活动次数（10分）：全年开展 3 次，得分 10 分。',
        '2、培训参与率（权重 20 分），参与率 95%，得 19 分。',
        '（二）满意度指标(20 分)',
        '1、群众满意度(20分),调查满意度 92%,评分为 18 分.',
        '综合得分为 67 分，评价等级：良好。',
      ]),
    );
    expect(n.section_weights.map((s) => [v(s.section), v(s.weight)])).toEqual([
      ['产出指标', 30],
      ['满意度指标', 20],
    ]);
    expect(n.indicator_scores.map((i) => [i.section, v(i.name), v(i.weight), v(i.score)])).toEqual([
      ['产出指标', '政策宣传活动次数', 10, 10],
      ['产出指标', '培训参与率', 20, 19],
      ['满意度指标', '群众满意度', 20, 18],
    ]);
    expect(v(n.total_score)).toBe(67);
    expect(v(n.grade)).toBe('良好');
  });

  it('accepts (1) items under 一、-less sections and ⑴ markers', () => {
    const n = parseNarrative(lines(['效益指标（30 分）', '(1) 社会效益（30 分）。群众知晓率提高，该项得分为 28.5 分。', '⑵可持续影响（10分）。长期有效。']));
    expect(n.indicator_scores.map((i) => [i.section, v(i.name), v(i.weight), v(i.score)])).toEqual([
      ['效益指标', '社会效益', 30, 28.5],
      ['效益指标', '可持续影响', 10, null],
    ]);
  });

  it('accepts multi-level numbering and 得满分', () => {
    const n = parseNarrative(lines(['2.1 产出指标（45分）', '2.1.1 受理率（15分）。受理率达到 100%，该指标得满分。', '2.1.2 考核等级（30分）。考核等级为优，得分为 28 分。', '2.2 自评结果', '本项目自评得分为 88 分，等级为良。']));
    expect(n.section_weights.map((s) => v(s.section))).toEqual(['产出指标']);
    expect(n.indicator_scores.map((i) => [v(i.name), v(i.weight), v(i.score)])).toEqual([
      ['受理率', 15, 15],
      ['考核等级', 30, 28],
    ]);
    expect(n.indicator_scores[0].score?.src.raw).toBe('得满分');
    expect(v(n.total_score)).toBe(88);
    expect(v(n.grade)).toBe('良');
  });

  it('does not take an indicator’s 考核等级 for the grade', () => {
    const n = parseNarrative(lines(['(1) 产出指标（30分）', '①工作考核等级（30 分）。考核等级为优，该指标得分为 30 分。']));
    expect(n.grade).toBeNull();
    expect(n.total_score).toBeNull();
  });

  it('reads a known section heading with a sentence after it, and prefers 总分 over 自评得分', () => {
    const n = parseNarrative(
      lines(['(1) 产出指标（45 分）。产出指标包括以下各项：', '①受理率（15 分）。该项自评得分为 15 分。', '该项目自评得分 80 分，自评总分 88.5 分。']),
    );
    expect(n.section_weights.map((s) => [v(s.section), v(s.weight)])).toEqual([['产出指标', 45]]);
    expect(n.indicator_scores.map((i) => [v(i.name), v(i.score)])).toEqual([['受理率', 15]]);
    expect(v(n.total_score)).toBe(88.5);
  });

  it('falls back to 自评得分 for the total', () => {
    const n = parseNarrative(lines(['1-4、自评结果', '本项目自评得分为 88 分，等级为良。']));
    expect(v(n.total_score)).toBe(88);
    expect(v(n.grade)).toBe('良');
  });

  it('reads indicator paragraphs without numbering inside a section', () => {
    const n = parseNarrative(
      lines(['产出指标（20 分）', '政策宣传活动次数（10 分）：全年开展 3 次，完成目标，', '得分 10 分。', '培训参与率（10 分）：参与率为 100%，得 9 分。']),
    );
    expect(n.indicator_scores.map((i) => [i.section, v(i.name), v(i.weight), v(i.score)])).toEqual([
      ['产出指标', '政策宣传活动次数', 10, 10],
      ['产出指标', '培训参与率', 10, 9],
    ]);
  });

  it('reads section scores stated after a section heading, wrapped', () => {
    const r = parseNarrativeParts(
      lines([
        '2-2、资金情况分析',
        '项目年初预算 60.00 万元，全年预算 68.00 万元，资金全部到位。全年实际支出 54.40 万元，预算执行率 80.00%，主要原因是',
        '平台建设延后。',
        '2-3、绩效指标完成情况分析',
        '(1)产出指标(50分):特种设备定期检验率86%,隐患排查使用单位276家,',
        '投诉举报处置及时率100%,该部分得分46.58分。',
        '(2)效益指标(30分):全年发生一般特种设备事故1起,该部分得分22',
        '分。',
        '(3)满意度指标(10分):使用单位满意度83%。',
      ]),
    );
    expect(r.sectionScores.map((s) => [v(s.section), v(s.weight), v(s.score)])).toEqual([
      ['产出指标', 50, 46.58],
      ['效益指标', 30, 22],
      ['满意度指标', 10, null],
    ]);
    expect(r.sectionScores[1].score?.src.line).toBe(7);
    expect(r.narrative.indicator_scores).toEqual([]);
    expect(v(r.narrative.budget_wan)).toBe(68);
    expect(v(r.narrative.executed_wan)).toBe(54.4);
    expect(r.narrative.execution_rate).toMatchObject({ value: 0.8, ulp: 0.0001 });
  });
});
