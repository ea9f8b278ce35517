/**
 * Grid access over laid-out tables for the form parsers: a slot grid with merged cells,
 * rows of a whole document (tables and lines in reading order, so a table continued on the
 * next page or torn into pieces is read as one run of rows), labels and their values,
 * header rows and column roles, data rows under a header.
 *
 * Everything is found by labels and structure, never by fixed positions.
 */
import type { Block, Cell, SourceRef, Table, TextLine } from '../model/layout.js';
import { normalizeText } from '../text/normalize.js';
import { parseNumber } from '../text/numbers.js';
import { HEADER_FIELDS, COLUMN_LABELS } from '../vocabulary/fields.js';
import { matchLabel, normalizeLabel, MATCH_EXACT, type MatchOptions } from '../vocabulary/match.js';

/** One cell as seen from a row: its own text, where it starts and how wide it is. */
export interface RowCell {
  col: number;
  colSpan: number;
  rowSpan: number;
  /** Normalized text. */
  text: string;
  /** Text as laid out. */
  raw: string;
  ref: SourceRef;
  /** The table cell, null for a text line. */
  cell: Cell | null;
  /** True when the cell started in a row above (a merged cell spanning rows). */
  fromAbove: boolean;
}

export interface Row {
  /** Column slot → the cell covering it (merged cells occupy several slots), or null. */
  slots: (RowCell | null)[];
  /** Distinct cells covering this row, in column order (including ones merged from above). */
  cells: RowCell[];
  table: Table | null;
  /** Row index within its table (0 for a line). */
  index: number;
  line: TextLine | null;
  /** Index of the block it came from. */
  block: number;
}

// ---------------------------------------------------------------------------------------------
// Grids and rows

/** The rows of one table, merged cells resolved into slots. */
export function tableRows(table: Table, block = 0): Row[] {
  const rows: Row[] = [];
  const nRows = Math.max(table.nRows, ...table.cells.map((c) => c.row + Math.max(1, c.rowSpan)));
  const nCols = Math.max(table.nCols, ...table.cells.map((c) => c.col + Math.max(1, c.colSpan)), 0);
  for (let r = 0; r < nRows; r++) rows.push({ slots: new Array(nCols).fill(null), cells: [], table, index: r, line: null, block });
  const sorted = [...table.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  for (const cell of sorted) {
    const rs = Math.max(1, cell.rowSpan);
    const cs = Math.max(1, cell.colSpan);
    for (let r = cell.row; r < cell.row + rs && r < nRows; r++) {
      const rc: RowCell = {
        col: cell.col,
        colSpan: cs,
        rowSpan: rs,
        text: normalizeText(cell.text ?? ''),
        raw: cell.text ?? '',
        ref: cell.ref,
        cell,
        fromAbove: r !== cell.row,
      };
      const row = rows[r];
      let placed = false;
      for (let c = cell.col; c < cell.col + cs && c < nCols; c++) {
        if (row.slots[c] === null) {
          row.slots[c] = rc;
          placed = true;
        }
      }
      if (placed) row.cells.push(rc);
    }
  }
  for (const row of rows) row.cells.sort((a, b) => a.col - b.col);
  return rows;
}

function lineRow(line: TextLine, block: number): Row {
  const ref: SourceRef = { page: line.page, box: line.box };
  if (line.line !== undefined) ref.line = line.line;
  if (line.confidence !== undefined) ref.confidence = line.confidence;
  const rc: RowCell = { col: 0, colSpan: 1, rowSpan: 1, text: normalizeText(line.text), raw: line.text, ref, cell: null, fromAbove: false };
  return { slots: [rc], cells: [rc], table: null, index: 0, line, block };
}

/** Every row of a document in reading order: each table's rows, each line as a one-cell row. */
export function documentRows(blocks: readonly Block[]): Row[] {
  const out: Row[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'table') out.push(...tableRows(b.table, i));
    else out.push(lineRow(b.line, i));
  });
  return out;
}

