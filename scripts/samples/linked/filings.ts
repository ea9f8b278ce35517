/**
 * Linked samples (samples-linked/): declarations and self-evaluations of the same projects,
 * made up, with the differences audits find between them, and the links and cross-document
 * flags expected of a run over the folder (samples-linked/expected-links.json).
 *
 *   A  基本公共卫生服务 2022 (national table): a lowered target, a dropped and an added indicator;
 *      declared with full-width `≧９０％` notation (no change) and a year-prefixed 专项资金 name.
 *   B  食品安全抽检监测 2022: a changed budget (年初预算数 100.00 vs 项目当年预算 120.00); the
 *      declaration names the project with a code prefix and its unit by itself, the evaluation by
 *      its department; the evaluation is also filed twice under another file name (duplicate).
 *   C  农村饮水安全巩固提升工程 2022: an OCR-slipped name (资全), nothing changed.
 *   D  打击欺诈骗取医保基金专项 2019: a declaration answered by the Hubei report seed's second
 *      project, whose 政策宣传活动次数 target ≥2次 is lower than the ≥3次 declared.
 *   E  2023 declaration of A's project stating 2022 = 390.00 (A's evaluation: 386.50, a
 *      PRIOR_YEAR) and 2021 = 386.50 (the tianshui 2021 sample: 全年预算数 386.50, agrees).
 *   F  城乡居民医疗救助 2022: unit with and without its city, a raised ceiling (≤7天 → ≤10天)
 *      and a target in spaced notation (`≥ 95 %`, no change).
 *   Unrelated filings of the same unit and year (天水市秦州区卫生健康局, 2022) that must not link.
 * The seeds hongshan-2021-declaration and hongshan-2019-self-eval-report are copied in too.
 */
import { p, title, type OdfDoc } from '../fodt.js';
import { renderHubeiDeclaration, type HubeiDeclaration } from '../forms/hubei.js';
import { nationalSelfEvalTable, natItemSum, type NatIndicator, type NationalSelfEval } from '../forms/national.js';
import { fix, gradeOf } from '../types.js';

export interface LinkedFiling {
  docId: string;
  /** an office-suite PDF, or a copy of a file (seed or sample) */
  doc?: () => OdfDoc;
  copyOf?: string;
}

export interface ExpectedLinks {
  links: { doc_id: string; project_seq: number; other_doc_id: string; other_project_seq: number; relation: string }[];
  flags: { doc_id: string; project_seq: number | null; code: string; other_doc_id: string; field: string }[];
  /** pairs of documents that must not be linked */
  unrelated: [string, string][];
}

type Ind = [level1: string, level2: string, name: string, target: string];

function hubeiDecl(o: {
  year: number;
  unit: string;
  department: string;
  name: string;
  code?: string;
  budget: string;
  prior: string;
  indicators: Ind[];
}): HubeiDeclaration {
  return {
    title: `${o.year}年项目资金绩效目标申报表`,
    unit: o.unit,
    moneyUnit: '万元',
    projectName: o.name,
    projectCode: o.code ?? '',
    department: o.department,
    executor: o.unit,
    leader: '',
    level: '1.一般项目 ■    2.重点项目 □',
    reason: '1.依据：根据上级有关文件精神和本单位年度工作计划。2.现实意义：保障本项目各项工作顺利开展。',
    content: '项目资金主要用于本项目年度工作任务的组织实施、检查督导和宣传培训。',
    totalBudget: o.budget,
    yearBudget: o.budget,
    priorYears: o.prior,
    sources: [
      ['合计', o.budget],
      ['1.一般公共预算财政拨款收入', o.budget],
      ['其中：申请当年预算拨款', o.budget],
      ['2.上年结转', ''],
    ],
    expenses: [
      ['合计', o.budget],
      ['1.业务工作经费', o.budget],
    ],
    basis: '依据本单位年度工作计划及上年度实际支出测算。',
    goal: '按计划完成年度各项工作任务，提高服务质量和群众满意度。',
    indicators: o.indicators.map(([l1, l2, name, target], i, all) => [i > 0 && all[i - 1][0] === l1 ? '' : l1, l2, name, target, '']),
    attachmentNo: '附件1-2',
    notes: ['一、项目绩效总目标：概括描述项目整个计划期内的总体产出和效果。'],
  };
}

