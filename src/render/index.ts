/**
 * Page images for OCR and for the review report: pdfjs-dist (legacy build, the same safe
 * options as ingest) drawing on @napi-rs/canvas, or — cheaper and sharper — the page's own
 * embedded image when the page is one full-page image (a scan).
 *
 *   const r = await openRenderer(bytes);
 *   const { image, scale } = await r.renderPage(1, { dpi: 200 });   // scale = px per pt
 *   const scan = await r.pageImage(1);   // { image, dpi, scale } or null
 *   await r.close();
 */
import type { Canvas } from '@napi-rs/canvas';
import { canvasModule } from '../image/canvas.js';
import type { Box } from '../model/geometry.js';
import { cropImage, toCanvas, type RgbaImage } from '../image/index.js';
import { documentParams, loadPdfJs, MAX_IMAGE_PIXELS, type OpenPdf, type PdfJs } from '../pdf/pdfjs.js';
import { multiply, apply, type Matrix } from '../model/matrix.js';
import { deskew } from '../image/preprocess/deskew.js';

export interface RenderedPage {
  image: RgbaImage;
  /** Pixels per PDF point (dpi / 72). */
  scale: number;
  /** Page size in points (after /Rotate). */
  width: number;
  height: number;
}

export interface RenderedCanvas {
  canvas: Canvas;
  /** Page pixel of the canvas' top-left corner (0, 0 unless a region was asked for). */
  origin: { x: number; y: number };
  /** Pixels per PDF point (dpi / 72). */
  scale: number;
  /** Page size in points (after /Rotate). */
  width: number;
  height: number;
}

export interface PageImage extends RenderedPage {
  /** Effective resolution of the embedded image over the page (mean of both axes). */
  dpi: number;
}

export interface Renderer {
  pageCount: number;
  /** Page size in points, upright. */
  pageSize(n: number): Promise<{ width: number; height: number }>;
  /** Draw page `n` (1-based) on a white background at `dpi`. */
  renderPage(n: number, options: { dpi: number }): Promise<RenderedPage>;
  /**
   * The same drawing left on its canvas (no copy of the pixels out of it): for crops drawn from
   * canvas to canvas. With `region` (pixels at `dpi`, top-left origin) only that part of the
   * page is drawn: the canvas is the region's size and `origin` says where it sits on the page.
   */
  renderPageCanvas(n: number, options: { dpi: number; region?: Box }): Promise<RenderedCanvas>;
  /**
   * The page's embedded image when the page is a scan: no text drawn, one image covering at
   * least `minCover` (default 0.9) of the page, upright (no rotation or skew in its transform).
   * Null otherwise.
   */
  pageImage(n: number, options?: { minCover?: number }): Promise<PageImage | null>;
  close(): Promise<void>;
}

const MAX_PIXELS = MAX_IMAGE_PIXELS;

export async function openRenderer(bytes: Uint8Array): Promise<Renderer> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument(documentParams(bytes));
  const doc = await task.promise.catch(async (err: unknown) => {
    await task.destroy().catch(() => undefined);
    throw new Error(`cannot open PDF: ${(err as Error)?.message ?? String(err)}`);
  });
  return rendererOf(pdfjs, doc, async () => {
    await task.destroy().catch(() => undefined);
  });
}

/**
 * A renderer over a document the thread already holds open (`openPdfDocument`, e.g. the one
 * ingest read): no second parse of the file. `close()` leaves the document open; its owner
 * destroys it.
 */
export function rendererFor(open: OpenPdf): Renderer {
  return rendererOf(open.pdfjs, open.doc, async () => undefined);
}

