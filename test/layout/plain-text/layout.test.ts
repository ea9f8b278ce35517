import { describe, expect, it } from '@jest/globals';
import { grid, layoutText, lines, tables } from './helpers.js';

describe('layoutPlainText: lines and tables', () => {
  it('keeps prose lines and tab-separated runs in file order', () => {
    const doc = layoutText('标题\n\n项目名称\t打击欺诈\t\n项目代码\t\t074\n说明一行。\n');
    expect(doc.source).toBe('plain_text');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['line', 'table', 'line']);
    expect(lines(doc).map((l) => [l.text, l.line, l.page])).toEqual([
      ['标题', 1, 1],
      ['说明一行。', 5, 1],
    ]);
    const [t] = tables(doc);
    expect(t.finder).toBe('plain_text');
    expect(t.id).toBe('p1-t1');
    expect(t.pages).toEqual([1]);
    expect([t.nRows, t.nCols]).toEqual([2, 3]);
    expect(grid(t)).toEqual([
      ['项目名称', '打击欺诈', ''],
      ['项目代码', '', '074'],
    ]);
    const c = t.cells.find((x) => x.text === '074')!;
    expect(c).toMatchObject({ row: 1, col: 2, rowSpan: 1, colSpan: 1, ref: { page: 1, line: 4 } });
  });

  it('continues a table across a blank line when the column structure is the same', () => {
    const doc = layoutText('a\t1\t2\nb\t3\t4\n\nc\t5\t6\n\nd\t7\t\n');
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    expect(grid(ts[0]).map((r) => r[0])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts a new table after a blank line when the structure changes', () => {
    const doc = layoutText('a\t1\t2\t3\t4\nb\t3\t4\t5\t6\n\nc\t5\n');
    expect(tables(doc)).toHaveLength(2);
  });

  it('joins a cell wrapped onto the next line in the same column', () => {
    const doc = layoutText(
      '序号\t项目名称\t预算数\n1\t机关建设及日常\t40.00\n\t保障经费\t\n2\t打击欺诈骗取医保基金专项经费\t27.56\n',
    );
    const [t] = tables(doc);
    expect(grid(t)).toEqual([
      ['序号', '项目名称', '预算数'],
      ['1', '机关建设及日常保障经费', '40.00'],
      ['2', '打击欺诈骗取医保基金专项经费', '27.56'],
    ]);
    expect(t.cells.find((c) => c.text === '机关建设及日常保障经费')!.ref.line).toBe(2);
  });

  it('does not join rows of a sparse table (one label a line)', () => {
    const doc = layoutText('评分\t二级\t三\n\t项目目标\t项目\n\t\t绩效\n\t资金落实\t资\n\t\t到\n');
    expect(tables(doc)[0].nRows).toBe(5);
  });

  it('keeps an amount in the column it was printed in', () => {
    const doc = layoutText('\t\t合计\t\t72.35\t\n\t\t4.政策法规业务宣传\t\t\t3.6\n');
    const g = grid(tables(doc)[0]);
    expect(g[1][5]).toBe('3.6');
    expect(g[0][4]).toBe('72.35');
  });

  it('handles an empty file, lines of only tabs and form feeds', () => {
    expect(layoutText('').blocks).toEqual([]);
    const doc = layoutText('a\tb\n\t\t\n\fc\td\n');
    expect(tables(doc)).toHaveLength(1);
    expect(grid(tables(doc)[0])).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(tables(doc)[0].cells.find((c) => c.text === 'c')!.ref.line).toBe(3);
  });

  it('leaves a label followed by values alone when no table has related labels', () => {
    const doc = layoutText('说明文字。\n完成进度\n100%\n90%\n');
    expect(lines(doc).map((l) => l.text)).toEqual(['说明文字。', '完成进度', '100%', '90%']);
    expect(doc.warnings).toEqual([]);
  });

  it('emits no warnings for ordinary text', () => {
    expect(layoutText('a\tb\nc\n').warnings).toEqual([]);
  });
});
