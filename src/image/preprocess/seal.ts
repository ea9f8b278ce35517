/**
 * Red seal (公章) suppression: a stamp is red ink over black print. In the red channel the
 * seal is nearly as light as the paper while black text stays dark, so strongly red pixels
 * take their (brightened) red channel as grey value: the seal fades to white and the text
 * under it keeps its strokes. JPEG's halved colour resolution leaves the rims of red
 * strokes greyish pink rather than red: light pixels within `rim` pixels of seal ink are
 * pushed to white as well. Dark pixels (print) are left as they are.
 */
import type { RgbaImage } from '../index.js';

export interface SealOptions {
  /** How much red must exceed both green and blue for a pixel to count as seal ink. Default 28. */
  minRedExcess?: number;
  /** The red channel is multiplied by this (seal ink is a bit darker than paper in red). Default 1.5: ink at r ≥ 170 becomes white, print (r < 80) stays dark. */
  gain?: number;
  /** Pixels this close to seal ink and lighter than `rimLight` become white. Default 2. */
  rim?: number;
  /** Default 140. */
  rimLight?: number;
  /**
   * Change `img`'s own pixels instead of a copy (the caller owns them and no longer needs them
   * as they were): no second page-sized buffer. Each pixel is read before it is written, so
   * the result is the same.
   */
  inPlace?: boolean;
}

export function suppressRed(img: RgbaImage, options: SealOptions = {}): { image: RgbaImage; redPixels: number } {
  const t = options.minRedExcess ?? 28;
  const gain = options.gain ?? 1.5;
  const d = img.data;
  const rim = options.rim ?? 2;
  const rimLight = options.rimLight ?? 140;
  const w = img.width, h = img.height;
  // no seal ink at all (most pages): the image itself, no copy of the page
  const first = firstRed(d, t);
  if (first < 0) return { image: img, redPixels: 0 };
  let out = d;
  if (!options.inPlace) {
    out = new Uint8ClampedArray(d.length);
    out.set(d);
  }
  const mask = new Uint8Array(w * h);
  // the box around the seal ink: the rim is looked for there only
  const box = whitenRed(d, out, mask, w, h, first / 4, t, gain);
  const red = box[4];
  if (red && rim > 0) clearRim(d, out, mask, w, h, box, rim, rimLight);
  return { image: { width: img.width, height: img.height, data: out }, redPixels: red };
}

/*
 * The loops below are functions of their own, not parts of suppressRed: V8 compiles a long loop
 * of a once-per-page function while it runs (on-stack replacement), before the code after the
 * loop has run, and kept leaving that compiled code at the same point on every later page
 * (corpus/scan: 38 compilations of suppressRed). See docs/ARCHITECTURE.md, "Hot loops".
 */

/** Byte offset of the first pixel whose red exceeds both green and blue by more than `t`; −1 when none. */
function firstRed(d: RgbaImage['data'], t: number): number {
  for (let j = 0; j < d.length; j += 4) {
    if (d[j] - d[j + 1] > t && d[j] - d[j + 2] > t) return j;
  }
  return -1;
}

/**
 * Seal pixels from `firstPixel` on lightened in `out` (red × gain, grey) and set in `mask`;
 * returns [minX, maxX, minY, maxY, count].
 */
function whitenRed(d: RgbaImage['data'], out: RgbaImage['data'], mask: Uint8Array, w: number, h: number, firstPixel: number, t: number, gain: number): Int32Array {
  let minX = w, maxX = -1, minY = h, maxY = -1, red = 0;
  for (let y = Math.floor(firstPixel / w); y < h; y++) {
    for (let x = y === Math.floor(firstPixel / w) ? firstPixel % w : 0, i = y * w + x, j = i * 4; x < w; x++, i++, j += 4) {
      const r = d[j], g = d[j + 1], b = d[j + 2];
      if (r - g > t && r - b > t) {
        const v = Math.min(255, r * gain);
        out[j] = out[j + 1] = out[j + 2] = v;
        mask[i] = 1;
        red++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        maxY = y;
      }
    }
  }
  return Int32Array.of(minX, maxX, minY, maxY, red);
}

/**
 * Light pixels (luma ≥ rimLight) within `rim` of seal ink turned white: the mask dilated along
 * rows, then along columns (the same square as testing every neighbour, once per pixel), inside
 * the ink's box (`box`: minX, maxX, minY, maxY) grown by the rim.
 */
function clearRim(d: RgbaImage['data'], out: RgbaImage['data'], mask: Uint8Array, w: number, h: number, box: Int32Array, rim: number, rimLight: number): void {
  const [minX, maxX, minY, maxY] = box;
  const bx0 = Math.max(0, minX - rim), by0 = Math.max(0, minY - rim);
  const bw = Math.min(w - 1, maxX + rim) - bx0 + 1, bh = Math.min(h - 1, maxY + rim) - by0 + 1;
  const across = new Uint8Array(bw * bh);
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX, i = y * w + minX; x <= maxX; x++, i++) {
      if (!mask[i]) continue;
      const row = (y - by0) * bw - bx0;
      for (let xx = Math.max(0, x - rim), end = Math.min(w - 1, x + rim); xx <= end; xx++) across[row + xx] = 1;
    }
  }
  const near = new Uint8Array(bw * bh);
  for (let k = 0; k < bw * bh; k++) {
    if (!across[k]) continue;
    const bx = k % bw, by = (k - bx) / bw;
    for (let yy = Math.max(0, by - rim), end = Math.min(bh - 1, by + rim); yy <= end; yy++) near[yy * bw + bx] = 1;
  }
  for (let by = 0; by < bh; by++) {
    for (let bx = 0, k = by * bw, i = (by + by0) * w + bx0, j = i * 4; bx < bw; bx++, k++, i++, j += 4) {
      if (!near[k] || mask[i]) continue;
      const luma = (d[j] * 77 + d[j + 1] * 150 + d[j + 2] * 29) >> 8;
      if (luma >= rimLight) out[j] = out[j + 1] = out[j + 2] = 255;
    }
  }
}
