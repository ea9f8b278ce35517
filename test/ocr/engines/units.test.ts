import { describe, expect, test } from '@jest/globals';
import { boxesFromProbabilityMap, DEFAULT_DETECT_OPTIONS } from '../../../src/ocr/engines/ppocr/detect.js';
import { ctcGreedy } from '../../../src/ocr/engines/ppocr/recognize.js';
import { sortReadingOrder } from '../../../src/ocr/engines/reading-order.js';
import { whitenRules, wordsOfPage } from '../../../src/ocr/engines/tesseract/index.js';
import type { OcrWord } from '../../../src/ocr/types.js';

describe('CTC greedy decoding', () => {
  // classes: 0 blank, 1 'a', 2 'b', 3 ' '
  const charset = ['a', 'b', ' '];
  const seq = (labels: number[], p = 0.9): Float32Array => {
    const out = new Float32Array(labels.length * 4).fill((1 - p) / 3);
    labels.forEach((k, t) => (out[t * 4 + k] = p));
    return out;
  };
  test('collapses repeats, drops blanks, keeps a repeat separated by a blank', () => {
    const chars = ctcGreedy(seq([1, 1, 0, 1, 2, 2, 0, 0, 3, 2]), 0, 10, 4, charset);
    expect(chars.map((c) => c.char).join('')).toBe('aab b');
    expect(chars[0]).toMatchObject({ first: 0, last: 1 });
    expect(chars[2]).toMatchObject({ first: 4, last: 5 });
  });
  test('the argmax that stops at a class above one half gives what a full scan gives', () => {
    let seed = 5;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const C = 50, T = 400;
    const chars = Array.from({ length: C - 1 }, (_, i) => String.fromCharCode(0x4e00 + i));
    const probs = new Float32Array(T * C);
    for (let t = 0; t < T; t++) {
      // softmax rows, from flat to peaked (the peak anywhere, the blank included)
      const peak = Math.floor(rnd() * C), height = rnd() * 12;
      const e = Array.from({ length: C }, (_, k) => Math.exp(rnd() * 2 + (k === peak ? height : 0)));
      const sum = e.reduce((a, b) => a + b, 0);
      e.forEach((v, k) => (probs[t * C + k] = v / sum));
    }
    const reference: string[] = [];
    let prev = 0;
    for (let t = 0; t < T; t++) {
      let best = 0;
      for (let k = 1; k < C; k++) if (probs[t * C + k] > probs[t * C + best]) best = k;
      if (best !== 0 && best !== prev) reference.push(chars[best - 1]);
      prev = best;
    }
    expect(ctcGreedy(probs, 0, T, C, chars).map((c) => c.char)).toEqual(reference);
  });
  test('stops at the used steps (padding is not decoded)', () => {
    expect(ctcGreedy(seq([1, 0, 2, 2]), 0, 4, 4, charset, 2).map((c) => c.char)).toEqual(['a']);
  });
});

