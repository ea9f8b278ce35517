/**
 * Stream tables: tables without ruling lines, found from text alignment (in the spirit of
 * Camelot's stream flavour and pdfplumber's text strategy). Conservative: a table needs at
 * least `streamMinRows` consecutive lines, each split by white-space gaps into pieces that
 * fall into at least `streamMinCols` shared columns. Columns are the x-ranges covered by
 * the pieces of the run's lines; the white space between them is common to every line.
 * One line is one row; cells never span.
 */
import type { Box } from '../model/geometry.js';
import { unionBoxes } from '../model/geometry.js';
import type { Cell } from '../model/layout.js';
import type { Word } from '../model/page.js';
import { makeCell, type FoundTable } from './found.js';
import { groupWordsIntoLines, type WordLine } from './lines.js';
import { resolveSettings, type TableSettings } from './settings.js';

const LIST_MARKER = /^[(（]?([0-9]{1,3}|[一二三四五六七八九十]{1,3}|[①-⑳]|[a-zA-Z])[)）.、．]?$/;

interface Piece {
  x0: number;
  x1: number;
  words: Word[];
}

interface SplitLine {
  line: WordLine;
  pieces: Piece[];
}

/**
 * Lines whose boxes overlap vertically form one band (a table row whose cells wrap: a
 * one-line cell is centred across the two lines of its neighbour). Lines of prose do not
 * overlap, so they stay one band each.
 */
export function rowBands(lines: readonly WordLine[]): WordLine[] {
  const bands: WordLine[] = [];
  for (const l of [...lines].sort((a, b) => a.box.y0 - b.box.y0)) {
    const last = bands[bands.length - 1];
    const overlap = last ? Math.min(last.box.y1, l.box.y1) - Math.max(last.box.y0, l.box.y0) : 0;
    if (last && overlap > 0.5) {
      last.words.push(...l.words);
      last.box = unionBoxes([last.box, l.box])!;
    } else {
      bands.push({ words: [...l.words], box: { ...l.box } });
    }
  }
  return bands;
}

function splitLine(line: WordLine, minGap: number): Piece[] {
  const pieces: Piece[] = [];
  for (const w of [...line.words].sort((a, b) => a.box.x0 - b.box.x0)) {
    const last = pieces[pieces.length - 1];
    if (last && w.box.x0 - last.x1 < minGap) {
      last.x1 = Math.max(last.x1, w.box.x1);
      last.words.push(w);
    } else {
      pieces.push({ x0: w.box.x0, x1: w.box.x1, words: [w] });
    }
  }
  return pieces;
}

/** Columns of a run: x-ranges covered by any piece, merged when closer than minGap. */
function columnsOf(lines: readonly SplitLine[], minGap: number): [number, number][] {
  const iv = lines.flatMap((l) => l.pieces.map((p) => [p.x0, p.x1] as [number, number])).sort((a, b) => a[0] - b[0]);
  const cols: [number, number][] = [];
  for (const [a, b] of iv) {
    const last = cols[cols.length - 1];
    if (last && a - last[1] < minGap) last[1] = Math.max(last[1], b);
    else cols.push([a, b]);
  }
  return cols;
}

function occupied(l: SplitLine, cols: readonly [number, number][]): number {
  const used = new Set<number>();
  for (const p of l.pieces) {
    const cx = (p.x0 + p.x1) / 2;
    const i = cols.findIndex(([a, b]) => cx >= a && cx <= b);
    if (i >= 0) used.add(i);
  }
  return used.size;
}

function acceptable(run: readonly SplitLine[], s: TableSettings): boolean {
  const cols = columnsOf(run, s.streamMinGap);
  if (cols.length < s.streamMinCols) return false;
  return run.every((l) => occupied(l, cols) >= s.streamMinCols);
}

export interface StreamResult {
  tables: FoundTable[];
  rest: Word[];
}