/** The cells that start in this row and hold text. */
export function ownCells(row: Row): RowCell[] {
  return row.cells.filter((c) => !c.fromAbove && c.text !== '');
}

/** The row's own texts joined (no separator by default: Chinese torn mid-word rejoins). */
export function rowText(row: Row, sep = ''): string {
  return ownCells(row)
    .map((c) => c.text)
    .join(sep);
}

/** The cell covering a slot (own or merged from above), or null. */
export function cellAt(row: Row, col: number): RowCell | null {
  return row.slots[col] ?? null;
}

/** The text of the cell starting in this row at `col` (or covering it, with `merged`). */
export function textAt(row: Row, col: number, merged = false): string {
  const c = row.slots[col];
  if (!c) return '';
  if (c.fromAbove && !merged) return '';
  return c.text;
}

/** A row that holds no text of its own. */
export function isEmptyRow(row: Row): boolean {
  return ownCells(row).length === 0;
}

// ---------------------------------------------------------------------------------------------
// Labels

let knownLabels: Set<string> | null = null;

/** Is this text one of the known labels (exact after normalization)? Values never are. */
export function isKnownLabel(text: string): boolean {
  if (!knownLabels) {
    knownLabels = new Set();
    for (const list of [...Object.values(HEADER_FIELDS), ...Object.values(COLUMN_LABELS)]) {
      for (const l of list) {
        const n = normalizeLabel(l);
        if ([...n].length >= 2) knownLabels.add(n);
      }
    }
  }
  const n = normalizeLabel(text);
  return n !== '' && knownLabels.has(n);
}


/**
 * The `label: value` pairs of one cell or line, values running into the next label allowed:
 * `申报单位(盖章):韶关市…局资金单位:元` → [申报单位(盖章) → 韶关市…局, 资金单位 → 元]. A colon
 * not preceded by a known label (or by a word set off with a space) stays inside the value.
 */
export function labelValuePairs(text: string): { label: string; value: string }[] {
  const colons = [...text.matchAll(/[:：]/g)].map((m) => m.index!);
  if (colons.length === 0) return [];
  const pairs: { label: string; value: string }[] = [];
  let cur: { label: string; valueStart: number } | null = null;
  for (const p of colons) {
    if (!cur) {
      cur = { label: text.slice(0, p).trim(), valueStart: p + 1 };
      continue;
    }
    const seg = text.slice(cur.valueStart, p);
    let split = -1;
    for (let k = Math.max(0, seg.length - 14); k <= seg.length - 2; k++) {
      if (isKnownLabel(seg.slice(k))) {
        split = k;
        break;
      }
    }
    if (split < 0) {
      const spaced = /\s+([^\s:：]{2,10})$/.exec(seg);
      if (spaced) split = spaced.index;
    }
    if (split < 0) continue;
    pairs.push({ label: cur.label, value: seg.slice(0, split).trim() });
    cur = { label: seg.slice(split).trim(), valueStart: p + 1 };
  }
  pairs.push({ label: cur!.label, value: text.slice(cur!.valueStart).trim() });
  return pairs;
}

/** The first `label: value` pair of a cell; null when the cell has no colon. */
export function splitLabelValue(text: string): { label: string; value: string } | null {
  return labelValuePairs(text)[0] ?? null;
}

/** The next cell to the right holding text, skipping the label's own merged slots; null when it is another label. */
export function valueRightOf(row: Row, label: RowCell, isLabel: (t: string) => boolean = isKnownLabel): RowCell | null {
  for (const c of row.cells) {
    if (c === label || c.col < label.col + label.colSpan) continue;
    if (c.fromAbove || c.text === '') continue;
    if (isLabel(c.text)) return null;
    return c;
  }
  return null;
}

/** The cell below a label in the same column (for labels printed in a header row). */
export function valueBelow(rows: readonly Row[], rowIdx: number, label: RowCell): RowCell | null {
  const next = rows[rowIdx + label.rowSpan] ?? rows[rowIdx + 1];
  if (!next || next.table !== rows[rowIdx].table) return null;
  const c = next.slots[label.col];
  if (!c || c.fromAbove || c.text === '' || isKnownLabel(c.text)) return null;
  return c;
}

