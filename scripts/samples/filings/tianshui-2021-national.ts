/**
 * Made-up: national-variant 项目支出绩效自评表 of 天水市秦州区卫生健康局 (甘肃), 2021,
 * 基本公共卫生服务项目. Internally consistent; one indicator falls short, with its reason given.
 */
import { p, title, type OdfDoc } from '../fodt.js';
import { nationalSelfEvalTable, natItemSum, type NatIndicator, type NationalSelfEval } from '../forms/national.js';
import { gradeOf, round, type Expected, type Sample } from '../types.js';

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

export const tianshuiTable: NationalSelfEval = {
  projectName: '基本公共卫生服务项目',
  department: '天水市秦州区卫生健康局',
  unit: '天水市秦州区卫生健康局',
  funds: [
    { label: '年度资金总额', initial: '350.00', budget: '386.50', executed: '372.84', weight: '10', rate: '96.47%', score: '9.65' },
    { label: '其中：当年财政拨款', initial: '350.00', budget: '360.00', executed: '348.20', weight: '—', rate: '96.72%', score: '—' },
    { label: '上年结转资金', initial: '', budget: '26.50', executed: '24.64', weight: '—', rate: '92.98%', score: '—' },
    { label: '其他资金', initial: '', budget: '', executed: '', weight: '—', rate: '', score: '—' },
  ],
  goalPlanned:
    '为辖区常住居民免费提供建立居民健康档案、预防接种、0-6岁儿童和孕产妇健康管理、老年人健康管理、高血压和2型糖尿病患者健康管理等基本公共卫生服务，人均基本公共卫生服务经费补助标准不低于79元。',
  goalDone:
    '全年规范化电子健康档案建档率92.3%，适龄儿童国家免疫规划疫苗接种率96.5%，高血压、2型糖尿病患者规范管理率分别为63.8%、61.2%，65岁及以上老年人健康管理率67.5%，未达到年度目标。',
  indicators: [
    ind('产出指标', '数量指标', '居民电子健康档案建档率', '≥90%', '92.3%', 8, 8),
    ind('产出指标', '数量指标', '适龄儿童国家免疫规划疫苗接种率', '≥90%', '96.5%', 8, 8),
    ind(
      '产出指标',
      '数量指标',
      '65岁及以上老年人健康管理率',
      '≥70%',
      '67.5%',
      8,
      7.71,
      '部分老年人外出随子女居住，未能按时参加健康体检；下一年度联合村医开展入户随访。',
    ),
    ind('产出指标', '质量指标', '高血压患者规范管理率', '≥60%', '63.8%', 7, 7),
    ind('产出指标', '质量指标', '2型糖尿病患者规范管理率', '≥60%', '61.2%', 7, 7),
    ind('产出指标', '时效指标', '资金拨付及时率', '100%', '100%', 6, 6),
    ind('产出指标', '成本指标', '人均基本公共卫生服务经费补助标准', '≥79元', '79元', 6, 6),
    ind('效益指标', '社会效益指标', '城乡居民公共卫生服务差距', '逐步缩小', '逐步缩小', 10, 10),
    ind('效益指标', '社会效益指标', '居民健康素养水平', '≥22%', '24.1%', 10, 10),
    ind('效益指标', '可持续影响指标', '基本公共卫生服务水平', '持续提高', '持续提高', 10, 10),
    ind('满意度指标', '服务对象满意度指标', '城乡居民对基本公共卫生服务满意度', '≥85%', '90.6%', 10, 10),
  ],
};
const total = natItemSum(tianshuiTable); // 99.36
tianshuiTable.grade = gradeOf(total);

function doc(): OdfDoc {
  return {
    landscape: false,
    size: 10,
    blocks: [
      p('附件2', { b: true }),
      title('项目支出绩效自评表', 15),
      p('（2021年度）', { al: 'c' }),
      p('填报单位（盖章）：天水市秦州区卫生健康局                                        填报日期：2022年3月28日'),
      nationalSelfEvalTable(tianshuiTable, 17),
      p('填表人：马晓燕        联系电话：0938-8213647        单位负责人：李建国'),
    ],
  };
}

const expected: Expected = {
  doc_id: 'tianshui-2021-self-eval-table-national',
  doc_type: 'self_eval_table',
  projects: [
    {
      project_seq: 1,
      fiscal_year: 2021,
      unit: '天水市秦州区卫生健康局',
      department: '天水市秦州区卫生健康局',
      project_name: '基本公共卫生服务项目',
      budget_wan: 386.5,
      executed_wan: 372.84,
      execution_rate_reported: 0.9647,
      execution_rate_recomputed: 0.9647,
      score_reported: total,
      // 10 × 372.84 / 386.5 + the printed indicator scores, to 4 decimals
      score_recomputed: round(10 * (372.84 / 386.5) + total - 9.65, 4),
      grade_reported: '优',
      grade_expected: '优',
      indicators: tianshuiTable.indicators.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: i.target,
        actual: i.actual,
        weight: i.weight,
        score_reported: i.score,
      })),
    },
  ],
  flags: [],
};

export const tianshuiNational: Sample = {
  docId: 'tianshui-2021-self-eval-table-national',
  kind: 'odf',
  doc,
  expected,
};
