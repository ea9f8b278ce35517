/**
 * CRNN recognition input (PP-OCRv4 rec: 3 × 48 × W, values in [-1, 1]) and CTC greedy decoding.
 */
import type { EngineImage, TextBox } from './detect.js';

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
 *
 * Each sample is `makeSampler`'s bilinear sample (white outside the image), inlined, with the
 * same arithmetic in the same order (the same floats); an image read through one channel
 * (`redOnly`) is sampled once for the three planes. Measured: a 720 × 48 crop 2.5 → 0.63 ms.
 */
export function writeCrop(
  image: EngineImage,
  box: TextBox,
  width: number,
  out: Float32Array,
  slot: number,
  batchWidth: number,
): void {
  const { width: iw, height: ih, data } = image;
  const one = !!image.redOnly;
  const cos = Math.cos(box.angle);
  const sin = Math.sin(box.angle);
  const stepU = box.w / width;
  const stepV = box.h / REC_HEIGHT;
  // supersample when shrinking a lot, to avoid aliasing thin strokes away
  const ss = Math.min(3, Math.max(1, Math.round(Math.max(stepU, stepV))));
  const plane = REC_HEIGHT * batchWidth;
  const base = slot * 3 * plane;
  const n = ss * ss * 127.5;
  if (box.angle === 0) {
    writeUpright(image, box, width, out, base, plane, batchWidth, ss, stepU, stepV, n);
    return;
  }
  for (let y = 0; y < REC_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) * stepU - box.w / 2;
          const v = (y + (sy + 0.5) / ss) * stepV - box.h / 2;
          const px = box.cx + u * cos - v * sin - 0.5;
          const py = box.cy + u * sin + v * cos - 0.5;
          const x0 = Math.floor(px);
          const y0 = Math.floor(py);
          const fx = px - x0;
          const fy = py - y0;
          const w0 = (1 - fx) * (1 - fy), w1 = fx * (1 - fy), w2 = (1 - fx) * fy, w3 = fx * fy;
          if (x0 >= 0 && y0 >= 0 && x0 + 1 < iw && y0 + 1 < ih) {
            // a zero weight adds +0: the sums are makeSampler's, which skips such terms
            const i0 = (y0 * iw + x0) * 4, i2 = i0 + iw * 4;
            if (one) r += data[i0] * w0 + data[i0 + 4] * w1 + data[i2] * w2 + data[i2 + 4] * w3;
            else {
              r += data[i0] * w0 + data[i0 + 4] * w1 + data[i2] * w2 + data[i2 + 4] * w3;
              g += data[i0 + 1] * w0 + data[i0 + 5] * w1 + data[i2 + 1] * w2 + data[i2 + 5] * w3;
              b += data[i0 + 2] * w0 + data[i0 + 6] * w1 + data[i2 + 2] * w2 + data[i2 + 6] * w3;
            }
          } else {
            const cs = one ? 0 : 1;
            for (let c = 0; c < (one ? 1 : 3); c++) {
              const s = edgeSample(data, iw, ih, x0, y0, w0, w1, w2, w3, c * cs);
              if (c === 0) r += s;
              else if (c === 1) g += s;
              else b += s;
            }
          }
        }
      }
      if (one) g = b = r;
      const o = base + y * batchWidth + x;
      out[o] = b / n - 1;
      out[plane + o] = g / n - 1;
      out[2 * plane + o] = r / n - 1;
    }
  }
}

/**
 * One channel (byte `c` of an RGBA pixel) of a bilinear sample whose four pixels reach outside
 * the image: white outside, terms of zero weight skipped as makeSampler does (the same floats).
 */
function edgeSample(data: Uint8ClampedArray | Uint8Array, iw: number, ih: number, x0: number, y0: number, w0: number, w1: number, w2: number, w3: number, c: number): number {
  let s = 0;
  for (let k = 0; k < 4; k++) {
    const xx = x0 + (k & 1);
    const yy = y0 + (k >> 1);
    const wgt = k === 0 ? w0 : k === 1 ? w1 : k === 2 ? w2 : w3;
    if (wgt === 0) continue;
    s += (xx < 0 || yy < 0 || xx >= iw || yy >= ih ? 255 : data[(yy * iw + xx) * 4 + c]) * wgt;
  }
  return s;
}

/**
 * Columns [from, to) of one output row (its source row `y0`, fraction `fy`, output offset `o0`)
 * whose samples reach outside the image, read as writeCrop's general loop reads them (white
 * beyond the image), into the three planes. A function of its own, not a closure made per call:
 * see docs/ARCHITECTURE.md, "Hot loops".
 */
