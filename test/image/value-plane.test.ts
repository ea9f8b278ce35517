/**
 * The brightest-channel plane of a page (`toValue`) that deskew finds the angle on is handed to
 * the rule finder when deskew leaves the image as it was: the same rules as when the rule finder
 * computes the plane itself.
 */
import { describe, expect, it } from '@jest/globals';
import { toValue } from '../../src/image/preprocess/image.js';
import { deskew } from '../../src/image/preprocess/deskew.js';
import { detectRules } from '../../src/image/preprocess/rules.js';
import type { RgbaImage } from '../../src/image/index.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** A form: paper with noise, a ruled grid, text-like blocks, a red blot. */
function form(w: number, h: number, seed: number): RgbaImage {
  const r = rng(seed);
  const d = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const j = (y * w + x) * 4;
      let v = 235 + Math.floor(r() * 20);
      const rule = y % 60 === 20 || x % 150 === 30;
      const text = y % 60 > 30 && y % 60 < 46 && x % 150 > 45 && x % 150 < 130 && x % 9 < 6;
      if (rule || text) v = 20 + Math.floor(r() * 40);
      d[j] = d[j + 1] = d[j + 2] = v;
      if (x > w / 2 && x < w / 2 + 40 && y > h / 3 && y < h / 3 + 40) { d[j] = 220; d[j + 1] = 60; d[j + 2] = 50; }
      d[j + 3] = 255;
    }
  }
  return { width: w, height: h, data: d };
}

describe('the brightest-channel plane, computed once', () => {
  it('deskew keeps the plane of a page it leaves as it is; the rules from it are those found without', () => {
    const straight = form(600, 400, 7);
    const counts = new Uint32Array(256);
    const value = { grey: toValue(straight, counts), counts };
    // below `minAngle`: left as it is
    const plain = deskew(straight, { minAngle: 0.5 });
    const handed = deskew(straight, { minAngle: 0.5, keepValue: true });
    expect(handed.angle).toBe(0);
    expect(plain.image === straight && handed.image === straight).toBe(true);
    expect(Buffer.from(handed.value!.grey.data).equals(Buffer.from(value.grey.data))).toBe(true);
    expect([...handed.value!.counts]).toEqual([...counts]);
    const rules = detectRules(straight, { scale: 2 });
    expect(rules.length).toBeGreaterThan(0);
    expect(detectRules(handed.image, { scale: 2, value: handed.value })).toEqual(rules);
    // a plane is kept only for an image left as it was
    const tilted = deskew(straight, { minAngle: -1, keepValue: true });
    expect(tilted.value).toBeUndefined();
  });
});
