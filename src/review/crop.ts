/**
 * Page crops for the review report: the region of a PDF page around the boxes a flag refers
 * to, the boxes drawn, as PNG (or lossless WebP) bytes.
 *
 * Two ways, one drawing code (`cropFrom`):
 *  - `renderDocumentCrops`: in the worker that read the document, on the renderer of the
 *    engine that read it (PDFium by default, or the pdf.js document ingest still holds), only
 *    the pages a flag points at, each drawn once; the batch keeps the result (`CropSet`) for
 *    the report (`cachedCropper`). This is the batch's way.
 *  - `createPdfCropper`, `documentCropsFromFile`: open each source file again, drawn by PDFium
 *    (the default engine; a scan's image from pdf.js), for records without crops: the library
 *    API's `writeReport`, documents reused by --resume). One renderer per source file stays
 *    open and the last few rendered pages are kept, so a document with many flags on the same
 *    pages is drawn once per page, not once per flag (what `renderCrop` would do).
 * Scanned pages use their embedded image (`pageImage`); text pages are drawn at 110 dpi and
 * cut canvas to canvas (the page's pixels are never copied out whole).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Canvas } from '@napi-rs/canvas';
import type { Flag } from '../../schemas/record.js';
import type { Box } from '../model/geometry.js';
import type { RenderedCanvas, RenderedPage, Renderer } from '../render/index.js';

/**
 * The drawing modules (the canvas library, image, render: PDFium and pdf.js), loaded on the first crop
 * drawn, not with this module: the batch's main process and the report's thread import the
 * report (and so this file) but draw nothing when the workers made every crop, and loading
 * @napi-rs/canvas alone took ~0.6 s of CPU in the CLI (measured, 105 documents).
 */
let drawing: Promise<[typeof import('@napi-rs/canvas'), typeof import('../image/index.js'), typeof import('../render/pdfium.js')]> | undefined;
function drawingModules() {
  drawing ??= Promise.all([import('@napi-rs/canvas'), import('../image/index.js'), import('../render/pdfium.js')]);
  return drawing;
}

/** Crop a page of `sourceFile` around `boxes` (points, top-left origin), boxes drawn; null when it cannot. */
export type Cropper = (sourceFile: string, page: number, boxes: Box[]) => Promise<Buffer | null>;

export interface PdfCropper extends Cropper {
  /** Free the open documents and cached pages. */
  close(): Promise<void>;
}

export interface CropOptions {
  /** Resolution of rendered pages (default 110 dpi; scans use their own image). */
  dpi?: number;
  /** Points added above and below the boxes (default 28). */
  marginY?: number;
  /** Points added left and right of the boxes (default 48; the crop also widens to at least `minWidth`). */
  marginX?: number;
  /** Narrowest crop in points (default 540), so a row's label usually shows next to its figure. */
  minWidth?: number;
  /** Rendered pages kept in memory (default 4). */
  cachePages?: number;
  /** Image format of the crops: 'png' (default) or 'webp' (lossless, what the report embeds). */
  format?: 'png' | 'webp';
}

const DEFAULTS: Required<CropOptions> = { dpi: 110, marginY: 28, marginX: 48, minWidth: 540, cachePages: 4, format: 'png' };

/** One crop the report shows: a page of the document and the boxes (points, top-left origin) drawn on it. */
export interface CropRequest {
  page: number;
  boxes: Box[];
}

/**
 * The crops the report shows for one flag: one per page its sources (refs with a page and a
 * box) are on, the page of the reported value first, then the others in page order.
 */
export function flagCropRequests(flag: Pick<Flag, 'refs' | 'page'>): CropRequest[] {
  const pages = new Map<number, Box[]>();
  for (const p of flag.refs) {
    if (p.page == null || !p.box) continue;
    const [x0, y0, x1, y1] = p.box;
    const list = pages.get(p.page);
    if (list) list.push({ x0, y0, x1, y1 });
    else pages.set(p.page, [{ x0, y0, x1, y1 }]);
  }
  const order = [...pages.keys()].sort((a, b) => (a === flag.page ? -1 : b === flag.page ? 1 : a - b));
  return order.map((page) => ({ page, boxes: pages.get(page)! }));
}

/** The key of a crop in a `CropSet`: its page and boxes, exactly (numbers as JSON writes them). */
export function cropKey(page: number, boxes: readonly Box[]): string {
  let k = String(page);
  for (const b of boxes) k += `|${b.x0},${b.y0},${b.x1},${b.y1}`;
  return k;
}

/** A document's crops made where it was read: `cropKey` → image bytes, base64. */
export type CropSet = Record<string, string>;

