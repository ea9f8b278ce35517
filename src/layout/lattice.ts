/**
 * Lattice tables: tables drawn with ruling lines.
 *
 *  1. rules → horizontal and vertical segments; positions snapped (snapTolerance),
 *     collinear pieces merged (joinTolerance), short ones dropped (minRuleLength);
 *  2. segments that touch (intersectionTolerance) are connected: each connected set with at
 *     least two horizontal and two vertical segments is one table region (a region drawn
 *     around another one is a frame and is dropped);
 *  3. the region's grid: every distinct x of its verticals (plus the horizontals' ends) and
 *     every distinct y of its horizontals (plus the verticals' ends);
 *  4. cells: a grid slot whose right (bottom) border is missing is merged with its neighbour,
 *     so merged cells come back with their rowSpan/colSpan;
 *  5. words go to the cell holding their centre (a word overflowing its cell: its first
 *     character, see `anchor`); a cell's lines are joined with joinWrapped.
 */
import type { Box } from '../model/geometry.js';
import type { Cell } from '../model/layout.js';
import type { Rule, Word } from '../model/page.js';
import { anchor, clusterValues, intervalIndex, makeCell, type FoundTable } from './found.js';
import { resolveSettings, type TableSettings } from './settings.js';

/** A horizontal (y fixed) or vertical (x fixed) segment: `at` is the fixed coordinate. */
export interface Segment {
  at: number;
  from: number;
  to: number;
}

export interface Segments {
  horizontal: Segment[];
  vertical: Segment[];
}

/** Split rules into horizontal and vertical segments, snap, merge and filter them. */
export function normalizeRules(rules: readonly Rule[], settings?: Partial<TableSettings>): Segments {
  const s = resolveSettings(settings);
  const h: Segment[] = [];
  const v: Segment[] = [];
  for (const r of rules) {
    const dx = Math.abs(r.x1 - r.x0), dy = Math.abs(r.y1 - r.y0);
    if (dy <= 1 && dx >= dy) h.push({ at: (r.y0 + r.y1) / 2, from: Math.min(r.x0, r.x1), to: Math.max(r.x0, r.x1) });
    else if (dx <= 1 && dy > dx) v.push({ at: (r.x0 + r.x1) / 2, from: Math.min(r.y0, r.y1), to: Math.max(r.y0, r.y1) });
  }
  return {
    horizontal: mergeSegments(snapSegments(h, s.snapTolerance), s.joinTolerance).filter((g) => g.to - g.from >= s.minRuleLength),
    vertical: mergeSegments(snapSegments(v, s.snapTolerance), s.joinTolerance).filter((g) => g.to - g.from >= s.minRuleLength),
  };
}

/** Segments whose fixed coordinate differs by at most `tol` (chained) get their mean. */
function snapSegments(segs: Segment[], tol: number): Segment[] {
  const sorted = [...segs].sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  let group: Segment[] = [];
  const flush = () => {
    if (!group.length) return;
    const mean = group.reduce((a, g) => a + g.at, 0) / group.length;
    for (const g of group) out.push({ at: mean, from: g.from, to: g.to });
    group = [];
  };
  for (const g of sorted) {
    if (group.length && g.at - group[group.length - 1].at > tol) flush();
    group.push(g);
  }
  flush();
  return out;
}

