/** Seed hongshan-2021-declaration (武汉市洪山区医疗保障局, Hubei declaration) and its rebuilt PDF. */
import { renderHubeiDeclaration, type HubeiDeclaration } from '../forms/hubei.js';
import type { Expected, Sample } from '../types.js';

const form: HubeiDeclaration = {
  title: '洪山区2021年项目资金绩效目标申报表',
  unit: '武汉市洪山区医疗保障局',
  moneyUnit: '万元',
  projectName: '打击欺诈骗取医保',
  projectCode: '',
  department: '洪山区医疗保障局',
  executor: '洪山区医疗保障局',
  leader: '',
  level: '1.一般项目 ■    2.重点项目 □',
  reason:
    '1.依据：认真落实习近平总书记关于医疗保障工作系列重要指示批示精神，牢固树立以人民健康为中心的理念，深入贯彻党的十九届三中、四中全会和十九届中央纪委四次全会及省纪委十一届四次全会精神，以零容忍的态度打击欺诈骗保行为，进一步规范定点医疗机构使用医保基金行为，促进医疗保障事业高质量发展，不断提高人民群众的幸福感和获得感。 2.现实意义：医保基金是老百姓的“救命钱”，具有专款专用的性质，医保基金的欺诈骗取行为，严重损害基金安全，损害了广大参保人的切实利益。',
  content:
    '专项经费主要用于举报奖励、审计费、专家费、政策法规宣传、每年参与的各类检查等工作，以提高广大人民群众的政策意识，维护医保基金安全。',
  totalBudget: '72.35',
  yearBudget: '72.35',
  priorYears: '2019年预算为27.56万元；2020年预算为30.1万元，2021年预算为72.35万元',
  sources: [
    ['合计', '72.35'],
    ['1.一般公共预算财政拨款收入', '72.35'],
    ['其中：申请当年预算拨款', '72.35'],
    ['2.政府性基金预算财政拨款收入', ''],
    ['其中：申请当年预算拨款', ''],
    ['3.事业收入', ''],
    ['4.上级补助收入', ''],
    ['5.附属单位上缴收入', ''],
    ['6.事业单位经营收入', ''],
    ['7.其他收入', ''],
    ['8.用事业基金弥补收支差额', ''],
    ['9.上年结转', ''],
    ['其中：使用上年度一般公共预算财政拨款结余结转', ''],
    ['使用上年度政府性基金预算财政拨款结余结转', ''],
  ],
  expenses: [
    ['合计', '72.35'],
    ['1.举报奖励费', '15'],
    ['2.购买服务: 审计费', '24'],
    ['3.购买服务: 专家费', '25'],
    ['4.政策法规业务宣传', '3.6'],
    ['5.工作经费', '2.75'],
    ['6.每年参与国家局、省局、市局各类检查', '2'],
  ],
  basis:
    '1、武汉市人民政府办公厅印发关于《全市开展打击欺诈骗取医保基金专项治理工作方案》的通知；2、武汉市打击欺诈骗取医保基金专项治理工作联席会议办公室关于开展“打击欺诈骗保 维护基金安全”集中宣传月活动的通知；3、市医疗保障局、市人力资源和社会保障局、市卫生健康委员会、市市场监督管理局关于开展打击欺诈骗取医保基金交叉检查工作的通知；4、省医疗保障局关于开展打击欺诈骗取医保基金交叉检查工作的通知；5、省医疗保障局关于做好打击欺诈骗取医保基金专项治理抽查工作的通知；6、省打击欺诈骗取医保基金专项治理工作领导小组办公室关于印发《打击欺诈骗保专项治理联合抽查复查工作方案》的通知',
  goal:
    '加大医保基金监管工作合力，构建严密有力的基金监管机制和风险防控机制。通过监督检查全覆盖与抓重点补短板相结合、自查自纠与抽查复查相结合、强化外部监管与加强内控管理相结合，充分动员社会力量参与，督促定点医疗机构健全内部医保管理制度，遏制医保基金使用过程中的违法违规行为，充分发挥医保基金最大效能，促进医保监管由治标向治本转变。',
  indicators: [
    ['产出指标', '数量指标', '政策宣传活动次数', '≥2次', ''],
    ['', '时效指标', '处理群众举报的欺诈骗保行为的及时性', '及时', '对群众的举报线索是否按照规定时间及时进行处理'],
    ['', '质量指标', '对两定医药机构抽查完成率', '100%', '聘请事务所或局内工作人员对“两定机构”按10%的比例进行抽查'],
    ['', '质量指标', '举报奖励兑现率', '100%', '经确认符合奖励条件的举报行为按规定完成兑现'],
    ['效益指标', '满意度指标', '群众对医疗保障工作的满意度', '≥90%', '通过问卷调查的方式，了解群众对医保工作的满意度'],
  ],
  attachmentNo: '附件1-2',
  notes: [
    '一、项目绩效总目标：概括描述项目整个计划期内的总体产出和效果。',
    '二、项目年度绩效指标，是对本年度目标的具体和细化。一般包括产出指标和效益指标两类一级指标，每一类一级指标细分为若干二级指标，分别设定具体的指标内容和指标值。',
    '三、指标名称由各填报单位根据项目的具体内容自行设定，指标值是用来衡量指标内容的，应尽量细化、量化，可量化的用数值描述，不可量化的以定性描述。',
    '1.产出指标：反映根据既定目标，相关预算资金预期提供的公共产品和服务情况。可进一步细分为：',
    '(1)数量指标，反映项目计划完成的产品或服务的数量。',
    '(2)质量指标，反映项目计划提供产品或服务达到的标准、水平和效果。',
    '(3)时效指标，反映项目计划提供产品或服务的及时程度和效率情况。',
    '(4)成本指标，反映项目计划提供产品或服务所需成本，分单位成本和总成本等。',
    '2.效益指标：反映与既定绩效目标相关的、前述相关产出所带来的预期效果的实现程度可进一步细分为：',
    '(1)经济效益指标，反映预算支出对经济发展带来的影响和效果。',
    '(2)社会效益指标，反映预算支出对社会发展带来的影响和效果。',
    '(3)生态效益指标，反映预算支出对自然环境带来的影响和效果。',
    '(4)可持续影响指标，反映相关产出带来影响的可持续期限。',
    '(5)满意度指标：反映预算支出的服务对象获受影响群体的满意程度。',
  ],
};

