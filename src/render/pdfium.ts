/**
 * Pages drawn by PDFium (WebAssembly, src/pdf/pdfium.ts) for the review report's crops, and
 * scans' page images for OCR: the same `Renderer` shape as the pdf.js renderer (index.ts), the
 * same page geometry (pdf.js' viewport: points, top-left origin, /Rotate applied).
 *
 *  - `renderPageCanvas`: the page drawn into a PDFium bitmap and put on a canvas. Measured (the
 *    first 30 of 105 born-digital PDFs, 106 pages drawn whole at 110 dpi, one thread, loaded
 *    machine): PDFium 1.15 s of CPU, pdf.js 3.10 s.
 *  - `pageImage`: the scan's one image object decoded by PDFium (`FPDFImageObj_GetBitmap`, at
 *    its own resolution, before its matrix), under the same conditions and with the same
 *    geometry as the pdf.js renderer's (see `pdfiumPageImage`). Measured on the 44 page images
 *    of corpus/scan (JPEG, 150–300 dpi, one thread): pdf.js 5.0–5.1 CPU s, PDFium 1.5 s
 *    including the copy to RGBA; the pixels are those of libjpeg-turbo (byte-identical to
 *    @napi-rs/canvas' decoder), within ±1 of pdf.js' on 97% of the samples.
 *  - What PDFium is not asked to do — whole pages for OCR (`renderPage`), and the images whose
 *    pixels PDFium would not give as pdf.js means them (see `PLAIN_COLOR_SPACES`) — goes to a
 *    pdf.js renderer opened only when first needed, so OCR of rendered pages reads the same
 *    pixels as before.
 */
import type { Box } from '../model/geometry.js';
import { apply, multiply, type Matrix } from '../model/matrix.js';
import type { RgbaImage } from '../image/index.js';
import { canvasModule } from '../image/canvas.js';
import { free, heap, malloc, pageViewport, type Pdfium, type PdfiumDocument } from '../pdf/pdfium.js';
import { MAX_IMAGE_PIXELS } from '../pdf/pdfjs.js';
import { flipImage, openRenderer, type PageImage, type RenderedCanvas, type Renderer } from './index.js';
import { openPdfiumDocument } from '../pdf/pdfium.js';

/** FPDF_RenderPageBitmap flags (fpdfview.h): draw annotations' appearances (as pdf.js does by default), bytes in RGBA order. */
const FPDF_ANNOT = 0x01;
const FPDF_REVERSE_BYTE_ORDER = 0x10;

/** Bytes of module heap a page's calls read results through (FS_MATRIX: 24; FPDF_IMAGEOBJ_METADATA: 28). */
const SCRATCH_BYTES = 32;

/** FPDF_PAGEOBJ_* (fpdf_edit.h). */
const OBJ_TEXT = 1, OBJ_IMAGE = 3, OBJ_FORM = 5;

/**
 * FPDF_COLORSPACE_* (fpdf_edit.h) whose pixels `FPDFImageObj_GetBitmap` gives as pdf.js means
 * them: DeviceGray 1, DeviceRGB 2, CalGray 4, CalRGB 5, ICCBased 7, Indexed 10 (the palette
 * applied). The others — none (a stencil mask, which pdf.js does not take as a page image),
 * DeviceCMYK (another conversion to RGB than pdf.js'), Lab, Separation, DeviceN, Pattern — go to
 * pdf.js, as do images drawn with transparency (opacity, a soft mask or a blend mode in the
 * graphics state: `FPDFPageObj_HasTransparency`). An image's own /SMask is not applied, nor is it
 * by the pdf.js renderer (its alpha, which OCR ignores).
 */
const PLAIN_COLOR_SPACES = new Set([1, 2, 4, 5, 7, 10]);

/** FPDFBitmap_* formats (fpdfview.h): bytes per pixel of those read here. */
const BITMAP_BYTES: Record<number, number> = { 1: 1, 2: 3, 3: 4, 4: 4 };

