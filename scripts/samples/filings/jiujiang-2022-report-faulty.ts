/**
 * Made-up: 2022 self-evaluation report of 九江市濂溪区市场监督管理局 (江西) with injected faults:
 *  - project 1: printed 执行率 95.20% where B/A = 183.6 / 195 = 94.15%            → EXEC_RATE
 *  - project 1: 项目构成 sub-projects add up to 190, 合计 printed 195               → BUDGET_SUM
 *  - project 2: attached table's 自评得分 87.34, its printed items add up to 86.34 → TOTAL_SCORE
 *  - project 2: summary table prints 88.34, the attached table 87.34              → CROSS_REF
 * Attachments are national-variant tables on landscape pages.
 */
import { h, p, page, prose, title, type Block, type OdfDoc } from '../fodt.js';
import { compositionTable, summaryTable } from '../forms/hubei.js';
import { natItemSum, nationalSelfEvalTable, type NatIndicator, type NationalSelfEval } from '../forms/national.js';
import { round, type Expected, type Sample } from '../types.js';

const UNIT = '九江市濂溪区市场监督管理局';
const ind = (
  level1: string,
  level2: string,
  name: string,
  target: string,
  actual: string,
  weight: number,
  score: number,
  reason = '',
): NatIndicator => ({ level1, level2, name, target, actual, weight, score, reason });

const t1: NationalSelfEval = {
  projectName: '食品安全抽检监测经费',
  department: UNIT,
  unit: UNIT,
  funds: [
    // FAULT EXEC_RATE: 183.60 / 195.00 = 94.15%, printed 95.20%; the score 9.42 follows B/A
    { label: '年度资金总额', initial: '195.00', budget: '195.00', executed: '183.60', weight: '10', rate: '95.20%', score: '9.42' },
    // the 其中 row carries the right rate: only the total row's rate is wrong
    { label: '其中：当年财政拨款', initial: '195.00', budget: '195.00', executed: '183.60', weight: '—', rate: '94.15%', score: '—' },
    { label: '上年结转资金', initial: '', budget: '', executed: '', weight: '—', rate: '', score: '—' },
    { label: '其他资金', initial: '', budget: '', executed: '', weight: '—', rate: '', score: '—' },
  ],
  goalPlanned:
    '完成食品安全监督抽检1800批次以上、农产品快检12000批次以上，抽检不合格产品全部核查处置，抽检结果按时公示，辖区食品安全抽检合格率保持在97%以上。',
  goalDone:
    '全年完成食品安全监督抽检1862批次、农产品快检12480批次，不合格产品核查处置率100%，抽检结果公示及时率97%，辖区食品安全抽检合格率98.1%。',
  indicators: [
    ind('产出指标', '数量指标', '食品安全监督抽检批次', '≥1800批次', '1862批次', 15, 15),
    ind('产出指标', '数量指标', '农产品快检批次', '≥12000批次', '12480批次', 10, 10),
    ind('产出指标', '质量指标', '抽检不合格产品核查处置率', '100%', '100%', 15, 15),
    ind('产出指标', '时效指标', '抽检结果公示及时率', '≥95%', '97%', 10, 10),
    ind('效益指标', '社会效益指标', '辖区食品安全抽检合格率', '≥97%', '98.1%', 15, 15),
    ind('效益指标', '可持续影响指标', '食品安全监管长效机制', '持续完善', '持续完善', 15, 15),
    ind('满意度指标', '服务对象满意度指标', '群众对食品安全工作满意度', '≥85%', '88.2%', 10, 10),
  ],
  grade: '优',
};
const score1 = natItemSum(t1); // 99.42