/** Merge collinear segments (same `at`) that overlap or whose ends are within `tol`. */
function mergeSegments(segs: Segment[], tol: number): Segment[] {
  const byAt = new Map<number, Segment[]>();
  for (const g of segs) {
    const list = byAt.get(g.at) ?? [];
    list.push(g);
    byAt.set(g.at, list);
  }
  const out: Segment[] = [];
  for (const [at, list] of byAt) {
    list.sort((a, b) => a.from - b.from);
    let cur: Segment | null = null;
    for (const g of list) {
      if (cur && g.from <= cur.to + tol) cur.to = Math.max(cur.to, g.to);
      else {
        if (cur) out.push(cur);
        cur = { at, from: g.from, to: g.to };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

export interface Region {
  horizontal: Segment[];
  vertical: Segment[];
  box: Box;
}

/** Connected sets of touching segments with at least 2 horizontal and 2 vertical ones. */
export function findRegions(segs: Segments, settings?: Partial<TableSettings>): Region[] {
  const s = resolveSettings(settings);
  const tol = s.intersectionTolerance;
  const H = segs.horizontal, V = segs.vertical;
  const parent = Array.from({ length: H.length + V.length }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };
  // verticals sorted by x: each horizontal only looks at those within its x-range
  const vOrder = V.map((_, j) => j).sort((a, b) => V[a].at - V[b].at);
  const vX = vOrder.map((j) => V[j].at);
  for (let i = 0; i < H.length; i++) {
    const h = H[i];
    let lo = 0, hi = vX.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vX[mid] < h.from - tol) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < vX.length && vX[k] <= h.to + tol; k++) {
      const j = vOrder[k];
      const v = V[j];
      if (h.at >= v.from - tol && h.at <= v.to + tol) union(i, H.length + j);
    }
  }
  const groups = new Map<number, Region>();
  for (let i = 0; i < parent.length; i++) {
    const root = find(i);
    let g = groups.get(root);
    if (!g) {
      g = { horizontal: [], vertical: [], box: { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity } };
      groups.set(root, g);
    }
    if (i < H.length) {
      const h = H[i];
      g.horizontal.push(h);
      g.box.x0 = Math.min(g.box.x0, h.from); g.box.x1 = Math.max(g.box.x1, h.to);
      g.box.y0 = Math.min(g.box.y0, h.at); g.box.y1 = Math.max(g.box.y1, h.at);
    } else {
      const v = V[i - H.length];
      g.vertical.push(v);
      g.box.y0 = Math.min(g.box.y0, v.from); g.box.y1 = Math.max(g.box.y1, v.to);
      g.box.x0 = Math.min(g.box.x0, v.at); g.box.x1 = Math.max(g.box.x1, v.at);
    }
  }
  return [...groups.values()]
    .filter((g) => g.horizontal.length >= 2 && g.vertical.length >= 2)
    .sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
}

/** Length of [a0,a1] covered by the given intervals. */
function covered(intervals: readonly [number, number][], a0: number, a1: number): number {
  const clipped = intervals
    .map(([u, v]) => [Math.max(u, a0), Math.min(v, a1)] as [number, number])
    .filter(([u, v]) => v > u)
    .sort((p, q) => p[0] - q[0]);
  let total = 0, end = a0;
  for (const [u, v] of clipped) {
    if (v <= end) continue;
    total += v - Math.max(u, end);
    end = v;
  }
  return total;
}

export interface Grid {
  xs: number[];
  ys: number[];
  /** vBorder[r][i]: a vertical border at xs[i] along row r. */
  vBorder: boolean[][];
  /** hBorder[i][c]: a horizontal border at ys[i] along column c. */
  hBorder: boolean[][];
}

/** The grid of a region: separators and which slot sides have a border. */
export function regionGrid(region: Region, settings?: Partial<TableSettings>): Grid {
  const s = resolveSettings(settings);
  const tol = s.snapTolerance;
  const xs = clusterValues(
    [...region.vertical.map((v) => v.at), ...region.horizontal.flatMap((h) => [h.from, h.to])],
    tol,
  );
  const ys = clusterValues(
    [...region.horizontal.map((h) => h.at), ...region.vertical.flatMap((v) => [v.from, v.to])],
    tol,
  );
  const near = (segs: Segment[], at: number) => segs.filter((g) => Math.abs(g.at - at) <= tol).map((g) => [g.from, g.to] as [number, number]);
  const vAt = xs.map((x) => near(region.vertical, x));
  const hAt = ys.map((y) => near(region.horizontal, y));
  const vBorder: boolean[][] = [];
  for (let r = 0; r < ys.length - 1; r++) {
    const len = ys[r + 1] - ys[r];
    vBorder.push(xs.map((_, i) => covered(vAt[i], ys[r], ys[r + 1]) >= s.borderCoverage * len));
  }
  const hBorder: boolean[][] = ys.map((_, i) => {
    const row: boolean[] = [];
    for (let c = 0; c < xs.length - 1; c++) {
      const len = xs[c + 1] - xs[c];
      row.push(covered(hAt[i], xs[c], xs[c + 1]) >= s.borderCoverage * len);
    }
    return row;
  });
  return { xs, ys, vBorder, hBorder };
}

/** Slots → cells: a missing right/bottom border merges a slot with its neighbour. */
export function gridCells(grid: Grid): { row: number; col: number; rowSpan: number; colSpan: number }[] {
  const nR = grid.ys.length - 1, nC = grid.xs.length - 1;
  const owner: number[][] = Array.from({ length: nR }, () => new Array<number>(nC).fill(-1));
  const cells: { row: number; col: number; rowSpan: number; colSpan: number }[] = [];
  for (let r = 0; r < nR; r++) {
    for (let c = 0; c < nC; c++) {
      if (owner[r][c] >= 0) continue;
      let cs = 1;
      while (c + cs < nC && !grid.vBorder[r][c + cs] && owner[r][c + cs] < 0) cs++;
      let rs = 1;
      for (;;) {
        const next = r + rs;
        if (next >= nR) break;
        let open = true;
        for (let k = c; k < c + cs; k++) if (grid.hBorder[next][k] || owner[next][k] >= 0) open = false;
        if (!open) break;
        rs++;
      }
      const id = cells.length;
      cells.push({ row: r, col: c, rowSpan: rs, colSpan: cs });
      for (let i = r; i < r + rs; i++) for (let k = c; k < c + cs; k++) owner[i][k] = id;
    }
  }
  return cells;
}

/**
 * Drop outer grid columns/rows that no rule bounds on the outside and that hold no word:
 * they come from a rule running past the table's frame.
 */
function trimGrid(grid: Grid, words: readonly Word[]): Grid {
  let { xs, ys, vBorder, hBorder } = grid;
  const holds = (x0: number, y0: number, x1: number, y1: number) =>
    words.some((w) => {
      const [cx, cy] = anchor(w);
      return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
    });
  let changed = true;
  while (changed && xs.length > 2 && ys.length > 2) {
    changed = false;
    if (!vBorder.some((row) => row[0]) && !holds(xs[0], ys[0], xs[1], ys[ys.length - 1])) {
      xs = xs.slice(1); vBorder = vBorder.map((row) => row.slice(1)); hBorder = hBorder.map((row) => row.slice(1));
      changed = true;
    } else if (!vBorder.some((row) => row[row.length - 1]) && !holds(xs[xs.length - 2], ys[0], xs[xs.length - 1], ys[ys.length - 1])) {
      xs = xs.slice(0, -1); vBorder = vBorder.map((row) => row.slice(0, -1)); hBorder = hBorder.map((row) => row.slice(0, -1));
      changed = true;
    } else if (!hBorder[0].some(Boolean) && !holds(xs[0], ys[0], xs[xs.length - 1], ys[1])) {
      ys = ys.slice(1); hBorder = hBorder.slice(1); vBorder = vBorder.slice(1);
      changed = true;
    } else if (!hBorder[hBorder.length - 1].some(Boolean) && !holds(xs[0], ys[ys.length - 2], xs[xs.length - 1], ys[ys.length - 1])) {
      ys = ys.slice(0, -1); hBorder = hBorder.slice(0, -1); vBorder = vBorder.slice(0, -1);
      changed = true;
    }
  }
  return { xs, ys, vBorder, hBorder };
}

export interface LatticeResult {
  tables: FoundTable[];
  /** Words not inside any table. */
  rest: Word[];
}

/** Find the ruled tables of one page and distribute its words. Ids are assigned later. */
export function findLatticeTables(
  pageNumber: number,
  words: readonly Word[],
  rules: readonly Rule[],
  settings?: Partial<TableSettings>,
): LatticeResult {
  const s = resolveSettings(settings);
  const all = findRegions(normalizeRules(rules, s), s);
  // a region around another one is a frame (page border, boxed section), not a table
  const inside = (a: Box, b: Box) => a.x0 >= b.x0 - 1 && a.y0 >= b.y0 - 1 && a.x1 <= b.x1 + 1 && a.y1 <= b.y1 + 1;
  const regions = all.filter((r) => !all.some((o) => o !== r && inside(o.box, r.box)));
  const taken = new Set<Word>();
  const tables: FoundTable[] = [];
  for (const region of regions) {
    const grid = trimGrid(regionGrid(region, s), words);
    const nR = grid.ys.length - 1, nC = grid.xs.length - 1;
    if (nR < 1 || nC < 1 || nR * nC < s.minCells) continue;
    const specs = gridCells(grid);
    const owner: number[][] = Array.from({ length: nR }, () => new Array<number>(nC).fill(-1));
    specs.forEach((c, id) => {
      for (let i = c.row; i < c.row + c.rowSpan; i++) for (let k = c.col; k < c.col + c.colSpan; k++) owner[i][k] = id;
    });
    const cellWords: Word[][] = specs.map(() => []);
    for (const w of words) {
      if (taken.has(w)) continue;
      const [cx, cy] = anchor(w);
      const c = intervalIndex(grid.xs, cx), r = intervalIndex(grid.ys, cy);
      if (c < 0 || r < 0) continue;
      cellWords[owner[r][c]].push(w);
      taken.add(w);
    }
    const cells: Cell[] = specs.map((c, id) =>
      makeCell(
        c.row,
        c.col,
        c.rowSpan,
        c.colSpan,
        { x0: grid.xs[c.col], y0: grid.ys[c.row], x1: grid.xs[c.col + c.colSpan], y1: grid.ys[c.row + c.rowSpan] },
        cellWords[id],
        pageNumber,
        s,
      ),
    );
    const box: Box = { x0: grid.xs[0], y0: grid.ys[0], x1: grid.xs[nC], y1: grid.ys[nR] };
    tables.push({
      table: { id: '', finder: 'lattice', pages: [pageNumber], nRows: nR, nCols: nC, cells },
      page: pageNumber,
      box,
      xs: grid.xs,
      ys: grid.ys,
      lastPage: pageNumber,
      lastBox: box,
    });
  }
  return { tables, rest: words.filter((w) => !taken.has(w)) };
}
