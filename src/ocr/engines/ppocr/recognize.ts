/**
 * CRNN recognition input (PP-OCRv4 rec: 3 × 48 × W, values in [-1, 1]) and CTC greedy decoding.
 */
import type { EngineImage, TextBox } from './detect.js';
import { makeSampler } from './detect.js';

export const REC_HEIGHT = 48;
/** Output time steps per input pixel column (the model downsamples width by 8). */
export const REC_STRIDE = 8;

/** Width the box's crop takes at height 48, before padding. */
export function recWidth(box: TextBox, maxWidth: number): number {
  const ratio = box.w / Math.max(1, box.h);
  return Math.max(REC_STRIDE, Math.min(maxWidth, Math.ceil(REC_HEIGHT * ratio)));
}

/**
 * Writes the crop of `box` (rotated rectangle, source pixels) into `out` at batch slot `slot`
 * of a [N, 3, 48, batchWidth] tensor, resized to 48 × `width` and padded with 0 to batchWidth.
 * Channels in BGR order, (v / 255 − 0.5) / 0.5.
 */
export function writeCrop(
  image: EngineImage,
  box: TextBox,
  width: number,
  out: Float32Array,
  slot: number,
  batchWidth: number,
): void {
  const sample = makeSampler(image);
  const cos = Math.cos(box.angle);
  const sin = Math.sin(box.angle);
  const stepU = box.w / width;
  const stepV = box.h / REC_HEIGHT;
  // supersample when shrinking a lot, to avoid aliasing thin strokes away
  const ss = Math.min(3, Math.max(1, Math.round(Math.max(stepU, stepV))));
  const plane = REC_HEIGHT * batchWidth;
  const base = slot * 3 * plane;
  const px = [0, 0, 0];
  for (let y = 0; y < REC_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) * stepU - box.w / 2;
          const v = (y + (sy + 0.5) / ss) * stepV - box.h / 2;
          sample(box.cx + u * cos - v * sin - 0.5, box.cy + u * sin + v * cos - 0.5, px);
          r += px[0];
          g += px[1];
          b += px[2];
        }
      }
      const n = ss * ss * 127.5;
      const o = base + y * batchWidth + x;
      out[o] = b / n - 1;
      out[plane + o] = g / n - 1;
      out[2 * plane + o] = r / n - 1;
    }
  }
}

/** One decoded character with the time steps it occupies. */
export interface DecodedChar {
  char: string;
  first: number;
  last: number;
  prob: number;
}

/**
 * CTC greedy decoding of one sequence: argmax per step, repeats collapsed, blank (index 0)
 * dropped. `charset[k]` is the character of class k + 1 (PaddleOCR: blank first, then the key
 * file, then a space).
 */
export function ctcGreedy(probs: Float32Array, offset: number, steps: number, classes: number, charset: string[], usedSteps = steps): DecodedChar[] {
  const chars: DecodedChar[] = [];
  let prev = 0;
  for (let t = 0; t < Math.min(steps, usedSteps); t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestP = probs[row];
    for (let k = 1; k < classes; k++) {
      const p = probs[row + k];
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0 && best === prev) {
      const last = chars[chars.length - 1];
      last.last = t;
      // PaddleOCR averages the max probability of every kept (non-collapsed) step; a repeated
      // step is collapsed, so it does not count
    } else if (best !== 0) {
      chars.push({ char: charset[best - 1] ?? '', first: t, last: t, prob: bestP });
    }
    prev = best;
  }
  return chars;
}
