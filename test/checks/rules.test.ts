import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/checks/index.js';
import { budgetSum } from '../../src/checks/rules/budget-sum.js';
import { crossRef } from '../../src/checks/rules/cross-ref.js';
import { entity } from '../../src/checks/rules/entity.js';
import { execRate } from '../../src/checks/rules/exec-rate.js';
import { fundsScore } from '../../src/checks/rules/funds-score.js';
import { grade } from '../../src/checks/rules/grade.js';
import { scoreOverWeight } from '../../src/checks/rules/score-over-weight.js';
import { targetMissed } from '../../src/checks/rules/target-missed.js';
import { totalScore } from '../../src/checks/rules/total-score.js';
import type { Rule } from '../../src/checks/types.js';
import { recomputeProject } from '../../src/checks/recompute.js';
import type { BudgetLine, FundRow, Indicator, Project, ScoreItem } from '../../schemas/record.js';
import type { ParsedFiling } from '../../src/forms/types.js';
import { filing, n, narrative, project, t } from './fixtures.js';

/** Run one rule on a filing whose projects went through recomputation, as runChecks does. */
function run(rule: Rule, f: ParsedFiling) {
  return rule({ filing: f, projects: f.projects.map(recomputeProject) });
}
const one = (rule: Rule, p: Project, patch: Partial<ParsedFiling> = {}) => run(rule, filing([p], patch));

function line(kind: BudgetLine['kind'], name: string, amount: string): BudgetLine {
  return { kind, name: t(name), amount_wan: n(amount) };
}
function fundRow(name: string, a: string | null, b: string | null, rate: string | null, weight: string | null = null, score: string | null = null): FundRow {
  return {
    name: t(name),
    initial_budget_wan: null,
    budget_wan: a ? n(a) : null,
    executed_wan: b ? n(b) : null,
    execution_rate: rate ? n(rate) : null,
    weight: weight ? n(weight) : null,
    score: score ? n(score) : null,
  };
}
function item(section: string, name: string, role: ScoreItem['role'], weight: string | null, score: string | null): ScoreItem {
  return { section, item: t(name), role, weight: weight ? n(weight) : null, score_reported: score ? n(score) : null, score_recomputed: null };
}
function ind(name: string, target: string, actual: string | null, patch: Partial<Indicator> = {}): Indicator {
  return { level1: null, level2: null, name: t(name), target: t(target), actual: actual ? t(actual) : null, weight: null, score_reported: null, note: null, met: null, ...patch };
}

describe('BUDGET_SUM', () => {
  const decl = (total: string, budget = '72.35') =>
    project(1, {
      budget_wan: n(budget),
      budget_lines: [line('funding_source', '一般公共预算财政拨款收入', '70'), line('funding_source', '上年结转', '2.35')],
      budget_line_totals: { funding_source: n(total), expense_item: null, sub_project: null },
    });
  it('flags lines that do not add up to their 合计', () => {
    const f = one(budgetSum, decl('73.35', '73.35'), { doc_type: 'declaration' });
    expect(f.map((x) => [x.code, x.field, x.reported, x.expected])).toEqual([['BUDGET_SUM', 'amount_wan:funding_source', '73.35', '72.35']]);
    expect(f[0].page).toBe(1);
    expect(f[0].refs.length).toBe(3);
  });
  it('does not sum numbered lines with a number missing (a row not read)', () => {
    const p = project(1, {
      budget_lines: [line('funding_source', '2.其他资金', '53.24')],
      budget_line_totals: { funding_source: n('212.97'), expense_item: null, sub_project: null },
    });
    expect(one(budgetSum, p)).toEqual([]);
    const whole = project(1, {
      budget_lines: [line('funding_source', '1.财政拨款', '159.73'), line('funding_source', '2.其他资金', '53.24')],
      budget_line_totals: { funding_source: n('213.97'), expense_item: null, sub_project: null },
    });
    expect(one(budgetSum, whole).map((x) => x.field)).toEqual(['amount_wan:funding_source']);
  });
  it('accepts lines that add up and a 合计 equal to the budget', () => {
    expect(one(budgetSum, decl('72.35'), { doc_type: 'declaration' })).toEqual([]);
  });
  it('flags a declaration 合计 that is not 当年预算', () => {
    const f = one(budgetSum, decl('72.35', '80'), { doc_type: 'declaration' });
    expect(f.map((x) => x.field)).toEqual(['budget_wan:funding_source']);
  });
  it('compares 其中 rows with 年度资金总额', () => {
    const p = (b: string) => project(1, { fund_rows: [fundRow('年度资金总额', '40', b, null), fundRow('其中：区级预算资金', '30', '30', null), fundRow('其他资金', '10', '9.96', null)] });
    expect(one(budgetSum, p('39.96'))).toEqual([]);
    expect(one(budgetSum, p('38.96')).map((x) => x.field)).toEqual(['executed_wan:fund_rows']);
  });
  it('takes wholly blank 其中 rows as nothing, and skips a column a row leaves unread', () => {
    const rows = (b: string, other: FundRow) => project(1, { fund_rows: [fundRow('年度资金总额', '40', b, '99.9%'), fundRow('其中：中央补助', null, null, null), fundRow('区级预算资金', '40.00', '39.96', '99.9%'), other] });
    expect(one(budgetSum, rows('39.96', fundRow('其他资金', null, null, null)))).toEqual([]);
    expect(one(budgetSum, rows('38.96', fundRow('其他资金', null, null, null))).map((x) => x.field)).toEqual(['executed_wan:fund_rows']);
    expect(one(budgetSum, rows('38.96', fundRow('其他资金', '5', null, null))).map((x) => x.field)).toEqual(['budget_wan:fund_rows']);
  });
  it('compares summary-table rows with the table total (document level)', () => {
    const st = (total: string) => ({
      rows: [
        { seq: 1, project_name: t('a'), budget_wan: n('40'), executed_wan: null, score: null, grade: null },
        { seq: 2, project_name: t('b'), budget_wan: n('32.35'), executed_wan: null, score: null, grade: null },
      ],
      total_budget_wan: n(total),
      total_executed_wan: null,
    });
    expect(run(budgetSum, filing([], { summary_table: st('72.35') }))).toEqual([]);
    const f = run(budgetSum, filing([], { summary_table: st('72.53') }));
    expect(f.map((x) => [x.project_seq, x.field])).toEqual([[null, 'budget_wan:summary_table']]);
  });
});