function expected(docId: string): Expected {
  return {
    doc_id: docId,
    doc_type: 'declaration',
    projects: [
      {
        project_seq: 1,
        fiscal_year: 2021,
        unit: '武汉市洪山区医疗保障局',
        department: '洪山区医疗保障局',
        project_name: '打击欺诈骗取医保',
        budget_wan: 72.35,
        executed_wan: null,
        execution_rate_reported: null,
        execution_rate_recomputed: null,
        score_reported: null,
        score_recomputed: null,
        grade_reported: null,
        grade_expected: null,
        prior_year_budgets: [
          { year: 2019, amount_wan: 27.56 },
          { year: 2020, amount_wan: 30.1 },
        ],
        budget_lines: [
          { kind: 'funding_source', name: '一般公共预算财政拨款收入', amount_wan: 72.35 },
          { kind: 'expense_item', name: '举报奖励费', amount_wan: 15 },
          { kind: 'expense_item', name: '购买服务:审计费', amount_wan: 24 },
          { kind: 'expense_item', name: '购买服务:专家费', amount_wan: 25 },
          { kind: 'expense_item', name: '政策法规业务宣传', amount_wan: 3.6 },
          { kind: 'expense_item', name: '工作经费', amount_wan: 2.75 },
          { kind: 'expense_item', name: '每年参与国家局、省局、市局各类检查', amount_wan: 2 },
        ],
        indicators: form.indicators.map(([, l2, name, target], i, all) => {
          let l1 = '';
          for (let k = i; k >= 0 && l1 === ''; k--) l1 = all[k][0];
          return { level1: l1, level2: l2, name, target, actual: null };
        }),
      },
    ],
    flags: [],
  };
}

export const hongshanDeclSeed: Sample = {
  docId: 'hongshan-2021-declaration',
  kind: 'seed',
  seed: 'hongshan-2021-declaration.txt',
  expected: expected('hongshan-2021-declaration'),
};

export const hongshanDeclRebuilt: Sample = {
  docId: 'hongshan-2021-declaration-rebuilt',
  kind: 'odf',
  doc: () => renderHubeiDeclaration(form),
  expected: expected('hongshan-2021-declaration-rebuilt'),
};
