/**
 * The scan-speed kinds (issue 10): detection on the inked window of a page only, and the
 * deskew rotation without a canvas round trip. Both must leave what is read unchanged: the
 * window's input is pixel for pixel the whole map's, boxes come back in page pixels; the
 * rotation puts every pixel where `unrotatePoint` says.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRenderer } from '../../src/render/index.js';
import { MAX_IMAGE_DPI, ocrPage, type OcrPageInfo } from '../../src/ocr/index.js';
import { shrinkImage } from '../../src/image/preprocess/image.js';
import type { OcrEngine } from '../../src/ocr/types.js';
import type { RgbaImage } from '../../src/ocr/types.js';
import { rotateImage, unrotatePoint } from '../../src/ocr/index.js';
import {
  DEFAULT_DETECT_OPTIONS,
  boxesFromProbabilityMap,
  detMapSize,
  inkWindow,
  makeSampler,
  prepareDetInput,
} from '../../src/ocr/engines/ppocr/detect.js';

/** White page with dark rectangles and, optionally, isolated one-pixel specks (scanner noise). */
function sheet(w: number, h: number, rects: [number, number, number, number][], specks = 0): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4).fill(255);
  const dark = (x: number, y: number): void => {
    const i = (y * w + x) * 4;
    data[i] = data[i + 1] = data[i + 2] = 20;
  };
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) dark(x, y);
  // deterministic pseudo-random specks
  let s = 12345;
  for (let k = 0; k < specks; k++) {
    s = (s * 1103515245 + 12345) >>> 0;
    const x = s % w;
    s = (s * 1103515245 + 12345) >>> 0;
    dark(x, s % h);
  }
  return { width: w, height: h, data };
}

