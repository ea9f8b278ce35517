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
}

export function suppressRed(img: RgbaImage, options: SealOptions = {}): { image: RgbaImage; redPixels: number } {
  const t = options.minRedExcess ?? 28;
  const gain = options.gain ?? 1.5;
  const d = img.data;
  const rim = options.rim ?? 2;
  const rimLight = options.rimLight ?? 140;
  const w = img.width, h = img.height;
  // no seal ink at all (most pages): the image itself, no copy of the page
  let first = -1;
  for (let j = 0; j < d.length; j += 4) {
    if (d[j] - d[j + 1] > t && d[j] - d[j + 2] > t) { first = j; break; }
  }
  if (first < 0) return { image: img, redPixels: 0 };
  const out = new Uint8ClampedArray(d.length);
  out.set(d);
  const mask = new Uint8Array(w * h);
  let red = 0;
  for (let i = first / 4, j = first; j < d.length; i++, j += 4) {
    const r = d[j], g = d[j + 1], b = d[j + 2];
    if (r - g > t && r - b > t) {
      const v = Math.min(255, r * gain);
      out[j] = out[j + 1] = out[j + 2] = v;
      mask[i] = 1;
      red++;
    }
  }
  if (red && rim > 0) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        if (mask[i]) continue;
        const j = i * 4;
        const luma = (d[j] * 77 + d[j + 1] * 150 + d[j + 2] * 29) >> 8;
        if (luma < rimLight) continue;
        let near = false;
        for (let dy = -rim; dy <= rim && !near; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= h) continue;
          for (let dx = -rim; dx <= rim; dx++) {
            const xx = x + dx;
            if (xx >= 0 && xx < w && mask[yy * w + xx]) { near = true; break; }
          }
        }
        if (near) out[j] = out[j + 1] = out[j + 2] = 255;
      }
    }
  }
  return { image: { width: img.width, height: img.height, data: out }, redPixels: red };
}
