/** Small bitmap helpers shared by the preprocessing steps (RGBA in, RGBA or grey out). */
import type { RgbaImage } from '../index.js';

/** A one-channel 8-bit image. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Luma (BT.601) of an RGBA bitmap. */
export function toGray(img: RgbaImage): GrayImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) out[i] = (d[j] * 77 + d[j + 1] * 150 + d[j + 2] * 29) >> 8;
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

/** Otsu's threshold of a grey histogram. */
export function otsu(g: GrayImage): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < g.data.length; i++) hist[g.data[i]]++;
  const total = g.data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t];
  let sumB = 0, wB = 0, best = 0, bestT = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t];
    const mB = sumB / wB, mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) { best = between; bestT = t; }
  }
  return bestT;
}

/**
 * The brightest channel of each pixel (HSV value): print is dark in every channel, red
 * seal ink is bright in red, so this grey image shows print and rules but not seals.
 */
export function toValue(img: RgbaImage): GrayImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) out[i] = Math.max(d[j], d[j + 1], d[j + 2]);
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