describe('EXEC_RATE', () => {
  const p = (rate: string) => project(1, { budget_wan: n('40'), executed_wan: n('39.96'), execution_rate_reported: n(rate) });
  it('99.9% agrees with 39.96 / 40', () => {
    expect(one(execRate, p('99.9%'))).toEqual([]);
  });
  it('98% does not', () => {
    const f = one(execRate, p('98%'));
    expect(f.map((x) => [x.field, x.reported, x.expected])).toEqual([['execution_rate_reported', '0.98', '0.999']]);
  });
  it('checks fund rows against their own B/A, and prose with its own amounts', () => {
    const q = project(1, {
      fund_rows: [fundRow('年度资金总额', '40', '39.96', '99.9%'), fundRow('其中：区级预算资金', '40', '39.96', '90%')],
      narrative: narrative({ budget_wan: n('40'), executed_wan: n('39.96'), execution_rate: n('99.9%') }),
    });
    expect(one(execRate, q).map((x) => x.field)).toEqual(['execution_rate_reported:其中:区级预算资金']);
  });
});

describe('FUNDS_SCORE', () => {
  it('finds an item named 预算执行率 whose role was left open, not an indicator named 局预算执行率', () => {
    const base = { budget_wan: n('20'), executed_wan: n('13.5') };
    expect(one(fundsScore, project(1, { ...base, scores: [item('投入', '预算执行率', 'other', '3', '2.5')] })).map((x) => x.expected)).toEqual(['2.025']);
    // Contract v2: a whole number "3" agrees only with values that round to it (2.025 rounds to 2).
    expect(one(fundsScore, project(1, { ...base, scores: [item('投入', '预算执行率', 'other', '3', '3')] })).map((x) => x.reported)).toEqual(['3']);
    expect(one(fundsScore, project(1, { ...base, scores: [item('投入', '预算执行率', 'other', '3', '2')] }))).toEqual([]);
    expect(one(fundsScore, project(1, { ...base, scores: [item('投入', '预算执行率', 'other', '3', '2.03')] }))).toEqual([]);
    expect(one(fundsScore, project(1, { ...base, scores: [item('产出指标', '局预算执行率', 'indicator', '15', '15')] }))).toEqual([]);
  });
  const p = (score: string) =>
    project(1, { budget_wan: n('40'), executed_wan: n('39.96'), scores: [item('项目资金', '年度资金总额', 'budget_execution', '20', score)] });
  it('19.98 agrees with 20 × 0.999', () => {
    expect(one(fundsScore, p('19.98'))).toEqual([]);
  });
  it('19.5 does not', () => {
    const f = one(fundsScore, p('19.5'));
    expect(f.map((x) => [x.code, x.reported, x.expected])).toEqual([['FUNDS_SCORE', '19.5', '19.98']]);
  });
  it('caps at the weight when more was spent than budgeted', () => {
    const q = project(1, { budget_wan: n('40'), executed_wan: n('44'), scores: [item('项目资金', '预算执行率', 'budget_execution', '10', '10')] });
    expect(one(fundsScore, q)).toEqual([]);
  });
});

