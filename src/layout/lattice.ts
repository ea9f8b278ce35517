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
 *  5. borders a row left out (a spreadsheet row added without setting its borders) are put
 *     back where the other rows define them and the words say so (`restoreBorders`): a
 *     merged slot whose words stand apart, each inside one column (or one row) that the other
 *     rows draw, is split there, so `≥120处 126处 10 10` is four cells again;
 *  6. words go to the cell holding their centre (a word overflowing its cell: its first
 *     character, see `anchor`); a cell's lines are joined with joinWrapped.
 */
import type { Box } from '../model/geometry.js';
import type { Cell } from '../model/layout.js';
import type { Rule, Word } from '../model/page.js';
import { anchor, clusterValues, intervalIndex, makeCell, type FoundTable } from './found.js';
import { groupWordsIntoLines } from './lines.js';
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

/** The words whose anchor falls in each cell of a grid (cells as `gridCells` gives them). */
function wordsByCell(grid: Grid, words: readonly Word[]): { specs: ReturnType<typeof gridCells>; cellWords: Word[][] } {
  const specs = gridCells(grid);
  const nR = grid.ys.length - 1, nC = grid.xs.length - 1;
  const owner: number[][] = Array.from({ length: nR }, () => new Array<number>(nC).fill(-1));
  specs.forEach((c, id) => {
    for (let i = c.row; i < c.row + c.rowSpan; i++) for (let k = c.col; k < c.col + c.colSpan; k++) owner[i][k] = id;
  });
  const cellWords: Word[][] = specs.map(() => []);
  for (const w of words) {
    const [cx, cy] = anchor(w);
    const c = intervalIndex(grid.xs, cx), r = intervalIndex(grid.ys, cy);
    if (c < 0 || r < 0) continue;
    cellWords[owner[r][c]].push(w);
  }
  return { specs, cellWords };
}

/** A line that is one value (`126处`, `97.50%`, `≥120处`, `—`), not words of a wrapped label. */
const VALUE_LINE = /^(?:[≥≤<>=≧≦＞＜]?[-+]?\d[\d.,]*(?:%|％|‰|[\u4e00-\u9fff]{0,3})|[—–-]+)$/u;

/** Index i of the separator interval [seps[i], seps[i+1]] holding [a, b] (within tol), or -1 when it crosses one. */
function slotOf(seps: readonly number[], a: number, b: number, tol: number): number {
  const i = intervalIndex(seps, (a + b) / 2);
  if (i < 0) return -1;
  return a >= seps[i] - tol && b <= seps[i + 1] + tol ? i : -1;
}

/**
 * Put back inner borders that one row (or one column) left out, where the rest of the table
 * draws them: a cell merged over several columns is split at every inner column separator
 * when its words stand apart, each inside one column, in at least two columns, with white
 * space of at least half an em around each separator and every such column drawn as a
 * one-column cell in some other row. Likewise a cell merged over several rows is split when
 * its text lines are values (numbers, `≥120处`, `—`) in at least two row slots, each line
 * inside one slot and level with the text of another cell of that row (a wrapped label
 * such as `项目资金情况` / `（万元）` stays one cell). A real merged cell (one label, a wrapped paragraph,
 * a value centred across columns) has words crossing the separator or in one slot only, and
 * stays whole. Source of the rule: the header row and the other rows define the columns
 * (issue 8, kind 15); tabula-java#525 for the failure.
 */
export function restoreBorders(grid: Grid, words: readonly Word[], settings?: Partial<TableSettings>): Grid {
  const s = resolveSettings(settings);
  const nR = grid.ys.length - 1, nC = grid.xs.length - 1;
  if (nR < 2 || nC < 1) return grid;
  const vBorder = grid.vBorder.map((r) => [...r]);
  const hBorder = grid.hBorder.map((r) => [...r]);
  const { specs, cellWords } = wordsByCell(grid, words);
  const tol = 1;
  const em = (w: Word) => w.fontSize ?? w.box.y1 - w.box.y0;
  // one-slot cells: which columns (rows) the table draws as cells of their own
  const singleCol = new Set<number>();
  const rowLines: { y0: number; y1: number }[][] = Array.from({ length: nR }, () => []);
  specs.forEach((c, id) => {
    if (c.colSpan === 1) singleCol.add(c.col);
    if (c.rowSpan === 1) for (const l of groupWordsIntoLines(cellWords[id], s)) rowLines[c.row].push({ y0: l.box.y0, y1: l.box.y1 });
  });
  specs.forEach((c, id) => {
    const ws = cellWords[id];
    if (ws.length < 2) return;
    if (c.colSpan > 1) {
      const slots = ws.map((w) => slotOf(grid.xs, w.box.x0, w.box.x1, tol));
      const used = new Set(slots);
      if (!used.has(-1) && used.size >= 2 && [...used].every((k) => singleCol.has(k))) {
        const apart = (x: number) => ws.every((w) => w.box.x1 <= x - em(w) / 2 || w.box.x0 >= x + em(w) / 2);
        const lo = Math.min(...used), hi = Math.max(...used);
        let between = true;
        for (let k = lo + 1; k <= hi; k++) if (!apart(grid.xs[k])) between = false;
        for (let k = c.col + 1; between && k < c.col + c.colSpan; k++) {
          if (!apart(grid.xs[k])) continue;
          if (!vBorder.some((row, r) => (r < c.row || r >= c.row + c.rowSpan) && row[k])) continue;
          for (let r = c.row; r < c.row + c.rowSpan; r++) vBorder[r][k] = true;
        }
      }
    }
    if (c.rowSpan > 1) {
      const lines = groupWordsIntoLines(ws, s);
      const slots = lines.map((l) => slotOf(grid.ys, l.box.y0, l.box.y1, tol));
      const used = new Set(slots);
      const level = (l: { box: { y0: number; y1: number } }, r: number) => {
        const cy = (l.box.y0 + l.box.y1) / 2, h = l.box.y1 - l.box.y0;
        return rowLines[r].some((o) => Math.abs((o.y0 + o.y1) / 2 - cy) <= h / 2);
      };
      const valueLike = (l: { words: Word[] }) => VALUE_LINE.test(l.words.map((w) => w.text).join('').replace(/\s+/g, ''));
      if (!used.has(-1) && used.size >= 2 && lines.every((l, i) => valueLike(l) && level(l, slots[i]))) {
        for (let k = c.row + 1; k < c.row + c.rowSpan; k++) {
          if (lines.some((l) => l.box.y0 < grid.ys[k] - tol && l.box.y1 > grid.ys[k] + tol)) continue;
          if (!hBorder[k].some((b, col) => (col < c.col || col >= c.col + c.colSpan) && b)) continue;
          for (let col = c.col; col < c.col + c.colSpan; col++) hBorder[k][col] = true;
        }
      }
    }
  });
  return splitMergedRows({ xs: grid.xs, ys: grid.ys, vBorder, hBorder }, words, s);
}

