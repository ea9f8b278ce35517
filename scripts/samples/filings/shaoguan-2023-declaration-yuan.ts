/**
 * Made-up: declaration of 韶关市武江区城市管理和综合执法局 (广东), 2023, in another province's
 * layout: 预算单位, money in 元, funding as columns, amounts before names, split target columns,
 * and cells whose text wraps onto two lines.
 */
import { renderGdDeclaration, type GdDeclaration, type GdIndicator } from '../forms/guangdong.js';
import type { Expected, Sample } from '../types.js';

const UNIT = '韶关市武江区城市管理和综合执法局';
const ind = (level1: string, level2: string, name: string, op: string, value: string, unit: string): GdIndicator => ({
  level1,
  level2,
  name,
  op,
  value,
  unit,
  note: '',
});

const form: GdDeclaration = {
  year: 2023,
  sealUnit: UNIT,
  projectName: '城区公厕保洁及运维',
  category: '经常性项目',
  budgetUnit: UNIT,
  department: UNIT,
  leader: '黄志坚',
  phone: '0751-8896213',
  period: '2023年1月1日至2023年12月31日',
  funds: [
    ['年度资金总额', '1,286,500.00'],
    ['其中：财政拨款', '1,200,000.00'],
    ['其他资金', '86,500.00'],
  ],
  expenses: [
    ['864,000.00', '保洁人员劳务费', '保洁员48人×1500元/人·月×12个月'],
    ['182,500.00', '保洁耗材及消杀药剂', '按2022年实际消耗量及市场单价测算'],
    ['150,000.00', '设施设备维修', '按年度维修计划测算（含洁具、水电管线、排污设施维修）'],
    ['90,000.00', '水电费', '按上年实际支出测算'],
  ],
  expenseTotal: '1,286,500.00',
  goal:
    '做好城区42座公厕日常保洁及设施运维，公厕保洁质量考核达标率不低于95%，设施故障48小时内修复，市民如厕投诉全部办结，市民对公厕环境满意度达到90%以上。',
  indicators: [
    ind('产出指标', '数量指标', '城区公厕保洁数量', '=', '42', '座'),
    ind('产出指标', '数量指标', '城区主次干道沿线公厕日常保洁及设施巡查覆盖率', '=', '100', '%'),
    ind('产出指标', '质量指标', '公厕保洁质量考核达标率', '≥', '95', '%'),
    ind('产出指标', '时效指标', '设施故障修复时间', '≤', '48', '小时'),
    ind('产出指标', '成本指标', '单座公厕年度运维成本', '≤', '30700', '元'),
    ind('效益指标', '社会效益指标', '市民如厕投诉办结率', '=', '100', '%'),
    ind('效益指标', '可持续影响指标', '公厕长效管护机制运行年限', '≥', '3', '年'),
    ind('满意度指标', '服务对象满意度指标', '市民对公厕环境满意度', '≥', '90', '%'),
  ],
  footer: '填报人：邓丽华        审核人：黄志坚        填报日期：2022年10月20日',
};

const wan = (yuan: string): number => Math.round(Number(yuan.replace(/,/g, '')) / 100) / 100;

const expected: Expected = {
  doc_id: 'shaoguan-2023-declaration-yuan',
  doc_type: 'declaration',
  projects: [
    {
      project_seq: 1,
      fiscal_year: 2023,
      unit: UNIT,
      department: UNIT,
      project_name: form.projectName,
      budget_wan: wan(form.funds[0][1]), // 128.65
      executed_wan: null,
      execution_rate_reported: null,
      execution_rate_recomputed: null,
      score_reported: null,
      score_recomputed: null,
      grade_reported: null,
      budget_lines: [
        { kind: 'funding_source', name: '财政拨款', amount_wan: wan(form.funds[1][1]) },
        { kind: 'funding_source', name: '其他资金', amount_wan: wan(form.funds[2][1]) },
        ...form.expenses.map(([amt, name]) => ({ kind: 'expense_item' as const, name, amount_wan: wan(amt) })),
      ],
      indicators: form.indicators.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: `${i.op}${i.value}${i.unit}`,
        actual: null,
      })),
    },
  ],
  flags: [],
};

export const shaoguanYuan: Sample = {
  docId: 'shaoguan-2023-declaration-yuan',
  kind: 'odf',
  doc: () => renderGdDeclaration(form),
  expected,
};
