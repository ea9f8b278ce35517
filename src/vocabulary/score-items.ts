/**
 * Names of scored items (三级指标 of 评分表) printed by the Shanxi-style templates, as data.
 * Used to complete item names torn at a cell edge (`金到位率` → `资金到位率`).
 */
export const SCORE_ITEM_NAMES = [
  // 投入
  '立项依据充分性',
  '立项程序规范性',
  '立项规范性',
  '目标合理性',
  '指标明确性',
  '绩效目标合理性',
  '绩效指标明确性',
  '资金到位率',
  '到位及时率',
  '预算执行率',
  // 过程
  '管理制度健全性',
  '制度执行有效性',
  '项目质量可控性',
  '资金使用合规性',
  '财务监控有效性',
  // 产出
  '实际完成率',
  '完成及时率',
  '质量达标率',
  '成本节约率',
  // 效果
  '经济效益',
  '社会效益',
  '生态效益',
  '可持续影响',
  '服务对象满意度',
  '社会公众或服务对象满意度',
] as const;
