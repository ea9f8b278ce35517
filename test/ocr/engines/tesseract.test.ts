import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createOcrEngine } from '../../../src/ocr/engines/index.js';
import type { OcrEngine } from '../../../src/ocr/types.js';
import { EXPECTED, checkWords, inReadingOrder, loadFixture, shareExact } from './fixtures.js';

// tesseract is the weaker engine on forms (`≥` lost, `%` doubtful): assert shares, not every string.
describe('tesseract.js engine', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createOcrEngine('tesseract');
  });
  afterAll(async () => {
    await engine.terminate();
  });

  test.each([
    ['form.png', 0.6],
    ['form-scan.png', 0.5],
  ])('page mode reads most cells of %s, one word per cell, in reading order', async (name, share) => {
    const image = await loadFixture(name as string);
    const words = await engine.recognize(image, { mode: 'page', dpi: 150 });
    checkWords(words, image);
    expect(inReadingOrder(words)).toBe(true);
    expect(shareExact(words, EXPECTED[name as string])).toBeGreaterThanOrEqual(share as number);
    // the labels of the first column are clean reads
    for (const label of ['项目名称', '全年预算数', '培训次数']) expect(words.map((w) => w.text)).toContain(label);
  });

  test('line mode reads the line as one word', async () => {
    const image = await loadFixture('line.png');
    const words = await engine.recognize(image, { mode: 'line', dpi: 150 });
    checkWords(words, image);
    expect(words).toHaveLength(1);
    expect(words[0].text).toContain('全年预算数');
    expect(words[0].text).toContain('19.98万元');
  });

  test('block mode reads a cell', async () => {
    const image = await loadFixture('cell.png');
    const words = await engine.recognize(image, { mode: 'block', dpi: 150 });
    checkWords(words, image);
    expect(words[0]?.text).toBe('年度培训次数');
  });

  test('workers are recycled, and two workers serve two pages at once', async () => {
    const other = await createOcrEngine('tesseract', { threads: 2, recycleAfterPages: 1 });
    try {
      const image = await loadFixture('cell.png');
      const reads = await Promise.all([1, 2, 3].map(() => other.recognize(image, { mode: 'block', dpi: 150 })));
      for (const words of reads) expect(words[0]?.text).toBe('年度培训次数');
    } finally {
      await other.terminate();
    }
    await expect(other.terminate()).resolves.toBeUndefined();
    await expect(other.recognize(await loadFixture('cell.png'))).rejects.toThrow(/terminate/);
  });
});