const ind = (level1: string, level2: string, name: string, target: string, actual: string, weight: number): NatIndicator => ({
  level1,
  level2,
  name,
  target,
  actual,
  weight,
  score: weight,
  reason: '',
});

/** A consistent national 项目支出绩效自评表: fund score 10 × B/A, every indicator met at full weight. */
function natTable(o: { name: string; department: string; unit: string; initial: string; budget: string; executed: string; indicators: NatIndicator[] }): NationalSelfEval {
  const a = Number(o.budget);
  const b = Number(o.executed);
  const rate = b / a;
  const t: NationalSelfEval = {
    projectName: o.name,
    department: o.department,
    unit: o.unit,
    funds: [
      { label: '年度资金总额', initial: o.initial, budget: o.budget, executed: o.executed, weight: '10', rate: `${fix(rate * 100)}%`, score: fix(10 * rate) },
      { label: '其中：当年财政拨款', initial: o.initial, budget: o.budget, executed: o.executed, weight: '—', rate: `${fix(rate * 100)}%`, score: '—' },
      { label: '上年结转资金', initial: '', budget: '', executed: '', weight: '—', rate: '', score: '—' },
      { label: '其他资金', initial: '', budget: '', executed: '', weight: '—', rate: '', score: '—' },
    ],
    goalPlanned: '按计划完成年度各项工作任务，提高服务质量和群众满意度。',
    goalDone: '年度各项工作任务均已完成，服务质量和群众满意度稳步提高。',
    indicators: o.indicators,
  };
  t.grade = gradeOf(natItemSum(t));
  return t;
}

function natDoc(year: number, unit: string, t: NationalSelfEval): () => OdfDoc {
  return () => ({
    landscape: false,
    size: 10,
    blocks: [
      p('附件2', { b: true }),
      title('项目支出绩效自评表', 15),
      p(`（${year}年度）`, { al: 'c' }),
      p(`填报单位（盖章）：${unit}                                        填报日期：${year + 1}年3月20日`),
      nationalSelfEvalTable(t, 17),
      p('填表人：张敏        联系电话：0938-8213000        单位负责人：王强'),
    ],
  });
}

// ---------------------------------------------------------------- A: 基本公共卫生服务 2022
const TS = '天水市秦州区卫生健康局';
const declA = hubeiDecl({
  year: 2022,
  unit: TS,
  department: TS,
  name: '2022年基本公共卫生服务专项资金',
  budget: '386.50',
  prior: '2020年预算为340.00万元；2021年预算为386.50万元，2022年预算为386.50万元',
  indicators: [
    ['产出指标', '数量指标', '居民电子健康档案建档率', '≧９０％'],
    ['产出指标', '数量指标', '适龄儿童国家免疫规划疫苗接种率', '≥95%'],
    ['产出指标', '质量指标', '高血压患者规范管理率', '≥60%'],
    ['效益指标', '社会效益指标', '居民健康素养水平', '≥22%'],
    ['效益指标', '满意度指标', '城乡居民对基本公共卫生服务满意度', '≥85%'],
  ],
});
const evalA = natTable({
  name: '基本公共卫生服务项目',
  department: TS,
  unit: TS,
  initial: '386.50',
  budget: '386.50',
  executed: '380.20',
  indicators: [
    ind('产出指标', '数量指标', '居民电子健康档案建档率', '≥90%', '92.3%', 20),
    ind('产出指标', '数量指标', '适龄儿童国家免疫规划疫苗接种率', '≥90%', '93.5%', 20),
    ind('产出指标', '质量指标', '高血压患者规范管理率', '≥60%', '63.8%', 15),
    ind('效益指标', '社会效益指标', '家庭医生签约服务覆盖率', '≥40%', '45.2%', 15),
    ind('满意度指标', '服务对象满意度指标', '城乡居民对基本公共卫生服务满意度', '≥85%', '90.6%', 20),
  ],
});