/** `pdfiumPageImage`'s answer when pdf.js is to decide (an image PDFium does not give plainly). */
const PDFJS = Symbol('pdfjs');

/** Pixels are written as 32-bit words where the machine's byte order allows (RGBA in memory = 0xAABBGGRR). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A scan's page image from PDFium: the same conditions as the pdf.js renderer's `pageImage` —
 * no text object on the page (forms XObjects included), exactly one image object (one over the
 * pixel limit counts as not painted, as pdf.js skips it), upright in page space (its matrix
 * with the viewport has no rotation or skew), covering at least `minCover` of the page — and
 * the same geometry: rows top first as the image stores them, mirrored where its matrix
 * mirrors it, scale = image pixels per point (mean of both axes). Null when the page is no
 * such scan; `PDFJS` when it is one whose image PDFium does not give plainly (see
 * `PLAIN_COLOR_SPACES`), or that PDFium cannot decode.
 */
function pdfiumPageImage(P: Pdfium, page: number, scratch: number, minCover: number): PageImage | null | typeof PDFJS {
  const vp = pageViewport(P, page, scratch);
  const found: { obj: number; m: Matrix }[] = [];
  let text = false;
  const walk = (count: number, get: (i: number) => number, ctm: Matrix): void => {
    for (let i = 0; i < count && !text; i++) {
      const obj = get(i);
      if (!obj) continue;
      const type = P.FPDFPageObj_GetType(obj);
      if (type === OBJ_TEXT) text = true;
      else if (type === OBJ_IMAGE) {
        if (P.FPDFImageObj_GetImagePixelSize(obj, scratch, scratch + 4)) {
          const px = new Uint32Array(heap(P), scratch, 2);
          if (px[0] * px[1] > MAX_IMAGE_PIXELS) continue;
        }
        found.push({ obj, m: multiply(ctm, objectMatrix(P, obj, scratch)) });
      } else if (type === OBJ_FORM) walk(P.FPDFFormObj_CountObjects(obj), (k) => P.FPDFFormObj_GetObject(obj, k), multiply(ctm, objectMatrix(P, obj, scratch)));
    }
  };
  walk(P.FPDFPage_CountObjects(page), (i) => P.FPDFPage_GetObject(page, i), [1, 0, 0, 1, 0, 0]);
  if (text || found.length !== 1) return null;
  const { obj } = found[0];
  const m = multiply(vp.transform, found[0].m);
  // upright: the unit square maps to an axis-parallel box (no rotation/skew)
  if (Math.abs(m[1]) > 1e-6 || Math.abs(m[2]) > 1e-6) return null;
  const [x0, y0] = apply(m, 0, 0);
  const [x1, y1] = apply(m, 1, 1);
  const bw = Math.abs(x1 - x0), bh = Math.abs(y1 - y0);
  const cover = (Math.min(bw, vp.width) * Math.min(bh, vp.height)) / (vp.width * vp.height);
  if (cover < minCover) return null;
  if (!P.FPDFImageObj_GetImageMetadata(obj, page, scratch)) return PDFJS;
  const colorSpace = new Int32Array(heap(P), scratch + 20, 1)[0];
  if (!PLAIN_COLOR_SPACES.has(colorSpace) || P.FPDFPageObj_HasTransparency(obj)) return PDFJS;
  const decoded = imageBitmap(P, obj);
  if (!decoded) return PDFJS;
  // image rows top first; image space has its first row at unit-square y = 1, which an upright
  // image maps to the top of the (y-down) page: m[3] < 0. Anything else is mirrored.
  const flipX = m[0] < 0, flipY = m[3] > 0;
  const image = flipX || flipY ? flipImage(decoded, flipX, flipY) : decoded;
  const scale = (image.width / bw + image.height / bh) / 2;
  return { image, scale, dpi: scale * 72, width: vp.width, height: vp.height };
}

