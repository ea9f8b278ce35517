/**
 * Scans turned by 90°, 180° and 270° inside their image (no /Rotate) are read like the same
 * scan upright: the page is tried turned when its reading holds no cue words of a filing.
 * Inputs are made here from page 1 of a scanned sample: its embedded JPEG, turned, in a new PDF.
 */
import { describe, expect, it, beforeAll } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeJpeg } from '../../src/image/index.js';
import { openRenderer } from '../../src/render/index.js';
import { rotateQuarterTurns } from '../../src/image/preprocess/image.js';
import { writeImagePdf } from '../../scripts/samples/scan/scan-pdf.js';
import { processDocument } from '../../src/pipeline/process-document.js';
import { DEFAULT_OPTIONS } from '../../src/pipeline/options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const scan = path.resolve(here, '../../samples/tianshui-2021-self-eval-table-national-scan.pdf');
const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-orient-'));

async function turnedPdf(quarterTurns: number): Promise<string> {
  const r = await openRenderer(new Uint8Array(readFileSync(scan)));
  try {
    const img = await r.pageImage(1);
    if (!img) throw new Error('sample page 1 is not a scan');
    const turned = rotateQuarterTurns(img.image, quarterTurns);
    const odd = quarterTurns % 2 === 1;
    const file = path.join(dir, `turned-${quarterTurns * 90}.pdf`);
    writeFileSync(
      file,
      writeImagePdf([
        {
          jpeg: await encodeJpeg(turned, 85),
          widthPx: turned.width,
          heightPx: turned.height,
          widthPt: odd ? img.height : img.width,
          heightPt: odd ? img.width : img.height,
        },
      ]),
    );
    return file;
  } finally {
    await r.close();
  }
}

const opts = { ...DEFAULT_OPTIONS, ocr: 'auto' as const, ocrEngine: 'ppocr' as const };
const fields = (rec: Awaited<ReturnType<typeof processDocument>>) => {
  const p = rec.projects[0];
  return {
    doc_type: rec.doc_type,
    project_name: p?.project_name?.value ?? null,
    unit: p?.unit?.value ?? null,
    budget: p?.budget_wan?.value ?? null,
    executed: p?.executed_wan?.value ?? null,
    indicators: p?.indicators.map((i) => `${i.name?.value}|${i.target?.value}`) ?? [],
  };
};

describe('scans turned inside their image', () => {
  let upright: ReturnType<typeof fields>;
  beforeAll(async () => {
    upright = fields(await processDocument({ path: await turnedPdf(0), docId: 'turned-0' }, opts));
    expect(upright.doc_type).toBe('self_eval_table');
    expect(upright.budget).not.toBeNull();
  });

  for (const q of [1, 2, 3]) {
    it(`reads a page turned ${q * 90}° clockwise like the upright page`, async () => {
      const rec = await processDocument({ path: await turnedPdf(q), docId: `turned-${q * 90}` }, opts);
      // the page was scanned turned by q quarter turns, so it is read after turning it back
      expect(rec.warnings.join('\n')).toContain(`read after turning it ${((4 - q) % 4) * 90}° clockwise`);
      expect(fields(rec)).toEqual(upright);
    });
  }
});
