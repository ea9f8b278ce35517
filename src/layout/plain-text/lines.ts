/** The plain-text pseudo-page read back into source lines, and the draft tables built from them. */
import type { Box } from '../../model/geometry.js';
import type { Page } from '../../model/page.js';

const LINE_HEIGHT = 10;
const COL_WIDTH = 100;

/** One non-empty fragment at its column. */
export interface RCell {
  col: number;
  text: string;
  /** 1-based line the fragment came from (first line for wrapped cells). */
  line: number;
  box: Box;
  /** Set on cells re-attached from a torn-off block (not part of the row as first printed). */
  attached?: boolean;
}

/** One line of the file: its non-empty fragments and how many fragments it had in all. */
export interface SrcLine {
  line: number;
  cells: RCell[];
  nFrags: number;
}

/** A table being built: rows of cells, with the row indexes that follow a blank line. */
export interface Row {
  line: number;
  cells: RCell[];
  nFrags: number;
}

export interface Draft {
  rows: Row[];
  /** Row indexes that start a new section (a blank line came before them). */
  breaks: Set<number>;
  nCols: number;
}

/** The page's lines 1..last, blank ones with no cells. */
export function readLines(page: Page): SrcLine[] {
  const byLine = new Map<number, SrcLine>();
  let last = 0;
  const get = (line: number): SrcLine => {
    let l = byLine.get(line);
    if (!l) {
      l = { line, cells: [], nFrags: 1 };
      byLine.set(line, l);
    }
    if (line > last) last = line;
    return l;
  };
  for (const w of page.words) {
    const line = w.line ?? Math.round(w.box.y0 / LINE_HEIGHT);
    const col = w.column ?? Math.round(w.box.x0 / COL_WIDTH);
    const l = get(line);
    l.cells.push({ col, text: w.text, line, box: w.box });
    if (col + 1 > l.nFrags) l.nFrags = col + 1;
  }
  // Tabs come as vertical rules at x = column × 100 (see ingest/plain-text).
  const tabs = new Map<number, number>();
  for (const r of page.rules) {
    if (Math.abs(r.x0 - r.x1) > 1e-6) continue;
    const line = Math.round(r.y0 / LINE_HEIGHT);
    const col = Math.round(r.x0 / COL_WIDTH);
    tabs.set(line, Math.max(tabs.get(line) ?? 0, col));
    if (line > last) last = line;
  }
  for (const [line, maxCol] of tabs) {
    const l = get(line);
    if (maxCol + 1 > l.nFrags) l.nFrags = maxCol + 1;
  }
  const out: SrcLine[] = [];
  for (let i = 1; i <= last; i++) {
    const l = byLine.get(i) ?? { line: i, cells: [], nFrags: 1 };
    l.cells.sort((a, b) => a.col - b.col);
    out.push(l);
  }
  return out;
}

export function isBlank(l: SrcLine): boolean {
  return l.cells.length === 0;
}

export function isTabbed(l: SrcLine): boolean {
  return l.cells.length > 0 && l.nFrags > 1;
}

/** Index of the last non-empty fragment + 1. */
export function effectiveWidth(cells: readonly RCell[]): number {
  return cells.length ? cells[cells.length - 1].col + 1 : 0;
}

export function cellAt(row: Row, col: number): RCell | undefined {
  return row.cells.find((c) => c.col === col);
}

export function rightmost(row: Row): RCell | undefined {
  return row.cells[row.cells.length - 1];
}

export function draftFirstLine(d: Draft): number {
  return d.rows[0].line;
}

export function draftLastLine(d: Draft): number {
  return d.rows[d.rows.length - 1].line;
}

/** The draft's data rows split into sections at blank lines; row 0 (the header) left out when asked. */
export function sections(d: Draft, skipHeader: boolean): Row[][] {
  const out: Row[][] = [];
  let cur: Row[] = [];
  d.rows.forEach((r, i) => {
    if (skipHeader && i === 0) return;
    if (d.breaks.has(i) && cur.length) {
      out.push(cur);
      cur = [];
    }
    cur.push(r);
  });
  if (cur.length) out.push(cur);
  return out;
}
