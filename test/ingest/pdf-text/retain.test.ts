/**
 * Pages ingest keeps for the OCR step (`PdfIngestOptions.retain`, issue 10): a scan's page image,
 * which pdf.js decodes while ingest reads the operator list, stays with the shared document so
 * that the OCR step's renderer takes it instead of decoding it again; pages not kept are
 * cleaned up as before.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPdf, openPdfDocument } from '../../../src/ingest/pdf-text/index.js';
import { rendererFor } from '../../../src/render/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const scan = path.resolve(here, '../../../samples/tianshui-2021-self-eval-table-national-scan.pdf');

/** Decoded images pdf.js holds for a page of the document (resolved objects). */
async function heldImages(open: Awaited<ReturnType<typeof openPdfDocument>>, n: number): Promise<number> {
  const page = await open.doc.getPage(n);
  return [...(page.objs as unknown as Iterable<[string, unknown]>)].filter(([id]) => id.startsWith('img_')).length;
}

describe('ingest keeps the pages the OCR step will read', () => {
  it('keeps the decoded page image of a retained scan page, and the renderer gives it as reading afresh would', async () => {
    const bytes = new Uint8Array(readFileSync(scan));
    const open = await openPdfDocument(bytes);
    try {
      const seen: number[] = [];
      const ingested = await ingestPdf(bytes, { document: open, retain: (p) => (seen.push(p.number), p.number === 1) });
      expect(seen).toEqual(ingested.pages.map((p) => p.number));
      expect(ingested.pages[0].textLayer).toBe('none');
      expect(await heldImages(open, 1)).toBe(1);
      if (ingested.pages.length > 1) expect(await heldImages(open, 2)).toBe(0);
      const kept = await rendererFor(open).pageImage(1);
      // the renderer cleans the page up after reading it
      expect(await heldImages(open, 1)).toBe(0);
      const fresh = await rendererFor(open).pageImage(1);
      expect(kept && fresh).toBeTruthy();
      expect([kept!.image.width, kept!.image.height, kept!.scale]).toEqual([fresh!.image.width, fresh!.image.height, fresh!.scale]);
      expect(Buffer.compare(Buffer.from(kept!.image.data), Buffer.from(fresh!.image.data))).toBe(0);
    } finally {
      await open.destroy();
    }
  });

  it('cleans every page up without `retain`', async () => {
    const bytes = new Uint8Array(readFileSync(scan));
    const open = await openPdfDocument(bytes);
    try {
      const ingested = await ingestPdf(bytes, { document: open });
      for (const p of ingested.pages) expect(await heldImages(open, p.number)).toBe(0);
    } finally {
      await open.destroy();
    }
  });
});
