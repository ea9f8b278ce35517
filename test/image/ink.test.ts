/**
 * The shared ink analysis (src/image/ink.ts) gives what the per-step copies it replaced gave:
 * the run finders of the rule finder and the line finder (pixel by pixel, unpadded mask), the
 * line finder's labeller (every run of the row above tried), Otsu's threshold and paper, and the
 * gap ratio. Small synthetic masks: random ink, rules, edges, widths that are not a multiple of 4.
 */
import { describe, expect, it } from '@jest/globals';
import {
  clearColumnRun, clearRowRun, columnRuns, emptyMask, gapRatio, inkAndPaper, labelRuns, maskAt, maskBelow, maskRowRuns, otsuLevel, planeRowRuns,
  rowOffset, rowRuns, type InkComponent, type InkMask, type InkRun,
} from '../../src/image/ink.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** A random 0/1 mask (unpadded) with some long rules and blocks. */
function randomMask(w: number, h: number, seed: number, density: number): Uint8Array {
  const r = rng(seed);
  const m = new Uint8Array(w * h);
  for (let i = 0; i < m.length; i++) m[i] = r() < density ? 1 : 0;
  for (let k = 0; k < 3; k++) {
    const y = Math.floor(r() * h), x0 = Math.floor(r() * w / 2), x1 = Math.min(w, x0 + Math.floor(r() * w));
    for (let x = x0; x < x1; x++) if (r() > 0.05) m[y * w + x] = 1;
    const x = Math.floor(r() * w), y0 = Math.floor(r() * h / 2), y1 = Math.min(h, y0 + Math.floor(r() * h));
    for (let y = y0; y < y1; y++) if (r() > 0.05) m[y * w + x] = 1;
  }
  // ink on the last column and row (runs that reach the edge)
  if (seed % 2) for (let y = 0; y < h; y++) m[y * w + w - 1] = 1;
  if (seed % 3 === 0) for (let x = 0; x < w; x++) m[(h - 1) * w + x] = 1;
  return m;
}

function padded(m: Uint8Array, w: number, h: number): InkMask {
  return maskBelow(m.map((v) => (v ? 0 : 255)), 1, 0, w, h, 128);
}

/** The rule finder's row runs before the shared module (rules.ts / lines.ts removeRules). */
function refRowRuns(mask: Uint8Array, w: number, h: number, minLen: number, maxGap: number): InkRun[] {
  const runs: InkRun[] = [];
  for (let y = 0; y < h; y++) {
    let start = -1, lastDark = -1;
    for (let x = 0; x <= w; x++) {
      let on = 0;
      if (x < w) {
        const i = y * w + x;
        on = mask[i] | (y > 0 ? mask[i - w] : 0) | (y < h - 1 ? mask[i + w] : 0);
      }
      if (on) {
        if (start < 0) start = x;
        lastDark = x;
      } else if (start >= 0 && x - lastDark > maxGap) {
        if (lastDark - start + 1 >= minLen) runs.push({ at: y, from: start, to: lastDark + 1 });
        start = -1;
      }
    }
  }
  return runs;
}

function refColumnRuns(mask: Uint8Array, w: number, h: number, minLen: number, maxGap: number): InkRun[] {
  const runs: InkRun[] = [];
  const start = new Int32Array(w).fill(-1);
  const lastDark = new Int32Array(w).fill(-1);
  for (let y = 0; y <= h; y++) {
    for (let x = 0; x < w; x++) {
      let on = 0;
      if (y < h) {
        const i = y * w + x;
        on = mask[i] | (x > 0 ? mask[i - 1] : 0) | (x < w - 1 ? mask[i + 1] : 0);
      }
      if (on) {
        if (start[x] < 0) start[x] = y;
        lastDark[x] = y;
      } else if (start[x] >= 0 && y - lastDark[x] > maxGap) {
        if (lastDark[x] - start[x] + 1 >= minLen) runs.push({ at: x, from: start[x], to: lastDark[x] + 1 });
        start[x] = -1;
      }
    }
  }
  return runs;
}