/** A page to crop from: rendered and still on its canvas, or a bitmap (a scan's embedded image). */
type CropSource = (RenderedCanvas & { image?: undefined }) | (RenderedPage & { canvas?: undefined });

/**
 * The crop around `boxes` on a page, boxes drawn, encoded as `o.format`. `own`: the page's
 * canvas serves this crop only, so when it holds exactly the crop's pixels the boxes are
 * drawn on it (no copy: the same pixels as copying them to a fresh canvas).
 */
async function cropFrom(src: CropSource, boxes: readonly Box[], o: Required<CropOptions>, own = false): Promise<Buffer> {
  const [{ createCanvas }, { cropImage, toCanvas }] = await drawingModules();
  const s = src.scale;
  const region = cropRegion(boxes, o, src);
  let canvas: Canvas;
  let down = 1;
  if (src.canvas) {
    // canvas to canvas: the same pixels `cropImage` would copy, without reading the page out
    const x0 = Math.max(0, Math.floor(region.x0 * s)), y0 = Math.max(0, Math.floor(region.y0 * s));
    const pw = src.origin.x + src.canvas.width, ph = src.origin.y + src.canvas.height;
    const x1 = Math.min(pw, Math.ceil(region.x1 * s)), y1 = Math.min(ph, Math.ceil(region.y1 * s));
    const w = Math.max(1, x1 - x0), h = Math.max(1, y1 - y0);
    // the canvas may hold only part of the page, from `origin` on
    const cx = x0 - src.origin.x, cy = y0 - src.origin.y;
    if (own && cx === 0 && cy === 0 && src.canvas.width === w && src.canvas.height === h) canvas = src.canvas;
    else {
      canvas = createCanvas(w, h);
      const c = canvas.getContext('2d');
      c.fillStyle = '#ffffff';
      c.fillRect(0, 0, w, h);
      const sw = Math.min(w, src.canvas.width - cx), sh = Math.min(h, src.canvas.height - cy);
      if (cx >= 0 && cy >= 0 && sw > 0 && sh > 0) {
        // the same pixels either way; drawImage snapshots the whole source canvas first, so it
        // pays only when the source is not much larger than the crop (COPY_BY_DRAW_MAX_RATIO)
        if (src.canvas.width * src.canvas.height <= COPY_BY_DRAW_MAX_RATIO * sw * sh) c.drawImage(src.canvas, cx, cy, sw, sh, 0, 0, sw, sh);
        else c.putImageData(src.canvas.getContext('2d').getImageData(cx, cy, sw, sh), 0, 0);
      }
    }
  } else {
    const img = cropImage(src.image, { x0: region.x0 * s, y0: region.y0 * s, x1: region.x1 * s, y1: region.y1 * s });
    // Scans at high resolution: scale the crop down to the report's resolution.
    down = s > (o.dpi / 72) * 1.25 ? o.dpi / 72 / s : 1;
    canvas = toCanvas(img);
    if (down < 1) {
      const small = createCanvas(Math.max(1, Math.round(img.width * down)), Math.max(1, Math.round(img.height * down)));
      small.getContext('2d').drawImage(canvas, 0, 0, small.width, small.height);
      canvas = small;
    }
  }
  const k = s * down;
  const ox = Math.max(0, Math.floor(region.x0 * s)) * down;
  const oy = Math.max(0, Math.floor(region.y0 * s)) * down;
  const ctx = canvas.getContext('2d');
  ctx.lineWidth = Math.max(2, k * 1.1);
  for (const b of boxes) {
    const x = b.x0 * k - ox - 2, y = b.y0 * k - oy - 2;
    const w = (b.x1 - b.x0) * k + 4, h = (b.y1 - b.y0) * k + 4;
    ctx.fillStyle = 'rgba(230, 57, 70, 0.12)';
    ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = 'rgba(214, 40, 57, 0.95)';
    ctx.strokeRect(x, y, w, h);
  }
  try {
    if (o.format === 'webp') {
      const webp = await canvas.encode('webp', 100);
      if (webp.length > 0) return webp;
    }
    return await canvas.encode('png');
  } finally {
    release(canvas);
  }
}

/**
 * Largest ratio of a source canvas' pixels to a crop's for which the crop is copied with
 * drawImage rather than getImageData + putImageData (@napi-rs/canvas; identical pixels on an
 * opaque page). Measured, an 830×150 crop, CPU per copy: source 900×300 0.10 ms vs 1.51;
 * 1300×1750 (ratio 18) 0.76 vs 1.56; 2600×3500 (ratio 73) 17.5 vs 1.69.
 */
