import type { OcrWord } from '../types.js';

/**
 * Top-to-bottom, then left-to-right within a line. Words sorted by vertical centre start a new
 * line where the centre jumps by half a word height or more from the previous word's, so the
 * words of a slightly tilted line (whose centres drift across the page) stay one line.
 */
export function sortReadingOrder(words: OcrWord[]): OcrWord[] {
  const byCentre = [...words].sort(byVerticalCentre);
  const lines: OcrWord[][] = [];
  let prev: OcrWord | undefined;
  for (const w of byCentre) {
    const h = prev ? Math.min(prev.box.y1 - prev.box.y0, w.box.y1 - w.box.y0) : 0;
    if (prev && centre(w) - centre(prev) < h / 2) lines[lines.length - 1].push(w);
    else lines.push([w]);
    prev = w;
  }
  return lines.flatMap((l) => l.sort(byLeftEdge));
}

// module-level, not made per call: see docs/ARCHITECTURE.md, "Hot loops"
function centre(w: OcrWord): number {
  return (w.box.y0 + w.box.y1) / 2;
}
function byVerticalCentre(a: OcrWord, b: OcrWord): number {
  return centre(a) - centre(b);
}
function byLeftEdge(a: OcrWord, b: OcrWord): number {
  return a.box.x0 - b.box.x0;
}
