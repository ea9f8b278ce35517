/** Kinds found on a fresh generated batch (seed 4111) and fixed in session 3 of issue 9, each on a small hand-made input. */
import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/checks/index.js';
import type { FundRow, Num } from '../../schemas/record.js';
import { filing, n, project, t } from './fixtures.js';

function fundRow(name: string, a: Num | null, b: Num | null, patch: Partial<FundRow> = {}): FundRow {
  return { name: t(name), initial_budget_wan: null, budget_wan: a, executed_wan: b, execution_rate: null, weight: null, score: null, ...patch };
}

describe('a 项目资金 total row named 总额 (Sichuan form) is the total its 其中 rows add up to', () => {
  const p = (partB: string) =>
    project(1, {
      budget_wan: n('265.70'),
      executed_wan: n('256.03'),
      fund_rows: [fundRow('总额', n('265.70'), n('256.03')), fundRow('财政资金', n('178.02'), n('178.02')), fundRow('单位资金', n(partB), n('78.01'))],
    });
  it('parts 178.02 + 89.50 against 265.70: BUDGET_SUM on 全年预算数', () => {
    const f = runChecks(filing([p('89.50')])).flags.filter((x) => x.code === 'BUDGET_SUM');
    expect(f.map((x) => [x.field, x.reported, x.expected])).toEqual([['budget_wan:fund_rows', '265.7', '267.52']]);
  });
  it('variant: parts that add up say nothing', () => {
    expect(runChecks(filing([p('87.68')])).flags.filter((x) => x.code === 'BUDGET_SUM')).toEqual([]);
  });
});

describe('ENTITY: the same kind of office in another place is another unit', () => {
  const p = (achieved: string) =>
    project(1, {
      unit: t('涪城区市场监督管理局'),
      department: t('涪城区市场监督管理局'),
      goal_achieved: t(achieved),
    });
  const entity = (achieved: string) => runChecks(filing([p(achieved)])).flags.filter((x) => x.code === 'ENTITY').map((x) => x.reported);
  it('华容区市场监督管理局 in 实际完成情况 of 涪城区市场监督管理局’s filing', () => {
    expect(entity('华容区市场监督管理局按计划完成了食品安全监督抽检年度任务。')).toEqual(['华容区市场监督管理局']);
  });
  it('variant: the own office with its city, or by its bare name, says nothing', () => {
    expect(entity('绵阳市涪城区市场监督管理局按计划完成了年度任务。')).toEqual([]);
    expect(entity('区市场监督管理局按计划完成了年度任务。')).toEqual([]);
  });
});