export interface FoundField {
  /** Normalized value text. */
  text: string;
  /** The cell text it was read from. */
  raw: string;
  ref: SourceRef;
  /** Index into the rows searched. */
  row: number;
  label: RowCell;
  score: number;
}

export interface FindOptions extends MatchOptions {
  /** Look below the label when nothing stands to its right. */
  below?: boolean;
  /** Search rows[from, to). */
  from?: number;
  to?: number;
  /** Minimum match score (default 0.6; 1 = exact only). */
  minScore?: number;
  /** Only values passing this test count (e.g. a number for a money field). */
  accept?: (value: string) => boolean;
}

export interface FoundLabel {
  row: number;
  cell: RowCell;
  /** The last cell of a label torn over two cells. */
  end: RowCell;
  score: number;
  /** The label stands in a `label: value` pair of the cell (the last pair when `last`). */
  pair?: { label: string; value: string; last: boolean };
}

/*
 * findLabels runs once per field, and mapColumns once per row and role, over the same cells. The pairs of a cell's text and the text
 * of two cells joined are kept (bounded), so each is split or joined once and every later
 * search matches the same string objects: matchLabel's memo then finds them without hashing
 * (and flattening) a fresh string each time, which was most of its time (measured: ~600k
 * calls per 35 documents, 5% of a worker's CPU in matchLabel, nearly all in the memo lookup).
 */
const PAIRS_LIMIT = 20000;
const pairsCache = new Map<string, readonly { label: string; value: string }[]>();
const joinCache = new Map<string, Map<string, string>>();

/** `labelValuePairs(text)`, shared: the caller must not change the pairs. */
function pairsOf(text: string): readonly { label: string; value: string }[] {
  let p = pairsCache.get(text);
  if (!p) {
    p = labelValuePairs(text);
    if (pairsCache.size > PAIRS_LIMIT) pairsCache.clear();
    pairsCache.set(text, p);
  }
  return p;
}

/** `a + b`, the same (flat) string for the same texts. */
function joinedText(a: string, b: string): string {
  let m = joinCache.get(a);
  if (!m) {
    if (joinCache.size > PAIRS_LIMIT) joinCache.clear();
    joinCache.set(a, (m = new Map()));
  }
  let j = m.get(b);
  if (j === undefined) {
    j = a + b;
    // a label beside ever new values (项目名称 + each project's name) must not grow without end
    if (m.size > 1000) m.clear();
    m.set(b, j);
  }
  return j;
}

/** Every cell (or pair of adjacent cells) matching a label, best score first, then reading order. */
export function findLabels(rows: readonly Row[], synonyms: readonly string[], opts: FindOptions = {}): FoundLabel[] {
  const found: FoundLabel[] = [];
  const from = opts.from ?? 0;
  const to = Math.min(opts.to ?? rows.length, rows.length);
  const min = opts.minScore ?? 0.6;
  for (let i = from; i < to; i++) {
    const own = ownCells(rows[i]);
    for (let k = 0; k < own.length; k++) {
      const c = own[k];
      const sc = matchLabel(c.text, synonyms, opts);
      if (sc >= min) {
        found.push({ row: i, cell: c, end: c, score: sc });
        continue;
      }
      const pairs = pairsOf(c.text);
      let inPair = false;
      pairs.forEach((p, j) => {
        const ps = matchLabel(p.label, synonyms, opts);
        if (ps >= min) {
          found.push({ row: i, cell: c, end: c, score: ps, pair: { ...p, last: j === pairs.length - 1 } });
          inPair = true;
        }
      });
      if (inPair) continue;
      const n = own[k + 1];
      if (n && sc < MATCH_EXACT && n.col <= c.col + c.colSpan + 1) {
        const joined = matchLabel(joinedText(c.text, n.text), synonyms, { ...opts, prefix: false });
        if (joined >= Math.max(min, 0.8)) found.push({ row: i, cell: c, end: n, score: joined });
      }
    }
  }
  return found.sort((a, b) => b.score - a.score || a.row - b.row || a.cell.col - b.cell.col);
}

