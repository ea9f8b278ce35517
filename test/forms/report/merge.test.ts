import { describe, expect, it } from '@jest/globals';
import { Project } from '../../../schemas/record.js';
import { docFromText, REPORT_CLASSIFICATION } from '../../fixtures/report/build.js';
import { fakeAttachmentParser, indicator, num, scoreItem, text } from '../../fixtures/report/fake-attachment.js';
import { makeReportParser } from '../../../src/forms/report/index.js';

const v = (x: { value: unknown } | null | undefined) => (x == null ? null : x.value);
const round = (x: number) => Math.round(x * 1e6) / 1e6;

const HEAD = [
  '2019 年度项目支出绩效自评报告',
  '一、绩效自评工作开展情况',
  '洪山区医疗保障局依据《区财政局关于开展 2019 年度绩效自评工作的通知》，对本单位 2019 年度 2 个项目开展了自评，涉及预算资金 67.56 万元。',
  '二、本报告包含项目的自评结果',
  '序号\t项目名称\t预算数(万元)\t全年执行数(万元)\t得分\t自评等级',
  '1\t机关建设及日常保障经费\t40.00\t39.96\t90.98\t优',
  '2\t打击欺诈骗取医保基金专项经费\t27.56\t27.34\t92.84\t优',
  '合计\t\t67.56\t67.3\t----\t----',
  '三、各项目自评情况',
];

const SECTION_1 = [
  '1. 机关建设及日常保障经费',
  '1-1、项目基本情况',
  '(3) 项目构成',
  '合并明细项目\t预算数(万元)\t调整数(万元)\t合计(万元)',
  '医疗保障局开办费\t30\t\t30',
  '购置执法装备\t10\t\t10',
  '合计\t40\t\t40',
  '1-3-1、资金情况分析',
  '洪山区司法局“2019 年机关建设及日常保障经费项目”预算批复资金为 40 万元，实际到位资金为 40 万元，资金到位率 100%。',
  '自评小组了解到 2019 年项目预算金额为 40 万元，实际使用金额为 39.96 万元，资金使用率为 99.9%。',
  '1-3-2、绩效指标完成情况分析',
  '(1) 产出指标（45 分）',
  '①法律顾问对咨询事务的受理率（15 分）。受理率达到 100%，该指标得分为 15 分',
  '②工作考核等级（15 分）。工作考核等级已达成，该指标得分为 15 分。',
  '③局预算执行率（15 分）。局机关预算执行在预期范围内，该指标得分为 15 分。',
  '(2) 效益指标（15 分）',
  '①群众对部门工作的满意度（15 分）。未开展满意度调查，综合考虑，该指标得分为 8 分。',
  '1-4、自评结果',
  '本项目自评总分 90.98 分，自评等级为优。详见《机关建设及日常保障经费',
  '项目支出绩效自评表》（附件 1.1）',
];

const SECTION_2 = [
  '2. 打击欺诈骗取医保基金专项经费',
  '2-3-1、资金情况分析',
  '区医疗保障局“2019 年普法宣传项目”预算批复资金为 27.56 万元，实际到位资金为 27.56 万元，资金到位率 100%。',
  '实际使用金额为 27.34 万元，偏差原因：有结余。',
  '2-3-2、绩效指标完成情况分析',
  '(1) 产出指标（40 分）',
  '①政策宣传活动次数（10 分）。开展集中宣传活动 3 次，该指标得分为 10 分。',
  '②培训参与率（10 分）。参与率为 100%。',
  '（2）满意度指标（20 分）',
  '①群众对医疗保障工作的满意度（20 分），没有不满意投诉，该指标得分为 15 分。',
  '2-4、自评结果',
  '本项目自评总分 92.84 分，自评等级为优。',
];

const TAIL = ['四、绩效自评工作的经验、问题和建议', '（一）主要问题', '（1）各单位专业程度不足；'];

