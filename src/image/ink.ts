/**
 * The ink of a page image, as the steps that look at it share it: Otsu's level and the paper's
 * grey from a histogram, a padded one-byte-per-pixel ink mask, the long dark runs along rows
 * and columns that ruling lines make, connected components of ink (run-length, 8-connected) and
 * the gap ratio that tells lines running across from lines running down.
 *
 * Below the preprocessing steps (./preprocess: ruling lines, orientation) and the OCR engines
 * (the PP-OCR line finder), which each used to carry a copy of these.
 *
 * The mask is padded (a zero word before and after every row, a zero row above and below, rows
 * a whole number of 32-bit words long), so that the run finders read four pixels at a time and
 * pass over paper a word at a time; every run they give is the one the pixel-by-pixel loop they
 * replaced gave, in the same order (test/image/ink.test.ts compares them on random masks).
 * Measured on the 38 page images of corpus/scan (each prepared as `ocrPage` does, CPU on a
 * loaded 2-core machine, two runs each): the rule finder 1.85–1.91 → 1.19–1.25 s, the line
 * finder 3.47–3.71 → 2.26 s, the orientation test 1.08–1.09 → 0.83–0.86 s; the same rules,
 * line boxes, refusals and orientation findings on every page.
 */

/** Is the machine little-endian (byte b of a 32-bit word at bits 8b)? */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Bit shift of the byte of pixel 4k + b in the word of pixels 4k…4k+3. */
const SHIFT = LITTLE_ENDIAN ? [0, 8, 16, 24] : [24, 16, 8, 0];

/**
 * A one-byte-per-pixel mask (non-zero: ink), padded: pixel (x, y) is `data[(y + 1) * stride + 4 + x]`;
 * the bytes around the pixels are zero. `stride` is a multiple of 4; `data` starts word-aligned.
 */
export interface InkMask {
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}

/** An empty (all paper) mask of `width` × `height` pixels. */
export function emptyMask(width: number, height: number): InkMask {
  const stride = 4 * (((width + 3) >> 2) + 2);
  return { width, height, stride, data: new Uint8Array((height + 2) * stride) };
}

/** Byte offset of pixel (0, y) in `m.data`. */
export function rowOffset(m: InkMask, y: number): number {
  return (y + 1) * m.stride + 4;
}

/**
 * The mask of the pixels of a plane darker than `t`: pixel i's value is `plane[i * step + offset]`
 * (step 1: a grey image; step 4, offset 0: the red channel of an RGBA bitmap).
 */
export function maskBelow(plane: Uint8Array | Uint8ClampedArray, step: number, offset: number, width: number, height: number, t: number): InkMask {
  const m = emptyMask(width, height);
  const d = m.data;
  for (let y = 0, j = offset; y < height; y++) {
    for (let x = 0, o = rowOffset(m, y); x < width; x++, o++, j += step) if (plane[j] < t) d[o] = 1;
  }
  return m;
}

/** The mask's pixel at (x, y) (0 outside the image). */
export function maskAt(m: InkMask, x: number, y: number): number {
  return x >= 0 && y >= 0 && x < m.width && y < m.height ? m.data[rowOffset(m, y) + x] : 0;
}

/**
 * Otsu's level of a histogram (`counts[v]`: pixels of grey v): the last grey of the dark class
 * (the dark class is `v ≤ level`), 127 when the histogram has one grey or none.
 */
export function otsuLevel(counts: ArrayLike<number>): number {
  let total = 0, sum = 0;
  for (let t = 0; t < 256; t++) {
    total += counts[t];
    sum += t * counts[t];
  }
  let sumB = 0, wB = 0, best = 0, bestT = 127;
  for (let t = 0; t < 256; t++) {
    wB += counts[t];
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * counts[t];
    const mB = sumB / wB, mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) { best = between; bestT = t; }
  }
  return bestT;
}

/**
 * Ink threshold and paper grey of a histogram: pixels darker than `threshold` (Otsu's level + 1)
 * are ink; `paper` is the commonest grey at or above the threshold (the first of equals).
 */
export function inkAndPaper(counts: ArrayLike<number>): { threshold: number; paper: number } {
  const level = otsuLevel(counts);
  let paper = level + 1;
  for (let k = level + 1; k < 256; k++) if (counts[k] > counts[paper]) paper = k;
  return { threshold: level + 1, paper };
}

/** A dark run: along row (or column) `at`, pixels `from` ≤ i < `to`. */
export interface InkRun {
  at: number;
  from: number;
  to: number;
}

/**
 * Runs of dark pixels along rows, the mask read one pixel wider across the rows (a pixel counts
 * when it or the one above or below it is ink: a residual tilt of a pixel does not break a
 * rule), gaps of up to `maxGap` pixels bridged, at least `minLen` long, in row order. A run that
 * still reaches within `maxGap` of the image's right edge is not given (as the ruling-line
 * finders always did). Paper is passed a word (four pixels) at a time.
 */