describe('TOTAL_SCORE', () => {
  const p = (total: string, sub = '37.98') =>
    project(1, {
      score_reported: n(total),
      scores: [item('项目资金', '年度资金总额', 'budget_execution', '20', '19.98'), item('绩效目标', '目标', 'goal', '20', '18'), item('绩效指标', '产出', 'indicator', '45', '45'), item('绩效指标', '效益', 'indicator', '15', '8')],
      section_totals: [{ section: '绩效指标', weight: n('60'), score_reported: n(sub === '37.98' ? '53' : sub) }],
    });
  it('accepts 19.98 + 18 + 45 + 8 = 90.98', () => {
    expect(one(totalScore, p('90.98'))).toEqual([]);
  });
  it('flags a total that is not the sum, and a wrong subtotal', () => {
    const f = one(totalScore, p('92.98', '55'));
    expect(f.map((x) => [x.field, x.reported, x.expected])).toEqual([
      ['score_reported', '92.98', '90.98'],
      ['score_reported:绩效指标', '55', '53'],
    ]);
  });
  it('says nothing when a part is unreadable', () => {
    const q = project(1, { score_reported: n('90'), scores: [item('投入', 'a', 'other', '50', null), item('过程', 'b', 'other', '50', '40')] });
    expect(one(totalScore, q)).toEqual([]);
  });
});

describe('SCORE_OVER_WEIGHT', () => {
  it('flags a score above its weight, not one equal to it', () => {
    const p = project(1, { scores: [item('投入', '立项规范性', 'other', '3', '4'), item('投入', '目标合理性', 'other', '4', '4')] });
    expect(one(scoreOverWeight, p).map((x) => [x.field, x.reported, x.expected])).toEqual([['score_reported:立项规范性', '4', '3']]);
  });
  it('flags item weights that do not sum to the section weight', () => {
    const p = (w: string) =>
      project(1, {
        scores: [item('投入', 'a', 'other', '3', '3'), item('投入', 'b', 'other', '4', '4')],
        section_totals: [{ section: '投入', weight: n(w), score_reported: null }],
      });
    expect(one(scoreOverWeight, p('7'))).toEqual([]);
    expect(one(scoreOverWeight, p('8')).map((x) => x.field)).toEqual(['weight:投入']);
  });
  it('flags section weights that do not sum to 100 when the sections are the whole scheme', () => {
    const p = (w: string, total = '95') =>
      project(1, {
        score_reported: n(total),
        section_totals: [
          { section: '投入', weight: n('20'), score_reported: n('20') },
          { section: '过程', weight: n(w), score_reported: n('15') },
          { section: '产出', weight: n('60'), score_reported: n('60') },
        ],
      });
    expect(one(scoreOverWeight, p('20'))).toEqual([]);
    expect(one(scoreOverWeight, p('25')).map((x) => [x.field, x.reported])).toEqual([['weight', '105']]);
    // Sub-sections only (产出 + 效益 of 绩效指标): their scores are not the total, so no claim about 100.
    expect(one(scoreOverWeight, p('25', '99.5'))).toEqual([]);
  });
  it('flags item weights of a complete list that do not sum to 100', () => {
    const p = project(1, {
      score_reported: n('88'),
      scores: [item('投入', 'a', 'other', '30', '28'), item('产出', 'b', 'other', '60', '60')],
    });
    expect(one(scoreOverWeight, p).map((x) => [x.field, x.reported])).toEqual([['weight', '90']]);
  });
});

describe('GRADE', () => {
  const p = (score: string, g: string, b = '13.5') =>
    project(1, { budget_wan: n('20'), executed_wan: n(b), score_reported: n(score), grade_reported: t(g) });
  it('99.03 with 中 is flagged, citing the 60–70% cap', () => {
    const f = one(grade, p('99.03', '中'));
    expect(f.map((x) => [x.code, x.reported, x.expected])).toEqual([['GRADE', '中', '优']]);
    expect(f[0].message).toContain('79');
  });
  it('99.03 with 优 is fine; 89.99 with 良 is fine', () => {
    expect(one(grade, p('99.03', '优'))).toEqual([]);
    expect(one(grade, p('89.99', '良'))).toEqual([]);
  });
  it('no cap cited when the rate does not explain the grade', () => {
    const f = one(grade, p('99.03', '差', '20'));
    expect(f.length).toBe(1);
    expect(f[0].message).not.toContain('封顶');
  });
});

