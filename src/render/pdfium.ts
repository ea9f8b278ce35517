/**
 * Text pages drawn by PDFium (WebAssembly, src/pdf/pdfium.ts) for the review report's crops:
 * the same `Renderer` shape as the pdf.js renderer (index.ts), the same page geometry (pdf.js'
 * viewport: points, top-left origin, /Rotate applied), drawn into a PDFium bitmap and put on a
 * canvas. What PDFium is not asked to do here — a scan's embedded image (`pageImage`) and whole
 * pages for OCR (`renderPage`) — goes to a pdf.js renderer opened only when first needed, so
 * OCR reads the same pixels as before.
 *
 * Measured (the first 30 of 105 born-digital PDFs, 106 pages drawn whole at 110 dpi, one
 * thread, loaded machine): PDFium 1.15 s of CPU, pdf.js 3.10 s.
 */
import { createCanvas, ImageData } from '@napi-rs/canvas';
import type { Box } from '../model/geometry.js';
import { free, heap, malloc, pageViewport, type PdfiumDocument } from '../pdf/pdfium.js';
import { MAX_IMAGE_PIXELS } from '../pdf/pdfjs.js';
import { openRenderer, type RenderedCanvas, type Renderer } from './index.js';
import { openPdfiumDocument } from '../pdf/pdfium.js';

/** FPDF_RenderPageBitmap flags (fpdfview.h): draw annotations' appearances (as pdf.js does by default), bytes in RGBA order. */
const FPDF_ANNOT = 0x01;
const FPDF_REVERSE_BYTE_ORDER = 0x10;

/**
 * A renderer over an open PDFium document (closed with the renderer). `fallback` opens the
 * pdf.js renderer for `renderPage` and `pageImage`, at most once. Errors: a page number out of
 * range, a region over the pixel limit → Error; a page PDFium cannot load → Error.
 */
export function pdfiumRenderer(opened: PdfiumDocument, fallback: () => Promise<Renderer>): Renderer {
  const { P, doc, pageCount } = opened;
  let other: Promise<Renderer> | null = null;
  const pdfjs = () => (other ??= fallback());

  const withPage = <T>(n: number, f: (page: number, scratch: number) => T): T => {
    if (!Number.isInteger(n) || n < 1 || n > pageCount) throw new Error(`no page ${n} (the PDF has ${pageCount})`);
    const page = P.FPDF_LoadPage(doc, n - 1);
    if (!page) throw new Error(`page ${n} cannot be loaded`);
    const scratch = malloc(P, 16);
    try {
      return f(page, scratch);
    } finally {
      free(P, scratch);
      P.FPDF_ClosePage(page);
    }
  };

  const renderCanvas = (n: number, dpi: number, region?: Box): RenderedCanvas =>
    withPage(n, (page, scratch) => {
      const scale = dpi / 72;
      const vp = pageViewport(P, page, scratch);
      const pw = Math.max(1, Math.ceil(vp.width * scale)), ph = Math.max(1, Math.ceil(vp.height * scale));
      // a region: whole pixels inside the page (as the pdf.js renderer cuts it)
      const x = region ? Math.max(0, Math.min(pw - 1, Math.floor(region.x0))) : 0;
      const y = region ? Math.max(0, Math.min(ph - 1, Math.floor(region.y0))) : 0;
      const w = region ? Math.max(1, Math.min(pw, Math.ceil(region.x1)) - x) : pw;
      const h = region ? Math.max(1, Math.min(ph, Math.ceil(region.y1)) - y) : ph;
      if (w * h > MAX_IMAGE_PIXELS) throw new Error(`page ${n} at ${dpi} dpi would be ${w}×${h} pixels, over the limit`);
      const bitmap = P.FPDFBitmap_Create(w, h, 1);
      if (!bitmap) throw new Error(`page ${n}: no memory for a ${w}×${h} bitmap`);
      try {
        P.FPDFBitmap_FillRect(bitmap, 0, 0, w, h, 0xffffffff);
        // the whole page at this scale, shifted so that the region's corner is the bitmap's
        P.FPDF_RenderPageBitmap(bitmap, page, -x, -y, pw, ph, 0, FPDF_ANNOT | FPDF_REVERSE_BYTE_ORDER);
        const stride = P.FPDFBitmap_GetStride(bitmap);
        const at = P.FPDFBitmap_GetBuffer(bitmap);
        const pixels = new Uint8ClampedArray(w * h * 4);
        const from = new Uint8Array(heap(P), at, stride * h);
        for (let row = 0; row < h; row++) pixels.set(from.subarray(row * stride, row * stride + w * 4), row * w * 4);
        const canvas = createCanvas(w, h);
        canvas.getContext('2d').putImageData(new ImageData(pixels, w, h), 0, 0);
        return { canvas, origin: { x, y }, scale, width: vp.width, height: vp.height };
      } finally {
        P.FPDFBitmap_Destroy(bitmap);
      }
    });

  return {
    pageCount,
    pageSize: async (n) =>
      withPage(n, (page, scratch) => {
        const { width, height } = pageViewport(P, page, scratch);
        return { width, height };
      }),
    renderPage: async (n, options) => (await pdfjs()).renderPage(n, options),
    renderPageCanvas: async (n, { dpi, region }) => renderCanvas(n, dpi, region),
    pageImage: async (n, options) => (await pdfjs()).pageImage(n, options),
    close: async () => {
      opened.close();
      if (other) await (await other).close();
    },
  };
}

/**
 * A PDFium renderer over `bytes` (opened here; closed with the renderer), falling back to a pdf.js
 * renderer of the same bytes for scans' images and OCR pages. Errors: as `openPdfiumDocument`.
 */
export async function openPdfiumRenderer(bytes: Uint8Array): Promise<Renderer> {
  return pdfiumRenderer(await openPdfiumDocument(bytes), () => openRenderer(bytes));
}
