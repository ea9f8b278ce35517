/** Issue 9's kinds of missed contradictions and false alarms, each on a small hand-made filing plus a variant. */
import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/checks/index.js';
import type { FundRow, Indicator, Num, Project, ScoreItem } from '../../schemas/record.js';
import { filing, n, project, t } from './fixtures.js';

function item(section: string, name: string, role: ScoreItem['role'], weight: string | null, score: string | null): ScoreItem {
  return { section, item: t(name), role, weight: weight ? n(weight) : null, score_reported: score ? n(score) : null, score_recomputed: null };
}
function ind(level1: string, name: string, target: string | null, actual: string | null, weight: string | null, score: string | null): Indicator {
  return { level1: t(level1), level2: null, name: t(name), target: target ? t(target) : null, actual: actual ? t(actual) : null, weight: weight ? n(weight) : null, score_reported: score ? n(score) : null, note: null, met: null };
}
function fundRow(name: string, a: Num | null, b: Num | null, patch: Partial<FundRow> = {}): FundRow {
  return { name: t(name), initial_budget_wan: null, budget_wan: a, executed_wan: b, execution_rate: null, weight: null, score: null, ...patch };
}
const codes = (ps: Project[], docType: Project extends never ? never : 'declaration' | 'self_eval_table' | 'self_eval_report' = 'self_eval_table') =>
  runChecks(filing(ps, { doc_type: docType })).flags.map((f) => [f.code, f.project_seq, f.severity, f.field]);

describe('kind 3: weights that do not add up', () => {
  // 产出（60分）, 效益（30分） where the footnote says 50 / 30: items weigh 10 + 60 + 30 + 10 = 110, total printed 100.
  const p = (total: string) =>
    project(1, {
      budget_wan: n('100'),
      executed_wan: n('100'),
      score_reported: n(total),
      scores: [
        item('项目资金', '预算执行率', 'budget_execution', '10', '10'),
        item('产出指标', '完成数量', 'indicator', '30', '30'),
        item('产出指标', '完成质量', 'indicator', '30', '30'),
        item('效益指标', '社会效益', 'indicator', '30', '25'),
        item('满意度指标', '满意度', 'indicator', '10', '10'),
      ],
      section_totals: [
        { section: '产出指标', weight: n('60'), score_reported: null },
        { section: '效益指标', weight: n('30'), score_reported: null },
      ],
    });
  it('raises SCORE_OVER_WEIGHT and TOTAL_SCORE, and fills score_recomputed', () => {
    const r = runChecks(filing([p('100')]));
    expect(r.flags.map((f) => [f.code, f.field, f.reported, f.expected])).toEqual([
      ['TOTAL_SCORE', 'score_reported', '100', '105'],
      ['SCORE_OVER_WEIGHT', 'weight', '110', '100'],
    ]);
    expect(r.projects[0].recomputed.score).toBe(105);
  });
  it('variant: weights over 100 with a total that is the sum still raise SCORE_OVER_WEIGHT only', () => {
    expect(codes([p('105')])).toEqual([['SCORE_OVER_WEIGHT', 1, 'error', 'weight']]);
  });
});

describe('kind 4: a total that cannot be reached', () => {
  const p = (total: string, w = '10') =>
    project(1, {
      score_reported: n(total),
      scores: [item('投入', '立项', 'other', '20', '20'), item('产出', '数量', 'other', '60', '50'), item('效益', '效果', 'other', w, null), item('满意度', '满意度', 'other', String(20 - Number(w) + 0), '10')],
    });
  it('readable 80, one unreadable item of weight 10, printed 95 → TOTAL_SCORE', () => {
    const f = runChecks(filing([p('95')])).flags;
    expect(f.map((x) => [x.code, x.severity, x.reported, x.expected])).toEqual([['TOTAL_SCORE', 'error', '95', '90']]);
    expect(f[0].message).toContain('效果');
  });
  it('variant: a reachable total says nothing, a total below the readable parts is flagged', () => {
    expect(codes([p('88')])).toEqual([]);
    expect(codes([p('76')]).map((x) => x[0])).toEqual(['TOTAL_SCORE']);
  });
});

