/**
 * Seed jinzhong-2020-self-eval-table (晋中市医疗保障局, Shanxi variant) and its rebuilt PDF.
 * Values the text extraction lost are filled in consistently with the seed (see samples/README.md).
 */
import { renderShanxi, type ShanxiForm } from '../forms/shanxi.js';
import type { ExpIndicator, ExpScore, Expected, Sample } from '../types.js';

const form: ShanxiForm = {
  place: '晋中市',
  year: 2020,
  unitSeal: '',
  projectName: '打击欺诈骗保工作经费',
  department: '晋中市医疗保障局',
  departmentCode: '074',
  unit: '晋中市医疗保障局',
  attribute: '延续性项目',
  period: '20200101至20201230',
  funds: [
    ['预算资金', '20.00', '20.00', '0.00', '0.00', '0.00'],
    ['预算下达资金', '20.00', '20.00', '0.00', '0.00', '0.00'],
    ['实际支出资金', '13.50', '13.50', '0.00', '0.00', '0.00'],
  ],
  overview:
    '1、全国医保基金监管方式创新试点 2、打击欺诈骗保专项行动 3、落实欺诈骗取医保基金行为举报奖励',
  fundUse:
    '1、项目资金申报与批复情况 全部为市级预算安排 2、资金计划、到位及使用情况 资金计划：（1）宣传费50000元 （2）购买审计服务工作经费50000元 （3）专家鉴定费50000元 （4）会议费30000元 （5）培训费20000元 资金到位：资金已全部到位 资金使用：按照相关法律法规严格执行财务计划，本年度共支付13.5万元 3、项目资金管理情况 （1）《关于开展医保基金监管“两试点一示范”工作的通知》（2）市医保局、市财政局关于转发《山西省欺诈骗取医疗保障基金行为举报奖励暂行办法》（3）国家医疗保障工作会议要求 （4）晋中市人民政府关于印发《晋中市医保基金监管方式创新试点工作方案》的通知和国家、省2020年年度医保重点工作要求',
  implementation:
    '1、继续推进医保基金监管方式创新试点工作，探索引入商业保险机构、会计师事务所、审计事务所等第三方力量参与监管。 2、围绕医保基金监管中发现的突出问题，组织进行专项治理行动。 3、对举报欺诈骗取医保基金行为的人员实施奖励',
  indicators: [
    {
      level1: '产出指标',
      groups: [
        {
          level2: '数量指标',
          rows: [
            ['组织开展医保基金监管工作专项治理行动', '≧2次', '3次', '100%'],
            ['召开医保基金监管工作市级工作会议或培训', '≧2次', '3次', '100%'],
          ],
        },
        {
          level2: '质量指标',
          rows: [
            ['医保基金监管重大安全事件响应时间', '≦60分钟', '积极响应', '100%'],
            ['定点医药机构监督检查覆盖率', '1', '1', '100%'],
            ['医保人才培养合格率', '≧90%', '100%', '100%'],
            ['推进医保基金监管方式创新试点', '逐步推开', '正常开展', '100%'],
          ],
        },
        {
          level2: '时效指标',
          rows: [
            ['医保基金监管方式创新试点内容全面运行时间', '不晚于12月底', '已全面运行', '100%'],
            ['指标2:', '', '', '100%'],
          ],
        },
        {
          level2: '成本指标',
          rows: [
            ['指标1宣传费', '70000', '47190', '67%'],
            ['指标2: 会议费', '30000', '0', '0'],
            ['指标3: 审计经费', '50000', '50000', '100%'],
            ['指标4: 专家鉴定费', '50000', '15000', '30%'],
          ],
        },
      ],
    },
    {
      level1: '效益指标',
      groups: [
        { level2: '经济效益指标', rows: [['指标1:', '', '', ''], ['指标2:', '', '', '']] },
        {
          level2: '社会效益指标',
          rows: [
            ['参保群众政策知晓率', '普遍知晓', '普遍知晓', '100%'],
            ['指标2: 医保工作人员能力素质', '普遍提高', '普遍知晓', '100%'],
          ],
        },
        { level2: '生态效益指标', rows: [['指标1:', '', '', ''], ['指标2:', '', '', '']] },
        { level2: '可持续影响指标', rows: [['指标1:', '', '', ''], ['指标2:', '', '', '']] },
      ],
    },
    {
      level1: '满意度指标',
      groups: [
        {
          level2: '服务对象满意度指标',
          rows: [
            ['参保人员对医保服务的满意度', '≧ 90%', '90%', '100'],
            ['指标2:', '', '', ''],
          ],
        },
      ],
    },
  ],
  performance:
    '1：医保基金监管方式创新试点完成年度工作任务 2：持续开展了打击诈骗保专项治理行动，保持高压态势 3：有效提升了综合监管、宣传引导、人才队伍建设等医疗保障服务能力。',
  other: '无',
  scores: [
    {
      section: '投入：',
      weight: '20',
      score: '19.03',
      groups: [
        {
          level2: '项目目标',
          items: [
            ['立项规范性', '3', '3.00'],
            ['目标合理性', '4', '4.00'],
            ['指标明确性', '4', '4.00'],
          ],
        },
        {
          level2: '资金落实',
          items: [
            ['资金到位率', '3', '3.00'],
            ['到位及时率', '3', '3.00'],
            ['预算执行率', '3', '2.03'],
          ],
        },
      ],
    },
    {
      section: '过程：',
      weight: '20',
      score: '20.00',
      groups: [
        {
          level2: '业务管理',
          items: [
            ['管理制度健全性', '3', '3.00'],
            ['制度执行有效性', '3', '3.00'],
            ['项目质量可控性', '4', '4.00'],
          ],
        },
        {
          level2: '财务管理',
          items: [
            ['管理制度健全性', '3', '3.00'],
            ['资金使用合规性', '3', '3.00'],
            ['财务监控有效性', '4', '4.00'],
          ],
        },
      ],
    },
    {
      section: '产出：',
      weight: '30',
      score: '30.00',
      groups: [
        {
          level2: '项目产出',
          items: [
            ['实际完成率', '8', '8.00'],
            ['完成及时率', '7', '7.00'],
            ['质量达标率', '8', '8.00'],
            ['成本节约率', '7', '7.00'],
          ],
        },
      ],
    },
    {
      section: '效果：',
      weight: '30',
      score: '30.00',
      groups: [
        {
          level2: '项目效果',
          items: [
            ['经济效益', '0', '0.00'],
            ['社会效益', '20', '20.00'],
            ['生态效益', '0', '0.00'],
            ['可持续影响', '0', '0.00'],
          ],
        },
        { level2: '社会公众或服务对象满意度', items: [['服务对象满意度', '10', '10.00']] },
      ],
    },
  ],
  total: ['100', '99.03'],
  grade: '中',
  evaluators: [
    ['赵新冬', '科长', '基金监管科', '0354-3075658'],
    ['樊星光', '办事员', '基金监管科', '0354-3075658'],
  ],
  footer: [
    '负责人：赵新冬        经办人：樊星光        联系电话：0354-3075658        填报日期：2021-07-06',
    '单位负责人（签章）：                                                  年    月    日',
  ],
};

