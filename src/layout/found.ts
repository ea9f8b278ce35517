/**
 * What the table finders hand to the join and reading-order steps: the public Table plus
 * the geometry needed to continue it on the next page.
 */
import type { Box } from '../model/geometry.js';
import type { Cell, Table } from '../model/layout.js';
import type { Word } from '../model/page.js';
import { joinWrapped } from '../text/normalize.js';
import { groupWordsIntoLines, joinLineWords, meanConfidence, type LineSettings } from './lines.js';

export interface FoundTable {
  table: Table;
  /** Page of the (first) part. */
  page: number;
  /** Box of the first part on its page (reading-order position). */
  box: Box;
  /** Column separators, left to right (nCols + 1 values). */
  xs: number[];
  /** Row separators of the first part, top to bottom (nRows + 1 values). */
  ys: number[];
  /** Page and box of the last part (for joining with the next page). */
  lastPage: number;
  lastBox: Box;
}

/** Sort numbers and merge values closer than `tol` (chained) into their mean. */
export function clusterValues(values: readonly number[], tol: number): number[] {
  const v = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const x of v) {
    if (group.length && x - group[group.length - 1] > tol) {
      out.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(x);
  }
  if (group.length) out.push(group.reduce((a, b) => a + b, 0) / group.length);
  return out;
}

/** Index of the interval [sep[i], sep[i+1]) holding v, or -1. */
export function intervalIndex(seps: readonly number[], v: number): number {
  if (v < seps[0] || v > seps[seps.length - 1]) return -1;
  for (let i = 0; i < seps.length - 1; i++) if (v < seps[i + 1]) return i;
  return seps.length - 2;
}

export function centre(b: Box): [number, number] {
  return [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
}

/**
 * The point that decides which cell a word belongs to: its centre, except that a word
 * wider than one em is placed by its first character (x0 + em/2): text overflowing its
 * cell to the right (a spreadsheet's long label) stays in the cell where it starts.
 * For a word inside one cell both points are in that cell.
 */
export function anchor(w: Word): [number, number] {
  const em = w.fontSize ?? w.box.y1 - w.box.y0;
  const [cx, cy] = centre(w.box);
  return [Math.min(cx, w.box.x0 + em / 2), cy];
}

/** The text of the words of one cell: lines in reading order, wrapped lines joined. */
export function cellText(words: readonly Word[], settings: Partial<LineSettings>): string {
  if (!words.length) return '';
  const lines = groupWordsIntoLines(words, settings);
  return joinWrapped(lines.map((l) => joinLineWords(l.words, settings)));
}

export function makeCell(
  row: number,
  col: number,
  rowSpan: number,
  colSpan: number,
  box: Box,
  words: readonly Word[],
  page: number,
  settings: Partial<LineSettings>,
): Cell {
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const ref: Cell['ref'] = { page, box: { x0: r2(box.x0), y0: r2(box.y0), x1: r2(box.x1), y1: r2(box.y1) } };
  const c = meanConfidence(words);
  if (c !== undefined) ref.confidence = c;
  return { row, col, rowSpan, colSpan, text: cellText(words, settings), ref };
}