/** The line finder's labeller before the shared module: every run of the row above tried. */
function refComponents(mask: Uint8Array, w: number, h: number): InkComponent[] {
  const rx0: number[] = [], rx1: number[] = [], ry: number[] = [];
  const parent: number[] = [];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  let prevStart = 0, prevEnd = 0;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const curStart = rx0.length;
    let x = 0;
    while (x < w) {
      if (!mask[row + x]) { x++; continue; }
      const a = x;
      while (x < w && mask[row + x]) x++;
      const id = rx0.length;
      rx0.push(a); rx1.push(x); ry.push(y); parent.push(id);
      for (let k = prevStart; k < prevEnd; k++) {
        if (rx1[k] < a || rx0[k] > x) continue;
        const ra = find(k), rb = find(id);
        if (ra !== rb) parent[rb] = ra;
      }
    }
    prevStart = curStart;
    prevEnd = rx0.length;
  }
  const index = new Map<number, number>();
  const out: InkComponent[] = [];
  for (let k = 0; k < rx0.length; k++) {
    const r = find(k);
    let i = index.get(r);
    if (i === undefined) {
      i = out.length;
      index.set(r, i);
      out.push({ x0: rx0[k], x1: rx1[k], y0: ry[k], y1: ry[k] + 1, area: 0 });
    }
    const c = out[i];
    c.x0 = Math.min(c.x0, rx0[k]); c.x1 = Math.max(c.x1, rx1[k]);
    c.y0 = Math.min(c.y0, ry[k]); c.y1 = Math.max(c.y1, ry[k] + 1);
    c.area += rx1[k] - rx0[k];
  }
  return out;
}

/** The plain formula: Otsu over doubles, and the commonest grey from the threshold up. */
function refOtsu(counts: Uint32Array): { threshold: number; paper: number } {
  let total = 0, sum = 0;
  for (let k = 0; k < 256; k++) { total += counts[k]; sum += k * counts[k]; }
  let sumB = 0, wB = 0, best = -1, bestT = 127;
  for (let k = 0; k < 256; k++) {
    wB += counts[k];
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += k * counts[k];
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) { best = between; bestT = k; }
  }
  let paper = bestT + 1;
  for (let k = bestT + 1; k < 256; k++) if (counts[k] > counts[paper]) paper = k;
  return { threshold: bestT + 1, paper };
}

/** Nearest neighbour gaps by brute force. */
function refGapRatio(comps: InkComponent[], limit: number): number {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.5 * xs.length))] ?? 0;
  const gaps = (across: boolean) => comps.map((c) => {
    let best = limit;
    for (const d of comps) {
      if (d === c) continue;
      const gap = across ? d.x0 - c.x1 : d.y0 - c.y1;
      if (gap < 0) continue;
      const ov = across ? Math.min(c.y1, d.y1) - Math.max(c.y0, d.y0) : Math.min(c.x1, d.x1) - Math.max(c.x0, d.x0);
      const small = across ? Math.min(c.y1 - c.y0, d.y1 - d.y0) : Math.min(c.x1 - c.x0, d.x1 - d.x0);
      if (ov >= 0.5 * small) best = Math.min(best, gap);
    }
    return best;
  });
  return (med(gaps(false)) + 1) / (med(gaps(true)) + 1);
}

const sizes: [number, number][] = [[1, 1], [3, 5], [4, 4], [7, 3], [13, 11], [33, 29], [61, 47], [120, 90]];