/** What a person reads off the indicator table (placeholder rows such as 指标2: with nothing in them are not indicators). */
const indicators: ExpIndicator[] = [
  ['产出指标', '数量指标', '组织开展医保基金监管工作专项治理行动', '≥2次', '3次'],
  ['产出指标', '数量指标', '召开医保基金监管工作市级工作会议或培训', '≥2次', '3次'],
  ['产出指标', '质量指标', '医保基金监管重大安全事件响应时间', '≤60分钟', '积极响应'],
  ['产出指标', '质量指标', '定点医药机构监督检查覆盖率', '1', '1'],
  ['产出指标', '质量指标', '医保人才培养合格率', '≥90%', '100%'],
  ['产出指标', '质量指标', '推进医保基金监管方式创新试点', '逐步推开', '正常开展'],
  ['产出指标', '时效指标', '医保基金监管方式创新试点内容全面运行时间', '不晚于12月底', '已全面运行'],
  ['产出指标', '成本指标', '宣传费', '70000', '47190'],
  ['产出指标', '成本指标', '会议费', '30000', '0'],
  ['产出指标', '成本指标', '审计经费', '50000', '50000'],
  ['产出指标', '成本指标', '专家鉴定费', '50000', '15000'],
  ['效益指标', '社会效益指标', '参保群众政策知晓率', '普遍知晓', '普遍知晓'],
  ['效益指标', '社会效益指标', '医保工作人员能力素质', '普遍提高', '普遍知晓'],
  ['满意度指标', '服务对象满意度指标', '参保人员对医保服务的满意度', '≥90%', '90%'],
].map(([level1, level2, name, target, actual]) => ({ level1, level2, name, target, actual }));

function scores(withLost: boolean): ExpScore[] {
  const out: ExpScore[] = [];
  for (const s of form.scores) {
    const section = s.section.replace('：', '');
    for (const g of s.groups)
      for (const [item, w, sc] of g.items)
        out.push({
          section,
          item,
          weight: Number(w),
          // the .txt extraction lost the 投入 and 过程 scores
          score_reported: withLost && (section === '投入' || section === '过程') ? null : Number(sc),
        });
  }
  return out;
}

function expected(docId: string, fromText: boolean): Expected {
  return {
    doc_id: docId,
    doc_type: 'self_eval_table',
    projects: [
      {
        project_seq: 1,
        fiscal_year: 2020,
        unit: '晋中市医疗保障局',
        project_name: '打击欺诈骗保工作经费',
        budget_wan: 20,
        executed_wan: 13.5,
        execution_rate_reported: null,
        execution_rate_recomputed: 0.675,
        score_reported: 99.03,
        // 3 × 13.5 / 20 = 2.025 (printed 2.03) + the other printed items
        score_recomputed: fromText ? null : 99.025,
        grade_reported: '中',
        grade_expected: '优',
        indicators,
        scores: scores(fromText),
      },
    ],
    flags: [{ code: 'GRADE', project_seq: 1 }],
  };
}

export const jinzhongSeed: Sample = {
  docId: 'jinzhong-2020-self-eval-table',
  kind: 'seed',
  seed: 'jinzhong-2020-self-eval-table.txt',
  expected: expected('jinzhong-2020-self-eval-table', true),
};

export const jinzhongRebuilt: Sample = {
  docId: 'jinzhong-2020-self-eval-table-rebuilt',
  kind: 'odf',
  doc: () => renderShanxi(form),
  expected: expected('jinzhong-2020-self-eval-table-rebuilt', false),
};