describe('kind 5: budget execution as an ordinary scored row', () => {
  // 4-section grid: 项目决策 10 / 项目管理 25 / 产出 30 / 效益 35; 项目管理 → 预算执行率, 全年实际值 100%, 得分 9 of 10.
  const grid = (score: string, actual = '100%') =>
    project(1, {
      indicators: [
        ind('项目决策', '立项依据充分性', null, null, '10', '10'),
        ind('项目管理', '预算执行率', null, actual, '10', score),
        ind('项目管理', '资金使用合规性', null, null, '15', '15'),
        ind('产出', '实际完成率', '100%', '100%', '30', '30'),
        ind('效益', '社会效益', null, null, '35', '35'),
      ],
    });
  it('raises FUNDS_SCORE: 9 does not agree with 10 × 100%', () => {
    const f = runChecks(filing([grid('9')])).flags.filter((x) => x.code === 'FUNDS_SCORE');
    expect(f.map((x) => [x.code, x.reported, x.expected])).toEqual([['FUNDS_SCORE', '9', '10']]);
  });
  it('variant: 9 agrees with 10 × 86.2%, and a score item under 过程 is found too', () => {
    expect(codes([grid('9', '86.2%')]).filter((x) => x[0] === 'FUNDS_SCORE')).toEqual([]);
    const q = project(1, { budget_wan: n('50'), executed_wan: n('50'), scores: [item('过程', '预算执行率', 'indicator', '5', '4'), item('产出', '完成率', 'indicator', '95', '95')] });
    expect(codes([q]).map((x) => x[0])).toEqual(['FUNDS_SCORE']);
    // An 产出 indicator named 预算执行率 is scored against its own target, not as budget execution.
    const r = project(1, { budget_wan: n('50'), executed_wan: n('40'), indicators: [ind('产出指标', '预算执行率', '≥80%', '80%', '10', '10')] });
    expect(codes([r])).toEqual([]);
  });
});

describe('kind 6: the second project of a filing, money in 元', () => {
  // total 50000 元 (5 万元, printed to the 元) whose parts all print 0
  const yuan = (raw: string) => {
    const v = n(raw);
    return { ...v, value: v.value / 10000, ulp: v.ulp / 10000 };
  };
  const second = (parts: string[]) =>
    project(2, {
      budget_wan: yuan('50000'),
      fund_rows: [fundRow('年度资金总额', yuan('50000'), yuan('50000')), ...parts.map((x, k) => fundRow(`其中：来源${k}`, yuan(x), yuan(x)))],
      budget_lines: parts.map((x, k) => ({ kind: 'funding_source' as const, name: t(`来源${k}`), amount_wan: yuan(x) })),
      budget_line_totals: { funding_source: yuan('50000'), expense_item: null, sub_project: null },
    });
  it('flags BUDGET_SUM on project 2', () => {
    const f = runChecks(filing([project(1), second(['0', '0'])])).flags;
    expect(f.filter((x) => x.code === 'BUDGET_SUM').map((x) => [x.project_seq, x.field, x.reported, x.expected])).toEqual([
      [2, 'amount_wan:funding_source', '5', '0'],
      [2, 'budget_wan:fund_rows', '5', '0'],
      [2, 'executed_wan:fund_rows', '5', '0'],
    ]);
  });
  it('variant: parts that add up, in a declaration, say nothing', () => {
    expect(runChecks(filing([project(1), second(['30000', '20000'])], { doc_type: 'declaration' })).flags.filter((x) => x.code === 'BUDGET_SUM')).toEqual([]);
  });
});

describe('kind 7: a total from printed section scores when an item is unreadable', () => {
  const p = (sectionScore: string | null) =>
    project(1, {
      budget_wan: n('27.56'),
      executed_wan: n('27.34'),
      score_reported: n('92.84'),
      scores: [
        item('项目资金', '预算执行率', 'budget_execution', '20', '19.84'),
        item('绩效目标', '总目标', 'goal', '20', '18'),
        item('产出指标', '宣传次数', 'indicator', '20', '20'),
        item('产出指标', '培训覆盖', 'indicator', '20', null),
        item('满意度指标', '满意度', 'indicator', '20', '15'),
      ],
      section_totals: [{ section: '产出指标', weight: n('40'), score_reported: sectionScore ? n(sectionScore) : null }],
      indicators: [ind('产出指标', '培训覆盖', '≥90%', '80%', '20', null)],
    });
  it('19.84 + 18 + 40 + 15 from the printed 产出 score', () => {
    const r = runChecks(filing([p('40')]));
    expect(r.projects[0].recomputed.score).toBe(92.8403);
    expect(r.warnings).toEqual([expect.stringContaining('产出指标')]);
    expect(r.flags.filter((f) => f.code !== 'TARGET_MISSED')).toEqual([]);
  });
  it('variant: no section score and a target not met → left empty; a met target counts at full weight', () => {
    expect(runChecks(filing([p(null)])).projects[0].recomputed.score).toBeNull();
    const met = p(null);
    met.indicators = [ind('产出指标', '培训覆盖', '≥90%', '95%', '20', null)];
    expect(runChecks(filing([met])).projects[0].recomputed.score).toBe(92.8403);
  });
});