/** Find borderless tables among the words of one page (words already in lattice tables excluded). */
export function findStreamTables(pageNumber: number, words: readonly Word[], settings?: Partial<TableSettings>): StreamResult {
  const s = resolveSettings(settings);
  const lines = rowBands(groupWordsIntoLines(words, s)).map((line) => ({ line, pieces: splitLine(line, s.streamMinGap) }));
  const heights = lines.map((l) => l.line.box.y1 - l.line.box.y0).sort((a, b) => a - b);
  const lineH = heights.length ? heights[Math.floor(heights.length / 2)] : 10;
  const taken = new Set<Word>();
  const tables: FoundTable[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].pieces.length < s.streamMinCols) {
      i++;
      continue;
    }
    const run: SplitLine[] = [lines[i]];
    let j = i + 1;
    while (j < lines.length) {
      const next = lines[j];
      const gap = next.line.box.y0 - run[run.length - 1].line.box.y1;
      if (next.pieces.length < s.streamMinCols || gap > s.streamMaxRowGap * lineH) break;
      if (!acceptable([...run, next], s)) break;
      run.push(next);
      j++;
    }
    const table = run.length >= s.streamMinRows ? buildTable(pageNumber, run, s) : null;
    if (table) {
      tables.push(table);
      for (const l of run) for (const w of l.line.words) taken.add(w);
      i = j;
    } else {
      i++;
    }
  }
  return { tables, rest: words.filter((w) => !taken.has(w)) };
}

function buildTable(pageNumber: number, run: readonly SplitLine[], s: TableSettings): FoundTable | null {
  const cols = columnsOf(run, s.streamMinGap);
  const nWords = run.reduce((n, l) => n + l.line.words.length, 0);
  if (cols.length < s.streamMinCols || nWords < s.streamMinWords) return null;
  const fill = cols.map(() => 0);
  const rows: Word[][][] = run.map((l) => {
    const row: Word[][] = cols.map(() => []);
    for (const w of l.line.words) {
      const cx = (w.box.x0 + w.box.x1) / 2;
      let k = cols.findIndex(([a, b]) => cx >= a && cx <= b);
      if (k < 0) k = nearest(cols, cx);
      row[k].push(w);
    }
    row.forEach((ws, k) => { if (ws.length) fill[k]++; });
    return row;
  });
  if (fill.some((f) => f < s.streamMinColumnFill * run.length)) return null;
  // a numbered list whose markers are set off by a tab is not a table
  if (cols.length === 2 && rows.every((row) => row[0].every((w) => LIST_MARKER.test(w.text)))) return null;
  // separators: outer edges and the middle of each gap
  const xs = [cols[0][0], ...cols.slice(1).map((c, k) => (cols[k][1] + c[0]) / 2), cols[cols.length - 1][1]];
  const ys = [run[0].line.box.y0, ...run.slice(1).map((l, k) => (run[k].line.box.y1 + l.line.box.y0) / 2), run[run.length - 1].line.box.y1];
  const cells: Cell[] = [];
  rows.forEach((row, r) => {
    row.forEach((ws, c) => {
      const box: Box = { x0: xs[c], y0: ys[r], x1: xs[c + 1], y1: ys[r + 1] };
      cells.push(makeCell(r, c, 1, 1, box, ws, pageNumber, s));
    });
  });
  const box = unionBoxes(run.map((l) => l.line.box))!;
  return {
    table: { id: '', finder: 'stream', pages: [pageNumber], nRows: run.length, nCols: cols.length, cells },
    page: pageNumber,
    box,
    xs,
    ys,
    lastPage: pageNumber,
    lastBox: box,
  };
}

function nearest(cols: readonly [number, number][], x: number): number {
  let best = 0, d = Infinity;
  cols.forEach(([a, b], k) => {
    const dd = x < a ? a - x : x > b ? x - b : 0;
    if (dd < d) { d = dd; best = k; }
  });
  return best;
}