/** The first (best-scoring) cell matching a label. */
export function findLabel(rows: readonly Row[], synonyms: readonly string[], opts: FindOptions = {}): FoundLabel | null {
  return findLabels(rows, synonyms, opts)[0] ?? null;
}

/**
 * A field's value by its label: `label: value` in one cell or line, else the next non-empty
 * cell to the right in the same row (not another label), else (with `below`) the cell under it.
 * Tries every place the label stands, best match first.
 */
export function findField(rows: readonly Row[], synonyms: readonly string[], opts: FindOptions = {}): FoundField | null {
  const ok = (t: string) => t !== '' && (!opts.accept || opts.accept(t));
  for (const hit of findLabels(rows, synonyms, opts)) {
    if (hit.pair) {
      if (ok(hit.pair.value)) return { text: hit.pair.value, raw: hit.cell.raw, ref: hit.cell.ref, row: hit.row, label: hit.cell, score: hit.score };
      if (hit.pair.value || !hit.pair.last) continue;
    }
    const v = valueRightOf(rows[hit.row], hit.end);
    if (v) {
      // a value that is itself `label: value` belongs to another field
      const vs = splitLabelValue(v.text);
      if (!(vs && isKnownLabel(vs.label)) && ok(v.text)) return { text: v.text, raw: v.raw, ref: v.ref, row: hit.row, label: hit.cell, score: hit.score };
    }
    if (opts.below) {
      const b = valueBelow(rows, hit.row, hit.end);
      if (b && ok(b.text)) return { text: b.text, raw: b.raw, ref: b.ref, row: hit.row, label: hit.cell, score: hit.score };
    }
  }
  return null;
}

