/** Loading the OCR fixture images (test/fixtures/ocr/*.png) as RGBA bitmaps, and scoring reads. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { OcrWord, RgbaImage } from '../../../src/ocr/types.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');

/** Strings each fixture must yield, in reading order (written by make-fixtures.mjs). */
export const EXPECTED = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, string[]>;

export async function loadFixture(name: string): Promise<RgbaImage> {
  const img = await loadImage(readFileSync(path.join(FIXTURES, name)));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height);
  return { width: data.width, height: data.height, data: data.data };
}

/** Share of `expected` strings found as a whole word's text (spaces ignored). */
export function shareExact(words: OcrWord[], expected: string[]): number {
  const texts = new Set(words.map((w) => w.text.replace(/\s+/g, '')));
  return expected.filter((e) => texts.has(e)).length / expected.length;
}

/** Every box inside the image, non-empty; every confidence in 0..1. */
export function checkWords(words: OcrWord[], image: RgbaImage): void {
  for (const w of words) {
    const { x0, y0, x1, y1 } = w.box;
    if (!(x0 >= 0 && y0 >= 0 && x1 <= image.width && y1 <= image.height && x0 < x1 && y0 < y1)) {
      throw new Error(`box outside the ${image.width}×${image.height} image: ${JSON.stringify(w)}`);
    }
    if (!(w.confidence >= 0 && w.confidence <= 1)) throw new Error(`confidence out of 0..1: ${JSON.stringify(w)}`);
    if (!w.text.trim()) throw new Error(`empty word: ${JSON.stringify(w)}`);
  }
}

/**
 * Reading order: each word either starts a later line (its centre is below the previous word's
 * box) or continues the line to the right of the previous word.
 */
export function inReadingOrder(words: OcrWord[]): boolean {
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1].box;
    const b = words[i].box;
    const bc = (b.y0 + b.y1) / 2;
    const ac = (a.y0 + a.y1) / 2;
    const sameLine = Math.abs(bc - ac) < Math.min(a.y1 - a.y0, b.y1 - b.y0) / 2;
    if (sameLine ? b.x0 < a.x0 : bc < ac) return false;
  }
  return true;
}