function edgeColumns(
  data: EngineImage['data'],
  iw: number,
  ih: number,
  xs0: Int32Array,
  fxs: Float64Array,
  y0: number,
  fy: number,
  out: Float32Array,
  o0: number,
  plane: number,
  n: number,
  from: number,
  to: number,
): void {
  for (let x = from; x < to; x++) {
    const x0 = xs0[x];
    const fx = fxs[x];
    const w0 = (1 - fx) * (1 - fy), w1 = fx * (1 - fy), w2 = (1 - fx) * fy, w3 = fx * fy;
    const s = edgeSample(data, iw, ih, x0, y0, w0, w1, w2, w3, 0);
    const v = s / n - 1;
    const o = o0 + x;
    out[o] = v;
    out[plane + o] = v;
    out[2 * plane + o] = v;
  }
}

/**
 * `writeCrop` for an upright box (angle 0, as every box of the line finder and most of the
 * detector's): the sample positions are separable, so each column's and each row's are computed
 * once. The same floats as the general loop (cos 0 = 1 and sin 0 = 0 exactly, so the positions
 * come out of the same operations; pinned by test/ocr/pixel-loops.test.ts). Measured on the 3583
 * boxes of corpus/scan read in one process (their page images and boxes logged from a run;
 * node --cpu-prof): writeCrop 0.94 → 0.36 s; the 1330 crops of 30 page readings written alone,
 * 0.19 → 0.09 s per pass. Upright crops read through one channel (the default) take a loop
 * without the per-sample branches.
 */
function writeUpright(
  image: EngineImage,
  box: TextBox,
  width: number,
  out: Float32Array,
  base: number,
  plane: number,
  batchWidth: number,
  ss: number,
  stepU: number,
  stepV: number,
  n: number,
): void {
  const { width: iw, height: ih, data } = image;
  const one = !!image.redOnly;
  // per sample column (x, sx): left pixel and its fraction; per sample row (y, sy) likewise
  const nx = width * ss, ny = REC_HEIGHT * ss;
  const xs0 = new Int32Array(nx), fxs = new Float64Array(nx);
  const ys0 = new Int32Array(ny), fys = new Float64Array(ny);
  for (let x = 0; x < width; x++) {
    for (let sx = 0; sx < ss; sx++) {
      const u = (x + (sx + 0.5) / ss) * stepU - box.w / 2;
      const px = box.cx + u - 0.5;
      const x0 = Math.floor(px);
      xs0[x * ss + sx] = x0;
      fxs[x * ss + sx] = px - x0;
    }
  }
  for (let y = 0; y < REC_HEIGHT; y++) {
    for (let sy = 0; sy < ss; sy++) {
      const v = (y + (sy + 0.5) / ss) * stepV - box.h / 2;
      const py = box.cy + v - 0.5;
      const y0 = Math.floor(py);
      ys0[y * ss + sy] = y0;
      fys[y * ss + sy] = py - y0;
    }
  }
  const cs = one ? 0 : 1;
  if (one && ss === 1) {
    // one sample per value, one channel: the general loop below with its branches taken out
    const row = iw * 4;
    let xa = 0;
    while (xa < width && xs0[xa] < 0) xa++;
    let xb = width;
    while (xb > xa && xs0[xb - 1] + 1 >= iw) xb--;
    for (let y = 0; y < REC_HEIGHT; y++) {
      const y0 = ys0[y];
      const o0 = base + y * batchWidth;
      if (y0 < 0 || y0 + 1 >= ih) {
        edgeColumns(data, iw, ih, xs0, fxs, ys0[y], fys[y], out, o0, plane, n, 0, width);
        continue;
      }
      const fy = fys[y];
      const gy = 1 - fy;
      edgeColumns(data, iw, ih, xs0, fxs, y0, fy, out, o0, plane, n, 0, xa);
      const r0 = y0 * row;
      for (let x = xa; x < xb; x++) {
        const fx = fxs[x];
        const gx = 1 - fx;
        const i0 = r0 + xs0[x] * 4, i2 = i0 + row;
        const r = data[i0] * (gx * gy) + data[i0 + 4] * (fx * gy) + data[i2] * (gx * fy) + data[i2 + 4] * (fx * fy);
        const v = r / n - 1;
        const o = o0 + x;
        out[o] = v;
        out[plane + o] = v;
        out[2 * plane + o] = v;
      }
      edgeColumns(data, iw, ih, xs0, fxs, y0, fy, out, o0, plane, n, xb, width);
    }
    return;
  }
  for (let y = 0; y < REC_HEIGHT; y++) {
    const o0 = base + y * batchWidth;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < ss; sy++) {
        const y0 = ys0[y * ss + sy];
        const fy = fys[y * ss + sy];
        for (let sx = 0; sx < ss; sx++) {
          const x0 = xs0[x * ss + sx];
          const fx = fxs[x * ss + sx];
          const w0 = (1 - fx) * (1 - fy), w1 = fx * (1 - fy), w2 = (1 - fx) * fy, w3 = fx * fy;
          if (x0 >= 0 && y0 >= 0 && x0 + 1 < iw && y0 + 1 < ih) {
            const i0 = (y0 * iw + x0) * 4, i2 = i0 + iw * 4;
            if (one) r += data[i0] * w0 + data[i0 + 4] * w1 + data[i2] * w2 + data[i2 + 4] * w3;
            else {
              r += data[i0] * w0 + data[i0 + 4] * w1 + data[i2] * w2 + data[i2 + 4] * w3;
              g += data[i0 + 1] * w0 + data[i0 + 5] * w1 + data[i2 + 1] * w2 + data[i2 + 5] * w3;
              b += data[i0 + 2] * w0 + data[i0 + 6] * w1 + data[i2 + 2] * w2 + data[i2 + 6] * w3;
            }
          } else {
            for (let c = 0; c < (one ? 1 : 3); c++) {
              const s = edgeSample(data, iw, ih, x0, y0, w0, w1, w2, w3, c * cs);
              if (c === 0) r += s;
              else if (c === 1) g += s;
              else b += s;
            }
          }
        }
      }
      if (one) g = b = r;
      const o = o0 + x;
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
  /** At the char's first step: the probability of the likelier comparison sign, ≥ or ≤ (see rescueComparisonSigns). */
  sign?: { char: '≥' | '≤'; prob: number };
}

