/**
 * Issue 8, kind 15: grids only from ruling lines. A row whose inner borders are missing must not
 * merge its columns (or rows) into one cell when the rest of the table draws them and the words
 * stand apart; a real merged cell stays whole.
 */
import { describe, expect, it } from '@jest/globals';
import { layoutPages } from '../../src/layout/index.js';
import { gridRules, page, shape, tables, word } from './helpers.js';

const XS = [50, 150, 220, 290, 360, 430];
const YS = [100, 130, 160, 190, 220];

/** Word centred in column c (XS) of row r (YS). */
function at(text: string, c: number, r: number, fontSize = 10) {
  const w = word(text, 0, 0, fontSize);
  const width = w.box.x1 - w.box.x0;
  const x0 = (XS[c] + XS[c + 1]) / 2 - width / 2;
  const y0 = (YS[r] + YS[r + 1]) / 2 - fontSize / 2;
  return word(text, x0, y0, fontSize);
}

function layout(words: ReturnType<typeof word>[], merged: [number, number, number, number][]) {
  const [t] = tables(layoutPages([page(1, words, gridRules(XS, YS, merged))]));
  return shape(t);
}

const HEADER = ['项目', '年初预算数', '全年预算数', '全年执行数', '执行率'];

describe('lattice: borders a row left out are restored from the other rows', () => {
  it('splits a data row whose vertical borders are missing (numbers under their headers)', () => {
    const words = [
      ...HEADER.map((h, c) => at(h, c, 0, 8)),
      at('年度资金总额', 0, 1), at('120.00', 1, 1), at('150.00', 2, 1), at('146.25', 3, 1), at('97.50%', 4, 1),
      at('上年结转资金', 0, 2), at('20.00', 2, 2), at('18.75', 3, 2), at('93.75%', 4, 2),
      at('其他资金', 0, 3), at('—', 2, 3),
    ];
    const cells = layout(words, [[2, 1, 1, 4]]);
    expect(cells).toContain('2,1=');
    expect(cells).toContain('2,2=20.00');
    expect(cells).toContain('2,3=18.75');
    expect(cells).toContain('2,4=93.75%');
  });

  it('splits a header row with a missing vertical border (another member of the family)', () => {
    const words = [
      ...HEADER.map((h, c) => at(h, c, 0, 8)),
      at('年度资金总额', 0, 1), at('120.00', 1, 1), at('150.00', 2, 1), at('146.25', 3, 1), at('97.50%', 4, 1),
      at('其中:财政拨款', 0, 2), at('100.00', 1, 2), at('130.00', 2, 2), at('127.50', 3, 2), at('98.08%', 4, 2),
      at('其他资金', 0, 3),
    ];
    const cells = layout(words, [[0, 2, 1, 2]]);
    expect(cells).toContain('0,2=全年预算数');
    expect(cells).toContain('0,3=全年执行数');
  });

  it('splits two value rows whose horizontal border is missing in the number columns', () => {
    const words = [
      ...HEADER.map((h, c) => at(h, c, 0, 8)),
      at('年度资金总额', 0, 1), at('120.00', 1, 1), at('150.00', 2, 1), at('146.25', 3, 1), at('97.50%', 4, 1),
      at('其中:财政拨款', 0, 2), at('100.00', 1, 2), at('130.00', 2, 2), at('127.50', 3, 2), at('98.08%', 4, 2),
      at('上年结转资金', 0, 3), at('20.00', 1, 3), at('20.00', 2, 3), at('18.75', 3, 3), at('93.75%', 4, 3),
    ];
    const cells = layout(words, [[2, 1, 2, 4]]);
    expect(cells).toContain('2,1=100.00');
    expect(cells).toContain('3,1=20.00');
    expect(cells).toContain('3,4=93.75%');
  });

  it('keeps real merged cells whole: a label over columns, a wrapped label over rows, text drawn glyph by glyph', () => {
    const glyphs = [...'高标准农田建设管护经费'].map((ch, i) => word(ch, 160 + i * 10, 110, 10));
    const words = [
      word('项目名称', 55, 110),
      ...glyphs, // one name over columns 1-4, one text item per glyph
      word('项目资金', 55, 150),
      word('(万元)', 60, 165), // a wrapped label in a cell over rows 1-2
      at('年初预算数', 1, 1, 8), at('全年预算数', 2, 1, 8), at('全年执行数', 3, 1, 8), at('执行率', 4, 1, 8),
      at('120.00', 1, 2), at('150.00', 2, 2), at('146.25', 3, 2), at('97.50%', 4, 2),
      at('说明', 0, 3), word('未', 208, 200), word('完成', 222, 200),
    ];
    const cells = layout(words, [[0, 1, 1, 4], [1, 0, 2, 1], [3, 1, 1, 4]]);
    expect(cells).toContain('0,1 1x4=高标准农田建设管护经费');
    expect(cells).toContain('1,0 2x1=项目资金(万元)');
    // two words of one text closer than half an em to a separator: one cell
    expect(cells.find((c) => c.startsWith('3,1'))).toBe('3,1 1x4=未完成');
  });
});

describe('lattice: two rows printed without the rule between them', () => {
  it('value lines level with each other in several cells make two rows; a label centred over both stays merged', () => {
    // rows 1 and 2 of a 4-row grid drawn as one row (YS[2] has no rule at all)
    const ys = [100, 130, 190, 220];
    const rules = gridRules(XS, ys);
    const w = (t: string, c: number, y: number, fs = 10) => {
      const ww = word(t, 0, 0, fs);
      return word(t, (XS[c] + XS[c + 1]) / 2 - (ww.box.x1 - ww.box.x0) / 2, y, fs);
    };
    const words = [
      ...HEADER.map((h, c) => at(h, c, 0, 8)),
      w('数量指标', 0, 155),
      w('≥5000亩', 1, 140), w('5120亩', 2, 140), w('10', 3, 140), w('10', 4, 140),
      w('≥120处', 1, 170), w('126处', 2, 170), w('10', 3, 170), w('9', 4, 170),
      w('其他', 0, 200), w('—', 2, 200),
    ];
    const [t] = tables(layoutPages([page(1, words, rules)]));
    const cells = shape(t);
    expect(cells).toContain('1,0 2x1=数量指标');
    expect(cells).toContain('1,1=≥5000亩');
    expect(cells).toContain('2,1=≥120处');
    expect(cells).toContain('2,4=9');
  });
  it('a wrapped label and a wrapped date are not split', () => {
    const ys = [100, 130, 190, 220];
    const rules = gridRules(XS, ys);
    const words = [
      ...HEADER.map((h, c) => at(h, c, 0, 8)),
      word('维修任务', 55, 140), word('完成时限', 55, 170),
      word('2022年11月', 155, 140), word('底前', 155, 170),
      word('其他', 55, 200),
    ];
    const [t] = tables(layoutPages([page(1, words, rules)]));
    expect(t.nRows).toBe(3);
  });
});