const t2: NationalSelfEval = {
  projectName: '特种设备安全监察经费',
  department: UNIT,
  unit: UNIT,
  funds: [
    { label: '年度资金总额', initial: '68.00', budget: '68.00', executed: '54.40', weight: '10', rate: '80.00%', score: '8.00' },
    { label: '其中：当年财政拨款', initial: '68.00', budget: '68.00', executed: '54.40', weight: '—', rate: '80.00%', score: '—' },
    { label: '上年结转资金', initial: '', budget: '', executed: '', weight: '—', rate: '', score: '—' },
    { label: '其他资金', initial: '', budget: '', executed: '', weight: '—', rate: '', score: '—' },
  ],
  goalPlanned:
    '开展辖区特种设备定期检验督促和隐患排查治理，特种设备定期检验率达到95%以上，排查使用单位300家以上，隐患全部整改，投诉举报及时处置，全年不发生特种设备事故。',
  goalDone:
    '全年特种设备定期检验率86%，排查使用单位276家，隐患整改完成率92%，投诉举报处置及时率100%，发生一般特种设备事故1起。',
  indicators: [
    ind('产出指标', '数量指标', '特种设备定期检验率', '≥95%', '86%', 15, 13.58, '部分电梯使用单位未按期申报检验，已责令限期整改并纳入下年度重点检查。'),
    ind('产出指标', '数量指标', '隐患排查使用单位数', '≥300家', '276家', 10, 9.2, '部分企业停产歇业，未能现场排查；下年度加大排查频次。'),
    ind('产出指标', '质量指标', '隐患整改完成率', '100%', '92%', 15, 13.8, '部分隐患整改周期较长，已督促限期整改。'),
    ind('产出指标', '时效指标', '投诉举报处置及时率', '100%', '100%', 10, 10),
    ind('效益指标', '社会效益指标', '特种设备事故发生起数', '0起', '1起', 15, 10, '发生一般事故1起，已依法查处并开展警示教育。'),
    ind('效益指标', '可持续影响指标', '特种设备安全监管信息化水平', '逐步提高', '部分提高', 15, 12, '智慧监管平台尚在建设，下年度完成上线。'),
    ind('满意度指标', '服务对象满意度指标', '使用单位满意度', '≥85%', '83%', 10, 9.76, '检验排队时间偏长，下年度协调检验机构增设服务窗口。'),
  ],
  grade: '良',
};
const sum2 = natItemSum(t2); // 86.34
const printed2 = round(sum2 + 1, 2); // FAULT TOTAL_SCORE: 87.34 printed
t2.totalPrinted = printed2.toFixed(2);
const summary2 = round(printed2 + 1, 2); // FAULT CROSS_REF: 88.34 in the summary table

function projectSection(
  n: number,
  t: NationalSelfEval,
  background: string,
  composition: [string, string, string, string][],
  fundProse: string,
  indicatorProse: string[],
  score: string,
  grade: string,
  problems: string,
  measures: string,
): Block[] {
  return [
    h(`${n}. ${t.projectName}`),
    h(`${n}-1、项目基本情况`),
    prose(background),
    p('项目构成如下：'),
    compositionTable(composition),
    h(`${n}-2、资金情况分析`),
    prose(fundProse),
    h(`${n}-3、绩效指标完成情况分析`),
    ...indicatorProse.map(prose),
    h(`${n}-4、自评结果`),
    prose(`本项目自评得分 ${score} 分，自评等级为${grade}。详见《${t.projectName}项目支出绩效自评表》（附件${n}）。`),
    h(`${n}-5、主要问题和改进措施`),
    prose(problems),
    prose(measures),
  ];
}

function doc(): OdfDoc {
  const b: Block[] = [
    title(`${UNIT}2022年度项目支出绩效自评报告`, 15),
    h('一、绩效自评工作开展情况'),
    prose(
      `根据《九江市濂溪区财政局关于开展2022年度项目支出绩效自评工作的通知》要求，${UNIT}成立绩效自评工作小组，对本单位2022年度2个项目开展绩效自评，涉及预算资金263.00万元，自评覆盖率100%。自评工作按照收集资料、核对数据、对照指标逐项评分、撰写报告的步骤进行。`,
    ),
    h('二、本报告包含项目的自评结果'),
    summaryTable(
      [
        ['1', t1.projectName, '195.00', '183.60', score1.toFixed(2), '优'],
        ['2', t2.projectName, '68.00', '54.40', summary2.toFixed(2), '良'],
      ],
      ['263.00', '238.00'],
    ),
    h('三、各项目自评情况'),
    ...projectSection(
      1,
      t1,
      '为落实食品安全“四个最严”要求，我局按照省、市食品安全抽检监测计划，组织开展辖区食品生产、流通、餐饮环节的监督抽检和农贸市场农产品快速检测，及时发现和处置食品安全风险。',
      [
        // FAULT BUDGET_SUM: 80 + 60 + 35 + 15 = 190, 合计 printed 195
        ['食品安全监督抽检', '80.00', '', '80.00'],
        ['农产品快速检测', '60.00', '', '60.00'],
        ['食品安全风险监测', '35.00', '', '35.00'],
        ['抽检结果公示与核查处置', '15.00', '', '15.00'],
        ['合计', '195.00', '', '195.00'],
      ],
      '项目年初预算195.00万元，全年预算195.00万元，资金全部到位，到位率100%。全年实际支出183.60万元，结余资金已按规定收回财政。',
      [
        '（1）产出指标（50分）：全年完成食品安全监督抽检1862批次、农产品快检12480批次，不合格产品核查处置率100%，抽检结果公示及时率97%，该部分得分50分。',
        '（2）效益指标（30分）：辖区食品安全抽检合格率98.1%，监管长效机制持续完善，该部分得分30分。',
        '（3）满意度指标（10分）：群众对食品安全工作满意度88.2%，该指标得分10分。',
      ],
      score1.toFixed(2),
      '优',
      '（1）主要问题：部分快检项目与监督抽检衔接不够紧密。',
      '（2）改进措施：优化抽检计划，提高问题发现率。',
    ),
    ...projectSection(
      2,
      t2,
      '为防范和遏制特种设备事故，我局对辖区锅炉、压力容器、电梯、起重机械等特种设备开展安全监察和隐患排查治理。',
      [
        ['特种设备安全监督检查', '40.00', '', '40.00'],
        ['隐患排查治理', '20.00', '', '20.00'],
        ['特种设备安全宣传培训', '8.00', '', '8.00'],
        ['合计', '68.00', '', '68.00'],
      ],
      '项目全年预算68.00万元，资金全部到位。全年实际支出54.40万元，预算执行率80.00%，主要原因是智慧监管平台建设延后，相应资金未能支出。',
      [
        '（1）产出指标（50分）：特种设备定期检验率86%，隐患排查使用单位276家，隐患整改完成率92%，投诉举报处置及时率100%，该部分得分46.58分。',
        '（2）效益指标（30分）：全年发生一般特种设备事故1起，信息化监管水平部分提高，该部分得分22分。',
        '（3）满意度指标（10分）：使用单位满意度83%，该指标得分9.76分。',
      ],
      printed2.toFixed(2),
      '良',
      '（1）主要问题：预算执行率偏低，部分指标未达到年度目标。',
      '（2）改进措施：加快平台建设进度，加强对使用单位的督促检查。',
    ),
    h('四、绩效自评结果应用'),
    prose('自评结果将作为下一年度预算安排和项目管理的重要依据，对未完成的指标逐项制定整改措施并跟踪落实。'),
    page(true),
    p('附件1', { b: true }),
    title('项目支出绩效自评表', 14),
    p('（2022年度）', { al: 'c' }),
    nationalSelfEvalTable(t1, 26.7),
    page(true),
    p('附件2', { b: true }),
    title('项目支出绩效自评表', 14),
    p('（2022年度）', { al: 'c' }),
    nationalSelfEvalTable(t2, 26.7),
  ];
  return { landscape: false, size: 10.5, blocks: b };
}

