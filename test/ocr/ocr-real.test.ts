/**
 * One real OCR page end to end (PP-OCR over onnxruntime-node; jest.config.js sets the test
 * environment that shares the host realm's typed arrays, which onnxruntime needs).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPdf } from '../../src/ingest/pdf-text/index.js';
import { layoutPages } from '../../src/layout/index.js';
import { ocrDocument } from '../../src/ocr/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const samples = path.resolve(here, '../../samples');
const scan = path.join(samples, 'tianshui-2021-self-eval-table-national-scan.pdf');
const load = (p: string) => new Uint8Array(readFileSync(p));
const haveScan = existsSync(scan);

const enginesIndex = path.resolve(here, '../../src/ocr/engines/index.ts');
const real = haveScan && existsSync(enginesIndex);
if (!real) {
  // eslint-disable-next-line no-console
  console.warn('skipping the real OCR test: src/ocr/engines/index.ts or the scanned sample is missing');
}

describe('ocrDocument with PP-OCR (one real page)', () => {
  (real ? it : it.skip)('reads the key figures of the scanned national self-evaluation table, page 1', async () => {
    const { createOcrEngine } = await import('../../src/ocr/engines/index.js');
    const engine = await createOcrEngine('ppocr');
    try {
      const bytes = load(scan);
      const ingested = await ingestPdf(bytes);
      const out = await ocrDocument(bytes, { ...ingested, pages: [ingested.pages[0]] }, { mode: 'auto', engine });
      const laid = layoutPages(out.pages);
      expect(laid.source).toBe('ocr');
      const tables = laid.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
      expect(tables.length).toBeGreaterThanOrEqual(1);
      const cells = tables.flatMap((t) => t.cells.map((c) => c.text));
      // budget, executed (under the seal), rate, score, targets and actuals
      for (const v of ['386.50', '372.84', '96.47%', '9.65', '≥90%', '92.3%', '96.5%', '≥70%', '67.5%']) expect(cells).toContain(v);
      // the seal's own text is not read into the figures
      expect(cells.join('|')).not.toMatch(/财务专用章/);
    } finally {
      await engine.terminate();
    }
  });
});
