/** An OCR'd weight or score read as negative (a speck read as a minus sign): the sign dropped, both readings kept. */
import { describe, expect, it } from '@jest/globals';
import type { Indicator, Num } from '../../schemas/record.js';
import type { ParsedFiling } from '../../src/forms/types.js';
import { repairNegativeScores, unsignedReading } from '../../src/repair/scores.js';
import { filing, project } from '../checks/fixtures.js';

const ocrNum = (raw: string, value: number): Num => ({ value, ulp: 1, src: { page: 1, raw, confidence: 0.9 } });
const ind = (weight: Num, score: Num): Indicator => ({
  level1: null,
  level2: null,
  name: { value: '开展专项检查次数', src: { page: 1, raw: '开展专项检查次数', confidence: 0.99 } },
  target: null,
  actual: null,
  weight,
  score_reported: score,
  note: null,
  met: null,
});
const filingOf = (indicators: Indicator[]): ParsedFiling =>
  filing([project(1, { indicators, scores: [{ section: '产出', item: indicators[0].name, role: 'indicator', weight: indicators[0].weight, score_reported: indicators[0].score_reported, score_recomputed: null }] })]);

describe('repairNegativeScores', () => {
  it('drops the minus sign of an OCR’d weight, keeps the reading, warns once for the indicator and its score item', () => {
    const out = repairNegativeScores(filingOf([ind(ocrNum('-10', -10), ocrNum('10', 10))]));
    const p = out.projects[0];
    expect(p.indicators[0].weight).toEqual({ value: 10, ulp: 1, src: { page: 1, raw: '-10', confidence: 0.9, repaired_from: '-10' } });
    expect(p.scores[0].weight?.value).toBe(10);
    expect(p.indicators[0].score_reported?.value).toBe(10);
    expect(out.warnings).toEqual(["project 1: OCR reading of the weight of 开展专项检查次数 '-10' repaired to 10: no form prints a negative weight or score (a speck read as a minus sign)"]);
  });
  it('leaves text-layer figures, positive ones and negatives without a printed sign alone', () => {
    const born: Num = { value: -10, ulp: 1, src: { page: 1, raw: '-10' } };
    expect(unsignedReading(born)).toBeNull();
    expect(unsignedReading(ocrNum('10', 10))).toBeNull();
    expect(unsignedReading(ocrNum('(10)', -10))).toBeNull();
    const f = filingOf([ind(ocrNum('10', 10), ocrNum('8', 8))]);
    expect(repairNegativeScores(f)).toBe(f);
  });
});
