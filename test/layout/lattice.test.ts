import { describe, expect, it } from '@jest/globals';
import { layoutPages, findLatticeTables, normalizeRules, DEFAULT_TABLE_SETTINGS } from '../../src/layout/index.js';
import { cellAt, gridRules, hRule, lines, page, shape, tables, vRule, word } from './helpers.js';

const XS = [50, 150, 250, 350, 450];
const YS = [100, 130, 160, 190, 220];

describe('lattice tables', () => {
  it('recovers a header spanning 3 columns and a label spanning 2 rows', () => {
    const rules = gridRules(XS, YS, [
      [0, 1, 1, 3],
      [1, 0, 2, 1],
    ]);
    const words = [
      word('项目名称', 55, 110),
      word('普法宣传项目', 160, 110),
      word('产出指标', 55, 155), // centre of the merged cell rows 1-2
      word('数量指标', 155, 140),
      word('次数', 255, 140),
      word('≥2次', 355, 140),
      word('质量指标', 155, 170),
      word('覆盖率', 255, 170),
      word('100%', 355, 170),
      word('效益指标', 55, 200),
      word('社会效益', 155, 200),
      word('意识', 255, 200),
      word('提高', 355, 200),
    ];
    const doc = layoutPages([page(1, words, rules)]);
    const [t] = tables(doc);
    expect(t.id).toBe('p1-t1');
    expect(t.finder).toBe('lattice');
    expect(t.pages).toEqual([1]);
    expect([t.nRows, t.nCols]).toEqual([4, 4]);
    expect(shape(t)).toEqual([
      '0,0=项目名称',
      '0,1 1x3=普法宣传项目',
      '1,0 2x1=产出指标',
      '1,1=数量指标',
      '1,2=次数',
      '1,3=≥2次',
      '2,1=质量指标',
      '2,2=覆盖率',
      '2,3=100%',
      '3,0=效益指标',
      '3,1=社会效益',
      '3,2=意识',
      '3,3=提高',
    ]);
    expect(cellAt(t, 1, 0)!.ref).toEqual({ page: 1, box: { x0: 50, y0: 130, x1: 150, y1: 190 } });
    expect(lines(doc)).toEqual([]);
  });

  it('joins a wrapped cell in reading order (no space inside Chinese, one between Latin words)', () => {
    const rules = gridRules([50, 150, 300], [100, 150, 200]);
    const words = [
      word('覆盖率达到全区', 55, 105),
      word('各街道', 55, 118),
      word('社区', 55, 131),
      word('Budget', 155, 105),
      word('execution', 155, 118),
      word('rate', 155, 131),
      word('1', 55, 160),
      word('2', 155, 160),
    ];
    const [t] = tables(layoutPages([page(1, words, rules)]));
    expect(cellAt(t, 0, 0)!.text).toBe('覆盖率达到全区各街道社区');
    expect(cellAt(t, 0, 1)!.text).toBe('Budget execution rate');
  });

  it('keeps the mean OCR confidence of a cell', () => {
    const rules = gridRules([50, 150, 300], [100, 130]);
    const a = { ...word('预算', 55, 110), confidence: 0.8 };
    const b = { ...word('执行', 80, 110), confidence: 0.6 };
    const [t] = tables(layoutPages([page(1, [a, b], rules)]));
    expect(cellAt(t, 0, 0)!.ref.confidence).toBeCloseTo(0.7);
    expect(cellAt(t, 0, 1)!.ref.confidence).toBeUndefined();
  });

  it('snaps nearly collinear rules and merges segments drawn in pieces', () => {
    const rules = [
      hRule(100, 50, 120), hRule(100.8, 121, 250), // one border in two pieces, slightly off
      hRule(130, 50, 250), hRule(160.5, 50, 250),
      vRule(50, 100, 160), vRule(150.6, 100, 130), vRule(149.8, 130, 160), vRule(250, 100, 160),
    ];
    const segs = normalizeRules(rules);
    expect(segs.horizontal).toHaveLength(3);
    expect(segs.vertical).toHaveLength(3);
    const r = findLatticeTables(1, [word('甲', 60, 110), word('乙', 160, 140)], rules);
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0].table;
    expect([t.nRows, t.nCols]).toEqual([2, 2]);
    expect(cellAt(t, 0, 0)!.text).toBe('甲');
    expect(cellAt(t, 1, 1)!.text).toBe('乙');
    expect(r.rest).toEqual([]);
  });

  it('does not make a table of a lone box or an underline', () => {
    const rules = [...gridRules([50, 300], [100, 150]), hRule(400, 100, 200)];
    const doc = layoutPages([page(1, [word('说明文字', 60, 120), word('签字', 100, 388)], rules)]);
    expect(tables(doc)).toHaveLength(0);
    expect(lines(doc)).toEqual(['说明文字', '签字']);
  });

  it('ignores a page frame drawn around a table', () => {
    const frame = gridRules([20, 575], [20, 60, 820]); // a boxed page with a title band
    const rules = [...frame, ...gridRules([50, 150, 250], [100, 130, 160])];
    const words = [word('标题', 250, 35), word('a1', 60, 110), word('b1', 160, 110), word('a2', 60, 140), word('b2', 160, 140)];
    const doc = layoutPages([page(1, words, rules)]);
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    expect(shape(ts[0])).toEqual(['0,0=a1', '0,1=b1', '1,0=a2', '1,1=b2']);
    expect(lines(doc)).toEqual(['标题']);
  });

  it('drops a column that only a rule running past the frame creates', () => {
    const rules = [...gridRules([50, 150, 250], [100, 130, 160]), hRule(100, 30, 250)];
    const words = [word('a1', 60, 110), word('b1', 160, 110), word('a2', 60, 140), word('b2', 160, 140)];
    const [t] = tables(layoutPages([page(1, words, rules)]));
    expect([t.nRows, t.nCols]).toEqual([2, 2]);
    expect(shape(t)).toEqual(['0,0=a1', '0,1=b1', '1,0=a2', '1,1=b2']);
  });

  it('interleaves lines and tables top to bottom and numbers tables per page', () => {
    const rules = [...gridRules([50, 150, 250], [100, 130, 160]), ...gridRules([50, 150, 250], [300, 330, 360])];
    const words = [
      word('标题', 50, 60),
      word('a', 60, 110), word('b', 160, 110), word('c', 60, 140), word('d', 160, 140),
      word('中间说明', 50, 250),
      word('e', 60, 310), word('f', 160, 310), word('g', 60, 340), word('h', 160, 340),
      word('填表人', 50, 400),
    ];
    const doc = layoutPages([page(3, words, rules)]);
    expect(doc.blocks.map((b) => (b.kind === 'line' ? b.line.text : b.table.id))).toEqual([
      '标题', 'p3-t1', '中间说明', 'p3-t2', '填表人',
    ]);
    expect(doc.source).toBe('pdf_text');
    expect(doc.pageCount).toBe(1);
  });

  it('documents its defaults', () => {
    expect(DEFAULT_TABLE_SETTINGS.snapTolerance).toBe(3);
    expect(DEFAULT_TABLE_SETTINGS.joinTolerance).toBe(3);
    expect(DEFAULT_TABLE_SETTINGS.streamMinRows).toBe(3);
  });
});