const attachment = (label: string, name: string) => [
  `附件${label}`,
  '项目支出绩效自评表',
  '(2019年度)',
  `项目名称\t${name}\t\t`,
  '主管部门\t洪山区医疗保障局\t实施单位\t',
];

const A1 = '机关建设及日常保障经费';
const A2 = '打击欺诈骗取医保基金专项经费';

function attachmentProjects(): Record<string, Partial<Project>> {
  return {
    [A1]: {
      department: text('洪山区医疗保障局'),
      budget_wan: num(40),
      executed_wan: num(39.96, 0.01),
      execution_rate_reported: num(0.999, 0.001),
      score_reported: num(90.98, 0.01),
      grade_reported: text('优'),
      goal: text('贯彻落实…'),
      goal_achieved: text('工作达标'),
      indicators: [
        indicator('法律顾问对咨询事务的受理率', '100%', '100%'),
        indicator('工作考核等级', '优', '优'),
        indicator('局预算执行率', '100%', '100%'),
        indicator('群众对部门工作的满意度', '100%', null, { level1: text('满意度指标'), level2: text('服务对象满意度指标') }),
      ],
      scores: [scoreItem('项目资金', '年度资金总额', 'budget_execution', 20, 19.98, 0.01), scoreItem('绩效目标', '项目绩效目标', 'goal', 20, 18)],
      budget_lines: [{ kind: 'sub_project', name: text('医疗保险局开办费'), amount_wan: null }],
    },
    [A2]: {
      unit: text('洪山区医疗保障局基金科'),
      budget_wan: num(27.56, 0.01),
      executed_wan: num(27.34, 0.01),
      execution_rate_reported: num(0.992, 0.001),
      score_reported: num(92.84, 0.01),
      grade_reported: text('优'),
      indicators: [
        indicator('政策宣传活动次数', '≥2次', '3'),
        indicator('培训参与率', '100%', '100%', { score_reported: num(10) }),
        indicator('群众对医疗保障工作的满意度', '≥90%', null),
      ],
      scores: [scoreItem('项目资金', '年度资金总额', 'budget_execution', 20, 19.84, 0.01), scoreItem('绩效目标', '项目绩效目标', 'goal', 20, 18)],
    },
  };
}

function report(sections: string[][], attachments: string[][] = [attachment('1.1', A1), attachment('1.2', A2)], head = HEAD): string {
  return [...head, ...sections.flat(), ...TAIL, ...attachments.flat()].join('\n');
}