/** An object's matrix (FS_MATRIX, six floats). */
function objectMatrix(P: Pdfium, obj: number, scratch: number): Matrix {
  if (!P.FPDFPageObj_GetMatrix(obj, scratch)) return [1, 0, 0, 1, 0, 0];
  const f = new Float32Array(heap(P), scratch, 6);
  return [f[0], f[1], f[2], f[3], f[4], f[5]];
}

/**
 * The image object's pixels decoded by PDFium at their own size (its palette applied, 1-bit
 * images widened to 8), copied out of the module's heap as opaque RGBA; null when PDFium gives
 * no bitmap or one of another format.
 */
function imageBitmap(P: Pdfium, obj: number): RgbaImage | null {
  const bitmap = P.FPDFImageObj_GetBitmap(obj);
  if (!bitmap) return null;
  try {
    const w = P.FPDFBitmap_GetWidth(bitmap), h = P.FPDFBitmap_GetHeight(bitmap);
    const bpp = BITMAP_BYTES[P.FPDFBitmap_GetFormat(bitmap)];
    if (!bpp || w < 1 || h < 1 || w * h > MAX_IMAGE_PIXELS) return null;
    const stride = P.FPDFBitmap_GetStride(bitmap);
    const src = new Uint8Array(heap(P), P.FPDFBitmap_GetBuffer(bitmap), stride * h);
    const out = new Uint8ClampedArray(w * h * 4);
    if (LITTLE_ENDIAN) {
      // one 32-bit word per pixel: 0xAABBGGRR
      const out32 = new Uint32Array(out.buffer);
      for (let y = 0, k = 0; y < h; y++) {
        let i = y * stride;
        if (bpp === 1) for (let x = 0; x < w; x++, k++) out32[k] = 0xff000000 | (src[i++] * 0x010101);
        else for (let x = 0; x < w; x++, k++, i += bpp) out32[k] = (0xff000000 | (src[i] << 16) | (src[i + 1] << 8) | src[i + 2]) >>> 0;
      }
    } else {
      for (let y = 0, j = 0; y < h; y++) {
        for (let x = 0, i = y * stride; x < w; x++, i += bpp, j += 4) {
          out[j] = src[bpp === 1 ? i : i + 2];
          out[j + 1] = src[bpp === 1 ? i : i + 1];
          out[j + 2] = src[i];
          out[j + 3] = 255;
        }
      }
    }
    return { width: w, height: h, data: out };
  } finally {
    P.FPDFBitmap_Destroy(bitmap);
  }
}

/**
 * A renderer over an open PDFium document (closed with the renderer). `fallback` opens the
 * pdf.js renderer for `renderPage` and the page images PDFium leaves to it, at most once.
 * Errors: a page number out of range, a region over the pixel limit → Error; a page PDFium
 * cannot load → Error.
 */
export function pdfiumRenderer(opened: PdfiumDocument, fallback: () => Promise<Renderer>): Renderer {
  const { P, doc, pageCount } = opened;
  let other: Promise<Renderer> | null = null;
  const pdfjs = () => (other ??= fallback());

  const withPage = <T>(n: number, f: (page: number, scratch: number) => T): T => {
    if (!Number.isInteger(n) || n < 1 || n > pageCount) throw new Error(`no page ${n} (the PDF has ${pageCount})`);
    const page = P.FPDF_LoadPage(doc, n - 1);
    if (!page) throw new Error(`page ${n} cannot be loaded`);
    const scratch = malloc(P, SCRATCH_BYTES);
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
        const { createCanvas, ImageData } = canvasModule();
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
    pageImage: async (n, options) => {
      const found = withPage(n, (page, scratch) => pdfiumPageImage(P, page, scratch, options?.minCover ?? 0.9));
      return found === PDFJS ? (await pdfjs()).pageImage(n, options) : found;
    },
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
