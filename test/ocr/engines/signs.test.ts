/** A comparison sign PP-OCR read as `2` or `>`: put back from the runner-up class's probability. */
import { describe, expect, test } from '@jest/globals';
import { ctcGreedy, rescueComparisonSigns } from '../../../src/ocr/engines/ppocr/recognize.js';

// classes: 0 blank, then the key file: 1 '2', 2 '5', 3 '3', 4 '次', 5 '≥', 6 '≤', 7 '>'
const charset = ['2', '5', '3', '次', '≥', '≤', '>'];
const C = charset.length + 1;
/** One step per entry: [class, its probability, {class: probability} of others]; every other class 1e-6. */
function probs(steps: [number, number, Record<number, number>?][]): Float32Array {
  const out = new Float32Array(steps.length * C);
  steps.forEach(([k, p, others = {}], t) => {
    for (let j = 0; j < C; j++) out[t * C + j] = 1e-6;
    for (const [j, q] of Object.entries(others)) out[t * C + Number(j)] = q;
    out[t * C + k] = p;
  });
  return out;
}
const read = (steps: [number, number, Record<number, number>?][]) =>
  rescueComparisonSigns(ctcGreedy(probs(steps), 0, steps.length, C, charset)).map((c) => c.char).join('');

describe('rescueComparisonSigns', () => {
  test('a 2 opening a number whose step gave ≥ a few per cent is ≥ (253次 → ≥53次)', () => {
    expect(read([[1, 0.88, { 5: 0.016 }], [0, 0.9], [2, 0.99], [3, 0.99], [4, 0.99]])).toBe('≥53次');
  });
  test('a genuine 2 (the sign at 1e-5) stays, and so does a 2 inside a number', () => {
    expect(read([[1, 0.99, { 5: 1e-5 }], [2, 0.99], [3, 0.99], [4, 0.99]])).toBe('253次');
    expect(read([[2, 0.99], [1, 0.9, { 5: 0.05 }], [3, 0.99]])).toBe('523');
  });
  test('a > is ≥ only when ≥ came close to it (0.44 of its probability), not for a printed > (0.11)', () => {
    expect(read([[7, 0.46, { 5: 0.2 }], [1, 0.99], [2, 0.99]])).toBe('≥25');
    expect(read([[7, 0.78, { 5: 0.088 }], [1, 0.99], [2, 0.99]])).toBe('>25');
  });
  test('a 2 that opens no number (nothing or a unit follows) stays', () => {
    expect(read([[1, 0.88, { 5: 0.05 }], [4, 0.99]])).toBe('2次');
  });
});

describe('a sign lost to the blank class', () => {
  test('blank steps that gave ≥ a few per cent right before a number put it back (5000亩 → ≥5000亩)', () => {
    expect(read([[0, 0.59, { 5: 0.046 }], [2, 0.99], [3, 0.99], [4, 0.99]])).toBe('≥53次');
    expect(read([[0, 0.59, { 6: 0.3 }], [2, 0.99], [3, 0.99]])).toBe('≤53');
  });
  test('not below 0.02, not inside a number, not after a sign already read', () => {
    expect(read([[0, 0.98, { 5: 0.006 }], [2, 0.99], [3, 0.99]])).toBe('53');
    expect(read([[2, 0.99], [0, 0.59, { 5: 0.1 }], [3, 0.99]])).toBe('53');
    expect(read([[5, 0.99], [0, 0.59, { 5: 0.3 }], [2, 0.99]])).toBe('≥5');
  });
});
