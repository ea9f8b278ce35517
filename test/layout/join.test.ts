import { describe, expect, it } from '@jest/globals';
import { layoutPages } from '../../src/layout/index.js';
import { gridRules, lines, page, shape, tables, word } from './helpers.js';

const XS = [50, 150, 300, 450];

/** Page 1: title, header + 2 rows at the bottom; a label merged over the last two rows. */
function page1() {
  const ys = [700, 730, 760, 790];
  const rules = gridRules(XS, ys, [[1, 0, 2, 1]]);
  const words = [
    word('标题', 50, 60),
    word('一级指标', 55, 710), word('指标名称', 155, 710), word('指标值', 305, 710),
    word('产出指标', 55, 755), word('次数', 155, 740), word('≥2次', 305, 740),
    word('覆盖率', 155, 770), word('100%', 305, 770),
    word('第1页', 280, 820), // running footer
  ];
  return page(1, words, rules);
}

/** Page 2: the header repeated, then a row continuing the cut label, then a new row. */
function page2(xs = XS, withHeader = true) {
  const ys = withHeader ? [50, 80, 110, 140] : [50, 80, 110];
  const rules = gridRules(xs, ys);
  const top = withHeader ? 80 : 50;
  const words = [
    ...(withHeader ? [word('一级指标', 55, 60), word('指标名称', 155, 60), word('指标值', 305, 60)] : []),
    word('及时性', 155, top + 10), word('及时', 305, top + 10),
    word('效益指标', 55, top + 40), word('满意度', 155, top + 40), word('≥90%', 305, top + 40),
    word('填表人:张三', 50, 200),
  ];
  return page(2, words, rules);
}

describe('cross-page joins', () => {
  it('joins a table continued on the next page, dropping the repeated header', () => {
    const doc = layoutPages([page1(), page2()]);
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    const t = ts[0];
    expect(t.id).toBe('p1-t1');
    expect(t.pages).toEqual([1, 2]);
    expect([t.nRows, t.nCols]).toEqual([5, 3]);
    expect(shape(t)).toEqual([
      '0,0=一级指标', '0,1=指标名称', '0,2=指标值',
      '1,0 2x1=产出指标', '1,1=次数', '1,2=≥2次',
      '2,1=覆盖率', '2,2=100%',
      '3,0=', '3,1=及时性', '3,2=及时', // continues the cut cell: stays a row
      '4,0=效益指标', '4,1=满意度', '4,2=≥90%',
    ]);
    expect(t.cells.find((c) => c.row === 3 && c.col === 1)!.ref.page).toBe(2);
    expect(lines(doc)).toEqual(['标题', '第1页', '填表人:张三']);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['line', 'table', 'line', 'line']);
  });

  it('joins without a repeated header, and onto a finer column grid', () => {
    const xs = [50, 150, 220, 300, 450]; // one extra separator on page 2
    const doc = layoutPages([page1(), page2(xs, false)]);
    const [t] = tables(doc);
    expect(t.pages).toEqual([1, 2]);
    expect([t.nRows, t.nCols]).toEqual([5, 4]);
    expect(shape(t).slice(0, 3)).toEqual(['0,0=一级指标', '0,1 1x2=指标名称', '0,3=指标值']);
  });

  it('does not join when columns differ or text stands between the parts', () => {
    expect(tables(layoutPages([page1(), page2([50, 100, 200, 450])]))).toHaveLength(2);
    // page 2's table moved down under a heading: a new table, not a continuation
    const p2b = page2();
    p2b.rules = p2b.rules.map((r) => ({ ...r, y0: r.y0 + 150, y1: r.y1 + 150 }));
    p2b.words = p2b.words.map((w) => ({ ...w, box: { ...w.box, y0: w.box.y0 + 150, y1: w.box.y1 + 150 } }));
    p2b.words.push(word('二、项目绩效目标', 50, 150));
    const ts = tables(layoutPages([page1(), p2b]));
    expect(ts).toHaveLength(2);
    expect(ts[1].id).toBe('p2-t1');
  });

  it('lets page numbers and repeated running headers stand between the parts, not a title', () => {
    const withRunning = page2();
    withRunning.words.push(word('续表', 50, 30));
    expect(tables(layoutPages([page1(), withRunning]))).toHaveLength(1);
    const withTitle = page2();
    withTitle.words.push(word('项目支出绩效自评表', 200, 30));
    expect(tables(layoutPages([page1(), withTitle]))).toHaveLength(2);
    const signed = page1();
    signed.words.push(word('填表人:李四', 50, 800));
    expect(tables(layoutPages([signed, page2()]))).toHaveLength(2);
  });

  it('does not join across a gap in page numbers', () => {
    const p = page2();
    p.number = 3;
    expect(tables(layoutPages([page1(), p]))).toHaveLength(2);
  });

  it('reports mixed sources', () => {
    const p = page2();
    p.source = 'ocr';
    expect(layoutPages([page1(), p]).source).toBe('mixed');
  });
});
