/**
 * Table pieces shared by the family builders: the indicator grid (columns in any order, header
 * synonyms, split target columns, merged 一级/二级 cells, placeholders, a row without inner
 * borders) and the split of a table across a page break (the continuation repeats the header
 * rows when asked, and reprints a merged 一级指标 cell cut by the break).
 */
import { c, type Cell, type Row, type TableBlock, tbl } from './model.js';
import type { Ind } from './project.js';
import { f2 } from './project.js';

export type ColKey = 'level1' | 'level2' | 'name' | 'target' | 'nature' | 'value' | 'unit' | 'actual' | 'weight' | 'score' | 'note';

export interface IndTableOptions {
  cols: ColKey[];
  headers: Partial<Record<ColKey, string | string[]>>;
  /** print level1 with its points: `产出指标（50分）` */
  level1Points?: boolean;
  /** template placeholder rows appended (`指标2`, `……`, an empty 生态效益 row) */
  placeholders?: boolean;
  /** index of an indicator row printed with its inner borders missing */
  noBorderRow?: number;
  /** 定量 / 定性 kind words in the 指标性质 column of qualitative rows */
  kindWords?: boolean;
  /** points printed in a level1 label instead of the sum of its weights (a section that does not add up) */
  pointsOverride?: Record<string, number>;
  /** scores printed with 2 decimals (else as they are) */
  scoreFix?: boolean;
}

const num = (x: number, fix: boolean): string => (fix ? f2(x) : String(x));

/** The cell text of one column of one indicator. */
function value(k: ColKey, i: Ind, o: IndTableOptions): string {
  switch (k) {
    case 'name':
      return i.name;
    case 'target':
      return i.target;
    case 'nature':
      // an operator where the target has one, else the kind word (not part of the target)
      return i.quant ? i.op || '定量' : o.kindWords ? '定性' : '';
    case 'value':
      return i.value;
    case 'unit':
      return i.unit;
    case 'actual':
      return i.actual;
    case 'weight':
      return String(i.weight);
    case 'score':
      return num(i.score, o.scoreFix ?? false);
    case 'note':
      return i.note;
    default:
      return '';
  }
}

/** Points of each level1 (sum of its weights). */
export function levelPoints(inds: Ind[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of inds) m.set(i.level1, (m.get(i.level1) ?? 0) + i.weight);
  return m;
}

export interface IndRows {
  header: Row;
  /** one entry per indicator row (placeholders included), with the merged cells it starts */
  body: Row[];
}

/**
 * Header row and body rows of an indicator grid. Rows are plain cell lists in column order;
 * level1 / level2 cells span the rows of their group (rs), so a row that continues a group
 * has fewer cells.
 */
export function indicatorRows(inds: Ind[], o: IndTableOptions): IndRows {
  const header: Row = o.cols.map((k) => c(o.headers[k] ?? k));
  const pts = levelPoints(inds);
  const all: (Ind | null)[] = [...inds];
  const body: Row[] = [];
  for (let n = 0; n < all.length; n++) {
    const i = all[n]!;
    const row: Row = [];
    const runOf = (key: 'level1' | 'level2'): number => {
      let k = 1;
      while (n + k < all.length && all[n + k]![key] === i[key] && all[n + k]!.level1 === i.level1) k++;
      return k;
    };
    for (const k of o.cols) {
      if (k === 'level1') {
        if (n === 0 || all[n - 1]!.level1 !== i.level1)
          row.push(c(o.level1Points ? `${i.level1}（${o.pointsOverride?.[i.level1] ?? pts.get(i.level1)}分）` : i.level1, { rs: runOf('level1') }));
      } else if (k === 'level2') {
        if (n === 0 || all[n - 1]!.level2 !== i.level2 || all[n - 1]!.level1 !== i.level1) row.push(c(i.level2, { rs: runOf('level2') }));
      } else {
        const t = value(k, i, o);
        row.push(c(t, { al: k === 'name' || k === 'note' ? 'l' : 'c', nb: o.noBorderRow === n && ['target', 'actual', 'weight', 'score'].includes(k) }));
      }
    }
    body.push(row);
  }
  if (o.placeholders) {
    const blank = (name: string, l2 = ''): Row =>
      o.cols.map((k) => (k === 'level1' ? c('') : k === 'level2' ? c(l2) : k === 'name' ? c(name) : c('')));
    body.push(blank('指标2', '……'));
    body.push(blank('……'));
    body.push(blank('', '生态效益指标'));
  }
  return { header, body };
}

/**
 * Splits a table's rows into two tables at `at` (an index into `rows`). A merged cell that
 * crosses the cut keeps its rows on the first part and is printed again, with the rest of its
 * rows, at the top of the second part. `repeat` rows (whole rows of the grid, e.g. the
 * indicator header) are printed above the continuation.
 */
export function splitTable(t: TableBlock, at: number, repeat: Row[] = []): [TableBlock, TableBlock] {
  // place every cell on the grid to learn which spans cross the cut
  const ncol = t.cols.length;
  const placed: { r: number; col: number; cell: Cell }[] = [];
  const occ = new Set<string>();
  t.rows.forEach((row, r) => {
    let col = 0;
    for (const x of row) {
      while (occ.has(`${r},${col}`)) col++;
      const cell: Cell = typeof x === 'object' && x !== null ? x : { t: x === null ? '' : String(x) };
      const cs = cell.cs ?? 1, rs = cell.rs ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) occ.add(`${r + dr},${col + dc}`);
      placed.push({ r, col, cell });
      col += cs;
    }
    if (col > ncol) throw new Error(`row ${r}: ${col} columns > ${ncol}`);
  });
  const first: Row[] = t.rows.slice(0, at).map(() => []);
  const second: Row[] = t.rows.slice(at).map(() => []);
  const byRow = (rows: Row[], r: number, col: number, cell: Cell) => (rows[r] as (Cell & { col?: number })[]).push({ ...cell, col } as Cell);
  for (const p of placed) {
    const rs = p.cell.rs ?? 1;
    if (p.r < at && p.r + rs > at) {
      byRow(first, p.r, p.col, { ...p.cell, rs: at - p.r });
      byRow(second, 0, p.col, { ...p.cell, rs: p.r + rs - at });
    } else if (p.r < at) byRow(first, p.r, p.col, p.cell);
    else byRow(second, p.r - at, p.col, p.cell);
  }
  const order = (rows: Row[]): Row[] =>
    rows.map((row) =>
      (row as (Cell & { col?: number })[])
        .sort((a, b) => (a.col ?? 0) - (b.col ?? 0))
        .map((x) => {
          const { col: _col, ...cell } = x;
          return cell;
        }),
    );
  return [tbl(t.cols, order(first), { size: t.size }), tbl(t.cols, [...repeat, ...order(second)], { size: t.size, headerRows: repeat.length })];
}