describe('detection on the inked window', () => {
  // an A4 page at 200 dpi: a table block in the upper part, the rest white, with noise
  const page = sheet(1654, 2339, [[200, 180, 1450, 260], [200, 300, 1450, 1100], [1400, 1150, 1450, 1180]], 4000);
  const map = detMapSize(page.width, page.height, 1600);

  it('keeps the ink with its margin, leaves out the white margins and the empty lower page, despite specks', () => {
    const win = inkWindow(page, map.width, map.height, 32);
    expect(win).not.toBeNull();
    const w = win!;
    // every inked source pixel lies inside the window, at least `margin − 8` map pixels from its edge
    expect(w.x).toBeLessThanOrEqual(200 * map.scaleX - 24);
    expect(w.y).toBeLessThanOrEqual(180 * map.scaleY - 24);
    expect(w.x + w.width).toBeGreaterThanOrEqual(1450 * map.scaleX + 24);
    expect(w.y + w.height).toBeGreaterThanOrEqual(1180 * map.scaleY + 24);
    // and the window is much smaller than the map: the lower half is not in it
    expect(w.y + w.height).toBeLessThan(0.6 * map.height);
    expect(w.width % 32).toBe(0);
    expect(w.height % 32).toBe(0);
  });

  it('gives the whole map (null) to a page with ink up to its edges or none at all', () => {
    expect(inkWindow(sheet(800, 1100, [[0, 0, 800, 4], [0, 1096, 800, 1100], [0, 0, 4, 1100], [796, 0, 800, 1100]]), 576, 800, 32)).toBeNull();
    expect(inkWindow(sheet(800, 1100, []), 576, 800, 32)).toBeNull();
  });

  it('feeds the network, inside the window, exactly the values of the whole map', () => {
    const small = sheet(700, 990, [[100, 100, 600, 140], [100, 200, 300, 500]], 300);
    const m = detMapSize(small.width, small.height, 640);
    const win = inkWindow(small, m.width, m.height, 32)!;
    expect(win).not.toBeNull();
    const full = prepareDetInput(small, 640);
    const part = prepareDetInput(small, 640, 32, win);
    expect([part.width, part.height, part.offsetX, part.offsetY]).toEqual([win.width, win.height, win.x, win.y]);
    expect(part.scaleX).toBe(full.scaleX);
    const planeF = full.width * full.height;
    const planeP = part.width * part.height;
    let diff = 0;
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < part.height; y++) {
        for (let x = 0; x < part.width; x++) {
          diff += Math.abs(part.data[c * planeP + y * part.width + x] - full.data[c * planeF + (y + win.y) * full.width + x + win.x]);
        }
      }
    }
    expect(diff).toBe(0);
  });

  it('writes every value of a reused input buffer (a dirty, larger scratch gives the same input)', () => {
    const small = sheet(700, 990, [[100, 100, 600, 140], [100, 200, 300, 500]], 300);
    for (const maxSide of [640, 1600]) {
      // 640: the page shrunk (area averaging); 1600: enlarged (bilinear)
      const fresh = prepareDetInput(small, maxSide);
      const scratch = new Float32Array(fresh.data.length + 1000).fill(Number.NaN);
      const reused = prepareDetInput(small, maxSide, 32, null, scratch);
      expect(reused.data.buffer).toBe(scratch.buffer);
      expect(reused.data.length).toBe(fresh.data.length);
      let differing = 0;
      for (let i = 0; i < fresh.data.length; i++) if (!Object.is(reused.data[i], fresh.data[i])) differing++;
      expect(differing).toBe(0);
    }
    // too small: a new buffer
    const tiny = new Float32Array(16);
    expect(prepareDetInput(small, 640, 32, null, tiny).data.buffer).not.toBe(tiny.buffer);
  });

  it('puts boxes found in the window back at their place on the page', () => {
    // a probability map of a 64 × 32 window with one text core, the window at (96, 64) of the map
    const w = 64, h = 32;
    const prob = new Float32Array(w * h);
    for (let y = 10; y < 20; y++) for (let x = 10; x < 50; x++) prob[y * w + x] = 0.9;
    const [inWindow] = boxesFromProbabilityMap(prob, w, h, { scaleX: 0.5, scaleY: 0.5, offsetX: 96, offsetY: 64 }, DEFAULT_DETECT_OPTIONS);
    const [atOrigin] = boxesFromProbabilityMap(prob, w, h, { scaleX: 0.5, scaleY: 0.5 }, DEFAULT_DETECT_OPTIONS);
    expect(inWindow.cx - atOrigin.cx).toBeCloseTo(96 / 0.5, 6);
    expect(inWindow.cy - atOrigin.cy).toBeCloseTo(64 / 0.5, 6);
    expect(inWindow.w).toBeCloseTo(atOrigin.w, 6);
  });
});