/**
 * Two rows printed without the rule between them anywhere (no separator at all): a grid row in
 * which at least two one-row cells hold the same number k ≥ 2 of value lines (numbers, `≥120处`,
 * `—`) standing level with each other is k rows. A separator is put between each pair of line
 * levels; a cell whose single line crosses it (a label centred over both) stays merged.
 */
function splitMergedRows(grid: Grid, words: readonly Word[], s: TableSettings): Grid {
  const { specs, cellWords } = wordsByCell(grid, words);
  const cuts: { row: number; ys: number[] }[] = [];
  for (let r = 0; r < grid.ys.length - 1; r++) {
    const stacks: { cy: number; h: number }[][] = [];
    specs.forEach((c, id) => {
      if (c.row !== r || c.rowSpan !== 1) return;
      const lines = groupWordsIntoLines(cellWords[id], s);
      if (lines.length < 2 || !lines.every((l) => VALUE_LINE.test(l.words.map((w) => w.text).join('').replace(/\s+/g, '')))) return;
      stacks.push(lines.map((l) => ({ cy: (l.box.y0 + l.box.y1) / 2, h: l.box.y1 - l.box.y0 })).sort((a, b) => a.cy - b.cy));
    });
    if (stacks.length < 2) continue;
    const k = stacks[0].length;
    if (!stacks.every((st) => st.length === k)) continue;
    const level = (i: number) => stacks.every((st) => Math.abs(st[i].cy - stacks[0][i].cy) <= st[i].h / 2);
    if (![...Array(k).keys()].every(level)) continue;
    const ys: number[] = [];
    for (let i = 0; i + 1 < k; i++) {
      const lo = Math.max(...stacks.map((st) => st[i].cy + st[i].h / 2));
      const hi = Math.min(...stacks.map((st) => st[i + 1].cy - st[i + 1].h / 2));
      if (hi <= lo) break;
      ys.push((lo + hi) / 2);
    }
    if (ys.length === k - 1) cuts.push({ row: r, ys });
  }
  if (!cuts.length) return grid;
  const nC = grid.xs.length - 1;
  const outYs: number[] = [];
  const vBorder: boolean[][] = [];
  const hBorder: boolean[][] = [];
  for (let r = 0; r < grid.ys.length - 1; r++) {
    outYs.push(grid.ys[r]);
    hBorder.push(grid.hBorder[r]);
    vBorder.push(grid.vBorder[r]);
    const cut = cuts.find((c) => c.row === r);
    if (!cut) continue;
    for (const y of cut.ys) {
      outYs.push(y);
      // a border along each column whose words do not cross the new separator
      const row: boolean[] = [];
      for (let c = 0; c < nC; c++) {
        const crossing = words.some((w) => {
          const [cx] = anchor(w);
          return cx >= grid.xs[c] && cx < grid.xs[c + 1] && w.box.y0 < y - 1 && w.box.y1 > y + 1 && w.box.y0 >= grid.ys[r] && w.box.y1 <= grid.ys[r + 1];
        });
        row.push(!crossing);
      }
      hBorder.push(row);
      vBorder.push(grid.vBorder[r]);
    }
  }
  outYs.push(grid.ys[grid.ys.length - 1]);
  hBorder.push(grid.hBorder[grid.hBorder.length - 1]);
  return { xs: grid.xs, ys: outYs, vBorder, hBorder };
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
    const grid = restoreBorders(trimGrid(regionGrid(region, s), words), words, s);
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