describe('merging the attachments', () => {
  it('takes the fields from the attachment and keeps the summary row and narrative as printed', () => {
    const calls: { seq: number; options: unknown; blocks: number }[] = [];
    const parse = makeReportParser(fakeAttachmentParser(attachmentProjects(), calls));
    const r = parse(docFromText(report([SECTION_1, SECTION_2])), REPORT_CLASSIFICATION);
    expect(r.variant).toBe('hubei');
    expect(calls.map((c) => c.options)).toEqual([
      { moneyUnit: '万元', fiscalYear: 2019 },
      { moneyUnit: '万元', fiscalYear: 2019 },
    ]);
    expect(r.projects).toHaveLength(2);
    const [p1, p2] = r.projects;
    expect(p1.parts).toEqual(['summary_table', 'narrative', 'attachment']);
    expect([p1.seq, v(p1.project_name), v(p1.budget_wan), v(p1.executed_wan), v(p1.execution_rate_reported), v(p1.score_reported), v(p1.grade_reported)]).toEqual([
      1, A1, 40, 39.96, 0.999, 90.98, '优',
    ]);
    expect(v(p1.department)).toBe('洪山区医疗保障局');
    expect(v(p1.unit)).toBe('洪山区医疗保障局');
    expect(v(p2.unit)).toBe('洪山区医疗保障局基金科');
    expect(v(p1.fiscal_year)).toBe(2019);
    expect(v(p1.summary_row?.budget_wan)).toBe(40);
    expect(v(p1.narrative?.budget_wan)).toBe(40);
    expect(p1.narrative?.named_units.map(v)).toEqual(['洪山区司法局']);
    expect(p2.narrative?.quoted_project_names.map(v)).toEqual(['2019年普法宣传项目']);
    expect(v(p2.execution_rate_reported)).toBe(0.992);
    // Sub-projects from the section's 项目构成 table replace the attachment's amount-less list.
    expect(p1.budget_lines.map((l) => [v(l.name), v(l.amount_wan)])).toEqual([
      ['医疗保障局开办费', 30],
      ['购置执法装备', 10],
    ]);
    expect(v(p1.budget_line_totals.sub_project)).toBe(40);
    expect(v(p1.goal)).toBe('贯彻落实…');
    expect(r.missing).toEqual([]);
    for (const p of r.projects) expect(() => Project.parse(p)).not.toThrow();
  });

  it('fills indicator weights and scores from the prose and adds per-indicator score items', () => {
    const parse = makeReportParser(fakeAttachmentParser(attachmentProjects()));
    const [p1, p2] = parse(docFromText(report([SECTION_1, SECTION_2])), REPORT_CLASSIFICATION).projects;
    expect(p1.indicators.map((i) => [v(i.name), v(i.actual), v(i.weight), v(i.score_reported)])).toEqual([
      ['法律顾问对咨询事务的受理率', '100%', 15, 15],
      ['工作考核等级', '优', 15, 15],
      ['局预算执行率', '100%', 15, 15],
      ['群众对部门工作的满意度', null, 15, 8],
    ]);
    expect(p1.scores.map((s) => [s.section, v(s.item), s.role, v(s.weight), v(s.score_reported)])).toEqual([
      ['项目资金', '年度资金总额', 'budget_execution', 20, 19.98],
      ['绩效目标', '项目绩效目标', 'goal', 20, 18],
      ['产出指标', '法律顾问对咨询事务的受理率', 'indicator', 15, 15],
      ['产出指标', '工作考核等级', 'indicator', 15, 15],
      ['产出指标', '局预算执行率', 'indicator', 15, 15],
      ['效益指标', '群众对部门工作的满意度', 'indicator', 15, 8],
    ]);
    expect(round(p1.scores.reduce((a, s) => a + (s.score_reported?.value ?? 0), 0))).toBe(90.98);
    // A score the prose leaves out comes from the attachment's indicator.
    const training = p2.scores.find((s) => s.item.value === '培训参与率')!;
    expect([v(training.weight), v(training.score_reported)]).toEqual([10, 10]);
    expect(p2.indicators.find((i) => i.name.value === '群众对医疗保障工作的满意度')).toMatchObject({ weight: { value: 20 }, score_reported: { value: 15 } });
    expect(p1.section_totals.map((t) => [t.section, v(t.weight)])).toEqual([
      ['产出指标', 45],
      ['效益指标', 15],
    ]);
  });

  it('does not duplicate indicator score items the attachment already has', () => {
    const projects = attachmentProjects();
    projects[A1].scores = [...projects[A1].scores!, scoreItem('产出指标', '法律顾问对咨询事务的受理率', 'indicator', null, null)];
    const [p1] = makeReportParser(fakeAttachmentParser(projects))(docFromText(report([SECTION_1, SECTION_2])), REPORT_CLASSIFICATION).projects;
    const items = p1.scores.filter((s) => s.item.value === '法律顾问对咨询事务的受理率');
    expect(items).toHaveLength(1);
    expect([v(items[0].weight), v(items[0].score_reported)]).toEqual([15, 15]);
    expect(p1.scores.filter((s) => s.role === 'indicator')).toHaveLength(4);
  });

  it('turns a scored section without per-indicator scores into a section total', () => {
    const projects = attachmentProjects();
    projects[A1].scores = [...projects[A1].scores!, scoreItem('绩效指标', '绩效指标', 'indicator', 60, null)];
    const [p1] = makeReportParser(fakeAttachmentParser(projects))(docFromText(report([SECTION_1, SECTION_2])), REPORT_CLASSIFICATION).projects;
    expect(p1.scores.filter((s) => s.item.value === '绩效指标')).toEqual([]);
    expect(p1.section_totals.map((t) => [t.section, v(t.weight), t.score_reported])).toEqual([
      ['绩效指标', 60, null],
      ['产出指标', 45, null],
      ['效益指标', 15, null],
    ]);
    expect(round(p1.scores.reduce((a, s) => a + (s.score_reported?.value ?? 0), 0))).toBe(90.98);
  });

  it('reads a self-evaluation table printed inside a section as the project’s form', () => {
    const section = [...SECTION_2, `项目名称\t${A2}\t\t`, '年度资金总额:\t27.56\t27.34\t99.2%'];
    const r = makeReportParser(fakeAttachmentParser(attachmentProjects()))(docFromText(report([SECTION_1, section], [attachment('1.1', A1)])), REPORT_CLASSIFICATION);
    const p2 = r.projects[1];
    expect(p2.parts).toEqual(['form', 'summary_table', 'narrative']);
    expect(v(p2.execution_rate_reported)).toBe(0.992);
    expect(r.missing).toEqual([]);
  });

  it('does not add prose items the attachment’s own scored indicators do not list', () => {
    const projects = attachmentProjects();
    projects[A1].scores = [...projects[A1].scores!, scoreItem('产出指标', '法律顾问受理率', 'indicator', 15, 15), scoreItem('产出指标', '考核等级', 'indicator', 15, 15)];
    const r = makeReportParser(fakeAttachmentParser(projects))(docFromText(report([SECTION_1, SECTION_2])), REPORT_CLASSIFICATION);
    const p1 = r.projects[0];
    expect(p1.scores.filter((s) => s.role === 'indicator').map((s) => v(s.item))).toEqual(['法律顾问受理率', '考核等级']);
    expect(r.warnings).toContain('project 1: the prose scores “法律顾问对咨询事务的受理率”, “局预算执行率”, “群众对部门工作的满意度”, which the attachment\'s scored indicators do not list');
  });

  it('reads a scored funds paragraph outside the indicator sections as the budget-execution item', () => {
    const projects = attachmentProjects();
    projects[A1].scores = [scoreItem('项目资金', '年度资金总额', 'budget_execution', null, null), scoreItem('绩效目标', '项目绩效目标', 'goal', 20, 18)];
    const section = [...SECTION_1.slice(0, 8), '（一）预算执行率（20 分）：实际使用金额为 39.96 万元，得分 19.98 分。', ...SECTION_1.slice(8)];
    const [p1] = makeReportParser(fakeAttachmentParser(projects))(docFromText(report([section, SECTION_2])), REPORT_CLASSIFICATION).projects;
    expect(p1.scores.map((s) => [s.role, v(s.weight), v(s.score_reported)])).toEqual([
      ['budget_execution', 20, 19.98],
      ['goal', 20, 18],
      ['indicator', 15, 15],
      ['indicator', 15, 15],
      ['indicator', 15, 15],
      ['indicator', 15, 8],
    ]);
    expect(p1.narrative?.named_units.map(v)).toEqual(['洪山区司法局']);
    expect(v(p1.narrative?.budget_wan)).toBe(40);
  });

  it('keeps attachment figures that disagree with the summary row (for CROSS_REF)', () => {
    const projects = attachmentProjects();
    projects[A1].budget_wan = num(41);
    const [p1] = makeReportParser(fakeAttachmentParser(projects))(docFromText(report([SECTION_1, SECTION_2])), REPORT_CLASSIFICATION).projects;
    expect(v(p1.budget_wan)).toBe(41);
    expect(v(p1.summary_row?.budget_wan)).toBe(40);
    expect(v(p1.narrative?.budget_wan)).toBe(40);
  });

  it('matches attachments by name in another order, and by order when they print no name', () => {
    const parse = makeReportParser(fakeAttachmentParser(attachmentProjects()));
    const swapped = parse(docFromText(report([SECTION_1, SECTION_2], [attachment('1.1', A2), attachment('1.2', A1)])), REPORT_CLASSIFICATION);
    expect(swapped.projects.map((p) => [v(p.project_name), v(p.score_reported)])).toEqual([
      [A1, 90.98],
      [A2, 92.84],
    ]);
    const parseUnnamed = makeReportParser(fakeAttachmentParser({ '*': { budget_wan: num(1) } }));
    const unnamed = parseUnnamed(docFromText(report([SECTION_1, SECTION_2], [attachment('1', ''), attachment('2', '')])), REPORT_CLASSIFICATION);
    expect(unnamed.projects.map((p) => p.parts.includes('attachment'))).toEqual([true, true]);
    expect(unnamed.projects).toHaveLength(2);
  });

  it('matches an attachment printing another project’s name by order, with a warning', () => {
    const parse = makeReportParser(fakeAttachmentParser({ ...attachmentProjects(), 普法宣传项目: { budget_wan: num(5) } }));
    const r = parse(docFromText(report([SECTION_1, SECTION_2], [attachment('1.1', A1), attachment('1.2', '普法宣传项目')])), REPORT_CLASSIFICATION);
    expect(r.projects).toHaveLength(2);
    expect(v(r.projects[1].project_name)).toBe('普法宣传项目');
    expect(v(r.projects[1].summary_row?.project_name)).toBe(A2);
    expect(r.warnings).toContain('attachment 1.2 (项目名称 “普法宣传项目”) matched to project “打击欺诈骗取医保基金专项经费” by order');
  });

  it('builds a project from the summary row and prose when it has no attachment, and says so', () => {
    const parse = makeReportParser(fakeAttachmentParser(attachmentProjects()));
    const r = parse(docFromText(report([SECTION_1, SECTION_2], [attachment('1.1', A1)])), REPORT_CLASSIFICATION);
    const p2 = r.projects[1];
    expect(p2.parts).toEqual(['summary_table', 'narrative']);
    expect([v(p2.budget_wan), v(p2.executed_wan), v(p2.execution_rate_reported), v(p2.score_reported), v(p2.grade_reported)]).toEqual([27.56, 27.34, null, 92.84, '优']);
    const textLines = report([SECTION_1, SECTION_2], [attachment('1.1', A1)]).split('\n');
    expect(p2.budget_wan?.src.line).toBe(textLines.findIndex((l) => l.includes('预算批复资金为 27.56')) + 1);
    expect(v(p2.unit)).toBe('洪山区医疗保障局');
    expect(p2.scores.map((s) => [s.section, v(s.item), v(s.score_reported)])).toEqual([
      ['产出指标', '政策宣传活动次数', 10],
      ['产出指标', '培训参与率', null],
      ['满意度指标', '群众对医疗保障工作的满意度', 15],
    ]);
    expect(r.missing).toEqual([expect.stringMatching(/^project 2 \(打击欺诈骗取医保基金专项经费\): no attached self-evaluation table/)]);
  });

  it('uses the section’s 绩效目标 table when no attachment gives indicators', () => {
    const section = [...SECTION_2.slice(0, 1), '年度目标\t加强医保基金监管。\t\t\t', '年度绩效指标\t一级指标\t二级指标\t指标名称\t指标值', '\t产出指标\t数量指标\t政策宣传活动次数\t≥2 次', ...SECTION_2.slice(1)];
    const r = makeReportParser(null)(docFromText(report([SECTION_1, section], [])), REPORT_CLASSIFICATION);
    const p2 = r.projects[1];
    expect(v(p2.goal)).toBe('加强医保基金监管。');
    expect(p2.indicators.map((i) => [v(i.level1), v(i.name), v(i.target), v(i.weight), v(i.score_reported)])).toEqual([['产出指标', '政策宣传活动次数', '≥2次', 10, 10]]);
  });

  it('reports an attachment parser that throws as a warning and goes on', () => {
    const parse = makeReportParser(() => {
      throw new Error('boom');
    });
    const r = parse(docFromText(report([SECTION_1, SECTION_2])), REPORT_CLASSIFICATION);
    expect(r.projects).toHaveLength(2);
    expect(r.warnings.filter((w) => w.includes('boom'))).toHaveLength(2);
    expect(v(r.projects[0].score_reported)).toBe(90.98);
  });
});