// ---------------------------------------------------------------- B: 食品安全抽检监测 2022
const declB = hubeiDecl({
  year: 2022,
  unit: '九江市濂溪区食品药品检验检测中心',
  department: '九江市濂溪区市场监督管理局',
  name: '360402015-食品安全抽检监测经费',
  budget: '120.00',
  prior: '2020年预算为95.00万元；2021年预算为110.00万元，2022年预算为120.00万元',
  indicators: [
    ['产出指标', '数量指标', '食品安全抽检批次', '≥1200批次'],
    ['产出指标', '时效指标', '抽检结果公布及时率', '100%'],
    ['效益指标', '满意度指标', '群众对食品安全工作满意度', '≥90%'],
  ],
});
const evalB = natTable({
  name: '食品安全抽检监测项目',
  department: '九江市濂溪区市场监督管理局',
  unit: '九江市濂溪区市场监督管理局',
  initial: '100.00',
  budget: '120.00',
  executed: '118.40',
  indicators: [
    ind('产出指标', '数量指标', '食品安全抽检批次', '≥1200批次', '1260批次', 30),
    ind('产出指标', '时效指标', '抽检结果公布及时率', '100%', '100%', 30),
    ind('满意度指标', '服务对象满意度指标', '群众对食品安全工作满意度', '≥90%', '93%', 30),
  ],
});

// ---------------------------------------------------------------- C: 农村饮水安全 2022
const SY = '宿迁市宿豫区水务局';
const declC = hubeiDecl({
  year: 2022,
  unit: SY,
  department: SY,
  name: '农村饮水安全巩固提升工程资金',
  budget: '210.00',
  prior: '2020年预算为180.00万元；2021年预算为200.00万元，2022年预算为210.00万元',
  indicators: [
    ['产出指标', '数量指标', '新建改造供水管网长度', '≥35公里'],
    ['产出指标', '质量指标', '工程验收合格率', '100%'],
    ['效益指标', '社会效益指标', '农村自来水普及率', '≥99%'],
  ],
});
const evalC = natTable({
  name: '农村饮水安全巩固提升工程资全',
  department: SY,
  unit: SY,
  initial: '210.00',
  budget: '210.00',
  executed: '205.80',
  indicators: [
    ind('产出指标', '数量指标', '新建改造供水管网长度', '≥35公里', '36.2公里', 30),
    ind('产出指标', '质量指标', '工程验收合格率', '100%', '100%', 30),
    ind('效益指标', '社会效益指标', '农村自来水普及率', '≥99%', '99.3%', 30),
  ],
});

// ---------------------------------------------------------------- D: 2019 declaration answered by the report seed
const declD = hubeiDecl({
  year: 2019,
  unit: '武汉市洪山区医疗保障局',
  department: '洪山区医疗保障局',
  name: '2019年打击欺诈骗取医保基金专项',
  budget: '27.56',
  prior: '2017年预算为20.00万元；2018年预算为25.00万元，2019年预算为27.56万元',
  indicators: [
    ['产出指标', '数量指标', '政策宣传活动次数', '≥3次'],
    ['产出指标', '质量指标', '对两定医药机构抽查完成率', '100%'],
    ['产出指标', '质量指标', '培训参与率', '100%'],
    ['产出指标', '时效指标', '处理群众举报的欺诈骗保行为的及时性', '及时'],
    ['效益指标', '满意度指标', '群众对医疗保障工作的满意度', '≥90%'],
  ],
});

// ---------------------------------------------------------------- E: 2023 declaration of A's project
const declE = hubeiDecl({
  year: 2023,
  unit: TS,
  department: TS,
  name: '基本公共卫生服务',
  budget: '400.00',
  prior: '2021年预算为386.50万元；2022年预算为390.00万元，2023年预算为400.00万元',
  indicators: [
    ['产出指标', '数量指标', '居民电子健康档案建档率', '≥90%'],
    ['效益指标', '满意度指标', '城乡居民对基本公共卫生服务满意度', '≥85%'],
  ],
});

