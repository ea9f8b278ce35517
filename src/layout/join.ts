/**
 * Cross-page joins: a table at the bottom of page n continued at the top of page n+1.
 *
 * The two parts are joined when
 *  - nothing but running footers/headers stands between the first part and the bottom of
 *    page n, or between the top of page n+1 and the second part: lines within
 *    `pageMarginFraction` of the page edge that are page numbers or continuation marks
 *    (续表) or repeat, digits aside, in the same margin of the other page;
 *  - both were found the same way (lattice/stream);
 *  - their outer edges match within `pageJoinTolerance` and at least half of the inner
 *    column separators of the part with fewer columns match one of the other (the joined
 *    grid is their union, so a cell spanning columns in one part keeps its span).
 * A second part whose first rows open a form (项目名称 …) is a new form, not a continuation.
 * A header row (or band of up to 3 rows) repeated at the top of the second part is dropped
 * when identical. Rows continuing a cut cell stay as rows (the form parsers handle them).
 */
import type { Box } from '../model/geometry.js';
import type { Cell, TextLine } from '../model/layout.js';
import { normalizeText } from '../text/normalize.js';
import { clusterValues, type FoundTable } from './found.js';
import { resolveSettings, type TableSettings } from './settings.js';

export interface PageTables {
  number: number;
  height: number;
  /** Tables of the page in reading order (top to bottom). */
  tables: FoundTable[];
  /** Text lines outside tables. */
  lines: TextLine[];
}

function countMatches(few: readonly number[], many: readonly number[], tol: number): number {
  return few.filter((x) => many.some((y) => Math.abs(x - y) <= tol)).length;
}

/**
 * Whether the column grids of two tables are compatible: same outer edges, and at least
 * half of the inner separators of the part with fewer columns found in the other (a
 * spreadsheet's column grid is shared, but each part only shows the separators its rows use).
 */
export function columnsMatch(a: readonly number[], b: readonly number[], tol: number): boolean {
  if (a.length < 2 || b.length < 2) return false;
  if (Math.abs(a[0] - b[0]) > tol || Math.abs(a[a.length - 1] - b[b.length - 1]) > tol) return false;
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  const inner = few.slice(1, -1);
  if (inner.length === 0) return many.length === 2;
  return countMatches(inner, many.slice(1, -1), tol) * 2 >= inner.length;
}

function nearestIndex(values: readonly number[], x: number): number {
  let best = 0, d = Infinity;
  values.forEach((v, i) => {
    const dd = Math.abs(v - x);
    if (dd < d) { d = dd; best = i; }
  });
  return best;
}

function remapColumns(cells: readonly Cell[], xs: readonly number[], union: readonly number[]): Cell[] {
  return cells.map((c) => {
    const col = nearestIndex(union, xs[c.col]);
    const end = nearestIndex(union, xs[c.col + c.colSpan]);
    return { ...c, col, colSpan: Math.max(1, end - col) };
  });
}

function bandKey(cells: readonly Cell[], k: number): string | null {
  const band = cells.filter((c) => c.row < k);
  if (band.some((c) => c.row + c.rowSpan > k)) return null;
  if (!band.some((c) => c.text)) return null;
  return band
    .map((c) => `${c.row},${c.col},${c.rowSpan},${c.colSpan},${c.text}`)
    .sort()
    .join('\n');
}

/** Join table `b` (top of the next page) under table `a`; null when the columns do not match. */
export function mergeTables(a: FoundTable, b: FoundTable, settings?: Partial<TableSettings>): FoundTable | null {
  const s = resolveSettings(settings);
  if (a.table.finder !== b.table.finder) return null;
  if (!columnsMatch(a.xs, b.xs, s.pageJoinTolerance)) return null;
  const union = clusterValues([...a.xs, ...b.xs], s.pageJoinTolerance);
  const aCells = remapColumns(a.table.cells, a.xs, union);
  const bCells = remapColumns(b.table.cells, b.xs, union);
  let drop = 0;
  for (let k = Math.min(3, a.table.nRows, b.table.nRows - 1); k >= 1; k--) {
    const ka = bandKey(aCells, k);
    if (ka !== null && ka === bandKey(bCells, k)) {
      drop = k;
      break;
    }
  }
  const moved = bCells.filter((c) => c.row >= drop).map((c) => ({ ...c, row: c.row - drop + a.table.nRows }));
  const pages = [...new Set([...a.table.pages, ...b.table.pages])].sort((x, y) => x - y);
  return {
    ...a,
    table: {
      ...a.table,
      pages,
      nRows: a.table.nRows + b.table.nRows - drop,
      nCols: union.length - 1,
      cells: [...aCells, ...moved],
    },
    xs: union,
    lastPage: b.page,
    lastBox: b.box,
  };
}