describe('reports missing parts', () => {
  it('builds projects from attachments alone (titles without 附件 headings), and says what is missing', () => {
    const text = ['2019 年度项目支出绩效自评报告', '一、基本情况', '本局共有两个项目。', `${A1}项目支出绩效自评表`, `项目名称\t${A1}\t\t`, '项目支出绩效自评表', `项目名称\t${A2}\t\t`].join('\n');
    const r = makeReportParser(fakeAttachmentParser(attachmentProjects()))(docFromText(text), REPORT_CLASSIFICATION);
    expect(r.projects.map((p) => [v(p.project_name), p.parts, v(p.score_reported), v(p.fiscal_year)])).toEqual([
      [A1, ['attachment'], 90.98, 2019],
      [A2, ['attachment'], 92.84, 2019],
    ]);
    expect(r.summary_table).toBeNull();
    expect(r.missing).toEqual([
      expect.stringMatching(/^no summary table/),
      `project 1 (${A1}): no section in the report's prose`,
      `project 2 (${A2}): no section in the report's prose`,
    ]);
  });

  it('says so when nothing is found', () => {
    const r = makeReportParser(null)(docFromText('某某报告\n没有内容。'), REPORT_CLASSIFICATION);
    expect(r.projects).toEqual([]);
    expect(r.missing).toEqual([expect.stringMatching(/^no summary table/), expect.stringMatching(/^no project found/)]);
  });
});

