/**
 * Issue 8, kind 12: a 4-section scoring grid (项目决策 / 项目管理 / 产出 / 效益) over two pages,
 * budget execution an ordinary scored row, 自评得分 in the header: indicators and their scores are
 * read, and the 预算执行率 row is the budget-execution item (role budget_execution, as the funds
 * score of the other variants is exposed).
 */
import { describe, expect, it } from '@jest/globals';
import { parseSelfEvalTable } from '../../../src/forms/self-eval-table/index.js';
import { classify } from '../../../src/classify/index.js';
import { Project } from '../../../schemas/record.js';
import { doc, line, table, type CellSpec } from '../../fixtures/forms/build.js';

const v = (n: { value: unknown } | null | undefined) => (n ? n.value : null);

interface GridOptions {
  /** Section labels, e.g. 项目决策（10分）. */
  sections: [string, string, string, string];
  scoreHead: string;
  weightHead: string;
  /** Print the total as a row (总分 | 100 | score) instead of in the header. */
  totalRow?: boolean;
}

function grid(o: GridOptions) {
  const [s1, s2, s3, s4] = o.sections;
  const head: CellSpec[][] = [
    ['项目名称', { t: '基层农技推广体系改革', cs: 6 }],
    ['主管部门', { t: '某县农业农村局', cs: 2 }, '实施单位', { t: '某县农技推广中心', cs: 3 }],
    // the year's money as label | amount pairs in the header (no funds table)
    ['预算数（万元）', { t: '200.00', cs: 2 }, '执行数（万元）', { t: '190.00', cs: 3 }],
    ...(o.totalRow ? [] : [[o.scoreHead, '96.5', '自评等级', '优', { t: '', cs: 3 }] as CellSpec[]]),
    ['一级指标', '二级指标', '三级指标', o.weightHead, '年度指标值', '实际完成值', o.scoreHead],
  ];
  const page1: CellSpec[][] = [
    [{ t: s1, rs: 2 }, '项目立项', '立项依据充分性', '5', '', '', '5'],
    ['绩效目标', '绩效目标合理性', '5', '', '', '4'],
    [{ t: s2, rs: 3 }, { t: '资金管理', rs: 2 }, '资金到位率', '5', '100%', '100%', '5'],
    ['预算执行率', '10', '100%', '95%', '9.5'],
    ['组织实施', '管理制度健全性', '10', '', '', '10'],
    [{ t: s3, rs: 1 }, '产出数量', '培训人次', '15', '≥500人次', '520人次', '15'],
  ];
  const page2: CellSpec[][] = [
    ['', '产出质量', '培训合格率', '15', '≥95%', '96%', '15'],
    [{ t: s4, rs: 2 }, '社会效益', '政策知晓率', '25', '≥90%', '92%', '23'],
    ['满意度', '服务对象满意度', '10', '≥90%', '95%', '10'],
    ...(o.totalRow ? [[{ t: '总分', cs: 3 }, '100', '', '', '96.5'] as CellSpec[]] : []),
  ];
  const d = doc(line('项目支出绩效自评表'), line('（2023年度）'), table([...head, ...page1], { page: 1 }), line('第 1 页', 1), table(page2, { page: 2 }));
  const filing = parseSelfEvalTable(d, classify(d));
  const p = filing.projects[0];
  Project.parse(p);
  return p;
}

const ITEMS = [
  ['立项依据充分性', 5, 5],
  ['绩效目标合理性', 5, 4],
  ['资金到位率', 5, 5],
  ['预算执行率', 10, 9.5],
  ['管理制度健全性', 10, 10],
  ['培训人次', 15, 15],
  ['培训合格率', 15, 15],
  ['政策知晓率', 25, 23],
  ['服务对象满意度', 10, 10],
];

function check(p: Project) {
  expect(v(p.score_reported)).toBe(96.5);
  expect([v(p.budget_wan), v(p.executed_wan)]).toEqual([200, 190]);
  const scored = p.scores.map((s) => [s.item.value, v(s.weight), v(s.score_reported)]);
  expect(scored).toEqual(ITEMS);
  const funds = p.scores.filter((s) => s.role === 'budget_execution');
  expect(funds.map((s) => [s.item.value, v(s.weight), v(s.score_reported)])).toEqual([['预算执行率', 10, 9.5]]);
  // every scored row of the grid is an indicator row, 项目决策 / 项目管理 ones too
  expect(p.indicators.map((i) => [i.name.value, v(i.weight), v(i.score_reported)])).toEqual(ITEMS);
  expect(p.indicators.filter((i) => i.target).map((i) => [i.name.value, v(i.target), v(i.actual)])).toEqual([
    ['资金到位率', '100%', '100%'],
    ['预算执行率', '100%', '95%'],
    ['培训人次', '≥500人次', '520人次'],
    ['培训合格率', '≥95%', '96%'],
    ['政策知晓率', '≥90%', '92%'],
    ['服务对象满意度', '≥90%', '95%'],
  ]);
}

describe('kind 12: a 4-section scoring grid', () => {
  it('项目决策 10 / 项目管理 25 / 产出 30 / 效益 35, 自评得分 in the header', () => {
    check(grid({ sections: ['项目决策（10分）', '项目管理（25分）', '产出（30分）', '效益（35分）'], scoreHead: '自评得分', weightHead: '分值' }));
  });
  it('variant: 决策 / 过程 / 产出 / 效果 sections, 权重 and 得分, the total in a 总分 row', () => {
    check(grid({ sections: ['决策（10分）', '过程（25分）', '产出（30分）', '效果（35分）'], scoreHead: '得分', weightHead: '权重', totalRow: true }));
  });
});
