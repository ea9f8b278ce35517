/**
 * The PDFium renderer (src/render/pdfium.ts) draws text pages as the pdf.js renderer does: the
 * same page sizes (rotation applied), the same canvas sizes and regions, ink in the same places
 * (anti-aliasing differs, so the check is ink near ink), and a scan's image from pdf.js.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Canvas } from '@napi-rs/canvas';
import { openRenderer } from '../../src/render/index.js';
import { pdfiumRenderer } from '../../src/render/pdfium.js';
import { openPdfiumDocument } from '../../src/pdf/pdfium.js';
import { extractWithCrops } from '../../src/pipeline/process-document.js';
import { DEFAULT_OPTIONS } from '../../src/pipeline/options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const samples = path.resolve(here, '../../samples');
const fixtures = path.resolve(here, '../fixtures/pdf');
const load = (p: string) => new Uint8Array(readFileSync(p));

function ink(c: Canvas): { w: number; h: number; dark: Uint8Array } {
  const { width: w, height: h } = c;
  const d = c.getContext('2d').getImageData(0, 0, w, h).data;
  const dark = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) dark[i] = d[i * 4] + d[i * 4 + 1] + d[i * 4 + 2] < 3 * 160 ? 1 : 0;
  return { w, h, dark };
}

/** Share of the dark pixels of `a` with a dark pixel of `b` within one pixel. */
function inkNear(a: ReturnType<typeof ink>, b: ReturnType<typeof ink>): number {
  let n = 0, near = 0;
  for (let y = 0; y < a.h; y++) {
    for (let x = 0; x < a.w; x++) {
      if (!a.dark[y * a.w + x]) continue;
      n++;
      let hit = false;
      for (let dy = -1; dy <= 1 && !hit; dy++) for (let dx = -1; dx <= 1 && !hit; dx++) {
        const yy = y + dy, xx = x + dx;
        if (yy >= 0 && yy < b.h && xx >= 0 && xx < b.w && b.dark[yy * b.w + xx]) hit = true;
      }
      if (hit) near++;
    }
  }
  return n ? near / n : 1;
}

describe('pdfiumRenderer', () => {
  const files = [
    path.join(fixtures, 'rotated.pdf'),
    path.join(fixtures, 'landscape.pdf'),
    path.join(fixtures, 'form-field.pdf'),
    path.join(samples, 'jiujiang-2022-self-eval-report-faulty.pdf'),
    path.join(samples, 'suqian-2022-declaration-cidfont.pdf'),
  ];
  // Chinese in a font the PDF does not embed (STSong-Light): neither engine has it (pdf.js draws
  // boxes, PDFium nothing), so only the geometry is compared there
  const inkCompared = (file: string) => !file.endsWith('-cidfont.pdf');

  it.each(files.map((f) => [path.basename(f), f]))('%s: the pdf.js renderer\'s page sizes, canvases and ink', async (_name, file) => {
    const bytes = load(file);
    const pdfjs = await openRenderer(bytes);
    const pdfium = pdfiumRenderer(await openPdfiumDocument(bytes), () => openRenderer(bytes));
    try {
      expect(pdfium.pageCount).toBe(pdfjs.pageCount);
      for (let n = 1; n <= pdfjs.pageCount; n++) {
        const [a, b] = [await pdfjs.pageSize(n), await pdfium.pageSize(n)];
        expect(b.width).toBeCloseTo(a.width, 2);
        expect(b.height).toBeCloseTo(a.height, 2);
        for (const region of [undefined, { x0: 40.4, y0: 100.6, x1: 700.2, y1: 380.9 }]) {
          const [ca, cb] = [await pdfjs.renderPageCanvas(n, { dpi: 110, region }), await pdfium.renderPageCanvas(n, { dpi: 110, region })];
          expect([cb.canvas.width, cb.canvas.height, cb.origin.x, cb.origin.y]).toEqual([ca.canvas.width, ca.canvas.height, ca.origin.x, ca.origin.y]);
          expect(cb.scale).toBe(ca.scale);
          const [ia, ib] = [ink(ca.canvas), ink(cb.canvas)];
          expect(ib.dark.reduce((s, v) => s + v, 0)).toBeGreaterThan(0);
          if (!inkCompared(file)) continue;
          // anti-aliasing and thin grey rules differ a little (measured 0.87–0.99)
          expect(inkNear(ia, ib)).toBeGreaterThan(0.8);
          expect(inkNear(ib, ia)).toBeGreaterThan(0.8);
        }
      }
    } finally {
      await pdfjs.close();
      await pdfium.close();
    }
  }, 60_000);

  it('takes a scan\'s page image from pdf.js', async () => {
    const bytes = load(path.join(samples, 'tianshui-2021-self-eval-table-national-scan.pdf'));
    const pdfjs = await openRenderer(bytes);
    const pdfium = pdfiumRenderer(await openPdfiumDocument(bytes), () => openRenderer(bytes));
    try {
      const [a, b] = [await pdfjs.pageImage(1), await pdfium.pageImage(1)];
      expect(b).not.toBeNull();
      expect([b!.image.width, b!.image.height, b!.dpi]).toEqual([a!.image.width, a!.image.height, a!.dpi]);
    } finally {
      await pdfjs.close();
      await pdfium.close();
    }
  }, 60_000);

  it('draws the report crops of a document read with --pdf-engine pdfium: the same crops as pdf.js', async () => {
    const file = path.join(samples, 'jiujiang-2022-self-eval-report-faulty.pdf');
    const bytes = load(file);
    const input = { path: file, docId: 'faulty' };
    const sha = 'a'.repeat(64);
    const a = await extractWithCrops(input, bytes, sha, { ...DEFAULT_OPTIONS, report: true, pdfEngine: 'pdfjs' });
    const b = await extractWithCrops(input, bytes, sha, { ...DEFAULT_OPTIONS, report: true, pdfEngine: 'pdfium' });
    expect(Object.keys(b.crops ?? {}).sort()).toEqual(Object.keys(a.crops ?? {}).sort());
    expect(Object.keys(b.crops ?? {}).length).toBeGreaterThan(0);
    for (const v of Object.values(b.crops!)) expect(Buffer.from(v, 'base64').subarray(8, 12).toString('latin1')).toBe('WEBP');
  }, 60_000);
});