export function rowRuns(m: InkMask, minLen: number, maxGap: number): InkRun[] {
  const { width: w, height: h } = m;
  const K = m.stride >> 2;
  const d32 = new Uint32Array(m.data.buffer, m.data.byteOffset, m.data.length >> 2);
  const words = (w + 3) >> 2;
  const runs: InkRun[] = [];
  for (let y = 0; y < h; y++) {
    const base = (y + 1) * K + 1;
    let start = -1, last = -1;
    for (let k = 0; k < words; k++) {
      const v = d32[base + k] | d32[base + k - K] | d32[base + k + K];
      const x0 = k << 2;
      if (v === 0) {
        if (start < 0) continue;
        // no ink in these four pixels: the run ends at the first one past the gap, if here
        const x = Math.max(x0, last + maxGap + 1);
        if (x < x0 + 4 && x < w) {
          if (last - start + 1 >= minLen) runs.push({ at: y, from: start, to: last + 1 });
          start = -1;
        }
        continue;
      }
      for (let b = 0; b < 4; b++) {
        const x = x0 + b;
        if (x >= w) break;
        if ((v >>> SHIFT[b]) & 255) {
          if (start < 0) start = x;
          last = x;
        } else if (start >= 0 && x - last > maxGap) {
          if (last - start + 1 >= minLen) runs.push({ at: y, from: start, to: last + 1 });
          start = -1;
        }
      }
    }
    if (start >= 0 && w - last > maxGap && last - start + 1 >= minLen) runs.push({ at: y, from: start, to: last + 1 });
  }
  return runs;
}

/**
 * Runs of dark pixels along columns (`at` = column), the mask read one pixel wider across the
 * columns: what `rowRuns` gives on the transposed mask, found in one pass over the rows with a
 * state per column, in the order they end (row, then column). A run that still reaches within
 * `maxGap` of the image's bottom edge is given when `h − last > maxGap`, as `rowRuns` does at the
 * right edge. Words of four columns where there is no ink and no run open are passed at once.
 */
export function columnRuns(m: InkMask, minLen: number, maxGap: number): InkRun[] {
  const { width: w, height: h } = m;
  const K = m.stride >> 2;
  const d32 = new Uint32Array(m.data.buffer, m.data.byteOffset, m.data.length >> 2);
  const words = (w + 3) >> 2;
  const runs: InkRun[] = [];
  const start = new Int32Array(w).fill(-1);
  const last = new Int32Array(w).fill(-1);
  // runs open in each word's four columns
  const open = new Int32Array(words);
  for (let y = 0; y <= h; y++) {
    // row h is the zero row below the image: every open run is looked at once more there
    const base = (y + 1) * K + 1;
    for (let k = 0; k < words; k++) {
      const c = d32[base + k], before = d32[base + k - 1], after = d32[base + k + 1];
      let v = 0;
      if (c !== 0 || before !== 0 || after !== 0) {
        v = LITTLE_ENDIAN ? c | (c << 8) | (c >>> 8) | (before >>> 24) | (after << 24) : c | (c >>> 8) | (c << 8) | (before << 24) | (after >>> 24);
      }
      if (v === 0 && open[k] === 0) continue;
      const x0 = k << 2;
      for (let b = 0; b < 4; b++) {
        const x = x0 + b;
        if (x >= w) break;
        if ((v >>> SHIFT[b]) & 255) {
          if (start[x] < 0) {
            start[x] = y;
            open[k]++;
          }
          last[x] = y;
        } else if (start[x] >= 0 && y - last[x] > maxGap) {
          if (last[x] - start[x] + 1 >= minLen) runs.push({ at: x, from: start[x], to: last[x] + 1 });
          start[x] = -1;
          open[k]--;
        }
      }
    }
  }
  return runs;
}

/** Clears a run along a row (`at` = row) from the mask. */
export function clearRowRun(m: InkMask, r: InkRun): void {
  const o = rowOffset(m, r.at);
  m.data.fill(0, o + r.from, o + r.to);
}

/** Clears a run along a column (`at` = column) from the mask. */
export function clearColumnRun(m: InkMask, r: InkRun): void {
  for (let y = r.from, o = rowOffset(m, r.from) + r.at; y < r.to; y++, o += m.stride) m.data[o] = 0;
}

/** A connected component of ink: its bounds (pixels, x1/y1 exclusive) and its pixel count. */
export interface InkComponent {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
}

/** Runs of ink along rows (row-major order): run i covers x0[i] ≤ x < x1[i] on row y[i]. */
export interface RowRuns {
  x0: number[];
  x1: number[];
  y: number[];
}

/** The runs of ink along the rows of a mask, row by row, left to right (paper passed a word at a time). */
export function maskRowRuns(m: InkMask): RowRuns {
  const { width: w, height: h, data } = m;
  const d32 = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
  const x0: number[] = [], x1: number[] = [], ys: number[] = [];
  for (let y = 0; y < h; y++) {
    const row = rowOffset(m, y), wordRow = row >> 2;
    let x = 0;
    while (x < w) {
      if ((x & 3) === 0 && d32[wordRow + (x >> 2)] === 0) {
        x += 4;
        continue;
      }
      if (!data[row + x]) {
        x++;
        continue;
      }
      const a = x;
      while (x < w && data[row + x]) x++;
      x0.push(a);
      x1.push(x);
      ys.push(y);
    }
  }
  return { x0, x1, y: ys };
}