describe('DB boxes from a probability map', () => {
  test('one text region → one box, grown by the unclip distance and scaled back', () => {
    const w = 64;
    const h = 32;
    const prob = new Float32Array(w * h);
    for (let y = 10; y < 16; y++) for (let x = 8; x < 48; x++) prob[y * w + x] = 0.9;
    const boxes = boxesFromProbabilityMap(prob, w, h, { scaleX: 0.5, scaleY: 0.5 }, DEFAULT_DETECT_OPTIONS);
    expect(boxes).toHaveLength(1);
    const [b] = boxes;
    // region 40 × 6 map pixels, offset d = 240 × 1.6 / 92 ≈ 4.17
    const d = (40 * 6 * DEFAULT_DETECT_OPTIONS.unclipRatio) / (2 * 46);
    expect(b.angle).toBe(0);
    expect(b.w).toBeCloseTo((40 + 2 * d) * 2, 5);
    expect(b.h).toBeCloseTo((6 + 2 * d) * 2, 5);
    expect(b.cx).toBeCloseTo(28 * 2, 5);
    expect(b.cy).toBeCloseTo(13 * 2, 5);
    expect(b.score).toBeCloseTo(0.9, 5);
  });
  test('weak regions and specks are dropped; two regions stay two boxes', () => {
    const w = 64;
    const h = 32;
    const prob = new Float32Array(w * h);
    for (let y = 4; y < 10; y++) for (let x = 4; x < 20; x++) prob[y * w + x] = 0.9;
    for (let y = 4; y < 10; y++) for (let x = 30; x < 60; x++) prob[y * w + x] = 0.9;
    for (let y = 20; y < 26; y++) for (let x = 4; x < 40; x++) prob[y * w + x] = 0.45; // below boxThreshold
    prob[30 * w + 50] = 0.9; // speck
    const boxes = boxesFromProbabilityMap(prob, w, h, { scaleX: 1, scaleY: 1 }, DEFAULT_DETECT_OPTIONS);
    expect(boxes.map((b) => Math.round(b.cx))).toEqual([12, 45]);
  });
  test('a tilted line gets its angle', () => {
    const w = 128;
    const h = 64;
    const prob = new Float32Array(w * h);
    const a = (3 * Math.PI) / 180;
    for (let x = 10; x < 110; x++) {
      const yc = 30 + (x - 60) * Math.tan(a);
      for (let y = Math.round(yc - 3); y <= Math.round(yc + 3); y++) prob[y * w + x] = 0.9;
    }
    const [b] = boxesFromProbabilityMap(prob, w, h, { scaleX: 1, scaleY: 1 }, DEFAULT_DETECT_OPTIONS);
    expect(b.angle).toBeCloseTo(a, 1);
  });
});

describe('reading order', () => {
  const word = (text: string, x0: number, y0: number): OcrWord => ({ text, box: { x0, y0, x1: x0 + 50, y1: y0 + 20 }, confidence: 1 });
  test('lines top to bottom, words left to right, a slightly tilted line kept whole', () => {
    // line 1 drifts down 12 px across the page (tilt), line 2 starts 40 px lower
    const words = [word('c', 400, 112), word('d', 0, 140), word('a', 0, 100), word('b', 200, 106), word('e', 200, 146)];
    expect(sortReadingOrder(words).map((w) => w.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('tesseract helpers', () => {
  test('whitenRules erases long lines and keeps characters', () => {
    const w = 120;
    const h = 120;
    const grey = new Uint8Array(w * h).fill(255);
    for (let y = 5; y < 115; y++) grey[y * w + 60] = 0; // vertical rule
    for (let x = 5; x < 115; x++) grey[100 * w + x] = 0; // horizontal rule
    for (let y = 20; y < 40; y++) for (let x = 20; x < 23; x++) grey[y * w + x] = 0; // a stroke, 20 px
    whitenRules(grey, w, h, 60);
    expect(grey[50 * w + 60]).toBe(255);
    expect(grey[100 * w + 30]).toBe(255);
    expect(grey[30 * w + 21]).toBe(0);
  });
  test('wordsOfPage joins close words of a line, splits at gaps and at rules read as |', () => {
    const bbox = (x0: number, x1: number) => ({ x0, y0: 10, x1, y1: 40 });
    const page = {
      blocks: [
        {
          paragraphs: [
            {
              lines: [
                {
                  bbox: bbox(0, 600),
                  words: [
                    { text: '项目', confidence: 90, bbox: bbox(0, 60) },
                    { text: '名称', confidence: 70, bbox: bbox(65, 125) },
                    { text: '|', confidence: 50, bbox: bbox(140, 145) },
                    { text: '19.98', confidence: 80, bbox: bbox(150, 220) },
                    { text: '万元', confidence: 80, bbox: bbox(400, 460) },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const words = wordsOfPage(page as never, { width: 600, height: 100, data: new Uint8Array(0) }, 0.8);
    expect(words.map((w) => w.text)).toEqual(['项目名称', '19.98', '万元']);
    expect(words[0].confidence).toBeCloseTo(0.8, 5);
    expect(words[0].box).toEqual({ x0: 0, y0: 10, x1: 125, y1: 40 });
  });
});
