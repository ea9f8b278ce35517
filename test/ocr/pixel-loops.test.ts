/**
 * The per-pixel loops of a scanned page, made cheaper (issue 10), give the same values as the
 * plain formulas they replace: the recogniser's crops as `makeSampler` samples them, vertical
 * ruling lines as the horizontal ones of the transposed image, and (within 1, integer weights)
 * the deskew rotation as a per-channel bilinear sum. Readings stay byte-identical only if the
 * exact ones do.
 */
import { describe, expect, it } from '@jest/globals';
import { makeSampler, type EngineImage, type TextBox } from '../../src/ocr/engines/ppocr/detect.js';
import { REC_HEIGHT, writeCrop } from '../../src/ocr/engines/ppocr/recognize.js';
import { rotateImage } from '../../src/image/preprocess/deskew.js';
import { detectRules } from '../../src/image/preprocess/rules.js';
import type { RgbaImage } from '../../src/ocr/types.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** Paper (one colour) with noisy patches of ink: flat regions and varied ones. */
function page(w: number, h: number, seed: number): RgbaImage {
  const r = rng(seed);
  const data = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let k = 0; k < 40; k++) {
    const x0 = Math.floor(r() * w), y0 = Math.floor(r() * h);
    const x1 = Math.min(w, x0 + 5 + Math.floor(r() * 60)), y1 = Math.min(h, y0 + 3 + Math.floor(r() * 30));
    const flat = r() < 0.5;
    const c = [Math.floor(r() * 256), Math.floor(r() * 256), Math.floor(r() * 256)];
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * w + x) * 4;
        for (let ch = 0; ch < 3; ch++) data[i + ch] = flat ? c[ch] : Math.floor(r() * 256);
      }
    }
  }
  return { width: w, height: h, data };
}

/** `writeCrop` as it was: every sample through `makeSampler`, every channel. */
function referenceCrop(image: EngineImage, box: TextBox, width: number, out: Float32Array, slot: number, batchWidth: number): void {
  const sample = makeSampler(image);
  const cos = Math.cos(box.angle), sin = Math.sin(box.angle);
  const stepU = box.w / width, stepV = box.h / REC_HEIGHT;
  const ss = Math.min(3, Math.max(1, Math.round(Math.max(stepU, stepV))));
  const plane = REC_HEIGHT * batchWidth;
  const base = slot * 3 * plane;
  const px = [0, 0, 0];
  for (let y = 0; y < REC_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0;
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

/** The deskew rotation as a plain per-channel bilinear sum (white outside). */
function referenceRotation(img: RgbaImage, angleDeg: number): Uint8ClampedArray {
  const { width: w, height: h, data } = img;
  const out = new Uint8ClampedArray(w * h * 4);
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a), sin = Math.sin(a);
  for (let y = 0; y < h; y++) {
    const dy = y + 0.5 - h / 2;
    let sx = w / 2 + (0.5 - w / 2) * cos - dy * sin - 0.5;
    let sy = h / 2 + (0.5 - w / 2) * sin + dy * cos - 0.5;
    for (let x = 0; x < w; x++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      const fx = sx - x0, fy = sy - y0;
      const at = (xx: number, yy: number, c: number) => (xx < 0 || yy < 0 || xx >= w || yy >= h ? 255 : data[(yy * w + xx) * 4 + c]);
      const o = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) {
        out[o + c] = at(x0, y0, c) * ((1 - fx) * (1 - fy)) + at(x0 + 1, y0, c) * (fx * (1 - fy)) + at(x0, y0 + 1, c) * ((1 - fx) * fy) + at(x0 + 1, y0 + 1, c) * (fx * fy);
      }
      out[o + 3] = 255;
    }
  }
  return out;
}

describe('per-pixel loops give the plain formulas\' values', () => {
  it('writeCrop: every crop value as makeSampler gives it (all channels, or the red one), edges and tilted boxes included', () => {
    const img = page(400, 300, 3);
    const r = rng(11);
    for (let k = 0; k < 60; k++) {
      const box: TextBox = { cx: r() * 400, cy: r() * 300, w: 8 + r() * 300, h: 6 + r() * 90, angle: k % 3 ? 0 : (r() - 0.5) * 0.2, score: 1 };
      const width = Math.max(8, Math.ceil((REC_HEIGHT * box.w) / box.h));
      const bw = Math.ceil(Math.max(64, width) / 8) * 8;
      for (const redOnly of [false, true]) {
        const image: EngineImage = redOnly ? { ...img, redOnly } : img;
        const a = new Float32Array(2 * 3 * REC_HEIGHT * bw), b = new Float32Array(2 * 3 * REC_HEIGHT * bw);
        writeCrop(image, box, width, a, 1, bw);
        referenceCrop(image, box, width, b, 1, bw);
        expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
      }
    }
  });

  it('rotateImage: within 1 of the per-channel sum (integer weights), flat paper copied as it is', () => {
    const img = page(300, 200, 5);
    for (const angle of [0.07, -0.9, 1.3, -2.6]) {
      const a = rotateImage(img, angle).data, b = referenceRotation(img, angle);
      let off = 0, most = 0;
      for (let i = 0; i < a.length; i++) {
        most = Math.max(most, Math.abs(a[i] - b[i]));
        if (a[i] !== b[i]) off++;
      }
      expect(most).toBeLessThanOrEqual(1);
      // noisy patches of random values are the worst case (measured 0.5% off by 1 on real scans)
      expect(off / a.length).toBeLessThan(0.05);
    }
    // all paper: all paper, to the byte
    const white: RgbaImage = { width: 50, height: 40, data: new Uint8ClampedArray(50 * 40 * 4).fill(255) };
    expect(Buffer.from(rotateImage(white, 1.7).data).equals(Buffer.from(white.data))).toBe(true);
  });

  it('detectRules: vertical lines are the horizontal ones of the transposed image', () => {
    const w = 320, h = 240;
    const img: RgbaImage = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(255) };
    const ink = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data.fill(30, (y * w + x) * 4, (y * w + x) * 4 + 3);
    };
    // a grid with a broken line, a thick one, one touching the edge, and a short stroke
    ink(20, 20, 300, 22); ink(20, 120, 150, 121); ink(153, 120, 300, 121); ink(20, 200, 300, 204);
    ink(20, 20, 22, 204); ink(160, 20, 161, 239); ink(298, 20, 301, 204); ink(60, 60, 100, 61);
    const t: RgbaImage = { width: h, height: w, data: new Uint8ClampedArray(w * h * 4) };
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) t.data.set(img.data.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (x * h + y) * 4);
    const key = (r: { x0: number; y0: number; x1: number; y1: number }) => `${r.x0},${r.y0},${r.x1},${r.y1}`;
    const rules = detectRules(img, { scale: 1, minLength: 20, threshold: 128 });
    const turned = detectRules(t, { scale: 1, minLength: 20, threshold: 128 }).map((r) => ({ x0: r.y0, y0: r.x0, x1: r.y1, y1: r.x1 }));
    expect(rules.length).toBeGreaterThan(5);
    expect(rules.map(key).sort()).toEqual(turned.map(key).sort());
  });
});