const indicators = (t: NationalSelfEval) =>
  t.indicators.map((i) => ({
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    target: i.target,
    actual: i.actual,
    weight: i.weight,
    score_reported: i.score,
  }));

const expected: Expected = {
  doc_id: 'jiujiang-2022-self-eval-report-faulty',
  doc_type: 'self_eval_report',
  projects: [
    {
      project_seq: 1,
      fiscal_year: 2022,
      unit: UNIT,
      department: UNIT,
      project_name: t1.projectName,
      budget_wan: 195,
      executed_wan: 183.6,
      execution_rate_reported: 0.952,
      execution_rate_recomputed: 0.9415,
      score_reported: score1,
      // 10 × 183.6 / 195 + the printed indicator scores, to 4 decimals
      score_recomputed: round(10 * (183.6 / 195) + score1 - 9.42, 4),
      grade_reported: '优',
      grade_expected: '优',
      budget_lines: [
        { kind: 'sub_project', name: '食品安全监督抽检', amount_wan: 80 },
        { kind: 'sub_project', name: '农产品快速检测', amount_wan: 60 },
        { kind: 'sub_project', name: '食品安全风险监测', amount_wan: 35 },
        { kind: 'sub_project', name: '抽检结果公示与核查处置', amount_wan: 15 },
      ],
      indicators: indicators(t1),
    },
    {
      project_seq: 2,
      fiscal_year: 2022,
      unit: UNIT,
      department: UNIT,
      project_name: t2.projectName,
      budget_wan: 68,
      executed_wan: 54.4,
      execution_rate_reported: 0.8,
      execution_rate_recomputed: 0.8,
      score_reported: printed2,
      score_recomputed: sum2,
      grade_reported: '良',
      grade_expected: '良',
      budget_lines: [
        { kind: 'sub_project', name: '特种设备安全监督检查', amount_wan: 40 },
        { kind: 'sub_project', name: '隐患排查治理', amount_wan: 20 },
        { kind: 'sub_project', name: '特种设备安全宣传培训', amount_wan: 8 },
      ],
      indicators: indicators(t2),
    },
  ],
  flags: [
    { code: 'EXEC_RATE', project_seq: 1 },
    { code: 'BUDGET_SUM', project_seq: 1 },
    { code: 'TOTAL_SCORE', project_seq: 2 },
    { code: 'CROSS_REF', project_seq: 2 },
  ],
};

export const jiujiangFaulty: Sample = { docId: 'jiujiang-2022-self-eval-report-faulty', kind: 'odf', doc, expected };
