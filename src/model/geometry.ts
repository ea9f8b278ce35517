/**
 * Geometry shared by every stage. Coordinates are in PDF points (1/72 inch) with the
 * origin at the page's top-left corner and y growing downwards, whatever the backend
 * (pdfjs text, OCR pixels scaled to points, plain text with one unit per character/line).
 */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function boxWidth(b: Box): number {
  return b.x1 - b.x0;
}

export function boxHeight(b: Box): number {
  return b.y1 - b.y0;
}

/** The smallest box holding all the given boxes; undefined for none. */
export function unionBoxes(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    if (b.x0 < x0) x0 = b.x0;
    if (b.y0 < y0) y0 = b.y0;
    if (b.x1 > x1) x1 = b.x1;
    if (b.y1 > y1) y1 = b.y1;
  }
  return { x0, y0, x1, y1 };
}

/** Length of the overlap of two intervals (0 when they do not overlap). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Round to 2 decimals so that boxes serialize deterministically and compactly. */
export function roundBox(b: Box): Box {
  const r = (v: number) => Math.round(v * 100) / 100;
  return { x0: r(b.x0), y0: r(b.y0), x1: r(b.x1), y1: r(b.y1) };
}
