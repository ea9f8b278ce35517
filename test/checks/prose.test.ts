/** Issue 9 kinds 1 and 2: figures and unit names stated in the text blocks of every form and project. */
import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/checks/index.js';
import { holderNames, proseFigures } from '../../src/checks/prose.js';
import type { Project } from '../../schemas/record.js';
import { filing, n, narrative, project, t } from './fixtures.js';

const flagsOf = (ps: Project[], doc_type: 'declaration' | 'self_eval_table' | 'self_eval_report') =>
  runChecks(filing(ps, { doc_type })).flags.map((f) => [f.code, f.project_seq, f.severity, f.field, f.reported, f.expected]);

describe('kind 1: figures stated in prose', () => {
  const decl = (prose: string) =>
    project(1, { fiscal_year: n('2021'), budget_wan: n('72.35'), texts: [{ label: '项目前两年预算及当年预算变动情况', text: t(prose) }] });
  it('a declaration: 2021年预算65.20万元 against 项目当年预算 72.35', () => {
    expect(flagsOf([decl('2019年预算为27.56万元;2020年预算为30.1万元,2021年预算为65.20万元')], 'declaration')).toEqual([
      ['CROSS_REF', 1, 'error', 'budget_wan:项目前两年预算及当年预算变动情况', '65.2', '72.35'],
    ]);
  });
  it('variant: the year agreeing, earlier years, and amounts in 元 say nothing', () => {
    expect(flagsOf([decl('2019年预算为27.56万元; 2020年到页算为30.1万元,2021年预算为72.35万元')], 'declaration')).toEqual([]);
    expect(flagsOf([decl('2021年度预算723500元，较上年增加')], 'declaration')).toEqual([]);
  });
  it('a self-evaluation: 全年实际支出188.40万元 against 全年执行数 201.15', () => {
    const p = project(1, { budget_wan: n('210'), executed_wan: n('201.15'), goal_achieved: t('项目按计划实施，全年实际支出188.40万元，完成培训3000人次。') });
    expect(flagsOf([p], 'self_eval_table')).toEqual([['CROSS_REF', 1, 'error', 'executed_wan:实际完成情况', '188.4', '201.15']]);
  });
  it('variant: a part (其中…) or an unqualified 支出 of an item says nothing; 自评得分 in prose is compared', () => {
    const p = project(1, {
      executed_wan: n('201.15'),
      score_reported: n('92.5'),
      goal_achieved: t('全年实际支出201.15万元，其中设备购置支出20万元，培训支出15万元。'),
      goal: t('年度目标：完成培训。自评得分90分。'),
    });
    expect(flagsOf([p], 'self_eval_table')).toEqual([['CROSS_REF', 1, 'error', 'score_reported:绩效目标', '90', '92.5']]);
    expect(proseFigures(t('项目支出20万元')).map((f) => f.strong)).toEqual([false]);
  });
});

describe('kind 2: another unit named in any text block', () => {
  const own = { unit: t('武汉市洪山区医疗保障局'), department: t('洪山区医疗保障局') };
  it("a declaration's 项目申请理由", () => {
    const p = project(1, { ...own, texts: [{ label: '项目申请理由', text: t('洪山区司法局“2021年普法宣传项目”旨在提高群众法治意识。') }] });
    expect(flagsOf([p], 'declaration').map((x) => x.slice(0, 5))).toEqual([['ENTITY', 1, 'warning', 'unit', '洪山区司法局']]);
  });
  it("a self-evaluation's 实际完成情况, and the third project of a report", () => {
    const se = project(1, { ...own, goal_achieved: t('2021年由洪山区民政局负责实施，完成全部任务。') });
    expect(flagsOf([se], 'self_eval_table').map((x) => x[4])).toEqual(['洪山区民政局']);
    const r = (seq: number, prose: string) => project(seq, { ...own, narrative: narrative(), texts: [{ label: '正文', text: t(prose) }] });
    const report = [r(1, '区医疗保障局“2019年医保宣传项目”预算27.56万元。'), r(2, '本局按计划实施。'), r(3, '洪山区卫生健康局2019年打击欺诈骗保项目预算20万元。')];
    expect(flagsOf(report, 'self_eval_report').map((x) => [x[0], x[1], x[4]])).toEqual([['ENTITY', 3, '洪山区卫生健康局']]);
  });
  it('variant: issuers of documents and the unit itself are no holder', () => {
    expect(holderNames(t('根据武汉市医疗保障局、市人力资源和社会保障局关于开展检查工作的通知'))).toEqual([]);
    expect(holderNames(t('依据洪山区财政局2019年批复'))).toEqual([]);
    expect(holderNames(t('深入贯彻十九届中央纪委四次全会及省纪委十一届四次全会精神'))).toEqual([]);
    // names holding characters that are function words elsewhere
    expect(holderNames(t('根据上级工作部署，醴陵市文化和旅游局需开展此项工作'))).toEqual(['醴陵市文化和旅游局']);
    expect(holderNames(t('榆次区农业农村局按计划完成了年度任务'))).toEqual(['榆次区农业农村局']);
    const p = project(1, { ...own, texts: [{ label: '项目申请理由', text: t('武汉市洪山区医疗保障局2021年继续开展专项治理。') }] });
    expect(flagsOf([p], 'declaration')).toEqual([]);
  });
});