describe('sections', () => {
  it('matches sections printed in another order than the summary table', () => {
    const r = makeReportParser(null)(docFromText(report([SECTION_2.map((l) => l.replace(/^2\./, '1.')), SECTION_1.map((l) => l.replace(/^1\./, '2.'))], [])), REPORT_CLASSIFICATION);
    expect(r.projects.map((p) => [p.seq, v(p.project_name), v(p.narrative?.total_score)])).toEqual([
      [1, A1, 90.98],
      [2, A2, 92.84],
    ]);
  });

  it('finds sections headed （一）/（二） or 1、/2、 with other wording, without a summary table', () => {
    for (const [m1, m2] of [
      ['（一）', '（二）'],
      ['1、', '2、'],
    ]) {
      const head = HEAD.filter((l) => !l.includes('\t'));
      const s1 = [`${m1}机关建设及日常保障经费项目`, ...SECTION_1.slice(1)];
      const s2 = [`${m2}打击欺诈骗取医保基金专项经费项目`, ...SECTION_2.slice(1)];
      const r = makeReportParser(null)(docFromText(report([s1, s2], [], head)), REPORT_CLASSIFICATION);
      expect(r.projects.map((p) => [v(p.project_name), v(p.score_reported), p.narrative?.indicator_scores.length])).toEqual([
        ['机关建设及日常保障经费项目', 90.98, 4],
        ['打击欺诈骗取医保基金专项经费项目', 92.84, 3],
      ]);
      expect(r.summary_table).toBeNull();
    }
  });

  it('takes a whole region as the one project’s section when it has no heading', () => {
    const head = [...HEAD.slice(0, 4), '序号\t项目名称\t预算数(万元)\t全年执行数(万元)\t得分\t自评等级', '1\t机关建设及日常保障经费\t40.00\t39.96\t90.98\t优', '三、各项目自评情况'];
    const r = makeReportParser(null)(docFromText(report([SECTION_1.slice(1)], [], head)), REPORT_CLASSIFICATION);
    expect(r.projects).toHaveLength(1);
    expect(v(r.projects[0].narrative?.total_score)).toBe(90.98);
    expect(r.projects[0].narrative?.indicator_scores).toHaveLength(4);
  });
});