describe('kind 8: flags on misreadings are warnings that say so', () => {
  it('a row read twice: no flag on weights over 100 or a total off; the record says why', () => {
    const p = project(1, {
      score_reported: n('90'),
      scores: [item('投入', '立项', 'other', '20', '20'), item('产出', '数量', 'other', '50', '45'), item('产出', '数量', 'other', '50', '45'), item('效益', '效果', 'other', '30', '25')],
    });
    const r = runChecks(filing([p]));
    expect(r.flags).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/TOTAL_SCORE not checked.*数量.*read twice/);
    expect(r.warnings.join('\n')).toMatch(/SCORE_OVER_WEIGHT not raised/);
  });
  it('a row under the wrong 一级指标: two sections off by its weight in opposite directions give a note, not a flag', () => {
    const p = (dW: string) =>
      project(1, {
        scores: [item('产出指标', 'a', 'indicator', '20', '20'), item('产出指标', 'b', 'indicator', '20', '20'), item('产出指标', 'c', 'indicator', '10', '10'), item('效益指标', 'd', 'indicator', '20', '20')],
        section_totals: [
          { section: '产出指标', weight: n('40'), score_reported: null },
          { section: '效益指标', weight: n(dW), score_reported: null },
        ],
      });
    const r = runChecks(filing([p('30')]));
    expect(r.flags).toEqual([]);
    expect(r.warnings.join('\n')).toContain('“c” is probably read under the wrong 一级指标');
    // variant: one section off alone is a contradiction
    expect(runChecks(filing([p('20')])).flags.map((x) => [x.code, x.severity, x.field])).toEqual([['SCORE_OVER_WEIGHT', 'error', 'weight:产出指标']]);
  });
  it('a section whose rows were read twice, and a printed total above 100, give notes', () => {
    const twice = project(1, {
      score_reported: n('779.7'),
      scores: [item('产出指标', 'a', 'indicator', '30', '30'), item('产出指标', 'b', 'indicator', '20', '20'), item('产出指标', 'a2', 'indicator', '30', '30'), item('产出指标', 'b2', 'indicator', '20', '20')],
      section_totals: [{ section: '产出指标', weight: n('50'), score_reported: null }],
    });
    const r = runChecks(filing([twice]));
    expect(r.flags.filter((f) => f.code === 'TOTAL_SCORE' || f.field === 'weight:产出指标')).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/no score of a 100-point scheme/);
  });
  it('a score read from its weight cell is not a score', () => {
    const w = n('10');
    const p = project(1, { score_reported: n('95'), scores: [item('投入', 'a', 'other', '90', '85'), { ...item('产出', 'b', 'other', null, null), weight: w, score_reported: w }] });
    expect(runChecks(filing([p])).flags.filter((x) => x.code === 'TOTAL_SCORE')).toEqual([]);
  });
  it('an OCR figure (confidently read) one slip from agreement is a warning with the reading', () => {
    const total = n('12.35', 1, 0.93);
    const p = project(1, {
      budget_wan: n('72.35'),
      budget_lines: [{ kind: 'expense_item', name: t('a'), amount_wan: n('70') }, { kind: 'expense_item', name: t('b'), amount_wan: n('2.35') }],
      budget_line_totals: { funding_source: null, expense_item: total, sub_project: null },
    });
    const f = runChecks(filing([p], { doc_type: 'declaration' })).flags.filter((x) => x.field === 'amount_wan:expense_item');
    expect(f.map((x) => [x.severity, x.alternative_reading])).toEqual([['warning', '72.35']]);
    // variant: a text-layer figure (no OCR) stays an error
    const q = { ...p, budget_line_totals: { ...p.budget_line_totals, expense_item: n('12.35') } };
    expect(runChecks(filing([q], { doc_type: 'declaration' })).flags.filter((x) => x.field === 'amount_wan:expense_item').map((x) => x.severity)).toEqual(['error']);
  });
});
