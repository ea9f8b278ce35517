import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createOcrEngine } from '../../../src/ocr/engines/index.js';
import type { OcrEngine } from '../../../src/ocr/types.js';
import { EXPECTED, checkWords, inReadingOrder, loadFixture } from './fixtures.js';

describe('PP-OCRv4 engine', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createOcrEngine('ppocr');
  });
  afterAll(async () => {
    await engine.terminate();
  });

  test.each(['form.png', 'form-scan.png'])('page mode reads every cell of %s exactly, one word per cell, in reading order', async (name) => {
    const image = await loadFixture(name);
    const words = await engine.recognize(image, { mode: 'page', dpi: 150 });
    checkWords(words, image);
    expect(inReadingOrder(words)).toBe(true);
    expect(words.map((w) => w.text)).toEqual(EXPECTED[name]);
    for (const w of words) expect(w.confidence).toBeGreaterThan(0.7);
  });

  test('line mode reads the whole line as one word', async () => {
    const image = await loadFixture('line.png');
    const words = await engine.recognize(image, { mode: 'line' });
    checkWords(words, image);
    expect(words.map((w) => w.text)).toEqual(EXPECTED['line.png']);
  });

  test('block mode reads the two lines of a cell', async () => {
    const image = await loadFixture('cell.png');
    const words = await engine.recognize(image, { mode: 'block' });
    checkWords(words, image);
    expect(words.map((w) => w.text)).toEqual(EXPECTED['cell.png']);
    expect(words[0].box.y1).toBeLessThanOrEqual(words[1].box.y0 + 5);
  });

  test('a blank image yields no words', async () => {
    const data = new Uint8Array(300 * 100 * 4).fill(255);
    await expect(engine.recognize({ width: 300, height: 100, data })).resolves.toEqual([]);
  });

  test('a malformed bitmap is refused', async () => {
    await expect(engine.recognize({ width: 10, height: 10, data: new Uint8Array(10) })).rejects.toThrow(/RGBA/);
  });

  test('terminate() frees the engine; a second call is harmless; use afterwards fails', async () => {
    const other = await createOcrEngine('ppocr', { threads: 2 });
    const image = await loadFixture('cell.png');
    expect((await other.recognize(image, { mode: 'block' })).map((w) => w.text)).toEqual(EXPECTED['cell.png']);
    await other.terminate();
    await expect(other.terminate()).resolves.toBeUndefined();
    await expect(other.recognize(image)).rejects.toThrow(/terminate/);
  });
});

describe('PP-OCRv4 engine: text of two cells in one box', () => {
  test('a wide blank gap inside a line splits it into two words', async () => {
    const engine = await createOcrEngine('ppocr');
    try {
      // the first line of cell.png twice, 200 px apart, read as one line
      const cell = await loadFixture('cell.png');
      const sx0 = 10;
      const sy0 = 12;
      const cw = 150;
      const ch = 36;
      const width = 2 * cw + 200;
      const data = new Uint8Array(width * ch * 4).fill(255);
      for (const dx of [0, cw + 200]) {
        for (let y = 0; y < ch; y++) {
          const from = ((sy0 + y) * cell.width + sx0) * 4;
          data.set(cell.data.subarray(from, from + cw * 4), (y * width + dx) * 4);
        }
      }
      const words = await engine.recognize({ width, height: ch, data }, { mode: 'line' });
      expect(words.map((w) => w.text)).toEqual(['年度培训次数', '年度培训次数']);
      expect(words[0].box.x1).toBeLessThan(words[1].box.x0);
      expect(words[0].box.x1).toBeLessThan(cw + 50);
      expect(words[1].box.x0).toBeGreaterThan(cw + 150);
    } finally {
      await engine.terminate();
    }
  });
});
