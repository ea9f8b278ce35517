import { describe, expect, it } from '@jest/globals';
import { layoutPages, wordsToLines } from '../../src/layout/index.js';
import { lines, page, tables, word } from './helpers.js';

describe('lines', () => {
  it('groups words into lines, left to right, top to bottom', () => {
    const ls = wordsToLines([word('二', 50, 130), word('Total', 120, 101), word('一、', 50, 100), word('amount', 160, 100)], 4);
    expect(ls.map((l) => l.text)).toEqual(['一、Total amount', '二']);
    expect(ls[0].page).toBe(4);
    expect(ls[0].box).toEqual({ x0: 50, y0: 100, x1: 160 + 6 * 5.5, y1: 111 });
  });

  it('a page without tables is lines only', () => {
    const doc = layoutPages([page(1, [word('一、基本情况', 50, 100), word('项目名称:普法宣传', 50, 120)])]);
    expect(tables(doc)).toHaveLength(0);
    expect(lines(doc)).toEqual(['一、基本情况', '项目名称:普法宣传']);
  });

  it('keeps the plain-text line number', () => {
    const w = { ...word('合计', 0, 10), line: 7 };
    expect(wordsToLines([w], 1)[0].line).toBe(7);
  });

  it('an empty document', () => {
    expect(layoutPages([])).toEqual({ blocks: [], source: 'pdf_text', warnings: [] });
  });
});