/**
 * A step's probabilities sum to 1 (the model ends in a softmax; `PpOcrEngine.create` checks it),
 * so a class at least this likely has no rival: the argmax scan stops there, with the same result
 * (the margin over 0.5 is far above float rounding). Most steps are a blank or a character above
 * it. Measured on the 3583 boxes of corpus/scan read in one process (node --cpu-prof): ctcGreedy
 * 0.85 → 0.07 s, the same characters.
 */
export const SURE = 0.5005;

/**
 * What greedy decoding reads of one time step, four floats per step: the most likely class
 * (first on ties, as a float: exact below 2²⁴), its probability, and the probabilities of ≥ and
 * ≤ (0 where the key file has no such sign). The engine's recognition model computes these rows
 * itself (`withDecodeHead` in graph-rewrite.ts), so that only 4 of the 6,625 floats of a step
 * leave onnxruntime; `stepRows` computes the same rows from full probabilities.
 */
export const STEP_ROW = 4;

/**
 * The `STEP_ROW` rows of `steps` time steps from full probability rows (`classes` floats per
 * step from `offset`, each summing to 1: see SURE).
 */
export function stepRows(probs: Float32Array, offset: number, steps: number, classes: number, charset: string[]): Float32Array {
  const [ge, le] = signClasses(charset);
  const rows = new Float32Array(steps * STEP_ROW);
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestP = probs[row];
    // a class above one half is the step's argmax: stop there (see SURE)
    if (bestP < SURE) {
      for (let k = 1; k < classes; k++) {
        const p = probs[row + k];
        if (p > bestP) {
          bestP = p;
          best = k;
          if (p >= SURE) break;
        }
      }
    }
    rows.set([best, bestP, ge ? probs[row + ge] : 0, le ? probs[row + le] : 0], t * STEP_ROW);
  }
  return rows;
}

/**
 * CTC greedy decoding of one sequence: argmax per step, repeats collapsed, blank (index 0)
 * dropped. `charset[k]` is the character of class k + 1 (PaddleOCR: blank first, then the key
 * file, then a space). `probs`: `steps` rows of `classes` probabilities from `offset`, each row
 * summing to 1 (see SURE).
 */
export function ctcGreedy(probs: Float32Array, offset: number, steps: number, classes: number, charset: string[], usedSteps = steps): DecodedChar[] {
  const n = Math.min(steps, usedSteps);
  return decodeSteps(stepRows(probs, offset, n, classes, charset), 0, n, charset);
}

/**
 * `ctcGreedy` over `STEP_ROW` rows (`steps` of them from `offset`; the first `usedSteps` read):
 * the same characters, probabilities and comparison-sign evidence.
 */