// ---------------------------------------------------------------- F: 城乡居民医疗救助 2022
const declF = hubeiDecl({
  year: 2022,
  unit: '秦州区医疗保障局',
  department: '秦州区医疗保障局',
  name: '城乡居民医疗救助补助资金',
  budget: '150.00',
  prior: '2020年预算为130.00万元；2021年预算为140.00万元，2022年预算为150.00万元',
  indicators: [
    ['产出指标', '数量指标', '医疗救助人次', '≥3000人次'],
    ['产出指标', '时效指标', '救助资金发放时限', '≤7天'],
    ['效益指标', '满意度指标', '救助对象满意度', '≥ 95 %'],
  ],
});
const evalF = natTable({
  name: '城乡居民医疗救助补助项目',
  department: '天水市秦州区医疗保障局',
  unit: '天水市秦州区医疗保障局',
  initial: '150.00',
  budget: '150.00',
  executed: '149.10',
  indicators: [
    ind('产出指标', '数量指标', '医疗救助人次', '≥3000人次', '3125人次', 30),
    ind('产出指标', '时效指标', '救助资金发放时限', '≤10天', '8天', 30),
    ind('满意度指标', '服务对象满意度指标', '救助对象满意度', '≥95%', '96.5%', 30),
  ],
});

// ---------------------------------------------------------------- unrelated filings, same unit and year as A
const declU = hubeiDecl({
  year: 2022,
  unit: TS,
  department: TS,
  name: '计划生育家庭奖励扶助资金',
  budget: '88.00',
  prior: '2020年预算为80.00万元；2021年预算为84.00万元，2022年预算为88.00万元',
  indicators: [
    ['产出指标', '数量指标', '奖励扶助对象覆盖率', '100%'],
    ['效益指标', '满意度指标', '扶助对象满意度', '≥90%'],
  ],
});
const evalU = natTable({
  name: '重大传染病防控经费',
  department: TS,
  unit: TS,
  initial: '56.00',
  budget: '56.00',
  executed: '55.10',
  indicators: [
    ind('产出指标', '数量指标', '传染病报告及时率', '≥95%', '98%', 45),
    ind('满意度指标', '服务对象满意度指标', '群众满意度', '≥85%', '91%', 45),
  ],
});

export const LINKED_FILINGS: LinkedFiling[] = [
  { docId: 'a-tianshui-2022-declaration', doc: () => renderHubeiDeclaration(declA) },
  { docId: 'a-tianshui-2022-self-eval', doc: natDoc(2022, TS, evalA) },
  { docId: 'b-lianxi-2022-declaration', doc: () => renderHubeiDeclaration(declB) },
  { docId: 'b-lianxi-2022-self-eval', doc: natDoc(2022, '九江市濂溪区市场监督管理局', evalB) },
  { docId: 'b-lianxi-2022-self-eval-resubmitted', copyOf: 'b-lianxi-2022-self-eval.pdf' },
  { docId: 'c-suyu-2022-declaration', doc: () => renderHubeiDeclaration(declC) },
  { docId: 'c-suyu-2022-self-eval', doc: natDoc(2022, SY, evalC) },
  { docId: 'd-hongshan-2019-declaration', doc: () => renderHubeiDeclaration(declD) },
  { docId: 'hongshan-2019-self-eval-report', copyOf: '../samples/hongshan-2019-self-eval-report.txt' },
  { docId: 'hongshan-2021-declaration', copyOf: '../samples/hongshan-2021-declaration.txt' },
  { docId: 'e-tianshui-2023-declaration', doc: () => renderHubeiDeclaration(declE) },
  { docId: 'tianshui-2021-self-eval-table-national', copyOf: '../samples/tianshui-2021-self-eval-table-national.pdf' },
  { docId: 'f-qinzhou-2022-declaration', doc: () => renderHubeiDeclaration(declF) },
  { docId: 'f-qinzhou-2022-self-eval', doc: natDoc(2022, '天水市秦州区医疗保障局', evalF) },
  { docId: 'u-tianshui-2022-declaration-other', doc: () => renderHubeiDeclaration(declU) },
  { docId: 'u-tianshui-2022-self-eval-other', doc: natDoc(2022, TS, evalU) },
];

