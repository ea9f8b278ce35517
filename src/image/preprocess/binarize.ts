/**
 * Binarization: Sauvola's local threshold (mean and deviation over a window, from integral
 * images), which copes with uneven paper tone better than one global threshold.
 * Output: black text on white, RGBA.
 */
import type { RgbaImage } from '../index.js';
import { toGray, type GrayImage, grayToRgba } from './image.js';

export interface BinarizeOptions {
  /** Window side in pixels (odd); default about 1/6 inch at the given dpi, or 31. */
  window?: number;
  dpi?: number;
  /** Sauvola k. Default 0.2. */
  k?: number;
}

export function binarizeGray(g: GrayImage, options: BinarizeOptions = {}): GrayImage {
  const { width: w, height: h, data } = g;
  const win = options.window ?? Math.max(15, Math.round((options.dpi ?? 200) / 6) | 1);
  const half = win >> 1;
  const k = options.k ?? 0.2;
  const R = 128;
  const W = w + 1;
  const sum = new Float64Array(W * (h + 1));
  const sq = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let rs = 0, rq = 0;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      rs += v; rq += v * v;
      sum[(y + 1) * W + x + 1] = sum[y * W + x + 1] + rs;
      sq[(y + 1) * W + x + 1] = sq[y * W + x + 1] + rq;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - half), y1 = Math.min(h, y + half + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - half), x1 = Math.min(w, x + half + 1);
      const n = (y1 - y0) * (x1 - x0);
      const s = sum[y1 * W + x1] - sum[y0 * W + x1] - sum[y1 * W + x0] + sum[y0 * W + x0];
      const q = sq[y1 * W + x1] - sq[y0 * W + x1] - sq[y1 * W + x0] + sq[y0 * W + x0];
      const mean = s / n;
      const sd = Math.sqrt(Math.max(0, q / n - mean * mean));
      const t = mean * (1 + k * (sd / R - 1));
      out[y * w + x] = data[y * w + x] > t ? 255 : 0;
    }
  }
  return { width: w, height: h, data: out };
}

export function binarize(img: RgbaImage, options: BinarizeOptions = {}): RgbaImage {
  return grayToRgba(binarizeGray(toGray(img), options));
}
