import { describe, expect, it } from '@jest/globals';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractRules } from '../../../src/ingest/pdf-text/rules.js';
import { splitAtRules, placeItem, itemsToWords, advances, dropOverprints } from '../../../src/ingest/pdf-text/words.js';

const ops = OPS as unknown as Record<string, number>;
/** The viewport transform of an A4 portrait page at scale 1. */
const VT = [1, 0, 0, -1, 0, 842];

function path(...segments: number[][]): Float32Array {
  return Float32Array.from(segments.flat());
}
const rect = (x: number, y: number, w: number, h: number) => [[0, x, y], [1, x + w, y], [1, x + w, y + h], [1, x, y + h], [4]];

describe('extractRules', () => {
  it('turns a stroked rectangle into 4 rules and a thin filled rectangle into 1', () => {
    const fn = [ops.constructPath, ops.constructPath];
    const args = [
      [ops.stroke, [path(...rect(100, 700, 200, 40))], null],
      [ops.fill, [path(...rect(100, 600, 200, 0.5))], null],
    ];
    const rules = extractRules(fn, args, ops, VT);
    expect(rules).toHaveLength(5);
    expect(rules).toContainEqual({ x0: 100, y0: 142, x1: 300, y1: 142 });
    expect(rules).toContainEqual({ x0: 100, y0: 102, x1: 100, y1: 142 });
    expect(rules).toContainEqual({ x0: 100, y0: 241.75, x1: 300, y1: 241.75 });
  });

  it('skips clip paths, big fills, white strokes and curves', () => {
    const fn = [ops.constructPath, ops.constructPath, ops.setStrokeRGBColor, ops.constructPath, ops.setStrokeRGBColor, ops.constructPath];
    const args = [
      [ops.endPath, [path(...rect(0, 0, 595, 842))], null],
      [ops.fill, [path(...rect(100, 600, 200, 30))], null],
      ['#ffffff'],
      [ops.stroke, [path([0, 10, 10], [1, 200, 10])], null],
      ['#000000'],
      [ops.stroke, [path([0, 10, 20], [2, 50, 20, 100, 20, 200, 20])], null],
    ];
    expect(extractRules(fn, args, ops, VT)).toEqual([]);
  });

  it('tracks the CTM through save, transform and restore', () => {
    const fn = [ops.save, ops.transform, ops.constructPath, ops.restore, ops.constructPath];
    const args = [null, [2, 0, 0, 2, 10, 10], [ops.stroke, [path([0, 0, 0], [1, 50, 0])], null], null, [ops.stroke, [path([0, 0, 0], [1, 50, 0])], null]];
    expect(extractRules(fn, args, ops, VT)).toEqual([
      { x0: 10, y0: 832, x1: 110, y1: 832 },
      { x0: 0, y0: 842, x1: 50, y1: 842 },
    ]);
  });
});

describe('text items to words', () => {
  it('places an item with a top-left origin box and splits it at a vertical rule', () => {
    const item = { str: '项目名称 普法宣传项目', transform: [10, 0, 0, 10, 58, 770], width: 105, height: 10, fontName: 'f1' };
    const p = placeItem(item, VT)!;
    expect(p.box.x0).toBeCloseTo(58);
    expect(p.box.y1).toBeCloseTo(72 + 1.4);
    const pieces = splitAtRules(p, [{ x0: 103, y0: 60, x1: 103, y1: 80 }]);
    expect(pieces.map((q) => q.raw)).toEqual(['项目名称', '普法宣传项目']);
    expect(pieces[0].box.x1).toBeLessThan(103);
    expect(pieces[1].box.x0).toBeGreaterThan(100);
    // text overflowing its cell across a border (no white space near the rule) stays whole
    const long = placeItem({ str: '宿迁市宿豫区农业农村局', transform: [10, 0, 0, 10, 58, 770], width: 110, height: 10 }, VT)!;
    expect(splitAtRules(long, [{ x0: 103, y0: 60, x1: 103, y1: 80 }])).toHaveLength(1);
    // a rule that does not cross the text's line leaves it whole
    expect(splitAtRules(p, [{ x0: 103, y0: 100, x1: 103, y1: 200 }])).toHaveLength(1);
  });

  it('normalizes text and drops blank items', () => {
    const words = itemsToWords(
      [
        { str: ' ', transform: [10, 0, 0, 10, 58, 770], width: 3, height: 0 },
        { str: '⽬标（一）', transform: [10, 0, 0, 10, 58, 750], width: 50, height: 10, fontName: 'g1' },
      ],
      VT,
      [],
    );
    expect(words).toEqual([{ text: '目标(一)', box: { x0: 58, y0: 83.4, x1: 108, y1: 93.4 }, fontSize: 10, fontName: 'g1' }]);
  });

  it('gives the extra width of a wide item to its spaces', () => {
    expect(advances(['甲', ' ', '乙'], 60, 10)).toEqual([10, 40, 10]);
    expect(advances(['1', '2'], 11, 10)).toEqual([5.5, 5.5]);
  });

  it('drops overprinted copies (fake bold) but keeps repeated text elsewhere', () => {
    const w = (x: number, y: number) => ({ text: '合计', box: { x0: x, y0: y, x1: x + 20, y1: y + 10 } });
    expect(dropOverprints([w(10, 10), w(10.3, 10.2), w(10, 50)])).toEqual([w(10, 10), w(10, 50)]);
  });
});