const L = (doc_id: string, project_seq: number, other_doc_id: string, other_project_seq: number, relation: string) => ({ doc_id, project_seq, other_doc_id, other_project_seq, relation });
const F = (doc_id: string, project_seq: number | null, code: string, other_doc_id: string, field: string) => ({ doc_id, project_seq, code, other_doc_id, field });

export const EXPECTED_LINKS: ExpectedLinks = {
  links: [
    L('a-tianshui-2022-self-eval', 1, 'a-tianshui-2022-declaration', 1, 'declared_in'),
    L('a-tianshui-2022-declaration', 1, 'tianshui-2021-self-eval-table-national', 1, 'prior_year'),
    L('b-lianxi-2022-self-eval', 1, 'b-lianxi-2022-declaration', 1, 'declared_in'),
    L('b-lianxi-2022-self-eval-resubmitted', 1, 'b-lianxi-2022-self-eval', 1, 'duplicate'),
    L('c-suyu-2022-self-eval', 1, 'c-suyu-2022-declaration', 1, 'declared_in'),
    L('hongshan-2019-self-eval-report', 2, 'd-hongshan-2019-declaration', 1, 'declared_in'),
    L('hongshan-2021-declaration', 1, 'hongshan-2019-self-eval-report', 2, 'prior_year'),
    L('e-tianshui-2023-declaration', 1, 'a-tianshui-2022-self-eval', 1, 'prior_year'),
    L('e-tianshui-2023-declaration', 1, 'tianshui-2021-self-eval-table-national', 1, 'prior_year'),
    L('f-qinzhou-2022-self-eval', 1, 'f-qinzhou-2022-declaration', 1, 'declared_in'),
  ],
  flags: [
    F('a-tianshui-2022-self-eval', 1, 'TARGET_CHANGED', 'a-tianshui-2022-declaration', 'target:适龄儿童国家免疫规划疫苗接种率'),
    F('a-tianshui-2022-self-eval', 1, 'INDICATOR_DROPPED', 'a-tianshui-2022-declaration', 'indicator:居民健康素养水平'),
    F('a-tianshui-2022-self-eval', 1, 'INDICATOR_DROPPED', 'a-tianshui-2022-declaration', 'indicator:家庭医生签约服务覆盖率'),
    F('b-lianxi-2022-self-eval', 1, 'BUDGET_CHANGED', 'b-lianxi-2022-declaration', 'budget_initial_wan'),
    F('b-lianxi-2022-self-eval-resubmitted', null, 'DUPLICATE', 'b-lianxi-2022-self-eval', 'sha256'),
    F('hongshan-2019-self-eval-report', 2, 'TARGET_CHANGED', 'd-hongshan-2019-declaration', 'target:政策宣传活动次数'),
    F('e-tianshui-2023-declaration', 1, 'PRIOR_YEAR', 'a-tianshui-2022-self-eval', 'prior_year_budgets:2022'),
    F('f-qinzhou-2022-self-eval', 1, 'TARGET_CHANGED', 'f-qinzhou-2022-declaration', 'target:救助资金发放时限'),
  ],
  unrelated: [
    ['u-tianshui-2022-self-eval-other', 'u-tianshui-2022-declaration-other'],
    ['u-tianshui-2022-self-eval-other', 'a-tianshui-2022-declaration'],
    ['a-tianshui-2022-self-eval', 'u-tianshui-2022-declaration-other'],
    ['e-tianshui-2023-declaration', 'u-tianshui-2022-self-eval-other'],
  ],
};
