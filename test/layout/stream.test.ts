import { describe, expect, it } from '@jest/globals';
import { layoutPages, findStreamTables } from '../../src/layout/index.js';
import { lines, page, shape, tables, word } from './helpers.js';

describe('stream tables', () => {
  it('finds a borderless table whose columns align over 3+ rows', () => {
    const words = [
      word('一、项目资金情况', 50, 60),
      word('资金来源', 50, 100), word('预算数', 200, 100), word('执行数', 320, 100),
      word('财政拨款', 50, 118), word('40.00', 200, 118), word('39.96', 320, 118),
      word('上年结转', 50, 136), word('0.00', 200, 136), word('0.00', 320, 136),
      word('合计', 50, 154), word('40.00', 200, 154), word('39.96', 320, 154),
      word('二、说明', 50, 200),
    ];
    const doc = layoutPages([page(1, words)]);
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    const t = ts[0];
    expect(t.finder).toBe('stream');
    expect(t.id).toBe('p1-t1');
    expect([t.nRows, t.nCols]).toEqual([4, 3]);
    expect(shape(t).slice(0, 6)).toEqual(['0,0=资金来源', '0,1=预算数', '0,2=执行数', '1,0=财政拨款', '1,1=40.00', '1,2=39.96']);
    expect(lines(doc)).toEqual(['一、项目资金情况', '二、说明']);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['line', 'table', 'line']);
  });

  it('reads a row whose cells wrap as one row (a one-line cell centred beside two lines)', () => {
    const words = [
      word('名称', 50, 100), word('年初预算', 200, 94), word('数', 200, 106), word('执行', 320, 94), word('数', 320, 106),
      word('甲', 50, 130), word('1', 200, 130), word('2', 320, 130),
      word('乙', 50, 150), word('3', 200, 150), word('4', 320, 150),
    ];
    const [t] = findStreamTables(1, words).tables.map((f) => f.table);
    expect([t.nRows, t.nCols]).toEqual([3, 3]);
    expect(shape(t).slice(0, 3)).toEqual(['0,0=名称', '0,1=年初预算数', '0,2=执行数']);
  });

  it('keeps empty cells of a sparse column', () => {
    const words = [
      word('名称', 50, 100), word('数值', 200, 100), word('备注', 320, 100),
      word('甲', 50, 118), word('1', 200, 118),
      word('乙', 50, 136), word('2', 200, 136), word('已完成', 320, 136),
      word('丙', 50, 154), word('3', 200, 154),
    ];
    const [t] = findStreamTables(1, words).tables.map((f) => f.table);
    expect([t.nRows, t.nCols]).toEqual([4, 3]);
    expect(t.cells.find((c) => c.row === 1 && c.col === 2)!.text).toBe('');
  });

  it('is conservative: two aligned rows, prose, or a single column are not tables', () => {
    const two = [
      word('名称', 50, 100), word('数值', 200, 100),
      word('甲', 50, 118), word('1', 200, 118),
      word('这是一段说明文字,没有对齐的列。', 50, 136),
    ];
    expect(findStreamTables(1, two).tables).toHaveLength(0);
    const prose = [
      word('医疗保障局是党的十九大机构改革新成立的部门之一,主要围绕', 50, 100),
      word('医保基金安全、解决看病难、看病贵等问题,将基本医疗保险、', 50, 118),
      word('补充医疗保险、医疗救助三项职能整合。', 50, 136),
      word('通过加强法治建设,信息化监管等手段。', 50, 154),
    ];
    const doc = layoutPages([page(1, prose)]);
    expect(tables(doc)).toHaveLength(0);
    expect(lines(doc)).toHaveLength(4);
  });

  it('does not take a numbered list set off by tabs for a table', () => {
    const words = [
      word('(1)', 50, 100), word('区财政局加大对区内各单位的培训力度', 80, 100),
      word('(2)', 50, 118), word('各单位需提前熟悉绩效自评工作的内容', 80, 118),
      word('(3)', 50, 136), word('反复向各单位强调绩效工作的重要性', 80, 136),
    ];
    expect(findStreamTables(1, words).tables).toHaveLength(0);
  });

  it('stops a table where a line bridges its columns', () => {
    const words = [
      word('名称', 50, 100), word('数值', 200, 100),
      word('甲', 50, 118), word('1', 200, 118),
      word('乙', 50, 136), word('2', 200, 136),
      word('这一行很长很长很长很长很长很长很长很长', 50, 154), word('注', 400, 154),
    ];
    const r = findStreamTables(1, words);
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0].table.nRows).toBe(3);
    expect(r.rest.map((w) => w.text)).toEqual(['这一行很长很长很长很长很长很长很长很长', '注']);
  });
});