export function decodeSteps(rows: Float32Array, offset: number, steps: number, charset: string[], usedSteps = steps): DecodedChar[] {
  const chars: DecodedChar[] = [];
  let prev = 0;
  // the likelier comparison sign on the blank steps since the last character (see SIGN_RESCUE.blankMinProb)
  let gap: { char: '≥' | '≤'; prob: number; t: number } | null = null;
  const [ge, le] = signClasses(charset);
  for (let t = 0; t < Math.min(steps, usedSteps); t++) {
    const row = offset + t * STEP_ROW;
    const best = rows[row];
    const bestP = rows[row + 1];
    const pge = ge ? rows[row + 2] : 0, ple = le ? rows[row + 3] : 0;
    if (best !== 0 && best === prev) {
      const last = chars[chars.length - 1];
      last.last = t;
      // PaddleOCR averages the max probability of every kept (non-collapsed) step; a repeated
      // step is collapsed, so it does not count
    } else if (best === 0) {
      const p = Math.max(pge, ple);
      if (p >= SIGN_RESCUE.blankMinProb && (!gap || p > gap.prob)) gap = { char: ge && pge >= p ? '≥' : '≤', prob: p, t };
    } else {
      const c: DecodedChar = { char: charset[best - 1] ?? '', first: t, last: t, prob: bestP };
      // a sign the blanks almost gave, right before the first digit of a number
      if (gap && /^\d$/.test(c.char) && !/^[\d.,≥≤<>=＜＞]$/.test(chars[chars.length - 1]?.char ?? '')) {
        chars.push({ char: gap.char, first: gap.t, last: gap.t, prob: gap.prob });
      }
      gap = null;
      if (SIGN_LOOKALIKES.has(c.char)) {
        if (pge || ple) c.sign = pge >= ple ? { char: '≥', prob: pge } : { char: '≤', prob: ple };
      }
      chars.push(c);
    }
    prev = best;
  }
  return chars;
}

/**
 * When PP-OCRv4 misreads a comparison sign opening a number, its runner-up class is the sign.
 * Measured (corpus/scan and drawn samples, 150–300 dpi): a `2` read for `≥` (`253次` for
 * `≥53次`) gave p(≥) = 0.016–0.18 at that step, every genuine `2` on the same scans under 2e-5;
 * a `>` read for `≥` gave p(≥)/p(>) = 0.44–0.52, a printed `>` or `＞` (Noto Sans/Serif CJK,
 * DejaVu Sans) at most 0.11. A sign lost to the blank class (`5000亩` for `≥5000亩`) left p(≥) of
 * 0.046 (shared case 10) and 0.30 (corpus/scan c069) on a blank step before the number; on eight
 * other twins no blank step before a number's first digit gave a sign more than 0.006.
 */
export const SIGN_RESCUE = Object.freeze({ digitMinProb: 1e-3, lookalikeMinRatio: 0.25, blankMinProb: 0.02 });

/** Characters PP-OCR gives for ≥ / ≤ that can be told from themselves by the runner-up's probability. */
const SIGN_LOOKALIKES = new Set(['2', '>', '＞', '<', '＜']);
const SIGN_OF: Readonly<Record<string, '≥' | '≤'>> = { '>': '≥', '＞': '≥', '<': '≤', '＜': '≤' };

const signClassCache = new WeakMap<string[], [number, number]>();
/** Class indices (charset index + 1; 0 = not in the key file) of ≥ and ≤. */
export function signClasses(charset: string[]): [number, number] {
  let v = signClassCache.get(charset);
  if (!v) {
    v = [charset.indexOf('≥') + 1, charset.indexOf('≤') + 1];
    signClassCache.set(charset, v);
  }
  return v;
}

/**
 * Decoded characters with a misread comparison sign put back: a `2` whose step gave the sign at
 * least `digitMinProb`, or a `>`/`<` (half or full width) whose step gave the same-direction sign
 * at least `lookalikeMinRatio` of its own probability, when it opens a number (a digit follows;
 * no digit, `.` or `,` before it). Returns a new array; the sign keeps the char's probability.
 */
export function rescueComparisonSigns(chars: readonly DecodedChar[]): DecodedChar[] {
  return chars.map((c, i) => {
    if (!c.sign || !/^\d$/.test(chars[i + 1]?.char ?? '') || /^[\d.,]$/.test(chars[i - 1]?.char ?? '')) return c;
    const ok = c.char === '2' ? c.sign.prob >= SIGN_RESCUE.digitMinProb : SIGN_OF[c.char] === c.sign.char && c.sign.prob >= SIGN_RESCUE.lookalikeMinRatio * c.prob;
    return ok ? { ...c, char: c.sign.char } : c;
  });
}
