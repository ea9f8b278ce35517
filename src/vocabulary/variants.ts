/**
 * Template variants of the self-evaluation table, as data: the labels that identify a
 * variant (with weights, for the classifier), its scored sections with their default weights.
 * Evidence labels are matched as substrings of the document's text with spaces removed and
 * full-width folded, so they may keep the markers that tell variants apart (`(A)`, `(B)`).
 */
import type { ScoreItem } from '../../schemas/record.js';

export type VariantId = 'hubei' | 'national' | 'shanxi';

export interface Evidence {
  label: string;
  weight: number;
}

export interface SectionDef {
  /** As written in ScoreItem.section / SectionTotal.section. */
  key: string;
  /** Labels naming the section on the form (weights in brackets are stripped before matching). */
  labels: readonly string[];
  /** The template's weight, used when the form prints none. */
  weight: number;
  role: ScoreItem['role'];
}

export interface VariantDef {
  id: VariantId;
  titles: readonly string[];
  evidence: readonly Evidence[];
  sections: readonly SectionDef[];
  /** Score items whose name marks them as the budget-execution item. */
  budgetExecutionItems: readonly string[];
}

export const SELF_EVAL_VARIANTS: readonly VariantDef[] = [
  {
    id: 'hubei',
    titles: ['项目支出绩效自评表'],
    evidence: [
      { label: '全年预算数(A)', weight: 3 },
      { label: '全年执行数(B)', weight: 3 },
      { label: '预算执行率(B/A)', weight: 2 },
      { label: '自评分', weight: 2 },
      { label: '自评等次', weight: 2 },
      { label: '年初设定目标', weight: 2 },
      { label: '全年实际完成情况', weight: 1 },
      { label: '未完成原因和改进措施', weight: 1 },
      { label: '全年完成值', weight: 1 },
      { label: '项目资金(20分)', weight: 2 },
      { label: '绩效指标(60分)', weight: 2 },
      { label: '合并明细项目', weight: 1 },
    ],
    sections: [
      { key: '项目资金', labels: ['项目资金', '项目资金万元'], weight: 20, role: 'budget_execution' },
      { key: '绩效目标', labels: ['项目绩效目标', '项目绩效总目标', '绩效目标', '绩效总目标'], weight: 20, role: 'goal' },
      { key: '绩效指标', labels: ['绩效指标', '项目绩效指标'], weight: 60, role: 'indicator' },
    ],
    budgetExecutionItems: ['预算执行率', '年度资金总额'],
  },
  {
    id: 'national',
    titles: ['项目支出绩效自评表', '绩效自评表'],
    evidence: [
      { label: '年初预算数', weight: 3 },
      { label: '全年预算数', weight: 1 },
      { label: '全年执行数', weight: 1 },
      { label: '分值', weight: 1 },
      { label: '执行率', weight: 1 },
      { label: '得分', weight: 1 },
      { label: '三级指标', weight: 2 },
      { label: '总分', weight: 2 },
      { label: '偏差原因分析及改进措施', weight: 2 },
      { label: '预期目标', weight: 2 },
      { label: '年度总体目标', weight: 2 },
      { label: '实际完成值', weight: 1 },
      { label: '当年财政拨款', weight: 1 },
      { label: '上年结转资金', weight: 1 },
    ],
    sections: [
      { key: '项目资金', labels: ['项目资金', '项目资金万元', '年度资金总额'], weight: 10, role: 'budget_execution' },
      { key: '产出指标', labels: ['产出指标', '产出'], weight: 50, role: 'indicator' },
      { key: '效益指标', labels: ['效益指标', '效益'], weight: 30, role: 'indicator' },
      { key: '满意度指标', labels: ['满意度指标', '满意度'], weight: 10, role: 'indicator' },
      { key: '成本指标', labels: ['成本指标'], weight: 0, role: 'indicator' },
    ],
    budgetExecutionItems: ['预算执行率', '年度资金总额'],
  },
  {
    id: 'shanxi',
    titles: ['财政支出项目绩效自评表'],
    evidence: [
      { label: '财政支出项目绩效自评表', weight: 4 },
      { label: '评分表', weight: 3 },
      { label: '综合得分', weight: 3 },
      { label: '评价结果等次', weight: 3 },
      { label: '主管部门及代码', weight: 2 },
      { label: '实际支出资金', weight: 2 },
      { label: '预算下达资金', weight: 2 },
      { label: '实际完成指标值', weight: 2 },
      { label: '项目资金情况', weight: 1 },
      { label: '绩效目标实现情况', weight: 1 },
      { label: '完成进度', weight: 1 },
    ],
    sections: [
      { key: '投入', labels: ['投入'], weight: 20, role: 'other' },
      { key: '过程', labels: ['过程'], weight: 20, role: 'other' },
      { key: '产出', labels: ['产出'], weight: 30, role: 'other' },
      { key: '效果', labels: ['效果'], weight: 30, role: 'other' },
    ],
    budgetExecutionItems: ['预算执行率'],
  },
];

export function variantDef(id: string | null | undefined): VariantDef | undefined {
  return SELF_EVAL_VARIANTS.find((v) => v.id === id);
}
