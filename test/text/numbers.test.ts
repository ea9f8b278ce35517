import { describe, expect, it } from '@jest/globals';
import { agrees, formatNumber, parseNumber, parseStrictNumber, toWan } from '../../src/text/numbers.js';
import { joinWrapped, normalizeText } from '../../src/text/normalize.js';

describe('parseNumber', () => {
  it('keeps printed precision', () => {
    expect(parseNumber('19.98')).toEqual({ value: 19.98, ulp: 0.01, percent: false });
    expect(parseNumber('40')).toEqual({ value: 40, ulp: 1, percent: false });
  });
  it('reads percentages as fractions with their precision', () => {
    expect(parseNumber('99.9%')).toEqual({ value: 0.999, ulp: 0.001, percent: true });
    expect(parseNumber('≥90%')).toEqual({ value: 0.9, ulp: 0.01, percent: true });
  });
  it('folds full-width digits and ignores units', () => {
    expect(parseNumber('１３.５ 万元')?.value).toBe(13.5);
    expect(parseNumber('1,234.5')?.value).toBe(1234.5);
  });
  it('refuses text with no number or several', () => {
    expect(parseNumber('及时')).toBeNull();
    expect(parseNumber('20200101至20201230')).toBeNull();
  });
  it('strict parse refuses words around the number', () => {
    expect(parseStrictNumber('72.35')?.value).toBe(72.35);
    expect(parseStrictNumber('≥2次')).toBeNull();
  });
  it('converts 元 to 万元 with precision', () => {
    const n = toWan(parseNumber('47190')!, '元');
    expect(n.value).toBe(4.719);
    expect(n.ulp).toBe(0.0001);
  });
});

describe('agrees (contract precision rule)', () => {
  it('99.9% agrees with 39.96 / 40', () => {
    expect(agrees(0.999, 0.001, 39.96 / 40, 0)).toBe(true);
  });
  it('19.98 agrees with 20 × 0.999; 19.5 does not', () => {
    expect(agrees(19.98, 0.01, 20 * 0.999, 0)).toBe(true);
    expect(agrees(19.5, 0.1, 20 * 0.999, 0)).toBe(false);
  });
});

describe('formatNumber', () => {
  it('prints plain decimals', () => {
    expect(formatNumber(0.675)).toBe('0.675');
    expect(formatNumber(72.35)).toBe('72.35');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(null)).toBe('');
  });
});

describe('normalizeText', () => {
  it('folds full-width forms, ≧, radicals and spaces inside Chinese', () => {
    expect(normalizeText('≧ 90 ％')).toBe('≥90%');
    expect(normalizeText('项⽬ 名 称')).toBe('项目名称');
    expect(normalizeText('⻔诊')).toBe('门诊');
    expect(normalizeText('  2019 年普法宣传项目 ')).toBe('2019年普法宣传项目');
  });
  it('joins wrapped cell lines', () => {
    expect(joinWrapped(['处理群众举报的欺诈骗保行为', '的及时性'])).toBe('处理群众举报的欺诈骗保行为的及时性');
    expect(joinWrapped(['Annual', 'budget'])).toBe('Annual budget');
    expect(joinWrapped(['67.', '5%'])).toBe('67.5%');
  });
});
