/**
 * The classical text-line finder (src/ocr/engines/ppocr/lines.ts) on small drawn pages: text in
 * a ruled grid at 150 dpi, in DejaVu Sans (every machine with @napi-rs/canvas draws it), and
 * the pages it must refuse (turned on end, noise).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createCanvas } from '@napi-rs/canvas';
import { findTextLines } from '../../../src/ocr/engines/ppocr/lines.js';
import { boxBounds, type TextBox } from '../../../src/ocr/engines/ppocr/detect.js';
import { rotateQuarterTurns } from '../../../src/image/preprocess/image.js';
import { createOcrEngine } from '../../../src/ocr/engines/index.js';
import type { OcrEngine, RgbaImage } from '../../../src/ocr/types.js';
import { EXPECTED, loadFixture } from './fixtures.js';

const DPI = 150;
const S = DPI / 72;

interface Cell {
  /** Column edges (points). */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  texts: { text: string; x: number }[];
}

/** A page of `cols` × `rows` cells (points), rules 1.2 px, 10.5 pt text; returns the image and the cells. */
function grid(cells: Cell[], width = 400, height = 260): RgbaImage {
  const w = Math.round(width * S), h = Math.round(height * S);
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#000';
  ctx.fillStyle = '#000';
  ctx.lineWidth = 1.2;
  ctx.font = `${Math.round(10.5 * S)}px "DejaVu Sans"`;
  ctx.textBaseline = 'middle';
  for (const cell of cells) {
    ctx.strokeRect(cell.x0 * S, cell.y0 * S, (cell.x1 - cell.x0) * S, (cell.y1 - cell.y0) * S);
    const n = cell.texts.length;
    cell.texts.forEach((t, i) => {
      const y = cell.y0 + ((cell.y1 - cell.y0) * (i + 1)) / (n + 1);
      ctx.fillText(t.text, (cell.x0 + t.x) * S, y * S);
    });
  }
  const data = ctx.getImageData(0, 0, w, h).data;
  return { width: w, height: h, data: new Uint8ClampedArray(data) };
}

/** `image` with more drawn over it by `draw` (black 10.5 pt DejaVu Sans, baseline middle). */
function drawOver(image: RgbaImage, draw: (ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void): RgbaImage {
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  const id = ctx.createImageData(image.width, image.height);
  id.data.set(image.data);
  ctx.putImageData(id, 0, 0);
  ctx.fillStyle = '#000';
  ctx.font = `${Math.round(10.5 * S)}px "DejaVu Sans"`;
  ctx.textBaseline = 'middle';
  draw(ctx);
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(ctx.getImageData(0, 0, image.width, image.height).data) };
}