/** Page numbers and continuation marks: lines that may stand between the parts of a table. */
const RUNNING_LINE = /^(续表|续上表|接上表|\(续\)|（续）|第\s*\d+\s*页.*|-?\s*\d+\s*-?|\d+\s*\/\s*\d+|page\s*\d+.*)$/i;

const stripDigits = (t: string) => t.replace(/\d+/g, '#');

/**
 * A line in the page's top or bottom margin that is a running header/footer: a page
 * number or continuation mark, or a text repeated (digits aside) in the same margin of
 * the neighbouring page. Anything else there (a form's title, a signature line) means the
 * table ended or a new one begins.
 */
function isRunning(line: TextLine, page: PageTables, neighbour: PageTables, top: boolean, marginFraction: number): boolean {
  if (RUNNING_LINE.test(line.text.trim())) return true;
  const key = stripDigits(line.text);
  const inMargin = (l: TextLine, p: PageTables) => (top ? l.box.y1 <= p.height * marginFraction : l.box.y0 >= p.height * (1 - marginFraction));
  return inMargin(line, page) && neighbour.lines.some((l) => inMargin(l, neighbour) && stripDigits(l.text) === key);
}

function nothingBelow(box: Box, page: PageTables, next: PageTables, marginFraction: number): boolean {
  const limit = page.height * (1 - marginFraction);
  return page.lines.every((l) => l.box.y0 < box.y1 - 1 || (l.box.y0 >= limit && isRunning(l, page, next, false, marginFraction)));
}

function nothingAbove(box: Box, page: PageTables, prev: PageTables, marginFraction: number): boolean {
  const limit = page.height * marginFraction;
  return page.lines.every((l) => l.box.y1 > box.y0 + 1 || (l.box.y1 <= limit && isRunning(l, page, prev, true, marginFraction)));
}

/**
 * The opening labels of a form (项目名称 and its spellings, 单位名称): a table whose first rows
 * hold one starts a new form (several forms in one PDF, one per page), never continues the
 * table above, whatever repeats in the page margins (a title, `附件2`). The same rule as the
 * form parsers' `interludeEnd`.
 */
const FORM_OPENING = /^(项目(\(资金\))?名称|专项资金名称|单位名称)/;
const OPENING_ROWS = 2;

function opensForm(t: FoundTable): boolean {
  return t.table.cells.some((c) => c.row < OPENING_ROWS && FORM_OPENING.test(normalizeText(c.text).replace(/\s+/g, '')));
}

/**
 * Join tables continued across consecutive pages. Returns new page lists: a table joined
 * into one on an earlier page is removed from its own page.
 */
export function joinAcrossPages(pages: readonly PageTables[], settings?: Partial<TableSettings>): PageTables[] {
  const s = resolveSettings(settings);
  const out = pages.map((p) => ({ ...p, tables: [...p.tables] }));
  // the bottom-most table part of the previous page and the table that owns it
  let prev: { owner: FoundTable; box: Box; page: PageTables } | null = null;
  for (const page of out) {
    let carried: { owner: FoundTable; box: Box } | null = null;
    if (prev && page.number === prev.page.number + 1 && page.tables.length) {
      const first = page.tables[0];
      if (
        !opensForm(first) &&
        nothingBelow(prev.box, prev.page, page, s.pageMarginFraction) &&
        nothingAbove(first.box, page, prev.page, s.pageMarginFraction)
      ) {
        const merged = mergeTables(prev.owner, first, s);
        if (merged) {
          Object.assign(prev.owner, merged);
          page.tables.shift();
          carried = { owner: prev.owner, box: first.box };
        }
      }
    }
    // bottom-most part on this page
    let bottom: { owner: FoundTable; box: Box } | null = carried;
    for (const t of page.tables) if (!bottom || t.box.y1 > bottom.box.y1) bottom = { owner: t, box: t.box };
    prev = bottom ? { ...bottom, page } : null;
  }
  return out;
}
