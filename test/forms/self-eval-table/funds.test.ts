/**
 * Issue 8, funds-table kinds: rates without % (14), printed zeros (11), funding-source rows as
 * budget lines (13), the Sichuan-style funds block (3), an unread 其中 row never summed as zero (15).
 * Each on a small national-style form built here; the variants were not used to write the fix.
 */
import { describe, expect, it } from '@jest/globals';
import { parseSelfEvalTable } from '../../../src/forms/self-eval-table/index.js';
import { classify } from '../../../src/classify/index.js';
import { Project } from '../../../schemas/record.js';
import { doc, line, table, tsv, type CellSpec } from '../../fixtures/forms/build.js';

const v = (n: { value: unknown } | null | undefined) => (n ? n.value : null);

/** A national-style 自评表 with the given funds header and rows (the first cell of each is its name). */
function form(fundHead: string[], fundRows: string[][]) {
  const n = fundHead.length;
  const rows: CellSpec[][] = [
    ['项目名称', { t: '高标准农田建设管护经费', cs: n }],
    ['主管部门', { t: '青禾县农业农村局', cs: 2 }, '实施单位', { t: '青禾县农田建设服务中心', cs: n - 2 }],
    [{ t: '项目资金（万元）', rs: fundRows.length + 1 }, ...fundHead],
    ...fundRows,
    [{ t: '绩效指标', rs: 3 }, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', ...new Array(Math.max(0, n - 7)).fill('')],
    ['产出指标', '数量指标', '管护面积', '≥5000亩', '5120亩', '50', '50', ...new Array(Math.max(0, n - 7)).fill('')],
    ['满意度指标', '满意度指标', '农户满意度', '≥90%', '93%', '40', '40', ...new Array(Math.max(0, n - 7)).fill('')],
    [{ t: '总分', cs: 6 }, '100', '99.75'],
  ];
  const d = doc(line('项目支出绩效自评表'), line('（2022年度）'), table(rows));
  const filing = parseSelfEvalTable(d, classify(d));
  const p = filing.projects[0];
  Project.parse(p);
  return { p, filing };
}

const NATIONAL = ['', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const national = (rate: string, rateHead = '执行率', extra: string[][] = []) =>
  form(
    NATIONAL.map((h) => (h === '执行率' ? rateHead : h)),
    [['年度资金总额', '120.00', '150.00', '146.25', '10', rate, '9.75'], ['其中：当年财政拨款', '120.00', '130.00', '127.50', '—', '', '—'], ...extra],
  );

describe('kind 14: a rate printed without %', () => {
  it('reads 97.50 under a header 执行率（%）', () => {
    expect(v(national('97.50', '执行率（%）').p.execution_rate_reported)).toBe(0.975);
  });
  it('reads a fraction 0.9750', () => {
    expect(v(national('0.9750').p.execution_rate_reported)).toBe(0.975);
  });
  it('variants: 预算执行率(%) with a half-width bracket, 执行率% and a bare 97.5', () => {
    expect(v(national('97.5', '预算执行率(%)').p.execution_rate_reported)).toBe(0.975);
    expect(v(national('97.50', '执行率%').p.execution_rate_reported)).toBe(0.975);
    const bare = national('97.5');
    expect(v(bare.p.execution_rate_reported)).toBe(0.975);
    expect(bare.filing.warnings.join(' ')).toMatch(/97\.5/);
  });
  it('a rate in a spelling it cannot read: empty, and said (status partial)', () => {
    const { p, filing } = national('约九成');
    expect(p.execution_rate_reported).toBeNull();
    expect(filing.missing.join(' ')).toMatch(/约九成/);
  });
});

describe('an OCR reading of a printed dash is an empty cell, not an unread figure', () => {
  it('`_`, `一` and `～` under 年初预算数 / 分值 / 执行率 / 得分 of a 其中 row leave nothing unread', () => {
    for (const dash of ['_', '一', '～', '＿']) {
      const { p, filing } = form(NATIONAL, [['年度资金总额', '120.00', '150.00', '146.25', '10', '97.50%', '9.75'], ['其中：基本支出', dash, '130.00', '127.50', dash, dash, dash]]);
      expect([dash, filing.missing]).toEqual([dash, []]);
      expect(v(p.budget_wan)).toBe(150);
    }
  });
  it('a figure OCR could not read is still said (status partial)', () => {
    const { filing } = form(NATIONAL, [['年度资金总额', '120.00', '150.00', '146.25', '10', '97.50%', '9.75'], ['其中：基本支出', '1_0', '130.00', '127.50', '—', '—', '—']]);
    expect(filing.missing.join(' ')).toMatch(/1_0/);
  });
});

describe('kind 11: a printed zero is 0, not empty', () => {
  it('0 / 0 / 0 and 0%', () => {
    const { p } = form(NATIONAL, [['年度资金总额', '0', '0', '0', '10', '0%', '0'], ['其中：当年财政拨款', '0', '0', '0', '—', '0%', '—']]);
    expect([v(p.initial_budget_wan), v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([0, 0, 0, 0]);
    expect(p.scores.find((s) => s.role === 'budget_execution')?.score_reported?.value).toBe(0);
  });
  it('variant: 0.00 under 执行率（%） and 0.00 amounts', () => {
    const { p } = national('0.00', '执行率（%）');
    expect(v(p.execution_rate_reported)).toBe(0);
  });
});

describe('kind 13: funding-source rows are budget lines', () => {
  it('national rows 当年财政拨款 / 上年结转资金 / 其他资金 with their 全年预算数', () => {
    const { p } = national('97.50%', '执行率', [['上年结转资金', '', '20.00', '18.75', '—', '93.75%', '—'], ['其他资金', '', '', '', '—', '', '—']]);
    expect(p.budget_lines.map((l) => [l.kind, l.name.value, v(l.amount_wan)])).toEqual([
      ['funding_source', '当年财政拨款', 130],
      ['funding_source', '上年结转资金', 20],
    ]);
  });
});

describe('kind 3: the Sichuan-style funds block', () => {
  const HEAD = ['年初预算数', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'];
  it('总额 / 其中：财政资金 / 财政专户管理资金 / 单位资金 under 年度预算数（万元）', () => {
    const d = doc(
      line('部门预算项目支出绩效自评表'),
      line('（2023年度）'),
      table([
        ['项目名称', { t: '乡村道路养护', cs: 7 }],
        ['主管部门', { t: '某县交通运输局', cs: 3 }, '实施单位', { t: '某县公路事务中心', cs: 3 }],
        ['年度预算数（万元）', ...HEAD],
        ['总额', '200.00', '180.00', '171.00', '95.00%', '10', '9.5', ''],
        ['其中：财政资金', '200.00', '170.00', '161.00', '94.71%', '—', '—', ''],
        ['财政专户管理资金', '0', '0', '0', '0%', '—', '—', ''],
        ['单位资金', '', '10.00', '10.00', '100%', '—', '—', ''],
        [{ t: '绩效指标', rs: 2 }, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        ['产出指标', '数量指标', '养护里程', '≥120公里', '126公里', '90', '90'],
        [{ t: '总分', cs: 6 }, '100', '99.5'],
      ]),
    );
    const filing = parseSelfEvalTable(d, classify(d));
    const p = filing.projects[0];
    expect([v(p.initial_budget_wan), v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([200, 180, 171, 0.95]);
    const funds = p.scores.find((s) => s.role === 'budget_execution');
    expect([v(funds?.weight), v(funds?.score_reported)]).toEqual([10, 9.5]);
    expect(p.budget_lines.map((l) => [l.name.value, v(l.amount_wan)])).toEqual([
      ['财政资金', 170],
      ['财政专户管理资金', 0],
      ['单位资金', 10],
    ]);
  });
});

describe('kind 15: an unread 其中 row never counts as zero', () => {
  it('keeps the parts out of the sums and says so', () => {
    const { p, filing } = national('97.50%', '执行率', [['上年结转资金', '', '二十', '18.75', '—', '93.75%', '—']]);
    expect(v(p.budget_wan)).toBe(150);
    expect(p.fund_rows.map((r) => r.name.value)).toEqual(['年度资金总额']);
    expect(filing.missing.join(' ')).toMatch(/二十/);
  });
});

describe('kind 2: a funds header whose labels wrap onto a second row', () => {
  /** Plain-text tables (one row per line, cells at tabs), the header torn over two lines. */
  function wrapped(head1: string, head2: string) {
    const d = doc(
      line('部门预算项目支出绩效自评表'),
      line('（2023年度）'),
      tsv(`项目名称\t乡村道路养护
主管部门\t某县交通运输局\t实施单位\t某县公路事务中心
${head1}
${head2}
总额\t200.00\t180.00\t171.00\t95.00%\t10\t9.5
其中：财政资金\t200.00\t170.00\t161.00\t94.71%\t—\t—
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t养护里程\t≥120公里\t126公里\t90\t90
总分\t\t\t\t\t\t100\t99.5`),
    );
    const filing = parseSelfEvalTable(d, classify(d));
    return filing.projects[0];
  }
  it('预算执行 / 数 and 预算执 / 行率', () => {
    const p = wrapped('年度预算数（万元）\t年初预\t调整后预\t预算执行\t预算执\t权重\t得分', '\t算数\t算数\t数\t行率\t\t');
    expect([v(p.initial_budget_wan), v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([200, 180, 171, 0.95]);
  });
  it('variant: 全年预 / 算数, 全年执 / 行数, 执行 / 率', () => {
    const p = wrapped('项目资金\t年初预算数\t全年预\t全年执\t执行\t分值\t得分', '\t\t算数\t行数\t率\t\t');
    expect([v(p.initial_budget_wan), v(p.budget_wan), v(p.executed_wan), v(p.execution_rate_reported)]).toEqual([200, 180, 171, 0.95]);
  });
});