/**
 * The runs of a plane's pixels darker than `t` along its rows (pixel i's value is `plane[i * stride]`),
 * row by row, left to right.
 */
export function planeRowRuns(plane: Uint8Array | Uint8ClampedArray, stride: number, width: number, height: number, t: number): RowRuns {
  const x0: number[] = [], x1: number[] = [], ys: number[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      if (plane[(row + x) * stride] >= t) {
        x++;
        continue;
      }
      const a = x;
      while (x < width && plane[(row + x) * stride] < t) x++;
      x0.push(a);
      x1.push(x);
      ys.push(y);
    }
  }
  return { x0, x1, y: ys };
}

/**
 * 8-connected components of runs (row-major order, as `maskRowRuns` gives them): runs on
 * consecutive rows whose ranges come within one pixel are joined (union-find over runs). The
 * components come in the order of their first run.
 */
export function labelRuns(runs: RowRuns): InkComponent[] {
  const { x0: rx0, x1: rx1, y: ry } = runs;
  const n = rx0.length;
  const parent = new Int32Array(n);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  // the runs of the row above: prevStart ≤ k < prevEnd
  let prevStart = 0, prevEnd = 0, curStart = 0, curY = -2, k = 0;
  for (let id = 0; id < n; id++) {
    const y = ry[id];
    if (y !== curY) {
      if (y === curY + 1) {
        prevStart = curStart;
        prevEnd = id;
      } else prevStart = prevEnd = id;
      curStart = id;
      curY = y;
      k = prevStart;
    }
    parent[id] = id;
    const a = rx0[id], x = rx1[id];
    // runs of the row above touching this one, in order along the row
    while (k < prevEnd && rx1[k] < a) k++;
    for (let m = k; m < prevEnd && rx0[m] <= x; m++) {
      const ra = find(m), rb = find(id);
      if (ra !== rb) parent[rb] = ra;
    }
  }
  const index = new Map<number, number>();
  const out: InkComponent[] = [];
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let c = index.get(r);
    if (c === undefined) {
      c = out.length;
      index.set(r, c);
      out.push({ x0: rx0[i], x1: rx1[i], y0: ry[i], y1: ry[i] + 1, area: 0 });
    }
    const comp = out[c];
    if (rx0[i] < comp.x0) comp.x0 = rx0[i];
    if (rx1[i] > comp.x1) comp.x1 = rx1[i];
    if (ry[i] < comp.y0) comp.y0 = ry[i];
    if (ry[i] + 1 > comp.y1) comp.y1 = ry[i] + 1;
    comp.area += rx1[i] - rx0[i];
  }
  return out;
}

/**
 * Median gap from each component to its nearest neighbour below, + 1, over the median gap to
 * its nearest neighbour to the right, + 1 (neighbours: overlapping the other way by at least half
 * the smaller one; gaps capped at `limit`). Upright text has its characters side by side and its
 * lines apart: well above 1; text lines running down the image: well below 1.
 */
export function gapRatio(comps: readonly InkComponent[], limit: number): number {
  return (quantile(nearestGaps(comps, false, limit), 0.5) + 1) / (quantile(nearestGaps(comps, true, limit), 0.5) + 1);
}

/**
 * For each component, the gap to its nearest neighbour to the right (`across`) or below, capped
 * at `limit` (see gapRatio). A function of its own, not a closure made per call: V8 optimised
 * the per-call closure for the closures it was first given and threw that code away on every
 * later call ("wrong call target"), then compiled it again (107 times over corpus/scan's scans;
 * docs/ARCHITECTURE.md, "Hot loops").
 */
function nearestGaps(comps: readonly InkComponent[], across: boolean, limit: number): number[] {
  const sorted = [...comps].sort(across ? byLeft : byTop);
  const gaps: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    const cLo = across ? c.y0 : c.x0, cHi = across ? c.y1 : c.x1, cEnd = across ? c.x1 : c.y1;
    let best = limit;
    // sorted by their near edge: past `best`, no nearer neighbour
    for (let j = i + 1; j < sorted.length; j++) {
      const d = sorted[j];
      const dStart = across ? d.x0 : d.y0;
      if (!(dStart - cEnd < best)) break;
      if (dStart < cEnd) continue;
      const dLo = across ? d.y0 : d.x0, dHi = across ? d.y1 : d.x1;
      const ov = Math.min(cHi, dHi) - Math.max(cLo, dLo);
      if (ov >= 0.5 * Math.min(cHi - cLo, dHi - dLo)) best = Math.min(best, dStart - cEnd);
    }
    gaps.push(best);
  }
  return gaps;
}

function byLeft(a: InkComponent, b: InkComponent): number {
  return a.x0 - b.x0;
}
function byTop(a: InkComponent, b: InkComponent): number {
  return a.y0 - b.y0;
}

/** The `q`-quantile of `xs` (the element at floor(q · n) of the sorted values; 0 when empty). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  // a typed array's own numeric sort: no comparator called from the sort per pair
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