describe('CROSS_REF', () => {
  const base = () => ({
    budget_wan: n('40'),
    executed_wan: n('39.96'),
    score_reported: n('90.98'),
    grade_reported: t('优'),
    scores: [item('绩效指标', '政策宣传活动次数', 'indicator', '10', '10')],
  });
  it('accepts a summary row and prose that repeat the table', () => {
    const p = project(1, {
      ...base(),
      summary_row: { seq: 1, project_name: t('x'), budget_wan: n('40.00'), executed_wan: n('39.96'), score: n('90.98'), grade: t('优') },
      narrative: narrative({ executed_wan: n('39.96'), total_score: n('90.98'), indicator_scores: [{ section: null, name: t('①政策宣传活动次数（10分）'), weight: n('10'), score: n('10') }] }),
    });
    expect(one(crossRef, p)).toEqual([]);
  });
  it('flags each figure printed differently', () => {
    const p = project(1, {
      ...base(),
      summary_row: { seq: 1, project_name: t('x'), budget_wan: n('40'), executed_wan: n('39.96'), score: n('92.84'), grade: t('良') },
      narrative: narrative({ indicator_scores: [{ section: null, name: t('政策宣传活动次数'), weight: null, score: n('8') }] }),
    });
    expect(one(crossRef, p).map((x) => x.field)).toEqual(['score_reported:summary_table', 'grade_reported:summary_table', 'score_reported:政策宣传活动次数']);
  });
});

describe('ENTITY', () => {
  const p = (units: string[], names: string[] = []) =>
    project(1, {
      unit: t('武汉市洪山区医疗保障局'),
      department: t('洪山区医疗保障局'),
      project_name: t('打击欺诈骗取医保'),
      narrative: narrative({ named_units: units.map((u) => t(u)), quoted_project_names: names.map((x) => t(x)) }),
    });
  it('flags 洪山区司法局 in a 洪山区医疗保障局 filing', () => {
    const f = one(entity, p(['洪山区司法局']));
    expect(f.map((x) => [x.code, x.severity, x.field, x.reported])).toEqual([['ENTITY', 'warning', 'unit', '洪山区司法局']]);
  });
  it('accepts 区医疗保障局 and the full name', () => {
    expect(one(entity, p(['区医疗保障局', '武汉市洪山区医疗保障局', '洪山区医疗保障局']))).toEqual([]);
  });
  it('flags a quoted name of another project, not its own', () => {
    expect(one(entity, p([], ['2019年打击欺诈骗取医保项目']))).toEqual([]);
    expect(one(entity, p([], ['2019 年普法宣传项目'])).map((x) => x.field)).toEqual(['project_name']);
  });
});

describe('TARGET_MISSED', () => {
  it('flags a missed quantitative target with no reason, as a warning', () => {
    const f = one(targetMissed, project(1, { indicators: [ind('宣传次数', '≥2次', '1次')] }));
    expect(f.map((x) => [x.code, x.severity, x.reported, x.expected])).toEqual([['TARGET_MISSED', 'warning', '1次', '≥2次']]);
  });
  it('accepts a met target, a missed one with a reason, and a qualitative one', () => {
    const p = project(1, {
      indicators: [ind('宣传次数', '≥2次', '2次'), ind('覆盖率', '≥95%', '90%', { note: t('受疫情影响') }), ind('效果', '有效提升', '提升')],
    });
    expect(one(targetMissed, p)).toEqual([]);
  });
  it('flags a score given with no actual value', () => {
    const p = project(1, { indicators: [ind('宣传次数', '≥2次', null, { weight: n('10'), score_reported: n('10') }), ind('覆盖率', '100%', '100%')] });
    expect(one(targetMissed, p).map((x) => x.field)).toEqual(['score_reported:宣传次数']);
  });
  it('says nothing of missing actuals when the form has no actual column', () => {
    const p = project(1, { indicators: [ind('宣传次数', '≥2次', null, { weight: n('10'), score_reported: n('10') })] });
    expect(one(targetMissed, p)).toEqual([]);
  });
});

describe('runChecks flags', () => {
  it('sorts deterministically and marks low confidence', () => {
    const p2 = project(2, { score_reported: n('99.03', 3, 0.6), grade_reported: t('中') });
    const p1 = project(1, { budget_wan: n('40'), executed_wan: n('39.96'), execution_rate_reported: n('98%'), score_reported: n('85'), grade_reported: t('优') });
    const r = runChecks(filing([p2, p1]));
    expect(r.flags.map((f) => [f.project_seq, f.code])).toEqual([
      [1, 'EXEC_RATE'],
      [1, 'GRADE'],
      [2, 'GRADE'],
    ]);
    expect(r.flags[2].low_confidence).toBe(true);
    expect(r.flags[2].page).toBe(1);
    expect(r.flags[0].low_confidence).toBe(false);
  });
});

describe('ENTITY abbreviations', () => {
  it('takes 医保局 and 区卫健委 as the filing’s own units', () => {
    const p = project(1, {
      unit: t('武汉市洪山区医疗保障局'),
      department: t('洪山区卫生健康委员会'),
      narrative: narrative({ named_units: [t('区医保局'), t('区卫健委'), t('219001-武汉市洪山区医疗保障局（本级）')] }),
    });
    expect(one(entity, p)).toEqual([]);
  });
});
