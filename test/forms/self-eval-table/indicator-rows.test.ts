/**
 * Issue 8, indicator-table kinds: rows that are not data (8), a merged 一级指标 cell broken by a
 * page break (9), 指标性质 kind words (10), columns bound by header words not positions (2).
 * Each on a small form built here; the variants were not used to write the fix.
 */
import { describe, expect, it } from '@jest/globals';
import { parseSelfEvalTable } from '../../../src/forms/self-eval-table/index.js';
import { classify } from '../../../src/classify/index.js';
import { Project } from '../../../schemas/record.js';
import type { Block } from '../../../src/model/layout.js';
import { doc, line, table, type CellSpec } from '../../fixtures/forms/build.js';

const v = (n: { value: unknown } | null | undefined) => (n ? n.value : null);

const HEAD: CellSpec[][] = [
  ['项目名称', { t: '高标准农田建设管护经费', cs: 7 }],
  ['主管部门', { t: '青禾县农业农村局', cs: 3 }, '实施单位', { t: '青禾县农田建设服务中心', cs: 3 }],
  [{ t: '项目资金（万元）', rs: 2 }, '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  ['年度资金总额', '120', '150', '146.25', '10', '97.50%', '9.75'],
];

function parse(...blocks: Block[]) {
  const d = doc(line('项目支出绩效自评表'), line('（2022年度）'), ...blocks);
  const filing = parseSelfEvalTable(d, classify(d));
  const p = filing.projects[0];
  Project.parse(p);
  return { p, filing };
}

const rowsOf = (p: Project) => p.indicators.map((i) => [v(i.level1), v(i.level2), i.name.value, v(i.target), v(i.actual), v(i.weight), v(i.score_reported)]);

describe('kind 8: rows that are not data', () => {
  it('template placeholders, ellipses, empty rows and an empty 生态效益 row are no indicators', () => {
    const { p } = parse(
      table([
        ...HEAD,
        [{ t: '绩效指标', rs: 8 }, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        [{ t: '产出指标', rs: 3 }, '数量指标', '管护面积', '≥5000亩', '5120亩', '50', '50'],
        ['质量指标', '指标2', '', '', '', ''],
        ['时效指标', '……', '……', '', '', ''],
        [{ t: '效益指标', rs: 2 }, '社会效益指标', '受益农户数', '≥3200户', '3260户', '30', '30'],
        ['生态效益指标', '', '', '', '', ''],
        ['满意度指标', '满意度指标', '农户满意度', '≥90%', '93%', '10', '10'],
        ['', '', '', '', '', '', ''],
        [{ t: '总分', cs: 6 }, '100', '99.75'],
      ]),
    );
    expect(p.indicators.map((i) => i.name.value)).toEqual(['管护面积', '受益农户数', '农户满意度']);
  });
  it('variant: 指标1：, dots and a dash row, 生态效益 named but empty', () => {
    const { p } = parse(
      table([
        ...HEAD,
        [{ t: '绩效指标', rs: 6 }, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        [{ t: '产出指标', rs: 2 }, '数量指标', '管护面积', '≥5000亩', '5120亩', '50', '50'],
        ['数量指标', '指标1：', '', '', '', ''],
        [{ t: '效益指标', rs: 2 }, '生态效益指标', '生态效益', '', '', '', ''],
        ['社会效益指标', '...', '—', '—', '', ''],
        ['满意度指标', '满意度指标', '农户满意度', '≥90%', '93%', '10', '10'],
        [{ t: '总分', cs: 6 }, '100', '99.75'],
      ]),
    );
    expect(p.indicators.map((i) => i.name.value)).toEqual(['管护面积', '农户满意度']);
  });
});

describe('kind 10: 定性 / 定量 in a 指标性质 column are the kind, not the target', () => {
  it('定性 + 明显改善 → 明显改善; ≥ + 95 + % → ≥95%', () => {
    const { p } = parse(
      table([
        ...HEAD,
        [{ t: '绩效指标', rs: 3 }, '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值'],
        [{ t: '效益指标', rs: 2 }, '生态效益指标', '水质状况', '定性', '明显改善', '', '明显改善'],
        ['质量指标', '验收合格率', '≥', '95', '%', '96%'],
        [{ t: '总分', cs: 6 }, '100', '99.75'],
      ]),
    );
    expect(p.indicators.map((i) => v(i.target))).toEqual(['明显改善', '≥95%']);
  });
  it('variant: 定量≥ in one cell, 定性指标 as the kind', () => {
    const { p } = parse(
      table([
        ...HEAD,
        [{ t: '绩效指标', rs: 3 }, '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值'],
        [{ t: '产出指标', rs: 2 }, '数量指标', '培训人次', '定量≥', '500', '人次', '520人次'],
        ['质量指标', '群众评价', '定性指标', '良好', '', '良好'],
        [{ t: '总分', cs: 6 }, '100', '99.75'],
      ]),
    );
    expect(p.indicators.map((i) => v(i.target))).toEqual(['≥500人次', '良好']);
  });
});

describe('kind 9: a merged 一级指标 cell broken by a page break', () => {
  /** Page 1 ends with the first row of a merged 效益指标 cell whose text is printed on page 2 only. */
  function broken(l1OnPage1: string, joined: boolean) {
    const page1: CellSpec[][] = [
      ...HEAD,
      [{ t: '绩效指标', rs: 4 }, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      [{ t: '产出指标（50分）', rs: 2 }, '数量指标', '管护面积', '≥5000亩', '5120亩', '25', '25'],
      ['质量指标', '完好率', '≥95%', '96%', '25', '25'],
      [l1OnPage1, '社会效益指标', '受益农户数', '≥3200户', '3260户', '15', '15'],
    ];
    const page2: CellSpec[][] = [
      ['', '效益指标（30分）', '可持续影响指标', '长效运行', '持续有效', '持续有效', '15', '15'],
      ['', '满意度指标（10分）', '满意度指标', '农户满意度', '≥90%', '93%', '10', '10'],
      [{ t: '总分', cs: 6 }, '100', '99.75'],
    ];
    if (!joined) return parse(table(page1, { page: 1 }), line('- 1 -', 1), table(page2, { page: 2 }));
    // one table joined across the page break (as layout joins them), cells keeping their page
    const t = table([...page1, ...page2], { page: 1 });
    if (t.kind === 'table') {
      t.table.pages = [1, 2];
      for (const c of t.table.cells) if (c.row >= page1.length) c.ref = { ...c.ref, page: 2 };
    }
    return parse(t);
  }
  const EXPECTED = [
    ['管护面积', '产出指标'],
    ['完好率', '产出指标'],
    ['受益农户数', '效益指标'],
    ['长效运行', '效益指标'],
    ['农户满意度', '满意度指标'],
  ];
  it('the page-1 row (its 一级指标 cell empty there) is under 效益指标, not the previous 一级指标', () => {
    expect(broken('', false).p.indicators.map((i) => [i.name.value, v(i.level1)])).toEqual(EXPECTED);
  });
  it('variant: the two parts joined into one table', () => {
    expect(broken('', true).p.indicators.map((i) => [i.name.value, v(i.level1)])).toEqual(EXPECTED);
  });
  it('the label printed on both pages', () => {
    expect(broken('效益指标（30分）', false).p.indicators.map((i) => [i.name.value, v(i.level1)])).toEqual(EXPECTED);
  });
});

describe('kind 2: columns bound by their header words, not positions', () => {
  it('分值 before 年度指标值; 全年实际值 read', () => {
    const { p } = parse(
      table([
        ...HEAD,
        [{ t: '绩效指标', rs: 3 }, '一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分'],
        [{ t: '产出指标', rs: 2 }, '数量指标', '管护面积', '50', '≥5000亩', '5120亩', '50'],
        ['质量指标', '完好率', '40', '≥95%', '96%', '40'],
        [{ t: '总分', cs: 6 }, '100', '99.75'],
      ]),
    );
    expect(rowsOf(p)).toEqual([
      ['产出指标', '数量指标', '管护面积', '≥5000亩', '5120亩', 50, 50],
      ['产出指标', '质量指标', '完好率', '≥95%', '96%', 40, 40],
    ]);
  });
  it('variant: headers wrapped in one cell (`年度指` / `标值`), 权重 and 实际完成 in other order', () => {
    const { p } = parse(
      table([
        ...HEAD,
        [{ t: '绩效指标', rs: 3 }, '一级指标', '二级指标', '三级指标', '权重', '实际完成', '年度指 标值', '自评得分'],
        [{ t: '产出指标', rs: 2 }, '数量指标', '管护面积', '50', '5120亩', '≥5000亩', '50'],
        ['质量指标', '完好率', '40', '96%', '≥95%', '38'],
        [{ t: '总分', cs: 6 }, '100', '97.75'],
      ]),
    );
    expect(rowsOf(p)).toEqual([
      ['产出指标', '数量指标', '管护面积', '≥5000亩', '5120亩', 50, 50],
      ['产出指标', '质量指标', '完好率', '≥95%', '96%', 40, 38],
    ]);
    expect(v(p.score_reported)).toBe(97.75);
  });
});
