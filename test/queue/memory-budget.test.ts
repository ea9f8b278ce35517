/**
 * The default memory budget per document (src/pipeline/options.ts defaultMaxMemoryMb), which
 * `extract` and every queue `worker` use: on two cores, concurrency × budget stays within
 * about 1.5 GB for born-digital work (issue 14; the pdf.js corpus runs with --ocr never);
 * OCR keeps a 1024 MB floor (300 dpi pages peak at 750–875 MB), and a single document gets room.
 */
import { describe, expect, it } from '@jest/globals';
import { defaultMaxMemoryMb, MEMORY_TOTAL_MB, resolveOptions } from '../../src/pipeline/options.js';

describe('default memory budget', () => {
  it('two born-digital documents at once stay within 1.5 GB; OCR documents get at least 1 GB each', () => {
    expect(2 * defaultMaxMemoryMb(2, 'never')).toBeLessThanOrEqual(MEMORY_TOTAL_MB);
    expect(2 * resolveOptions({ concurrency: 2, ocr: 'never' }).maxMemoryMb).toBeLessThanOrEqual(1536);
    for (const ocr of ['auto', 'always'] as const) expect(resolveOptions({ concurrency: 2, ocr }).maxMemoryMb).toBe(1024);
  });

  it('one document at a time gets the whole 1.5 GB; many at once keep a floor', () => {
    expect(defaultMaxMemoryMb(1)).toBe(1536);
    expect(defaultMaxMemoryMb(8, 'auto')).toBe(1024);
    expect(defaultMaxMemoryMb(8, 'never')).toBe(512);
  });

  it('an explicit budget wins', () => {
    expect(resolveOptions({ concurrency: 2, maxMemoryMb: 1024 }).maxMemoryMb).toBe(1024);
  });
});
