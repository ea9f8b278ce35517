/**
 * The font subsetter's warm-up (`warmUpFontSubset`, run by the batch's report thread before
 * its job) changes nothing the report embeds: the CSS for a text is the same bytes made cold
 * (first use in the process) and after the warm-up, and the warm-up never throws.
 */
import { describe, expect, it } from '@jest/globals';
import { embeddedFontCss, warmUpFontSubset } from '../../src/review/font.js';

describe('the font subsetter warm-up', () => {
  it('leaves the embedded font CSS of a text byte-identical', async () => {
    const text = '绩效自评报告 项目名称：农村饮水安全巩固提升工程 预算执行率 98.5% (A) 偏差原因';
    const cold = await embeddedFontCss(text);
    expect(cold).toContain('@font-face');
    await expect(warmUpFontSubset()).resolves.toBeUndefined();
    expect(await embeddedFontCss(text)).toBe(cold);
  }, 120_000);
});