function rendererOf(pdfjs: PdfJs, doc: OpenPdf['doc'], close: () => Promise<void>): Renderer {
  const OPS = pdfjs.OPS as unknown as Record<string, number>;

  const withPage = async <T>(n: number, f: (page: Awaited<ReturnType<typeof doc.getPage>>) => Promise<T>): Promise<T> => {
    if (!Number.isInteger(n) || n < 1 || n > doc.numPages) throw new Error(`no page ${n} (the PDF has ${doc.numPages})`);
    const page = await doc.getPage(n);
    try {
      return await f(page);
    } finally {
      page.cleanup();
    }
  };

  const renderCanvas = (n: number, dpi: number, region?: Box): Promise<RenderedCanvas> =>
    withPage(n, async (page) => {
      const scale = dpi / 72;
      const v1 = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale });
      const pw = Math.max(1, Math.ceil(viewport.width)), ph = Math.max(1, Math.ceil(viewport.height));
      // a region: whole pixels inside the page
      const x = region ? Math.max(0, Math.min(pw - 1, Math.floor(region.x0))) : 0;
      const y = region ? Math.max(0, Math.min(ph - 1, Math.floor(region.y0))) : 0;
      const w = region ? Math.max(1, Math.min(pw, Math.ceil(region.x1)) - x) : pw;
      const h = region ? Math.max(1, Math.min(ph, Math.ceil(region.y1)) - y) : ph;
      if (w * h > MAX_PIXELS) throw new Error(`page ${n} at ${dpi} dpi would be ${w}×${h} pixels, over the limit`);
      const canvas = canvasModule().createCanvas(w, h);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      const shift = x || y ? { transform: [1, 0, 0, 1, -x, -y] } : {};
      await page.render({ canvas, canvasContext: ctx, viewport, background: "white", ...shift } as never).promise;
      return { canvas, origin: { x, y }, scale, width: v1.width, height: v1.height };
    });

  return {
    pageCount: doc.numPages,
    pageSize: (n) =>
      withPage(n, async (page) => {
        const v = page.getViewport({ scale: 1 });
        return { width: v.width, height: v.height };
      }),
    renderPage: async (n, { dpi }) => {
      const { canvas, scale, width, height } = await renderCanvas(n, dpi);
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      return { image: { width: canvas.width, height: canvas.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) }, scale, width, height };
    },
    renderPageCanvas: (n, { dpi, region }) => renderCanvas(n, dpi, region),
    pageImage: (n, options = {}) =>
      withPage(n, async (page) => {
        const minCover = options.minCover ?? 0.9;
        const v = page.getViewport({ scale: 1 });
        const vt = v.transform as number[];
        const ops = await page.getOperatorList();
        const textOps = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
        let ctm: Matrix = [1, 0, 0, 1, 0, 0];
        const stack: Matrix[] = [];
        const found: { id: string; m: Matrix }[] = [];
        for (let i = 0; i < ops.fnArray.length; i++) {
          const fn = ops.fnArray[i];
          const args = ops.argsArray[i] as any;
          if (textOps.has(fn)) return null;
          if (fn === OPS.save || fn === OPS.paintFormXObjectBegin) {
            stack.push([...ctm] as Matrix);
            if (fn === OPS.paintFormXObjectBegin && args?.[0]) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>));
          } else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
          else if (fn === OPS.transform) ctm = multiply(ctm, args as number[]);
          else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
            found.push({ id: typeof args?.[0] === 'string' ? args[0] : '', m: multiply(vt, ctm) });
          }
        }
        if (found.length !== 1 || !found[0].id) return null;
        const { id, m } = found[0];
        // upright: the unit square maps to an axis-parallel box (no rotation/skew)
        if (Math.abs(m[1]) > 1e-6 || Math.abs(m[2]) > 1e-6) return null;
        const [x0, y0] = apply(m, 0, 0);
        const [x1, y1] = apply(m, 1, 1);
        const bw = Math.abs(x1 - x0), bh = Math.abs(y1 - y0);
        const cover = (Math.min(bw, v.width) * Math.min(bh, v.height)) / (v.width * v.height);
        if (cover < minCover) return null;
        const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
        const img = (await new Promise((resolve) => objs.get(id, resolve))) as DecodedImage | null;
        if (!img) return null;
        const rgba = toRgba(img);
        if (!rgba) return null;
        // image pixels → page: pdfjs decodes rows top row first, and image space has its
        // first row at unit-square y = 1, which an upright image maps to the top of the
        // (y-down) page: m[3] < 0. Anything else is mirrored.
        const flipX = m[0] < 0, flipY = m[3] > 0;
        const out = flipX || flipY ? flipImage(rgba, flipX, flipY) : rgba;
        const scaleX = out.width / bw, scaleY = out.height / bh;
        const scale = (scaleX + scaleY) / 2;
        return { image: out, scale, dpi: scale * 72, width: v.width, height: v.height };
      }),
    close,
  };
}