describe('src/image/ink: the shared ink analysis', () => {
  it('the padded mask holds the pixels, zero around them', () => {
    const w = 7, h = 3;
    const m = randomMask(w, h, 5, 0.5);
    const p = padded(m, w, h);
    expect(p.stride % 4).toBe(0);
    for (let y = -1; y <= h; y++) for (let x = -1; x <= w; x++) expect(maskAt(p, x, y)).toBe(x >= 0 && y >= 0 && x < w && y < h ? m[y * w + x] : 0);
    let inside = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) inside += p.data[rowOffset(p, y) + x];
    expect(p.data.reduce((a, b) => a + b, 0)).toBe(inside);
  });

  it('rowRuns and columnRuns: the runs, in the order, of the pixel-by-pixel loops (gaps 1–3, runs reaching the edges)', () => {
    let seed = 1, runs = 0;
    for (const [w, h] of sizes) {
      for (const density of [0.02, 0.2, 0.6]) {
        for (const maxGap of [1, 2, 3]) {
          const m = randomMask(w, h, seed++, density);
          const p = padded(m, w, h);
          for (const minLen of [1, 3, 10]) {
            const rr = refRowRuns(m, w, h, minLen, maxGap), rc = refColumnRuns(m, w, h, minLen, maxGap);
            expect(rowRuns(p, minLen, maxGap)).toEqual(rr);
            expect(columnRuns(p, minLen, maxGap)).toEqual(rc);
            runs += rr.length + rc.length;
          }
        }
      }
    }
    expect(runs).toBeGreaterThan(1000);
  });

  it('clearing runs clears those pixels only', () => {
    const w = 13, h = 9;
    const p = padded(new Uint8Array(w * h).fill(1), w, h);
    clearRowRun(p, { at: 2, from: 3, to: 13 });
    clearColumnRun(p, { at: 0, from: 0, to: 9 });
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(maskAt(p, x, y)).toBe((y === 2 && x >= 3) || x === 0 ? 0 : 1);
    expect(maskAt(p, w, 2)).toBe(0);
  });

  it('labelRuns: the components, in the order, of the labeller that tried every run above', () => {
    let seed = 100;
    for (const [w, h] of sizes) {
      for (const density of [0.05, 0.3, 0.55]) {
        const m = randomMask(w, h, seed++, density);
        const want = refComponents(m, w, h);
        expect(labelRuns(maskRowRuns(padded(m, w, h)))).toEqual(want);
        // the same from a grey plane read with a stride (the orientation test's red channel)
        const rgba = new Uint8Array(w * h * 4);
        for (let i = 0; i < w * h; i++) rgba[i * 4] = m[i] ? 40 : 220;
        expect(labelRuns(planeRowRuns(rgba, 4, w, h, 128))).toEqual(want);
      }
    }
  });

  it('labelRuns: a U joins at its foot, diagonal neighbours join, a pixel apart does not', () => {
    const w = 9, h = 6;
    const m = new Uint8Array(w * h);
    for (let y = 0; y < 4; y++) { m[y * w + 1] = 1; m[y * w + 5] = 1; }
    for (let x = 1; x <= 5; x++) m[3 * w + x] = 1;
    m[5 * w + 7] = 1; // diagonal to the pixel below the foot's end
    m[4 * w + 6] = 1; // diagonal to the foot: 8-connected
    m[5 * w + 0] = 1; // nothing of row 4 within a pixel: a component of its own
    const comps = labelRuns(maskRowRuns(padded(m, w, h)));
    expect(comps).toEqual([{ x0: 1, y0: 0, x1: 8, y1: 6, area: 13 }, { x0: 0, y0: 5, x1: 1, y1: 6, area: 1 }]);
  });

  it('otsuLevel and inkAndPaper: the plain formula, on random and degenerate histograms', () => {
    const r = rng(7);
    for (let k = 0; k < 200; k++) {
      const c = new Uint32Array(256);
      const n = 1 + Math.floor(r() * 5);
      for (let j = 0; j < n; j++) c[Math.floor(r() * 256)] += Math.floor(r() * 100000);
      const want = refOtsu(c);
      expect(inkAndPaper(c)).toEqual(want);
      expect(otsuLevel(c)).toBe(want.threshold - 1);
    }
    expect(otsuLevel(new Uint32Array(256))).toBe(127);
    const one = new Uint32Array(256);
    one[200] = 50;
    expect(otsuLevel(one)).toBe(127);
  });

  it('gapRatio: the brute-force nearest neighbours', () => {
    const r = rng(11);
    for (let k = 0; k < 40; k++) {
      const comps: InkComponent[] = [];
      const n = 1 + Math.floor(r() * 60);
      for (let j = 0; j < n; j++) {
        const x0 = Math.floor(r() * 300), y0 = Math.floor(r() * 300);
        comps.push({ x0, y0, x1: x0 + 1 + Math.floor(r() * 20), y1: y0 + 1 + Math.floor(r() * 20), area: 1 });
      }
      expect(gapRatio(comps, 45)).toBe(refGapRatio(comps, 45));
    }
    // a grid of characters 10 apart across, 30 apart down: upright
    const grid: InkComponent[] = [];
    for (let y = 0; y < 5; y++) for (let x = 0; x < 8; x++) grid.push({ x0: x * 30, y0: y * 50, x1: x * 30 + 20, y1: y * 50 + 20, area: 400 });
    expect(gapRatio(grid, 60)).toBeCloseTo(31 / 11, 10);
  });

  it('emptyMask: all paper', () => {
    const m = emptyMask(5, 2);
    expect(maskRowRuns(m)).toEqual({ x0: [], x1: [], y: [] });
    expect(rowRuns(m, 1, 1)).toEqual([]);
    expect(columnRuns(m, 1, 1)).toEqual([]);
  });
});