const COPY_BY_DRAW_MAX_RATIO = 24;

/**
 * Give a canvas' pixels back now: their native memory is invisible to V8, which would
 * otherwise collect the small wrapper (and free them) only when its own heap asks for a GC.
 */
function release(canvas: Canvas): void {
  canvas.width = 1;
  canvas.height = 1;
}

/**
 * The page to crop from: a scan's own image, else the page drawn at `dpi` (left on its
 * canvas); for a text page with `boxes` given, only the part of the page their crops cover.
 */
async function sourceOf(r: Renderer, n: number, o: Required<CropOptions>, textPage: boolean, crops?: readonly (readonly Box[])[]): Promise<CropSource> {
  const scan = textPage ? null : await r.pageImage(n);
  if (scan) return scan;
  if (!crops?.length) return r.renderPageCanvas(n, { dpi: o.dpi });
  const size = await r.pageSize(n);
  const s = o.dpi / 72;
  const union = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const boxes of crops) {
    const g = cropRegion(boxes, o, size);
    union.x0 = Math.min(union.x0, Math.floor(g.x0 * s));
    union.y0 = Math.min(union.y0, Math.floor(g.y0 * s));
    union.x1 = Math.max(union.x1, Math.ceil(g.x1 * s));
    union.y1 = Math.max(union.y1, Math.ceil(g.y1 * s));
  }
  return r.renderPageCanvas(n, { dpi: o.dpi, region: union });
}

/**
 * Every crop the report will show for `flags`, made from a document this thread already holds
 * open: each page involved is drawn once (at `dpi`, default 110: legible, small), every crop
 * of it cut from that one drawing, encoded as lossless WebP. `textPage(n)` true says page n
 * has a text layer (no embedded scan to look for). A crop that cannot be made is left out
 * (the report then tries the PDF itself). Shapes: boxes in points, top-left origin.
 */
export async function renderDocumentCrops(
  renderer: Renderer,
  flags: readonly Pick<Flag, 'refs' | 'page'>[],
  options: CropOptions & { textPage?: (page: number) => boolean } = {},
): Promise<CropSet> {
  const o: Required<CropOptions> = { ...DEFAULTS, format: 'webp', ...options };
  const byPage = new Map<number, Map<string, Box[]>>();
  for (const f of flags) {
    for (const req of flagCropRequests(f)) {
      if (!Number.isInteger(req.page) || req.page < 1 || req.page > renderer.pageCount) continue;
      let m = byPage.get(req.page);
      if (!m) byPage.set(req.page, (m = new Map()));
      m.set(cropKey(req.page, req.boxes), req.boxes);
    }
  }
  const out: CropSet = {};
  for (const page of [...byPage.keys()].sort((a, b) => a - b)) {
    let src: CropSource;
    try {
      src = await sourceOf(renderer, page, o, options.textPage?.(page) ?? false, [...byPage.get(page)!.values()]);
    } catch {
      continue;
    }
    const crops = byPage.get(page)!;
    for (const [key, boxes] of crops) {
      try {
        out[key] = (await cropFrom(src, boxes, o, crops.size === 1)).toString('base64');
      } catch {
        /* left out: the report falls back to the PDF */
      }
    }
    if (src.canvas) release(src.canvas);
  }
  return out;
}

/**
 * The crops of `flags` made from the PDF file itself (opened for this call, then freed): the
 * same pages, regions and pixels as `renderDocumentCrops` in the worker, for records whose
 * crops were not made there.
 */
export async function documentCropsFromFile(sourceFile: string, flags: readonly Pick<Flag, 'refs' | 'page'>[], options: CropOptions = {}): Promise<CropSet> {
  let r: Renderer;
  try {
    const { openPdfiumRenderer } = (await drawingModules())[2];
    r = await openPdfiumRenderer(new Uint8Array(await readFile(resolve(sourceFile))));
  } catch {
    return {};
  }
  try {
    return await renderDocumentCrops(r, flags, options);
  } finally {
    await r.close();
  }
}

/**
 * A cropper for the report over records: the first crop asked of a document makes all of
 * that document's crops at once from its file (`documentCropsFromFile`, one document held at
 * a time, as the report goes document by document). A crop of a file no record names is made
 * alone.
 */
