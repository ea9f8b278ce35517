/**
 * Label synonyms, as data: field (English, contract-style) → the labels forms print for it.
 * Matching goes through `matchLabel` (normalized, fuzzy), so list spellings, not slips.
 */

/** Header fields: a label cell followed by its value (to its right, or below it). */
export const HEADER_FIELDS = {
  // 部门（单位）名称 / 部门: the filer of a whole-department form (部门整体支出绩效自评表), i.e. its unit
  unit: ['单位名称', '预算单位', '申报单位', '填报单位', '项目单位', '部门单位', '单位', '部门单位名称', '部门名称', '部门'],
  implementing_unit: ['实施单位', '项目实施单位', '资金使用单位', '项目资金使用单位'],
  executing_unit: ['执行单位', '项目执行单位'],
  department: ['主管部门', '项目主管部门', '主管部门及代码', '主管单位', '主管部门名称', '预算部门'],
  /** A form printing two 主管部门 rows: the local one (the filing unit's) is the department. */
  department_local: ['地方主管部门', '主管部门地方', '县级主管部门', '市级主管部门', '区级主管部门', '省级主管部门', '本级主管部门', '主管部门本级'],
  department_central: ['中央主管部门', '主管部门中央'],
  project_name: ['项目名称', '项目全称', '专项资金名称', '专项名称', '项目(资金)名称'],
  project_code: ['项目代码', '项目编码', '项目编号'],
  manager: ['项目负责人', '负责人'],
  contact: ['联系人', '经办人'],
  filled_by: ['填表人', '填报人'],
  unit_head: ['单位负责人', '单位负责人签章', '单位负责人签字'],
  reviewer: ['审核人'],
  phone: ['联系电话', '电话'],
  assessment_level: ['考核级次'],
  project_attribute: ['项目属性', '项目类型', '项目类别'],
  project_period: ['项目期', '项目周期', '实施期', '项目实施期'],
  money_unit: ['资金单位', '金额单位', '单位万元', '单位元'],
  eval_time: ['自评时间', '评价时间', '填报日期', '填表日期'],
  grade: ['自评等次', '自评等级', '评价结果等次', '评价等级', '评价结果等级', '自评结果等次', '自评结论', '评价结论'],
  score: ['自评得分', '综合得分', '总得分', '自评总分'],
  merged_items: ['合并明细项目'],
  application_reason: ['项目申请理由', '申请理由', '立项依据'],
  main_content: ['项目主要内容', '主要内容'],
  total_budget: ['项目总预算', '总预算', '项目总投资', '项目预算总额'],
  budget: [
    '项目当年预算',
    '当年预算',
    '本年预算',
    '本年度预算',
    '年度预算',
    '项目年度预算',
    '年度资金总额',
    '本年预算数',
    '当年预算数',
  ],
  prior_budgets: ['项目前两年预算及当年预算变动情况', '前两年预算及当年预算变动情况', '以前年度预算', '前两年预算情况'],
  funding_sources: ['项目资金来源', '资金来源', '资金来源项目'],
  expense_details: ['项目支出预算及测算依据', '项目支出明细', '支出明细', '明细预算'],
  goal: ['项目绩效总目标', '绩效总目标', '年度绩效目标', '项目年度绩效目标', '总体目标', '年度总体目标', '年度目标', '绩效目标'],
  annual_indicators: ['项目年度绩效指标', '年度绩效指标', '绩效指标', '年度绩效'],
} as const;

export type HeaderField = keyof typeof HEADER_FIELDS;

/** English keys of `Project.header` for the fields a parser keeps there. */
export const HEADER_EXTRAS: readonly HeaderField[] = [
  'project_code',
  'executing_unit',
  'manager',
  'contact',
  'phone',
  'assessment_level',
  'project_attribute',
  'project_period',
  'eval_time',
  'merged_items',
];

