/**
 * What real filings do to names and targets between a declaration and its self-evaluation,
 * each kind on a small input: year and code prefixes, 项目/经费/专项/资金 suffixes, full-width
 * and OCR-slipped characters, truncated names, units with more or less of their place;
 * targets compared by operator, number and unit, not notation.
 */
import { describe, expect, it } from '@jest/globals';
import { nameSimilarity, projectKey, indicatorKey, targetChanged, unitSimilarity } from '../../src/links/index.js';

describe('project names reduced to what identifies them', () => {
  it.each([
    ['2023年打击欺诈骗取医保基金专项经费', '打击欺诈骗取医保基金'],
    ['2023年度 打击欺诈骗取医保基金专项资金', '打击欺诈骗取医保基金'],
    ['２０２３年农村饮水安全巩固提升工程资全', '农村饮水安全巩固提升工程'],
    ['360402015-食品安全抽检监测经费', '食品安全抽检监测'],
    ['XM2023-015 食品安全抽检监测项目', '食品安全抽检监测'],
    ['【2023-12】“基本公共卫生服务”项目', '基本公共卫生服务'],
    ['打击欺诈骗保工作经费', '打击欺诈骗保'],
    ['农村饮水坝目', '农村饮水'],
    ['1000亩高标准农田建设项目', '1000亩高标准农田建设'],
    ['001.农村公路养护经费', '农村公路养护'],
  ])('%s → %s', (name, key) => {
    expect(projectKey(name)).toBe(key);
  });

  it('a name truncated in its cell still matches; another project does not', () => {
    expect(nameSimilarity(projectKey('打击欺诈骗取医保'), projectKey('打击欺诈骗取医保基金专项经费'))).toBeGreaterThanOrEqual(0.9);
    expect(nameSimilarity(projectKey('打击欺诈骗保工作经费'), projectKey('打击欺诈骗取医保基金专项经费'))).toBeLessThan(0.75);
    expect(nameSimilarity(projectKey('计划生育家庭奖励扶助资金'), projectKey('基本公共卫生服务项目'))).toBeLessThan(0.3);
  });

  it('indicator names without numbering and punctuation', () => {
    expect(indicatorKey('指标1: 宣传费')).toBe('宣传费');
    expect(indicatorKey('1.政策宣传活动次数')).toBe('政策宣传活动次数');
    expect(indicatorKey('处理群众举报的欺诈骗保行为 的及时性')).toBe('处理群众举报的欺诈骗保行为的及时性');
  });
});

describe('units', () => {
  it('the same organisation with more or less of its place', () => {
    expect(unitSimilarity('武汉市洪山区医疗保障局', '洪山区医疗保障局')).toBe(0.95);
    expect(unitSimilarity('湖北省武汉市洪山区医疗保障局', '武汉市洪山区医疗保障局')).toBe(0.95);
    expect(unitSimilarity('219001-洪山区医疗保障局（本级）', '洪山区医疗保障局')).toBe(1);
  });
  it('another place, or a city against its district, is another unit', () => {
    expect(unitSimilarity('晋中市医疗保障局', '洪山区医疗保障局')).toBe(0);
    expect(unitSimilarity('武汉市医疗保障局', '武汉市洪山区医疗保障局')).toBe(0);
    expect(unitSimilarity('洪山区司法局', '洪山区医疗保障局')).toBe(0);
  });
});

describe('targets by meaning', () => {
  it.each([
    ['≥95%', '≥ 95 %', false],
    ['≧９５％', '≥95%', false],
    ['95%', '≥95%', false],
    ['≥95.0%', '≥95%', false],
    ['不低于95%', '≥95%', false],
    ['≥95%', '≥90%', true],
    ['≥95%', '≥94%', true],
    ['≥95%', '>95%', true],
    ['≤7天', '≤10天', true],
    ['≥2次', '≥2个', true],
    ['≥3次', '≥2次', true],
  ])('%s vs %s: changed %s', (a, b, changed) => {
    expect(targetChanged(a, b)).toBe(changed);
  });
  it('qualitative targets are not compared', () => {
    expect(targetChanged('及时', '按时')).toBeNull();
    expect(targetChanged('2019年12月底前', '2020年6月底前')).toBeNull();
  });
});