describe('deskew rotation', () => {
  it('leaves the image as it is at 0°, and maps every pixel where unrotatePoint says', () => {
    const img = sheet(400, 300, [[50, 40, 350, 44], [100, 100, 140, 200], [300, 150, 302, 290]]);
    expect(Buffer.compare(Buffer.from(rotateImage(img, 0).data), Buffer.from(img.data))).toBe(0);
    const angle = 1.5;
    const out = rotateImage(img, angle);
    expect([out.width, out.height]).toEqual([400, 300]);
    // sample dark pixels of the output: their source (turned back) is dark in the input
    let checked = 0;
    for (let y = 0; y < 300; y += 3) {
      for (let x = 0; x < 400; x += 3) {
        const v = out.data[(y * 400 + x) * 4];
        if (v > 30) continue;
        const [sx, sy] = unrotatePoint(x + 0.5, y + 0.5, angle, 400, 300);
        const i = (Math.floor(sy) * 400 + Math.floor(sx)) * 4;
        expect(img.data[i]).toBeLessThan(128);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // outside the source: white, opaque
    const corner = rotateImage(sheet(400, 300, [[0, 0, 400, 300]]), 3);
    expect(Array.from(corner.data.subarray(0, 4))).toEqual([255, 255, 255, 255]);
  });
});

describe('reading through the red channel without a copy', () => {
  it('gives the detector and the sampler exactly what a grey copy of the red channel gives', () => {
    const w = 300, h = 200;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      data[i * 4] = (i * 37) % 256;
      data[i * 4 + 1] = (i * 91) % 256;
      data[i * 4 + 2] = (i * 13) % 256;
      data[i * 4 + 3] = 255;
    }
    const copy = new Uint8ClampedArray(data);
    for (let j = 0; j < copy.length; j += 4) copy[j + 1] = copy[j + 2] = copy[j];
    const view = { width: w, height: h, data, redOnly: true };
    const grey = { width: w, height: h, data: copy };
    for (const maxSide of [96, 640]) {
      expect(Array.from(prepareDetInput(view, maxSide).data)).toEqual(Array.from(prepareDetInput(grey, maxSide).data));
    }
    const sv = makeSampler(view), sg = makeSampler(grey);
    const a = [0, 0, 0], b = [0, 0, 0];
    for (const [x, y] of [[0.3, 0.7], [150.5, 99.2], [-0.5, 10], [299.6, 199.9]]) {
      sv(x, y, a);
      sg(x, y, b);
      expect(a).toEqual(b);
    }
  });
});

describe('scans finer than the reading needs are shrunk first', () => {
  it('shrinkImage averages areas and keeps an image that is not to be shrunk', () => {
    const img = sheet(300, 200, [[0, 0, 150, 200]]);
    expect(shrinkImage(img, 1)).toBe(img);
    const half = shrinkImage(img, 0.5);
    expect([half.width, half.height]).toEqual([150, 100]);
    expect(half.data[(50 * 150 + 10) * 4]).toBe(20);
    expect(half.data[(50 * 150 + 140) * 4]).toBe(255);
    expect(shrinkImage(img, 2 / 3).width).toBe(200);
    // a one-pixel dark column is averaged with its light neighbour
    const line = shrinkImage(sheet(300, 300, [[0, 0, 1, 300]]), 0.5);
    expect(line.data[0]).toBeGreaterThan(100);
    expect(line.data[0]).toBeLessThan(180);
  });

  const here = path.dirname(fileURLToPath(import.meta.url));
  const scan = path.resolve(here, '../../samples/hongshan-2021-declaration-rebuilt-scan.pdf');
  (existsSync(scan) ? it : it.skip)('reads a 300 dpi scan at 200 dpi (maxImageDpi, the default), the words where the full-resolution reading puts them', async () => {
    const { createOcrEngine } = await import('../../src/ocr/engines/index.js');
    const engine = await createOcrEngine('ppocr');
    const renderer = await openRenderer(new Uint8Array(readFileSync(scan)));
    try {
      const size = await renderer.pageSize(3);
      const widths: number[] = [];
      const seen: OcrEngine = { name: engine.name, recognize: (img, o) => (widths.push(img.width), engine.recognize(img, o)), terminate: () => engine.terminate() };
      const infos: OcrPageInfo[] = [];
      const small = await ocrPage(renderer, { number: 3, ...size }, { mode: 'auto', engine: seen, onPage: (i) => infos.push(i) }); // default: MAX_IMAGE_DPI
      const full = await ocrPage(renderer, { number: 3, ...size }, { mode: 'auto', engine: seen, maxImageDpi: Infinity, onPage: (i) => infos.push(i) });
      expect(infos.map((i) => i.dpi)).toEqual([MAX_IMAGE_DPI, 300]);
      expect(widths[0]).toBeLessThan(0.7 * widths[widths.length - 1]);
      // the same words (most of them), at the same place on the page (points)
      let matched = 0;
      for (const w of full.words) {
        const m = small.words.find((s) => s.text === w.text && Math.abs(s.box.x0 - w.box.x0) < 3 && Math.abs(s.box.y0 - w.box.y0) < 3);
        if (m) matched++;
      }
      expect(full.words.length).toBeGreaterThan(5);
      expect(matched / full.words.length).toBeGreaterThanOrEqual(0.8);
    } finally {
      await renderer.close();
      await engine.terminate();
    }
  });
});
