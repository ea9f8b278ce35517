/**
 * Issue 9, session 3: reading kinds behind missed flags and false alarms on a fresh generated batch
 * (seed 4111), each on a small national-style form built here.
 */
import { describe, expect, it } from '@jest/globals';
import { parseSelfEvalTable } from '../../../src/forms/self-eval-table/index.js';
import { classify } from '../../../src/classify/index.js';
import { Project } from '../../../schemas/record.js';
import { doc, line, table, type CellSpec } from '../../fixtures/forms/build.js';

const v = (n: { value: unknown } | null | undefined) => (n ? n.value : null);
const HEAD = ['', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];

/** A national-style 自评表 with the given funds rows and closing rows. */
function form(fundRows: string[][], closing: CellSpec[][] = []) {
  const n = HEAD.length;
  const rows: CellSpec[][] = [
    ['项目名称', { t: '高标准农田建设管护经费', cs: n }],
    ['主管部门', { t: '青禾县农业农村局', cs: 2 }, '实施单位', { t: '青禾县农田建设服务中心', cs: n - 2 }],
    [{ t: '项目资金（万元）', rs: fundRows.length + 1 }, ...HEAD],
    ...fundRows,
    [{ t: '绩效指标', rs: 3 }, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ['产出指标', '数量指标', '管护面积', '≥5000亩', '5120亩', '50', '50'],
    ['满意度指标', '满意度指标', '农户满意度', '≥90%', '93%', '40', '35'],
    [{ t: '总分', cs: 6 }, '100', '85'],
    ...closing,
  ];
  const d = doc(line('项目支出绩效自评表'), line('（2022年度）'), table(rows));
  const p = parseSelfEvalTable(d, classify(d)).projects[0];
  Project.parse(p);
  return p;
}
const FUNDS = [['年度资金总额', '120.00', '150.00', '146.25', '10', '97.50%', '9.75'], ['其中：当年财政拨款', '120.00', '150.00', '146.25', '—', '', '—']];

describe('the grade under 自评结论 (Sichuan form)', () => {
  it('reads 良 printed beside 自评结论', () => {
    expect(v(form(FUNDS, [[{ t: '自评结论', cs: 6 }, { t: '良', cs: 2 }]]).grade_reported)).toBe('良');
  });
  it('variant: a 自评结论 in words is no grade', () => {
    expect(v(form(FUNDS, [[{ t: '自评结论', cs: 6 }, { t: '项目总体完成较好', cs: 2 }]]).grade_reported)).toBe(null);
  });
});

describe('a 项目资金 row whose numbers wrap onto a second line, read as bands (no inner borders)', () => {
  it('folds 339.2 / 1 and 394.4 / 3 and 98.60 / % back into the 年度资金总额 row', () => {
    const p = form([
      ['', '339.2', '394.4', '', '', '98.60', ''],
      ['年度资金总额', '1', '3', '388.91', '10', '%', '9.86'],
      ['其中：当年财政拨款', '339.21', '394.43', '388.91', '—', '98.60%', '—'],
    ]);
    expect([v(p.initial_budget_wan), v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([339.21, 394.43, 388.91, 0.986]);
    expect(p.budget_lines.map((l) => v(l.amount_wan))).toEqual([394.43]);
  });
  it('also when the tails come on a band below the name (2,734,448.5 / 0 in 元 columns)', () => {
    const p = form([
      ['年度资金总额', '120.00', '150.0', '146.2', '10', '97.50', '9.75'],
      ['', '', '0', '5', '', '%', ''],
      ['其中：当年财政拨款', '120.00', '150.00', '146.25', '—', '', '—'],
    ]);
    expect([v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([150, 146.25, 0.975]);
  });
  it('variant: rows that are whole are read as before', () => {
    const p = form(FUNDS);
    expect([v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([150, 146.25, 0.975]);
  });
});

describe('the note column headed 原因分析及改进措施', () => {
  it('reads the reason given for a missed target', () => {
    const rows: CellSpec[][] = [
      ['项目名称', { t: '高标准农田建设管护经费', cs: 8 }],
      ['主管部门', { t: '青禾县农业农村局', cs: 3 }, '实施单位', { t: '青禾县农田建设服务中心', cs: 4 }],
      [{ t: '绩效指标', rs: 3 }, '一级指标', '二级指标', '指标内容', '预期指标值', '全年完成值', '指标分值', '评分', '原因分析及改进措施'],
      ['产出指标', '数量指标', '管护面积', '≥5000亩', '5120亩', '50', '50', ''],
      ['效益指标', '社会效益指标', '群众政策知晓率', '≥90%', '77.4%', '40', '34.4', '采购流程较长,已优化采购计划'],
      [{ t: '总分', cs: 6 }, '100', '94.4', ''],
    ];
    const d = doc(line('项目支出绩效自评表'), line('（2022年度）'), table(rows));
    const p = parseSelfEvalTable(d, classify(d)).projects[0];
    expect(p.indicators.map((i) => v(i.note))).toEqual([null, '采购流程较长,已优化采购计划']);
  });
});
