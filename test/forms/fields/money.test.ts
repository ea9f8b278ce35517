/**
 * Issue 8, kind 7: money as people write it — 元 with thousands separators, an amount inside
 * running text, 万元 with four decimals, a total printed twice. Unit tests of `parseMoney`
 * and a declaration read end to end.
 */
import { describe, expect, it } from '@jest/globals';
import { classify } from '../../../src/classify/index.js';
import { parseFiling } from '../../../src/forms/index.js';
import { parseMoney } from '../../../src/text/numbers.js';
import { doc } from '../../fixtures/forms/build.js';
import { declarationForm, type DeclParts } from '../../fixtures/forms/fields.js';

const money = (t: string) => {
  const m = parseMoney(t);
  return m ? [m.n.value, m.unit] : null;
};
function budgetOf(o: DeclParts) {
  const d = doc(...declarationForm(o));
  const f = parseFiling(d, classify(d));
  return f.projects[0].budget_wan?.value ?? null;
}

describe('parseMoney', () => {
  it('reads the spellings of issue 8', () => {
    expect(money('183,206.5')).toEqual([183206.5, null]);
    expect(money('600万(其中省级补助250万元,县级配套350万元)')).toEqual([600, '万元']);
    expect(money('12.3456万元')).toEqual([12.3456, '万元']);
    expect(money('600万600万')).toEqual([600, '万元']);
  });
  it('variant: full-width separators and brackets, 元 printed, a total printed twice with its unit once', () => {
    expect(money('１，２３４，５６７.８９元')).toEqual([1234567.89, '元']);
    expect(money('85.5万元（含上年结转10万元）')).toEqual([85.5, '万元']);
    expect(money('80 80万元')).toEqual([80, '万元']);
  });
  it('is not one amount: prose, two different amounts, a percentage, a number inside words', () => {
    expect(money('2019年预算为27.56万元')).toBeNull();
    expect(money('600万300万')).toBeNull();
    expect(money('99.9%')).toBeNull();
    expect(money('1.一般公共预算')).toBeNull();
    expect(money('')).toBeNull();
  });
});

describe('a declaration with money as people write it', () => {
  it('an amount inside running text in 项目当年预算', () => {
    expect(budgetOf({ budget: '600万(其中省级补助250万元,县级配套350万元)' })).toBe(600);
  });
  it('元 with thousands separators, converted to 万元', () => {
    expect(budgetOf({ budget: '1,832,065', moneyUnit: '元' })).toBeCloseTo(183.2065, 6);
  });
  it('variant: a total printed twice, and 万元 with four decimals in a 元 form (the cell says 万元)', () => {
    expect(budgetOf({ budget: '600万600万' })).toBe(600);
    expect(budgetOf({ budget: '18.3207万元', moneyUnit: '元' })).toBe(18.3207);
  });
});
