/**
 * The default memory budget per document (src/pipeline/options.ts defaultMaxMemoryMb), which
 * `extract` and every queue `worker` use: on two cores, concurrency × budget stays within
 * about 1.5 GB whether OCR may run or not (issue 14), and a single document still gets room.
 */
import { describe, expect, it } from '@jest/globals';
import { defaultMaxMemoryMb, MEMORY_TOTAL_MB, resolveOptions } from '../../src/pipeline/options.js';

describe('default memory budget', () => {
  it('two documents at once stay within 1.5 GB, with OCR and without', () => {
    for (const ocr of ['auto', 'always', 'never'] as const) {
      expect(2 * defaultMaxMemoryMb(2, ocr)).toBeLessThanOrEqual(MEMORY_TOTAL_MB);
      expect(2 * resolveOptions({ concurrency: 2, ocr }).maxMemoryMb).toBeLessThanOrEqual(1536);
    }
  });

  it('one document at a time gets the whole 1.5 GB; many at once keep a floor', () => {
    expect(defaultMaxMemoryMb(1)).toBe(1536);
    expect(defaultMaxMemoryMb(8, 'auto')).toBe(768);
    expect(defaultMaxMemoryMb(8, 'never')).toBe(512);
  });

  it('an explicit budget wins', () => {
    expect(resolveOptions({ concurrency: 2, maxMemoryMb: 1024 }).maxMemoryMb).toBe(1024);
  });
});
