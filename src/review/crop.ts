/**
 * Page crops for the review report: the region of a PDF page around the boxes a flag refers
 * to, the boxes drawn, as PNG bytes.
 *
 * A thin adapter over the project's renderer (`src/render/`): one renderer per source file
 * stays open for the whole report and the last few rendered pages are kept, so a document
 * with many flags on the same pages is drawn once per page, not once per flag (what
 * `renderCrop` would do). Scanned pages use their embedded image (`pageImage`).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Box } from '../model/geometry.js';
import { cropImage, openRenderer, toCanvas, type RenderedPage, type Renderer } from '../render/index.js';

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
}

const DEFAULTS: Required<CropOptions> = { dpi: 110, marginY: 28, marginX: 48, minWidth: 540, cachePages: 4 };

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
  const o = { ...DEFAULTS, ...options };
  const renderers = new Map<string, Promise<Renderer | null>>();
  const pages = new Map<string, Promise<RenderedPage>>(); // insertion order = LRU order

  const rendererOf = (file: string) => {
    let p = renderers.get(file);
    if (p) {
      renderers.delete(file);
    } else {
      p = readFile(resolve(file)).then(
        (b) => openRenderer(new Uint8Array(b)).catch(() => null),
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

  const pageOf = (file: string, r: Renderer, n: number): Promise<RenderedPage> => {
    const key = `${file}\u0000${n}`;
    let p = pages.get(key);
    if (p) {
      pages.delete(key);
    } else {
      p = (async () => (await r.pageImage(n)) ?? (await r.renderPage(n, { dpi: o.dpi })))();
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
      const src = await pageOf(sourceFile, r, page);
      const s = src.scale;
      const region = cropRegion(boxes, o, src);
      const img = cropImage(src.image, { x0: region.x0 * s, y0: region.y0 * s, x1: region.x1 * s, y1: region.y1 * s });
      // Scans at high resolution: scale the crop down to the report's resolution.
      const down = s > (o.dpi / 72) * 1.25 ? o.dpi / 72 / s : 1;
      let canvas = toCanvas(img);
      if (down < 1) {
        const { createCanvas } = await import('@napi-rs/canvas');
        const small = createCanvas(Math.max(1, Math.round(img.width * down)), Math.max(1, Math.round(img.height * down)));
        small.getContext('2d').drawImage(canvas, 0, 0, small.width, small.height);
        canvas = small;
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
      return await canvas.encode('png');
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
