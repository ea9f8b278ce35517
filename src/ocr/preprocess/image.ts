/** Small bitmap helpers shared by the preprocessing steps (RGBA in, RGBA or grey out). */
import type { RgbaImage } from '../types.js';

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