/** Several fields at once: key → value or null. */
export function findFields<K extends string>(
  rows: readonly Row[],
  table: Readonly<Record<K, readonly string[]>>,
  opts: FindOptions = {},
): Record<K, FoundField | null> {
  const out = {} as Record<K, FoundField | null>;
  for (const k of Object.keys(table) as K[]) out[k] = findField(rows, table[k], opts);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Header rows and column roles

export interface ColumnSpan {
  col: number;
  /** Columns the header cell covers. */
  span: number;
  score: number;
  header: RowCell;
}

export type ColumnMap<R extends string = string> = Partial<Record<R, ColumnSpan>>;

/**
 * Map column roles to columns by the header labels of one row. A label torn over two
 * adjacent cells is tried joined. Best scores are assigned first; each column and role once.
 */
export function mapColumns<R extends string>(
  row: Row,
  roles: Readonly<Record<R, readonly string[]>>,
  opts: MatchOptions & { skip?: readonly RowCell[] } = {},
): ColumnMap<R> {
  const own = ownCells(row).filter((c) => !opts.skip?.includes(c));
  const cands: { role: R; cell: RowCell; span: number; score: number }[] = [];
  for (let k = 0; k < own.length; k++) {
    const c = own[k];
    const n = own[k + 1];
    const both = n ? joinedText(c.text, n.text) : '';
    for (const role of Object.keys(roles) as R[]) {
      const sc = matchLabel(c.text, roles[role], opts);
      if (sc > 0) cands.push({ role, cell: c, span: c.colSpan, score: sc });
      if (n && sc < MATCH_EXACT) {
        const j = matchLabel(both, roles[role], { ...opts, prefix: false });
        if (j > sc && j >= 0.8) cands.push({ role, cell: c, span: n.col + n.colSpan - c.col, score: j });
      }
    }
  }
  cands.sort((a, b) => b.score - a.score || a.cell.col - b.cell.col);
  const map: ColumnMap<R> = {};
  const usedCols = new Set<number>();
  for (const cd of cands) {
    if (map[cd.role] || usedCols.has(cd.cell.col)) continue;
    map[cd.role] = { col: cd.cell.col, span: cd.span, score: cd.score, header: cd.cell };
    usedCols.add(cd.cell.col);
  }
  return map;
}

/** Number of roles a column map found. */
export function roleCount(map: ColumnMap): number {
  return Object.keys(map).length;
}

/** The first row in [from, to) that maps at least `min` roles (and every `required` one). */
export function findHeaderRow<R extends string>(
  rows: readonly Row[],
  roles: Readonly<Record<R, readonly string[]>>,
  opts: { from?: number; to?: number; min?: number; required?: readonly R[] } = {},
): { row: number; map: ColumnMap<R> } | null {
  const to = Math.min(opts.to ?? rows.length, rows.length);
  for (let i = opts.from ?? 0; i < to; i++) {
    const map = mapColumns(rows[i], roles);
    if (roleCount(map) >= (opts.min ?? 2) && (opts.required ?? []).every((r) => map[r])) return { row: i, map };
  }
  return null;
}

/**
 * A header row at rows[i] whose labels may wrap onto the next row of the same table (`预算执行` over
 * `数`, `年初预` over `算数`, as plain text and borderless tables print them): the column map of
 * the two rows read as one when the next row holds only short label pieces (no numbers) and the
 * joined labels satisfy `ok` at least as well; else the one row's map. `last` is the index of the
 * header's last row; null when neither satisfies `ok`.
 */
export function wrappedHeaderAt<R extends string>(
  rows: readonly Row[],
  i: number,
  roles: Readonly<Record<R, readonly string[]>>,
  ok: (map: ColumnMap<R>) => boolean,
  opts: MatchOptions & { skip?: readonly RowCell[] } = {},
): { map: ColumnMap<R>; last: number } | null {
  const one = mapColumns(rows[i], roles, opts);
  const next = rows[i + 1];
  const tail = next && rows[i].table && next.table === rows[i].table ? ownCells(next) : [];
  const pieces = tail.length > 0 && tail.every((c) => [...c.text].length <= 4 && !/\d/.test(c.text));
  if (pieces && ownCells(rows[i]).length >= 2) {
    const two = mapColumns(mergeRows(rows[i], next), roles, opts);
    const sum = (m: ColumnMap<R>) => Object.values<ColumnSpan | undefined>(m).reduce((a, c) => a + (c?.score ?? 0), 0);
    if (ok(two) && (!ok(one) || sum(two) > sum(one))) return { map: two, last: i + 1 };
  }
  return ok(one) ? { map: one, last: i } : null;
}

// ---------------------------------------------------------------------------------------------
// Reading data rows

export type ValueKind = 'text' | 'number' | 'percent' | 'any';

function accepts(kind: ValueKind, text: string): boolean {
  if (kind === 'any') return true;
  const n = parseNumber(text);
  if (kind === 'text') return n === null;
  if (kind === 'percent') return n !== null && n.percent;
  return n !== null && !n.percent;
}

/** The own cell starting in [col, col+span) of a row, or null. */
export function ownCellIn(row: Row, col: number, span = 1): RowCell | null {
  for (let c = col; c < col + Math.max(1, span); c++) {
    const rc = row.slots[c];
    if (rc && !rc.fromAbove && rc.text !== '') return rc;
  }
  return null;
}

/**
 * A data row's values by column role. Values standing in a column no header names (a row
 * torn one or two columns off its header) go to the nearest empty role whose kind fits.
 * `shift` moves every role's column (a row printed one column left of its header).
 */
export function readRoles<R extends string>(
  row: Row,
  map: ColumnMap<R>,
  kinds: Partial<Record<R, ValueKind>> = {},
  opts: { shift?: number; minCol?: number; maxDistance?: number; exclude?: readonly RowCell[] } = {},
): Partial<Record<R, RowCell>> {
  const shift = opts.shift ?? 0;
  const out: Partial<Record<R, RowCell>> = {};
  const used = new Set<RowCell>(opts.exclude ?? []);
  const roles = Object.keys(map) as R[];
  const roleCol = (r: R) => map[r]!.col + shift;
  for (const r of roles) {
    const span = map[r]!.span;
    let c = ownCellIn(row, roleCol(r), span);
    if (c && used.has(c)) c = null;
    if (c && kinds[r] && !accepts(kinds[r]!, c.text) && kinds[r] !== 'text') c = null;
    if (c) {
      out[r] = c;
      used.add(c);
    }
  }
  const mappedCols = new Set<number>();
  for (const r of roles) for (let c = roleCol(r); c < roleCol(r) + map[r]!.span; c++) mappedCols.add(c);
  const orphans = ownCells(row).filter((c) => !used.has(c) && !mappedCols.has(c.col) && c.col >= (opts.minCol ?? 0));
  const maxD = opts.maxDistance ?? 3;
  for (const o of orphans) {
    let best: R | null = null;
    let bestD = Infinity;
    for (const r of roles) {
      if (out[r]) continue;
      if (!accepts(kinds[r] ?? 'any', o.text)) continue;
      const d = Math.abs(roleCol(r) - o.col);
      const dd = d + (roleCol(r) < o.col ? 0 : 0.5); // values drift right: prefer a role to the left
      if (d <= maxD && dd < bestD) {
        best = r;
        bestD = dd;
      }
    }
    if (best) {
      out[best] = o;
      used.add(o);
    }
  }
  return out;
}

/** Does the row's first own text (or the whole row) match a label? */
export function rowStartsWith(row: Row, synonyms: readonly string[], opts: MatchOptions = {}): boolean {
  const own = ownCells(row);
  if (own.length === 0) return false;
  if (matchLabel(own[0].text, synonyms, opts) > 0) return true;
  const split = splitLabelValue(own[0].text);
  return split !== null && matchLabel(split.label, synonyms, opts) > 0;
}

/** Does any own cell of the row match a label (exact or fuzzy)? Returns it. */
export function rowCellMatching(row: Row, synonyms: readonly string[], opts: MatchOptions = {}): RowCell | null {
  for (const c of ownCells(row)) {
    if (matchLabel(c.text, synonyms, opts) > 0) return c;
    const split = splitLabelValue(c.text);
    if (split && matchLabel(split.label, synonyms, opts) > 0) return c;
  }
  return null;
}

/**
 * The label of the section a row belongs to: the merged left-column cell covering it, or
 * (plain text, where merged cells are not known) the nearest own left-column text above it
 * in the same table.
 */
export function sectionLabelAt(rows: readonly Row[], idx: number, col = 0): RowCell | null {
  const row = rows[idx];
  const here = row.slots[col];
  if (here && here.text) return here;
  for (let i = idx - 1; i >= 0 && rows[i].table === row.table; i--) {
    const c = rows[i].slots[col];
    if (c && c.text) return c;
  }
  return null;
}

/** A text line that is only page furniture (a page number, `第 2 页`, `- 3 -`). */
export function isPageNoise(row: Row): boolean {
  const t = rowText(row, ' ').trim();
  return t === '' || /^[-—\s]*\d{1,3}[-—\s]*$/.test(t) || /^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$/.test(t) || /^共\s*\d+\s*页/.test(t);
}

/**
 * Split a document holding several copies of one form (a unit filing all its projects in one
 * PDF) at its repeated titles. Returns the whole document as one part unless every part has
 * its own `required` label (项目名称), so a title repeated as a page header splits nothing.
 */
export function splitAtTitles(blocks: readonly Block[], titleWords: readonly string[], required: readonly string[]): Block[][] {
  const isTitle = (b: Block) => {
    const t = b.kind === 'line' ? b.line.text : b.table.nRows === 1 && b.table.cells.length === 1 ? b.table.cells[0].text : '';
    const n = normalizeText(t).replace(/\s+/g, '');
    return n.length > 0 && n.length <= 40 && titleWords.some((w) => n.includes(w));
  };
  const starts = blocks.map((b, i) => (isTitle(b) ? i : -1)).filter((i) => i >= 0);
  if (starts.length < 2) return [blocks.slice()];
  const parts: Block[][] = [];
  for (let k = 0; k < starts.length; k++) parts.push(blocks.slice(k === 0 ? 0 : starts[k], starts[k + 1] ?? blocks.length));
  const ok = parts.every((part) => findLabel(documentRows(part), required, { minScore: 0.8 }) !== null);
  return ok ? parts : [blocks.slice()];
}

/**
 * Lines between two parts of a table cut by a page break (running heads, a repeated title, a
 * page number): when rows[i] starts at most `maxLines` short lines followed by a table that
 * does not open a new form (no 项目名称 / 自评时间 / 单位名称 in its first rows), the index of
 * that table's first row; otherwise null.
 */
export function interludeEnd(rows: readonly Row[], i: number, maxLines = 3): number | null {
  let j = i;
  let lines = 0;
  while (j < rows.length && !rows[j].table) {
    const t = rowText(rows[j]);
    if (!isPageNoise(rows[j])) {
      lines++;
      if (lines > maxLines || t.length > 40) return null;
    }
    j++;
  }
  if (j >= rows.length) return null;
  const table = rows[j].table;
  const opening = [...HEADER_FIELDS.project_name, ...HEADER_FIELDS.eval_time, '单位名称', '填报单位', '申报单位'];
  for (let k = j; k < Math.min(rows.length, j + 2) && rows[k].table === table; k++) {
    if (ownCells(rows[k]).some((c) => matchLabel(c.text.split(/[:：]/)[0], opening, { prefix: false, fuzzy: false }) > 0)) return null;
  }
  return j;
}

/**
 * Two rows read as one (a header whose labels wrap onto a second row of the same table, as
 * plain text prints them): each column's texts joined top to bottom. The result's cells keep
 * the upper row's refs where it has text.
 */
export function mergeRows(a: Row, b: Row): Row {
  const n = Math.max(a.slots.length, b.slots.length);
  const slots: (RowCell | null)[] = new Array(n).fill(null);
  const cells: RowCell[] = [];
  for (let c = 0; c < n; c++) {
    const top = a.slots[c] && !a.slots[c]!.fromAbove && a.slots[c]!.col === c ? a.slots[c]! : null;
    const bottom = b.slots[c] && !b.slots[c]!.fromAbove && b.slots[c]!.col === c ? b.slots[c]! : null;
    if (!top && !bottom) {
      const cover = a.slots[c] ?? b.slots[c];
      if (cover && cells.includes(cover)) slots[c] = cover;
      continue;
    }
    const base = top && top.text ? top : (bottom ?? top)!;
    const text = normalizeText((top?.text ?? '') + (bottom?.text ?? ''));
    const rc: RowCell = { ...base, text, raw: [top?.raw, bottom?.raw].filter(Boolean).join(' '), fromAbove: false };
    cells.push(rc);
    for (let k = c; k < c + rc.colSpan && k < n; k++) slots[k] = rc;
  }
  return { slots, cells, table: a.table, index: a.index, line: a.line, block: a.block };
}

/**
 * The rows after `start` through the table it stands in and the tables continuing it on later
 * pages: page noise and short interludes between the parts (running heads, page numbers) are
 * skipped; any other text line ends the walk.
 */
export function* continuedRows(rows: readonly Row[], start: number): Generator<Row> {
  let table = rows[start].table;
  for (let i = start + 1; i < rows.length; i++) {
    const row = rows[i];
    if (row.table !== table) {
      if (!row.table) {
        if (isPageNoise(row)) continue;
        const j = interludeEnd(rows, i);
        if (j === null) return;
        i = j - 1;
        continue;
      }
      table = row.table;
    }
    yield row;
  }
}
