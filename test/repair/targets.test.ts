/** A comparison sign OCR misread at the head of a target: recovered from the row's figures, or the target left empty. */
import { describe, expect, it } from '@jest/globals';
import type { Indicator } from '../../schemas/record.js';
import { emptyProject, type ParsedFiling } from '../../src/forms/types.js';
import { decideSign, repairTargets } from '../../src/repair/targets.js';
import { indicatorScore } from '../../src/rules/targets.js';

const ocr = (value: string) => ({ value, src: { page: 1, raw: value, confidence: 0.97 } });
const num = (value: number) => ({ value, ulp: 0.01, src: { page: 1, raw: String(value), confidence: 0.97 } });
const ind = (name: string, target: string, actual: string, weight: number, score: number, born = false): Indicator => ({
  level1: null,
  level2: null,
  name: ocr(name),
  target: born ? { value: target, src: { page: 1, raw: target } } : ocr(target),
  actual: ocr(actual),
  weight: num(weight),
  score_reported: num(score),
  note: null,
  met: null,
});
const filing = (indicators: Indicator[]): ParsedFiling => ({
  doc_type: 'self_eval_table',
  variant: null,
  title: null,
  money_unit: '万元',
  projects: [{ ...emptyProject(1), indicators }],
  summary_table: null,
  missing: [],
  warnings: [],
});

describe('decideSign', () => {
  it('full score with the actual above the number is ≥, below is ≤', () => {
    expect(decideSign('23次', '26次', 10, 10).sign).toBe('≥');
    expect(decideSign('1055元', '960元', 10, 10).sign).toBe('≤');
    expect(decideSign('89%', '100%', 10, 10).sign).toBe('≥');
    expect(decideSign('89%', '97', 10, 10).sign).toBe('≥'); // a bare 97 against a percent target
  });
  it('a part score decides when the scoring rule fits exactly one sign', () => {
    expect(decideSign('99%', '85.1%', 8, 6.88).sign).toBe('≥'); // 85.1/99 × 8 = 6.877
    expect(decideSign('200元', '250元', 10, 8).sign).toBe('≤'); // 200/250 × 10
  });
  it('stays undecided when the figures cannot tell', () => {
    expect(decideSign('90%', '90%', 10, 10).sign).toBeNull();
    expect(decideSign('90%', '', 10, 10).sign).toBeNull();
    expect(decideSign('90%', '95%', 10, 7).sign).toBeNull();
    expect(decideSign('23次', '26次', 10, 12).sign).toBeNull();
  });
});

describe('decideSign and the checks share one scoring rule', () => {
  it('a decided sign makes the checks recompute the printed score; an undecided row fits both or neither', () => {
    // a grid of rows, none written against the repair: targets, actuals (plain, percent, bare), weights, scores
    const bodies = ['23次', '95%', '1055元', '100%', '60分钟', '3.5万元'];
    const actuals = ['20次', '30次', '98', '90%', '1000元', '1200元', '100%', '45分钟', '75分钟', '3万元', '4万元', '23次'];
    let decided = 0;
    for (const body of bodies) for (const actual of actuals) for (const weight of [5, 10, 20]) {
      const scores = [weight, 0, weight / 2];
      for (const sign of ['≥', '≤']) {
        const s = indicatorScore({ name: ocr('x'), target: ocr(sign + body), actual: ocr(actual) }, weight);
        if (s != null) scores.push(Math.round(s * 100) / 100);
      }
      for (const score of scores) {
        const d = decideSign(body, actual, weight, score);
        const fit = (sign: string) => {
          const s = indicatorScore({ name: ocr('x'), target: ocr(sign + body), actual: ocr(actual) }, weight);
          return s != null && Math.abs(s - score) <= 0.01 + 1e-9;
        };
        if (d.sign) {
          decided++;
          expect([d.sign, fit(d.sign)]).toEqual([d.sign, true]);
          expect(fit(d.sign === '≥' ? '≤' : '≥')).toBe(false);
        } else if (!/positive number|no actual|no weight/.test(d.reason)) {
          expect(fit('≥')).toBe(fit('≤'));
        }
      }
    }
    expect(decided).toBeGreaterThan(50);
  });
});

describe('repairTargets', () => {
  it('repairs a Latin letter standing for the sign, keeping the reading', () => {
    const out = repairTargets(filing([ind('政策宣传活动次数', 'N23次', '26次', 10, 10), ind('带动农户增收', 'W388万元', '462万元', 10, 10)]));
    const [a, b] = out.projects[0].indicators;
    expect(a.target?.value).toBe('≥23次');
    expect(a.target?.src.repaired_from).toBe('N23次');
    expect(b.target?.value).toBe('≥388万元');
    expect(out.warnings.join('\n')).toMatch(/'N23次'.*repaired to '≥23次'/);
  });
  it('leaves the target empty with a warning when the sign cannot be decided', () => {
    const out = repairTargets(filing([ind('受益群众满意度', 'N90%', '90%', 10, 10)]));
    expect(out.projects[0].indicators[0].target).toBeNull();
    expect(out.warnings.join('\n')).toMatch(/'N90%'.*left empty/);
  });
  it('touches neither readable targets nor born-digital ones', () => {
    const f = filing([ind('a', '≥23次', '26次', 10, 10), ind('b', '23次', '26次', 10, 10), ind('c', 'N23次', '26次', 10, 10, true), ind('d', 'Q3季度', 'Q3季度', 10, 10)]);
    expect(repairTargets(f)).toBe(f);
  });
});
