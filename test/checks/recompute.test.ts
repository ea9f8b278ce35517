import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/checks/index.js';
import { isMet, parseTarget } from '../../src/rules/targets.js';
import type { Indicator, ScoreItem } from '../../schemas/record.js';
import { filing, n, project, t } from './fixtures.js';

function ind(name: string, target: string | null, actual: string | null, level2: string | null = null): Indicator {
  return {
    level1: null,
    level2: level2 ? t(level2) : null,
    name: t(name),
    target: target ? t(target) : null,
    actual: actual ? t(actual) : null,
    weight: null,
    score_reported: null,
    note: null,
    met: null,
  };
}

function item(section: string, name: string, role: ScoreItem['role'], weight: string, score: string | null): ScoreItem {
  return { section, item: t(name), role, weight: n(weight), score_reported: score ? n(score) : null, score_recomputed: null };
}

describe('targets', () => {
  it('reads direction and number', () => {
    expect(parseTarget('≥2次')).toEqual({ value: 2, percent: false, direction: 'forward' });
    expect(parseTarget('≤60分钟')?.direction).toBe('reverse');
    expect(parseTarget('不超过5万元')?.direction).toBe('reverse');
    expect(parseTarget('不低于95%')).toEqual({ value: 0.95, percent: true, direction: 'forward' });
    expect(parseTarget('70000', '成本指标')?.direction).toBe('reverse');
    expect(parseTarget('70000', '数量指标')?.direction).toBe('forward');
    expect(parseTarget('及时')).toBeNull();
    expect(parseTarget('2019年12月底前')).toBeNull();
  });
  it('decides met for quantitative targets only', () => {
    expect(isMet(ind('宣传次数', '≥2次', '3次'))).toBe(true);
    expect(isMet(ind('宣传次数', '≥2次', '1次'))).toBe(false);
    expect(isMet(ind('覆盖率', '100%', '100%'))).toBe(true);
    expect(isMet(ind('覆盖率', '100%', '98'))).toBe(false);
    expect(isMet(ind('响应时间', '≤60分钟', '45分钟'))).toBe(true);
    expect(isMet(ind('响应时间', '≤60分钟', '75分钟'))).toBe(false);
    expect(isMet(ind('单位成本', '70000', '72000', '成本指标'))).toBe(false);
    expect(isMet(ind('单位成本', '70000', '68000', '成本指标'))).toBe(true);
    expect(isMet(ind('满意度', '有效提升', '提升'))).toBeNull();
    expect(isMet(ind('宣传次数', '≥2次', null))).toBeNull();
  });
});

describe('runChecks recomputation', () => {
  const p = project(1, {
    budget_wan: n('40'),
    executed_wan: n('39.96'),
    score_reported: n('90.98'),
    scores: [
      item('项目资金', '年度资金总额', 'budget_execution', '20', '19.98'),
      item('绩效目标', '目标完成', 'goal', '20', '18'),
      item('产出指标', '宣传次数', 'indicator', '45', '45'),
      item('效益指标', '知晓率', 'indicator', '15', '8'),
    ],
    indicators: [ind('宣传次数', '≥2次', '3次'), ind('知晓率', '≥90%', '60%')],
  });
  const input = filing([p]);
  const frozen = JSON.stringify(input);
  const out = runChecks(input);
  const q = out.projects[0];

  it('fills B/A, funds score, total and grade', () => {
    expect(q.recomputed).toEqual({ execution_rate: 0.999, funds_score: 19.98, score: 90.98, grade_expected: '优' });
  });
  it('fills score_recomputed and met', () => {
    expect(q.scores.map((s) => s.score_recomputed)).toEqual([19.98, null, 45, 10]);
    expect(q.indicators.map((i) => i.met)).toEqual([true, false]);
  });
  it('does not mutate its input', () => {
    expect(JSON.stringify(input)).toBe(frozen);
  });
  it('leaves the total empty when an item cannot be read', () => {
    const r = runChecks(filing([project(1, { scores: [item('投入', 'a', 'other', '3', null), item('过程', 'b', 'other', '3', '3')] })]));
    expect(r.projects[0].recomputed.score).toBeNull();
    expect(runChecks(filing([project(1)])).projects[0].recomputed.score).toBeNull();
  });
});