interface DecodedImage {
  width: number;
  height: number;
  /** 1: 1 bit grey, 2: RGB 24 bit, 3: RGBA 32 bit (pdfjs ImageKind). */
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
  bitmap?: unknown;
}

function toRgba(img: DecodedImage): RgbaImage | null {
  const { width, height, data } = img;
  if (!data || !width || !height) return null;
  const out = new Uint8ClampedArray(width * height * 4);
  if (img.kind === 3) out.set(data.subarray(0, out.length));
  else if (img.kind === 2) {
    for (let i = 0, j = 0; j < out.length; i += 3, j += 4) {
      out[j] = data[i];
      out[j + 1] = data[i + 1];
      out[j + 2] = data[i + 2];
      out[j + 3] = 255;
    }
  } else if (img.kind === 1) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1;
        const v = bit ? 255 : 0;
        const j = (y * width + x) * 4;
        out[j] = out[j + 1] = out[j + 2] = v;
        out[j + 3] = 255;
      }
    }
  } else return null;
  return { width, height, data: out };
}

/** The image mirrored left-right (`fx`) and/or top-bottom (`fy`): a new buffer. */
export function flipImage(img: RgbaImage, fx: boolean, fy: boolean): RgbaImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8ClampedArray(data.length);
  const src = new Uint32Array(data.buffer, data.byteOffset, w * h);
  const dst = new Uint32Array(out.buffer);
  for (let y = 0; y < h; y++) {
    const sy = fy ? h - 1 - y : y;
    for (let x = 0; x < w; x++) dst[y * w + x] = src[sy * w + (fx ? w - 1 - x : x)];
  }
  return { width: w, height: h, data: out };
}

/**
 * PNG of a part of a page (box in points) at `dpi`, with `highlight` boxes (points) drawn
 * over it as red outlines: the review report's evidence crops. Scans use their embedded
 * image, deskewed as OCR does (`deskew: false` to crop the image as it is), so the boxes of
 * OCR'd words land on their text.
 */
export async function renderCrop(
  pdfBytes: Uint8Array,
  page: number,
  box: Box,
  options: { dpi?: number; highlight?: Box[]; margin?: number; deskew?: boolean } = {},
): Promise<Buffer> {
  const dpi = options.dpi ?? 150;
  const margin = options.margin ?? 0;
  const r = await openRenderer(pdfBytes);
  try {
    const scan = await r.pageImage(page);
    // OCR'd scans have their boxes in the deskewed image (src/ocr): crop from the same one
    if (scan && options.deskew !== false) scan.image = deskew(scan.image).image;
    const src = scan ?? (await r.renderPage(page, { dpi }));
    const s = src.scale;
    const crop: Box = { x0: (box.x0 - margin) * s, y0: (box.y0 - margin) * s, x1: (box.x1 + margin) * s, y1: (box.y1 + margin) * s };
    const img = cropImage(src.image, crop);
    const canvas = toCanvas(img);
    const ctx = canvas.getContext('2d');
    const ox = Math.max(0, Math.floor(crop.x0)), oy = Math.max(0, Math.floor(crop.y0));
    ctx.strokeStyle = 'rgba(220,0,0,0.9)';
    ctx.lineWidth = Math.max(1.5, s * 0.8);
    for (const h of options.highlight ?? []) ctx.strokeRect(h.x0 * s - ox, h.y0 * s - oy, (h.x1 - h.x0) * s, (h.y1 - h.y0) * s);
    return canvas.encode('png');
  } finally {
    await r.close();
  }
}