export function recordCropper(records: readonly { source_file: string; flags: readonly Pick<Flag, 'refs' | 'page'>[] }[], options: CropOptions = {}): Cropper {
  const flagsOf = new Map(records.map((r) => [r.source_file, r.flags]));
  let last: { file: string; crops: Promise<CropSet> } | null = null;
  return async (sourceFile, page, boxes) => {
    if (boxes.length === 0) return null;
    const flags = flagsOf.get(sourceFile);
    let crops: Promise<CropSet>;
    if (flags) {
      if (last?.file !== sourceFile) last = { file: sourceFile, crops: documentCropsFromFile(sourceFile, flags, options) };
      crops = last.crops;
    } else {
      crops = documentCropsFromFile(sourceFile, [{ page, refs: boxes.map((b) => ({ raw: '', page, box: [b.x0, b.y0, b.x1, b.y1] })) }], options);
    }
    const hit = (await crops)[cropKey(page, boxes)];
    return hit ? Buffer.from(hit, 'base64') : null;
  };
}

/**
 * A cropper that serves crops made earlier (`lookup(sourceFile)` → that document's CropSet, or
 * null) and asks `fallback` for any other.
 */
export function cachedCropper(lookup: (sourceFile: string) => Promise<CropSet | null>, fallback: Cropper): Cropper {
  return async (sourceFile, page, boxes) => {
    const set = await lookup(sourceFile).catch(() => null);
    const hit = set?.[cropKey(page, boxes)];
    if (hit) return Buffer.from(hit, 'base64');
    return fallback(sourceFile, page, boxes);
  };
}



/** The crop region around boxes: margins, a minimum width (widened mostly leftwards, where labels stand), clamped to the page. */
export function cropRegion(boxes: readonly Box[], o: Pick<Required<CropOptions>, 'marginX' | 'marginY' | 'minWidth'>, page: { width: number; height: number }): Box {
  let x0 = Math.min(...boxes.map((b) => b.x0)) - o.marginX;
  let x1 = Math.max(...boxes.map((b) => b.x1)) + o.marginX;
  const y0 = Math.max(0, Math.min(...boxes.map((b) => b.y0)) - o.marginY);
  const y1 = Math.min(page.height, Math.max(...boxes.map((b) => b.y1)) + o.marginY);
  if (x1 - x0 < o.minWidth) {
    const extra = o.minWidth - (x1 - x0);
    x0 -= extra * 0.75;
    x1 += extra * 0.25;
  }
  if (x0 < 0) {
    x1 = Math.min(page.width, x1 - x0);
    x0 = 0;
  }
  if (x1 > page.width) {
    x0 = Math.max(0, x0 - (x1 - page.width));
    x1 = page.width;
  }
  return { x0, y0, x1: Math.max(x1, x0 + 1), y1: Math.max(y1, y0 + 1) };
}

export function createPdfCropper(options: CropOptions = {}): PdfCropper {
  const o: Required<CropOptions> = { ...DEFAULTS, ...options };
  const renderers = new Map<string, Promise<Renderer | null>>();
  const pages = new Map<string, Promise<CropSource>>(); // insertion order = LRU order

  const rendererOf = (file: string) => {
    let p = renderers.get(file);
    if (p) {
      renderers.delete(file);
    } else {
      p = readFile(resolve(file)).then(
        (b) => drawingModules().then(([, , { openPdfiumRenderer }]) => openPdfiumRenderer(new Uint8Array(b))).catch(() => null),
        () => null,
      );
    }
    renderers.set(file, p);
    // keep the two most recently used documents open (the report goes document by document)
    while (renderers.size > 2) {
      const [oldFile, old] = renderers.entries().next().value!;
      renderers.delete(oldFile);
      for (const k of [...pages.keys()]) if (k.startsWith(`${oldFile}\u0000`)) pages.delete(k);
      void old.then((r) => r?.close()).catch(() => undefined);
    }
    return p;
  };

  const pageOf = (file: string, r: Renderer, n: number): Promise<CropSource> => {
    const key = `${file}\u0000${n}`;
    let p = pages.get(key);
    if (p) {
      pages.delete(key);
    } else {
      p = sourceOf(r, n, o, false);
      p.catch(() => pages.delete(key));
    }
    pages.set(key, p);
    while (pages.size > o.cachePages) pages.delete(pages.keys().next().value!);
    return p;
  };

  const crop = (async (sourceFile: string, page: number, boxes: Box[]): Promise<Buffer | null> => {
    if (boxes.length === 0) return null;
    const r = await rendererOf(sourceFile);
    if (!r || !Number.isInteger(page) || page < 1 || page > r.pageCount) return null;
    try {
      return await cropFrom(await pageOf(sourceFile, r, page), boxes, o);
    } catch {
      return null;
    }
  }) as PdfCropper;

  crop.close = async () => {
    pages.clear();
    for (const p of renderers.values()) await (await p)?.close().catch(() => undefined);
    renderers.clear();
  };
  return crop;
}
