/** Small bitmap helpers shared by the preprocessing steps (RGBA in, RGBA or grey out). */
import type { RgbaImage } from '../index.js';
import { otsuLevel } from '../ink.js';

/** A one-channel 8-bit image. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Luma (BT.601) of an RGBA bitmap. With `counts` (256 zeros), each value is also counted there
 * (the histogram `otsu` needs, without a second pass over the page).
 */
export function toGray(img: RgbaImage, counts?: Uint32Array): GrayImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  const d = img.data;
  if (counts) {
    for (let i = 0, j = 0; i < n; i++, j += 4) counts[(out[i] = (d[j] * 77 + d[j + 1] * 150 + d[j + 2] * 29) >> 8)]++;
  } else for (let i = 0, j = 0; i < n; i++, j += 4) out[i] = (d[j] * 77 + d[j + 1] * 150 + d[j + 2] * 29) >> 8;
  return { width: img.width, height: img.height, data: out };
}

export function grayToRgba(g: GrayImage): RgbaImage {
  const n = g.width * g.height;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[j] = out[j + 1] = out[j + 2] = g.data[i];
    out[j + 3] = 255;
  }
  return { width: g.width, height: g.height, data: out };
}

/**
 * Otsu's threshold of a grey image (`otsuLevel`: the last grey of the dark class), from its
 * histogram when given (`counts`: how many pixels of `g` have each value, as `toGray`/`toValue`
 * count them), else counted here.
 */
export function otsu(g: GrayImage, counts?: Uint32Array): number {
  if (!counts) {
    counts = new Uint32Array(256);
    const data = g.data;
    for (let i = 0; i < data.length; i++) counts[data[i]]++;
  }
  return otsuLevel(counts);
}

/** Is the machine little-endian (a pixel read as one 32-bit word is 0xAABBGGRR)? */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The brightest channel of each pixel (HSV value): print is dark in every channel, red
 * seal ink is bright in red, so this grey image shows print and rules but not seals. With
 * `counts` (256 zeros), each value is also counted there (for `otsu`). Pixels are read as
 * 32-bit words where the buffer allows it (one load per pixel instead of three).
 */
export function toValue(img: RgbaImage, counts?: Uint32Array): GrayImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  const d = img.data;
  if (LITTLE_ENDIAN && d.byteOffset % 4 === 0) {
    const px = new Uint32Array(d.buffer, d.byteOffset, n);
    if (counts) {
      for (let i = 0; i < n; i++) {
        const v = px[i];
        const r = v & 255, g = (v >>> 8) & 255, b = (v >>> 16) & 255;
        const m = r > g ? r : g;
        counts[(out[i] = m > b ? m : b)]++;
      }
    } else for (let i = 0; i < n; i++) {
      const v = px[i];
      const r = v & 255, g = (v >>> 8) & 255, b = (v >>> 16) & 255;
      const m = r > g ? r : g;
      out[i] = m > b ? m : b;
    }
  } else if (counts) {
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const r = d[j], g = d[j + 1], b = d[j + 2];
      const m = r > g ? r : g;
      counts[(out[i] = m > b ? m : b)]++;
    }
  } else for (let i = 0, j = 0; i < n; i++, j += 4) {
    const r = d[j], g = d[j + 1], b = d[j + 2];
    const m = r > g ? r : g;
    out[i] = m > b ? m : b;
  }
  return { width: img.width, height: img.height, data: out };
}

/**
 * The image turned clockwise by a multiple of 90° (exact: pixels are moved, never
 * resampled). `quarterTurns` 1 = 90° clockwise, 2 = 180°, 3 = 270° clockwise (90° anticlockwise).
 */
export function rotateQuarterTurns(img: RgbaImage, quarterTurns: number): RgbaImage {
  const q = ((quarterTurns % 4) + 4) % 4;
  if (q === 0) return img;
  const { width: w, height: h } = img;
  const aligned = img.data.byteOffset % 4 === 0 ? img.data : new Uint8ClampedArray(img.data);
  const src = new Uint32Array(aligned.buffer, aligned.byteOffset, w * h);
  const ow = q === 2 ? w : h, oh = q === 2 ? h : w;
  const out = new Uint8ClampedArray(w * h * 4);
  const dst = new Uint32Array(out.buffer);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      // (x, y) → its place in the turned image
      let nx: number, ny: number;
      if (q === 1) { nx = h - 1 - y; ny = x; }
      else if (q === 2) { nx = w - 1 - x; ny = h - 1 - y; }
      else { nx = y; ny = w - 1 - x; }
      dst[ny * ow + nx] = src[row + x];
    }
  }
  return { width: ow, height: oh, data: out };
}

/**
 * The image shrunk by `factor` (0 < factor < 1) by area averaging: every output pixel is the
 * mean of the source pixels whose centres fall in its footprint (whole pixels, at least one).
 * Returns the image itself when `factor` ≥ 1. Output size: round(width × factor) ×
 * round(height × factor), at least 1 × 1.
 */
export function shrinkImage(img: RgbaImage, factor: number): RgbaImage {
  if (!(factor < 1)) return img;
  const { width: sw, height: sh, data: src } = img;
  const w = Math.max(1, Math.round(sw * factor));
  const h = Math.max(1, Math.round(sh * factor));
  const fx = sw / w, fy = sh / h;
  const out = new Uint8ClampedArray(w * h * 4);
  const xs0 = new Int32Array(w), xs1 = new Int32Array(w);
  for (let x = 0; x < w; x++) {
    xs0[x] = Math.floor(x * fx);
    xs1[x] = Math.min(sw, Math.max(xs0[x] + 1, Math.floor((x + 1) * fx)));
  }
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * fy);
    const y1 = Math.min(sh, Math.max(y0 + 1, Math.floor((y + 1) * fy)));
    for (let x = 0; x < w; x++) {
      const x0 = xs0[x], x1 = xs1[x];
      let r = 0, g = 0, b = 0;
      for (let yy = y0; yy < y1; yy++) {
        let i = (yy * sw + x0) * 4;
        for (let xx = x0; xx < x1; xx++, i += 4) {
          r += src[i];
          g += src[i + 1];
          b += src[i + 2];
        }
      }
      const n = (x1 - x0) * (y1 - y0);
      const o = (y * w + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}
