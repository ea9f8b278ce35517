import { describe, expect, it } from '@jest/globals';
/**
 * suppressRed's rim (light pixels near seal ink pushed to white) is found by dilating the ink
 * mask along rows then columns, inside the ink's bounding box: it must whiten exactly the
 * pixels that a test of every neighbour in the (2·rim+1)² square whitens, image borders
 * included, whether the result is a copy or the image itself (`inPlace`).
 */
import { suppressRed } from '../../src/image/preprocess/seal.js';

function reference(d: Uint8ClampedArray, w: number, h: number, t: number, gain: number, rim: number, rimLight: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(d);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const j = i * 4;
    if (d[j] - d[j + 1] > t && d[j] - d[j + 2] > t) {
      out[j] = out[j + 1] = out[j + 2] = Math.min(255, d[j] * gain);
      mask[i] = 1;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x, j = i * 4;
      if (mask[i] || ((d[j] * 77 + d[j + 1] * 150 + d[j + 2] * 29) >> 8) < rimLight) continue;
      let near = false;
      for (let yy = Math.max(0, y - rim); yy <= Math.min(h - 1, y + rim); yy++) {
        for (let xx = Math.max(0, x - rim); xx <= Math.min(w - 1, x + rim); xx++) if (mask[yy * w + xx]) near = true;
      }
      if (near) out[j] = out[j + 1] = out[j + 2] = 255;
    }
  }
  return out;
}

describe('suppressRed rim', () => {
  it.each([1, 2, 3])('whitens the same pixels as a test of every neighbour (rim %i)', (rim) => {
    const w = 41, h = 23;
    const d = new Uint8ClampedArray(w * h * 4);
    // a pseudo-random page: paper, grey print, pinkish rims, red ink, also on the borders
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < w * h; i++) {
      const j = i * 4, u = rnd();
      const [r, g, b] = u < 0.08 ? [200, 60, 70] : u < 0.2 ? [60, 60, 60] : u < 0.4 ? [235, 190, 195] : [250, 248, 246];
      d[j] = r; d[j + 1] = g; d[j + 2] = b; d[j + 3] = 255;
    }
    for (const i of [0, w - 1, (h - 1) * w, w * h - 1]) { d[i * 4] = 210; d[i * 4 + 1] = 40; d[i * 4 + 2] = 40; }
    const got = suppressRed({ width: w, height: h, data: d }, { rim });
    expect(Buffer.from(got.image.data.buffer).equals(Buffer.from(reference(d, w, h, 28, 1.5, rim, 140).buffer))).toBe(true);
    expect(got.redPixels).toBeGreaterThan(0);
  });

  it.each([1, 2, 3])('a seal in one part of the page, in a copy or in place: the same pixels (rim %i)', (rim) => {
    const w = 60, h = 45;
    const d = new Uint8ClampedArray(w * h * 4);
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const j = (y * w + x) * 4, u = rnd();
        // red ink and pink rims only in a box near the right edge; print and paper everywhere
        const seal = x >= 40 && x < 59 && y >= 12 && y < 30;
        const [r, g, b] = seal && u < 0.3 ? [200, 60, 70] : seal && u < 0.5 ? [235, 190, 195] : u < 0.15 ? [60, 60, 60] : [250, 248, 246];
        d[j] = r; d[j + 1] = g; d[j + 2] = b; d[j + 3] = 255;
      }
    }
    const want = reference(d, w, h, 28, 1.5, rim, 140);
    const copy = suppressRed({ width: w, height: h, data: d }, { rim });
    expect(Buffer.from(copy.image.data.buffer).equals(Buffer.from(want.buffer))).toBe(true);
    const own = new Uint8ClampedArray(d);
    const inPlace = suppressRed({ width: w, height: h, data: own }, { rim, inPlace: true });
    expect(inPlace.image.data).toBe(own);
    expect(Buffer.from(own.buffer).equals(Buffer.from(want.buffer))).toBe(true);
    expect(inPlace.redPixels).toBe(copy.redPixels);
  });
});
