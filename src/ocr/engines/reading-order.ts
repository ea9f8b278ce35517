import type { OcrWord } from '../types.js';

/**
 * Top-to-bottom, then left-to-right within a line. Words sorted by vertical centre start a new
 * line where the centre jumps by half a word height or more from the previous word's, so the
 * words of a slightly tilted line (whose centres drift across the page) stay one line.
 */
export function sortReadingOrder(words: OcrWord[]): OcrWord[] {
  const centre = (w: OcrWord): number => (w.box.y0 + w.box.y1) / 2;
  const byCentre = [...words].sort((a, b) => centre(a) - centre(b));
  const lines: OcrWord[][] = [];
  let prev: OcrWord | undefined;
  for (const w of byCentre) {
    const h = prev ? Math.min(prev.box.y1 - prev.box.y0, w.box.y1 - w.box.y0) : 0;
    if (prev && centre(w) - centre(prev) < h / 2) lines[lines.length - 1].push(w);
    else lines.push([w]);
    prev = w;
  }
  return lines.flatMap((l) => l.sort((a, b) => a.box.x0 - b.box.x0));
}
