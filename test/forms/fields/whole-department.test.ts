/**
 * Issue 8, kind 4: the whole-department form (部门整体支出绩效自评表) — 部门 / 部门（单位）名称
 * naming its filing unit, its funds block headed 预算资金 (not a column of the block), 产出值 / 数量值 columns.
 */
import { describe, expect, it } from '@jest/globals';
import { classify } from '../../../src/classify/index.js';
import { parseFiling } from '../../../src/forms/index.js';
import { doc, line, table, tsv, type CellSpec } from '../../fixtures/forms/build.js';

const v = (x: { value: unknown } | null | undefined) => (x ? x.value : null);

function wholeDepartment(fundsLabel: string, deptLabel: string, targetHeader = '年度指标值') {
  const rows: CellSpec[][] = [
    [deptLabel, { t: '某区财政局', cs: 8 }],
    [{ t: fundsLabel, rs: 3 }, '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', { t: '得分', cs: 2 }],
    ['年度资金总额', '500', '520', '510', '10', '98.08%', { t: '9.8', cs: 2 }],
    ['其中：基本支出', '300', '310', '305', '—', '', { t: '—', cs: 2 }],
    [{ t: '绩效指标', rs: 3 }, '一级指标', '二级指标', '三级指标', targetHeader, '实际完成值', '分值', '得分', '偏差原因'],
    [{ t: '产出指标', rs: 2 }, '数量指标', '政府采购项目数', '≥50个', '52个', '30', '30', ''],
    ['质量指标', '预算编制准确率', '≥95%', '97%', '30', '30', ''],
    [{ t: '总分', cs: 6 }, '100', '98', ''],
  ];
  const d = doc(line('2023年度部门整体支出绩效自评表'), table(rows));
  const c = classify(d);
  return { c, f: parseFiling(d, c) };
}

describe('部门整体支出绩效自评表', () => {
  it('部门 and a funds block headed 预算资金（万元）', () => {
    const { c, f } = wholeDepartment('预算资金（万元）', '部门');
    const p = f.projects[0];
    expect(c.doc_type).toBe('self_eval_table');
    expect(v(p.unit)).toBe('某区财政局');
    expect([v(p.initial_budget_wan), v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([500, 520, 510, 0.9808]);
    expect(p.indicators.map((i) => [i.name.value, v(i.target)])).toEqual([
      ['政府采购项目数', '≥50个'],
      ['预算编制准确率', '≥95%'],
    ]);
  });
  it('variant: 部门（单位）名称, a block headed 部门预算资金, an indicator table whose target column reads 产出值', () => {
    const { f } = wholeDepartment('部门预算资金', '部门（单位）名称', '产出值');
    const p = f.projects[0];
    expect(v(p.unit)).toBe('某区财政局');
    expect([v(p.budget_wan), v(p.executed_wan)]).toEqual([520, 510]);
    expect(p.indicators.map((i) => v(i.target))).toEqual(['≥50个', '≥95%']);
  });
  it('variant: plain text, 预算资金（万元） in the header row itself (no merged cell)', () => {
    const d = doc(
      line('部门整体支出绩效自评表'),
      line('（2023年度）'),
      tsv(`部门\t某区教育局
预算资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t800\t820\t779\t10\t95%\t9.5`),
    );
    const p = parseFiling(d, classify(d)).projects[0];
    expect(v(p.unit)).toBe('某区教育局');
    expect([v(p.initial_budget_wan), v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([800, 820, 779, 0.95]);
  });
  it('prints no 项目名称 and misses none (the form is about the whole department)', () => {
    const { f } = wholeDepartment('预算资金（万元）', '部门');
    expect(f.projects[0].project_name).toBeNull();
    expect(f.missing.filter((m) => m.includes('项目名称'))).toEqual([]);
  });
  it('a rate cell holding only the template\'s % is nothing printed, not an unread value', () => {
    const d = doc(line('2023年度部门整体支出绩效自评表'), table([
      ['部门', { t: '某区财政局', cs: 6 }],
      [{ t: '预算资金（万元）', rs: 2 }, '', '年初预算数', '全年预算数', '全年执行数', '执行率'],
      ['年度资金总额', '500', '520', '510', '%'],
    ]));
    const f = parseFiling(d, classify(d));
    expect(f.projects[0].execution_rate_reported).toBeNull();
    expect(f.missing.filter((m) => m.includes('not read'))).toEqual([]);
  });
});