/** Column roles, found by header labels. */
export const COLUMN_LABELS = {
  // money tables
  initial_budget: ['年初预算数', '年初预算', '年初预算数A', '年初预算金额'],
  budget: ['全年预算数', '全年预算', '调整后预算数', '预算数', '全年预算数A', '预算金额', '预算资金'],
  executed: ['全年执行数', '全年执行', '执行数', '实际支出', '实际支出资金', '实际执行数', '全年执行数B', '决算数', '预算执行数', '实际执行金额'],
  execution_rate: ['预算执行率', '执行率', '预算执行率BA', '执行率BA', '资金执行率', '执行率%', '预算执行率%', '资金执行率%'],
  amount: ['金额', '金额万元', '预算金额', '资金金额', '合计', '数额'],
  // scores
  weight: ['分值', '指标分值', '权重', '权重分', '标准分', '满分'],
  score: ['得分', '自评分', '自评得分', '评分', '实际得分'],
  // indicator tables
  level1: ['一级指标', '绩效指标一级', '一级'],
  level2: ['二级指标', '绩效指标二级', '二级'],
  name: ['三级指标', '指标名称', '指标内容', '绩效指标三级', '三级', '具体指标', '指标'],
  // 产出值 / 数量值: the target column of forms that head it by the indicator's kind
  target: ['年度指标值', '指标值', '目标值', '年度目标值', '预期指标值', '计划目标值', '年度目标', '产出值', '数量值'],
  actual: ['全年完成值', '实际完成值', '实际完成指标值', '全年实际完成值', '实际值', '完成值', '实际完成情况值', '全年实际值', '实际完成', '全年完成情况', '实际达到值', '完成指标值'],
  nature: ['指标性质', '指标方向', '符号', '指标类型', '指标属性'],
  unit_of_measure: ['度量单位', '计量单位', '单位'],
  progress: ['完成进度', '完成率', '完成比例'],
  note: [
    '备注',
    '未完成原因和改进措施',
    '未完成原因及改进措施',
    '偏差原因分析及改进措施',
    '原因分析及改进措施',
    '偏差原因及改进措施',
    '偏差原因',
    '偏差原因分析',
    '原因分析',
    '说明',
  ],
  // goal tables
  goal_set: ['年初设定目标', '预期目标', '年度目标', '绩效目标', '年初目标'],
  goal_achieved: ['全年实际完成情况', '实际完成情况', '全年完成情况', '目标完成情况'],
  // names of money rows
  source_name: ['资金来源项目', '资金来源', '来源项目', '项目'],
  expense_name: ['项目支出明细', '支出明细', '明细项目', '支出项目', '项目支出明细名称', '支出内容', '支出明细项目', '经济分类', '支出用途'],
} as const;

export type ColumnRole = keyof typeof COLUMN_LABELS;

/**
 * The year's budget and spending printed as `label | amount` pairs (no funds table: the Shanxi
 * 项目资金情况 block, the header of a scoring grid `预算数（万元） | 536.22 | 执行数（万元） | 488.93`).
 */
export const FUND_FIELDS = {
  budget: ['预算资金', '全年预算数', '年度预算资金', '预算资金合计', '预算数', '年度预算数', '调整后预算数', '全年预算'],
  executed: ['实际支出资金', '全年执行数', '实际支出', '实际支出资金合计', '执行数', '预算执行数', '实际执行数', '全年执行'],
} as const;

/** Row labels of money tables. */
export const ROW_LABELS = {
  total: ['合计', '总计', '小计', '年度资金总额', '资金总额', '合计金额'],
  fund_total: ['年度资金总额', '资金总额', '年度资金合计', '合计', '总额', '总计'],
  of_which: ['其中'],
  comprehensive_score: ['综合得分', '总分', '自评得分', '总得分', '合计得分'],
} as const;

/** Labels that end a table region (a note row, a signature block, the next section). */
export const STOP_LABELS = [
  '说明',
  '其他需说明的问题',
  '项目绩效情况',
  '评分表',
  '评价人员',
  '填表说明',
  '填表人',
  '单位负责人',
  '总分',
  '综合得分',
  '评价结果等次',
  '自评得分',
  '合计',
] as const;

/**
 * Title words of forms about a whole department's spending (部门整体支出绩效自评表) rather than a
 * project: such a form prints no 项目名称, so none is missing.
 */
export const WHOLE_DEPARTMENT_TITLE_WORDS: readonly string[] = ['部门整体支出', '部门整体绩效', '整体支出绩效'];
