/**
 * The PDFium renderer (src/render/pdfium.ts) draws text pages as the pdf.js renderer does: the
 * same page sizes (rotation applied), the same canvas sizes and regions, ink in the same places
 * (anti-aliasing differs, so the check is ink near ink); a scan's page image decoded by PDFium
 * with the pdf.js renderer's geometry and pixels, and from pdf.js where PDFium leaves it.
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
import { assemblePdf, stream } from '../../scripts/samples/scan/scan-pdf.js';
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

  it('decodes a scan\'s page image itself: the pdf.js renderer\'s geometry, its pixels within a JPEG decoder\'s rounding', async () => {
    const bytes = load(path.join(samples, 'tianshui-2021-self-eval-table-national-scan.pdf'));
    const pdfjs = await openRenderer(bytes);
    let opened = 0;
    const pdfium = pdfiumRenderer(await openPdfiumDocument(bytes), () => (opened++, openRenderer(bytes)));
    try {
      for (let n = 1; n <= pdfjs.pageCount; n++) {
        const [a, b] = [await pdfjs.pageImage(n), await pdfium.pageImage(n)];
        expect(b).not.toBeNull();
        // PDFium reads the page's numbers as 32-bit floats
        expect([b!.image.width, b!.image.height]).toEqual([a!.image.width, a!.image.height]);
        for (const k of ['width', 'height', 'scale', 'dpi'] as const) expect(Math.abs(b![k] - a![k])).toBeLessThan(1e-6 * a![k]);
        // two JPEG decoders: measured 8% of the samples off by 1–2, 0.4% by more
        let off = 0;
        for (let i = 0; i < a!.image.data.length; i++) if (Math.abs(a!.image.data[i] - b!.image.data[i]) > 2) off++;
        expect(off / a!.image.data.length).toBeLessThan(0.01);
      }
      expect(opened).toBe(0);
    } finally {
      await pdfjs.close();
      await pdfium.close();
    }
  }, 60_000);

  describe('page images of made-up scans (lossless: the same pixels as pdf.js)', () => {
    const W = 40, H = 30;
    // an asymmetric picture: a gradient, a dark block near the top-left corner
    const rgb = Buffer.alloc(W * H * 3);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const ink = x < 10 && y < 6;
      rgb[i] = ink ? 10 : 100 + 3 * x;
      rgb[i + 1] = ink ? 20 : 50 + 5 * y;
      rgb[i + 2] = ink ? 30 : (x * y) % 256;
    }
    const grey = Buffer.from(Array.from({ length: W * H }, (_, k) => (k % W) * 6 + Math.floor(k / W)));
    const bits = Buffer.alloc(Math.ceil(W / 8) * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x + 2 * y) % 7 < 3) bits[y * Math.ceil(W / 8) + (x >> 3)] |= 0x80 >> (x & 7);
    const palette = Buffer.from([255, 255, 255, 200, 0, 0, 0, 0, 200, 20, 20, 20]);
    const indexed = Buffer.from(Array.from({ length: W * H }, (_, k) => (k * 7) % 4));
    const cmyk = Buffer.from(Array.from({ length: W * H * 4 }, (_, k) => (k * 13) % 256));
    const image = {
      rgb: stream(`/Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8`, rgb),
      grey: stream(`/Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceGray /BitsPerComponent 8`, grey),
      bits: stream(`/Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceGray /BitsPerComponent 1`, bits),
      indexed: stream(`/Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace [/Indexed /DeviceRGB 3 <${palette.toString('hex')}>] /BitsPerComponent 8`, indexed),
      cmyk: stream(`/Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceCMYK /BitsPerComponent 8`, cmyk),
      masked: stream(`/Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /SMask 8 0 R`, rgb),
    };
    /** One page (400 × 300 pt unless said) drawing `content`, with Im0 = `img`, a form XObject Fm0 holding `Im0 Do`, object 8 a soft mask, and GS0 a graphics state drawing at half opacity. */
    const pdf = (img: Buffer, content: string, page = '/MediaBox [0 0 400 300]') =>
      new Uint8Array(
        assemblePdf(
          [
            '<< /Type /Catalog /Pages 2 0 R >>',
            '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            `<< /Type /Page /Parent 2 0 R ${page} /Resources << /XObject << /Im0 5 0 R /Fm0 6 0 R >> /Font << /F1 7 0 R >> /ExtGState << /GS0 << /ca 0.5 >> >> >> /Contents 4 0 R >>`,
            stream('', Buffer.from(content, 'latin1')),
            img,
            stream('/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Matrix [1 0 0 1 0 0] /Resources << /XObject << /Im0 5 0 R >> >>', Buffer.from('/Im0 Do', 'latin1')),
            '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
            stream(`/Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceGray /BitsPerComponent 8`, grey),
          ],
          1,
        ),
      );
    const cases: [string, Uint8Array, 'pdfium' | 'pdfjs' | 'none'][] = [
      ['RGB', pdf(image.rgb, 'q 400 0 0 300 0 0 cm /Im0 Do Q'), 'pdfium'],
      ['RGB mirrored left-right', pdf(image.rgb, 'q -400 0 0 300 400 0 cm /Im0 Do Q'), 'pdfium'],
      ['RGB upside down', pdf(image.rgb, 'q 400 0 0 -300 0 300 cm /Im0 Do Q'), 'pdfium'],
      ['RGB drawn turned on a page with /Rotate 90 (upright as shown)', pdf(image.rgb, 'q 0 400 -300 0 300 0 cm /Im0 Do Q', '/MediaBox [0 0 300 400] /Rotate 90'), 'pdfium'],
      ['RGB drawn upright on a page with /Rotate 90 (turned as shown)', pdf(image.rgb, 'q 400 0 0 300 0 0 cm /Im0 Do Q', '/MediaBox [0 0 400 300] /Rotate 90'), 'none'],
      ['RGB in a form XObject, offset crop box', pdf(image.rgb, 'q 400 0 0 300 10 20 cm /Fm0 Do Q', '/MediaBox [0 0 500 400] /CropBox [10 20 410 320]'), 'pdfium'],
      ['grey', pdf(image.grey, 'q 400 0 0 300 0 0 cm /Im0 Do Q'), 'pdfium'],
      ['1 bit', pdf(image.bits, 'q 400 0 0 300 0 0 cm /Im0 Do Q'), 'pdfium'],
      ['indexed', pdf(image.indexed, 'q 400 0 0 300 0 0 cm /Im0 Do Q'), 'pdfium'],
      ['CMYK: left to pdf.js', pdf(image.cmyk, 'q 400 0 0 300 0 0 cm /Im0 Do Q'), 'pdfjs'],
      // its own soft mask (/SMask) is not applied, as by pdf.js, whose alpha OCR ignores
      ['RGB with a soft mask', pdf(image.masked, 'q 400 0 0 300 0 0 cm /Im0 Do Q'), 'pdfium'],
      ['RGB drawn at half opacity: left to pdf.js', pdf(image.rgb, '/GS0 gs q 400 0 0 300 0 0 cm /Im0 Do Q'), 'pdfjs'],
      ['text over the image', pdf(image.rgb, 'q 400 0 0 300 0 0 cm /Im0 Do Q BT /F1 12 Tf 20 20 Td (x) Tj ET'), 'none'],
      ['two images', pdf(image.rgb, 'q 400 0 0 150 0 0 cm /Im0 Do Q q 400 0 0 150 0 150 cm /Im0 Do Q'), 'none'],
      ['an image over half the page', pdf(image.rgb, 'q 200 0 0 300 0 0 cm /Im0 Do Q'), 'none'],
      ['a turned image', pdf(image.rgb, 'q 0 300 -400 0 400 0 cm /Im0 Do Q'), 'none'],
    ];
    it.each(cases)('%s', async (_name, bytes, from) => {
      const pdfjs = await openRenderer(bytes);
      let opened = 0;
      const pdfium = pdfiumRenderer(await openPdfiumDocument(bytes), () => (opened++, openRenderer(bytes)));
      try {
        const [a, b] = [await pdfjs.pageImage(1), await pdfium.pageImage(1)];
        expect(opened).toBe(from === 'pdfjs' ? 1 : 0);
        if (from === 'none') {
          expect(a).toBeNull();
          expect(b).toBeNull();
          return;
        }
        expect(a).not.toBeNull();
        expect(b).not.toBeNull();
        expect([b!.image.width, b!.image.height]).toEqual([a!.image.width, a!.image.height]);
        for (const k of ['width', 'height', 'scale', 'dpi'] as const) expect(Math.abs(b![k] - a![k])).toBeLessThan(1e-6 * a![k]);
        // alpha aside (pdf.js keeps the image's own), the same pixels
        const rgbOf = (d: Uint8Array | Uint8ClampedArray) => Array.from(d).filter((_, i) => i % 4 !== 3);
        expect(rgbOf(b!.image.data)).toEqual(rgbOf(a!.image.data));
      } finally {
        await pdfjs.close();
        await pdfium.close();
      }
    });
  });

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