function bounds(boxes: TextBox[], img: RgbaImage) {
  return boxes.map((b) => boxBounds(b, img.width, img.height)).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/** A form of three rows: label | value | value, one text per cell, padding 4 pt. */
function form(): { image: RgbaImage; cells: Cell[] } {
  const cols = [20, 130, 250, 380];
  const rows = [20, 50, 80, 110];
  const texts = [
    ['Project name', 'Training 2023', '19.98'],
    ['Budget (wan)', '1,625,156.00', '100.0%'],
    ['Target', '>= 90%', '86.2%'],
  ];
  const cells: Cell[] = [];
  rows.slice(0, -1).forEach((y, r) =>
    cols.slice(0, -1).forEach((x, k) => cells.push({ x0: x, x1: cols[k + 1], y0: y, y1: rows[r + 1], texts: [{ text: texts[r][k], x: 4 }] })),
  );
  return { image: grid(cells), cells };
}

describe('classical text lines', () => {
  test('one box per cell text, inside its cell, covering the text, never across a rule', () => {
    const { image, cells } = form();
    const found = findTextLines(image, DPI);
    expect(found.declined).toBeUndefined();
    const boxes = bounds(found.boxes!, image);
    expect(boxes).toHaveLength(cells.length);
    for (const cell of cells) {
      const inside = boxes.filter((b) => (b.x0 + b.x1) / 2 > cell.x0 * S && (b.x0 + b.x1) / 2 < cell.x1 * S && (b.y0 + b.y1) / 2 > cell.y0 * S && (b.y0 + b.y1) / 2 < cell.y1 * S);
      expect(inside).toHaveLength(1);
      const b = inside[0];
      // the text starts 4 pt into the cell; the box reaches over its start, not over the rule by more than its margin
      expect(b.x0).toBeLessThan((cell.x0 + 4) * S);
      expect(b.x0).toBeGreaterThan(cell.x0 * S - 6);
      expect(b.x1).toBeLessThan(cell.x1 * S + 6);
      // a line of 10.5 pt text: its box about as high as the network's (ink plus about a third above and below)
      expect(b.y1 - b.y0).toBeGreaterThan(10.5 * S);
      expect(b.y1 - b.y0).toBeLessThan(2.2 * 10.5 * S);
    }
  });

  test('text right up to a rule on both sides stays two lines', () => {
    // two cells whose texts come within 1 pt of the rule between them
    const cells: Cell[] = [
      { x0: 20, x1: 120, y0: 20, y1: 50, texts: [{ text: '12,345.00', x: 50 }] },
      { x0: 120, x1: 220, y0: 20, y1: 50, texts: [{ text: '67.89%', x: 1 }] },
      { x0: 20, x1: 120, y0: 50, y1: 80, texts: [{ text: 'A', x: 4 }] },
      { x0: 120, x1: 220, y0: 50, y1: 80, texts: [{ text: 'B', x: 4 }] },
    ];
    const image = grid(cells, 260, 100);
    const found = findTextLines(image, DPI);
    const boxes = bounds(found.boxes!, image);
    expect(boxes).toHaveLength(4);
    const rule = 120 * S;
    for (const b of boxes.filter((b) => b.y1 < 50 * S)) expect(b.x1 <= rule + 6 || b.x0 >= rule - 6).toBe(true);
  });

  test("a box's margin stops at the rule beside its text", () => {
    // a figure ending half a point before its cell's right rule: grown by its margin the box would
    // take in the rule, which the recogniser reads as a 1 (`10` read as `101` on a scan)
    const cells: Cell[] = [
      { x0: 20, x1: 70, y0: 20, y1: 50, texts: [{ text: '10', x: 50 - 0.5 - 13.4 }] },
      { x0: 70, x1: 200, y0: 20, y1: 50, texts: [{ text: 'Coverage rate', x: 4 }] },
    ];
    const image = grid(cells, 220, 70);
    const c = createCanvas(10, 10).getContext('2d');
    c.font = `${Math.round(10.5 * S)}px "DejaVu Sans"`;
    expect(Math.abs(c.measureText('10').width / S - 13.4)).toBeLessThan(0.5);
    const found = findTextLines(image, DPI, { minLines: 1 });
    expect(found.declined).toBeUndefined();
    const [ten] = bounds(found.boxes!, image).filter((b) => b.x0 < 70 * S);
    expect(ten.x1).toBeLessThanOrEqual(70 * S);
    expect(ten.x1).toBeGreaterThan((70 - 1.5) * S);
  });

  test('a glyph printed over a vertical rule sends the page to the network', () => {
    // the rule's removal cuts the % in two; its right half alone reads as a figure
    const cells: Cell[] = [
      { x0: 20, x1: 100, y0: 20, y1: 50, texts: [{ text: '100.00%', x: 80 - 45 }] },
      { x0: 100, x1: 200, y0: 20, y1: 50, texts: [{ text: 'Rate', x: 30 }] },
      { x0: 20, x1: 100, y0: 50, y1: 80, texts: [{ text: 'Budget', x: 4 }] },
      { x0: 100, x1: 200, y0: 50, y1: 80, texts: [{ text: '98.5', x: 4 }] },
    ];
    const image = grid(cells, 220, 100);
    const c = createCanvas(10, 10).getContext('2d');
    c.font = `${Math.round(10.5 * S)}px "DejaVu Sans"`;
    // shift the text so that the rule at x = 100 pt runs through the middle of the %
    const pct = c.measureText('%').width / S;
    const start = 100 - (c.measureText('100.00%').width / S - pct / 2);
    const moved = grid([{ ...cells[0], texts: [{ text: '100.00%', x: start - 20 }] }, ...cells.slice(1)], 220, 100);
    expect(findTextLines(image, DPI).declined).toBeUndefined();
    const found = findTextLines(moved, DPI);
    expect(found.boxes).toBeNull();
    expect(found.declined).toBe('lines on rules');
  });

  test('a line grown across a horizontal rule of the table sends the page to the network', () => {
    // ink over a rule that runs on beyond it (a seal's remnants joined to a figure)
    const cells: Cell[] = [
      { x0: 20, x1: 200, y0: 20, y1: 50, texts: [{ text: 'Score', x: 4 }] },
      { x0: 20, x1: 200, y0: 50, y1: 80, texts: [{ text: 'Total', x: 4 }] },
    ];
    const img2 = drawOver(grid(cells, 220, 100), (ctx) => ctx.fillText('99.91', 110 * S, 50 * S));
    const found = findTextLines(img2, DPI, { minLines: 1 });
    expect(found.declined).toBe('lines on rules');
    // the aligned strokes of one line's characters are no such rule: the form above is taken
    expect(findTextLines(form().image, DPI).declined).toBeUndefined();
  });

  test('a gap of two line heights splits a line, a word space does not', () => {
    const cells: Cell[] = [
      { x0: 20, x1: 380, y0: 20, y1: 50, texts: [{ text: 'left part', x: 4 }] },
    ];
    // draw the second text by hand: 2 line heights after the first
    let end = 0;
    const img2 = drawOver(grid(cells, 400, 80), (ctx) => {
      end = (24 + ctx.measureText('left part').width / S) * S;
      ctx.fillText('right part', end + 2.5 * 10.5 * S, 35 * S);
    });
    const boxes = bounds(findTextLines(img2, DPI, { minLines: 1 }).boxes!, img2);
    expect(boxes).toHaveLength(2);
    expect(boxes[0].x1).toBeLessThan(boxes[1].x0);
    // the words of each part (spaces of a third of a line height) stay together
    expect(boxes[0].x1).toBeGreaterThan(end - 4);
  });

  test('two lines of text in one cell are two boxes', () => {
    const cells: Cell[] = [{ x0: 20, x1: 220, y0: 20, y1: 70, texts: [{ text: 'first line of text', x: 4 }, { text: 'second line', x: 4 }] }];
    const image = grid(cells, 260, 90);
    const boxes = bounds(findTextLines(image, DPI, { minLines: 1 }).boxes!, image);
    expect(boxes).toHaveLength(2);
    expect((boxes[0].y0 + boxes[0].y1) / 2).toBeLessThan((boxes[1].y0 + boxes[1].y1) / 2 - 8 * S);
  });

  test('a narrow glyph alone in its cell gets a box the recogniser does not read as stacked characters', () => {
    // a box over 1.5 times taller than wide is read as a column of characters: a lone 1 came out as 11
    // (an I of DejaVu Sans is as narrow as the 1 of a CJK font)
    const cells: Cell[] = [
      { x0: 20, x1: 60, y0: 20, y1: 50, texts: [{ text: 'I', x: 16 }] },
      { x0: 60, x1: 200, y0: 20, y1: 50, texts: [{ text: 'Coverage rate', x: 4 }] },
      { x0: 200, x1: 240, y0: 20, y1: 50, texts: [{ text: '%', x: 14 }] },
    ];
    const image = grid(cells, 260, 70);
    const boxes = bounds(findTextLines(image, DPI, { minLines: 1 }).boxes!, image);
    expect(boxes).toHaveLength(3);
    for (const b of boxes) expect(b.y1 - b.y0).toBeLessThanOrEqual(1.5 * (b.x1 - b.x0));
  });

  test('a page standing on end is declined (the network and the orientation logic take it)', () => {
    const { image } = form();
    for (const q of [1, 3]) {
      const found = findTextLines(rotateQuarterTurns(image, q), DPI);
      expect(found.boxes).toBeNull();
      expect(found.declined).toBe('not upright');
    }
    // upside down lies flat: its lines are found (the reading then shows it upside down)
    expect(findTextLines(rotateQuarterTurns(image, 2), DPI).boxes).toHaveLength(9);
  });

  test('a noisy page is declined', () => {
    const { image } = form();
    const data = new Uint8ClampedArray(image.data);
    let seed = 11;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    // 40 specks per square inch (more than the 9 the finder takes)
    const n = Math.round((40 * image.width * image.height) / (DPI * DPI));
    for (let k = 0; k < n; k++) {
      const i = (Math.floor(rnd() * image.height) * image.width + Math.floor(rnd() * image.width)) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
    const found = findTextLines({ ...image, data }, DPI);
    expect(found.declined).toBe('noise');
  });

  test('specks as many as measured on noisy scans (up to 8.5 per square inch) leave the lines as they are', () => {
    const { image } = form();
    const clean = findTextLines(image, DPI).boxes;
    const data = new Uint8ClampedArray(image.data);
    let seed = 5;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    // 8 specks of 2×2 pixels per square inch, away from the text's ink
    const n = Math.round((8 * image.width * image.height) / (DPI * DPI));
    let placed = 0;
    for (let k = 0; placed < n && k < 100 * n; k++) {
      const x = Math.floor(rnd() * (image.width - 2)), y = Math.floor(rnd() * (image.height - 2));
      const near = clean!.some((b) => Math.abs(x - b.cx) < b.w / 2 + 4 && Math.abs(y - b.cy) < b.h / 2 + 4);
      if (near) continue;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const i = ((y + dy) * image.width + x + dx) * 4;
        data[i] = data[i + 1] = data[i + 2] = 40;
      }
      placed++;
    }
    const found = findTextLines({ ...image, data }, DPI);
    expect(found.declined).toBeUndefined();
    expect(found.stats.speckDensity).toBeGreaterThan(4);
    // the same lines; an edge may move by a pixel (the specks move the ink threshold by a grey level)
    expect(found.boxes).toHaveLength(clean!.length);
    found.boxes!.forEach((b) => {
      const c = clean!.reduce((a, x) => (Math.hypot(x.cx - b.cx, x.cy - b.cy) < Math.hypot(a.cx - b.cx, a.cy - b.cy) ? x : a));
      for (const [p, q] of [[b.cx - b.w / 2, c.cx - c.w / 2], [b.cx + b.w / 2, c.cx + c.w / 2], [b.cy - b.h / 2, c.cy - c.h / 2], [b.cy + b.h / 2, c.cy + c.h / 2]]) {
        expect(Math.abs(p - q)).toBeLessThanOrEqual(1);
      }
    });
  });

  test('a blank page is declined', () => {
    const data = new Uint8ClampedArray(300 * 200 * 4).fill(255);
    expect(findTextLines({ width: 300, height: 200, data }, DPI).boxes).toBeNull();
  });
});

describe('PP-OCR with classical lines', () => {
  let auto: OcrEngine;
  let network: OcrEngine;
  beforeAll(async () => {
    auto = await createOcrEngine('ppocr', { lineFinder: 'auto' });
    network = await createOcrEngine('ppocr', { lineFinder: 'network' });
  });
  afterAll(async () => {
    await Promise.all([auto.terminate(), network.terminate()]);
  });

  test.each([
    ['form.png', undefined],
    // its specks (12.6 per square inch) are more than the finder takes (9)
    ['form-scan.png', 'noise'],
  ])('%s: the finder takes the page or declines it, and the words are those the network gives', async (name, declined) => {
    const image = await loadFixture(name);
    expect(findTextLines({ ...image, redOnly: true }, 150).declined).toBe(declined);
    const a = await auto.recognize(image, { mode: 'page', dpi: 150 });
    const b = await network.recognize(image, { mode: 'page', dpi: 150 });
    expect(a.map((w) => w.text)).toEqual(EXPECTED[name]);
    expect(a.map((w) => w.text)).toEqual(b.map((w) => w.text));
  });

  test('without a resolution the network finds the lines', async () => {
    const { image } = form();
    const words = await auto.recognize(image, { mode: 'page' });
    expect(words.map((w) => w.text)).toContain('19.98');
  });
});
