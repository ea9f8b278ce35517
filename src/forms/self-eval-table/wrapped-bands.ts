/**
 * A 项目资金 row whose cells wrap (a number too wide for its column printed over two lines,
 * `394.4` / `3`), read from a table without inner borders: the row comes out cut into bands,
 * the name on one of them and the number's head and tail on others (`年度资金总额 | 1 | 3` under
 * `| 339.2 | 394.4 |`). Read band by band, the total row's 全年预算数 is `3` and every sum
 * disagrees: a false BUDGET_SUM / EXEC_RATE / CROSS_REF. This folds the bands back into the
 * named row, column by column, in reading order (top to bottom).
 *
 * Only on evidence: a group is folded when at least one of its columns joins a head and a tail
 * into one number (`394.4` + `3`, `2,734,448.5` + `0`, `98.60` + `%`); otherwise every row is
 * left as it was read. A band that cannot continue the row above (a second number where the
 * column already holds a whole one) starts the next row's bands.
 */
import type { ColumnMap, Row, RowCell } from '../../tables/index.js';
import { ownCellIn } from '../../tables/index.js';

/** A number, a thousands-separated number or a rate, as a whole cell. */
const WHOLE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;
/** The tail of a wrapped number: a few digits, `%`, or digits and `%`. */
const TAIL = /^(?:\d{1,3}%?|%|\.\d{1,3}%?)$/;

function joins(head: string, tail: string): boolean {
  return !/%$/.test(head) && TAIL.test(tail) && WHOLE.test(head + tail) && (head.match(/\./g) ?? []).length + (tail.match(/\./g) ?? []).length <= 1;
}

type Texts = Map<number, { cell: RowCell; span: number; text: string; raw: string; joined: boolean }>;

function add(acc: Texts, band: Row, cols: readonly { col: number; span: number }[], dryRun: boolean): boolean {
  for (const { col, span } of cols) {
    const c = ownCellIn(band, col, span);
    if (!c) continue;
    const have = acc.get(col);
    if (!have) {
      if (!dryRun) acc.set(col, { cell: c, span, text: c.text, raw: c.raw, joined: false });
      continue;
    }
    if (!joins(have.text, c.text)) return false;
    if (!dryRun) acc.set(col, { ...have, text: have.text + c.text, raw: have.raw + c.raw, joined: true });
  }
  return true;
}

/**
 * rows (those after a 项目资金 header, in order) with wrap bands folded into their named rows.
 * `isNamed(row)` says whether a row carries its own name (left of the role columns); a band is a
 * row with no name and at least one cell under a role column. Rows from `stop(row)` on are
 * passed through unchanged. Returns new Row objects only for folded rows.
 */
export function foldWrappedBands<R extends string>(rows: readonly Row[], map: ColumnMap<R>, isNamed: (r: Row) => boolean, stop: (r: Row) => boolean): Row[] {
  const cols = Object.values(map).map((s) => ({ col: (s as { col: number }).col, span: (s as { span: number }).span }));
  const isBand = (r: Row) => !isNamed(r) && cols.some(({ col, span }) => !!ownCellIn(r, col, span));
  const end = rows.findIndex((r) => stop(r));
  const head = end < 0 ? rows : rows.slice(0, end);
  const tail = end < 0 ? [] : rows.slice(end);
  // groups: [bands before] named row [bands after that continue it]
  let pending: Row[] = [];
  const out: Row[] = [];
  const flushPending = () => {
    for (const r of pending) out.push(r);
    pending = [];
  };
  const groupTexts = (g: { bands: Row[]; named: Row | null }): Texts => {
    const acc: Texts = new Map();
    for (const b of g.bands) add(acc, b, cols, false);
    return acc;
  };
  let last: { bands: Row[]; named: Row | null } | null = null;
  const emit = (g: { bands: Row[]; named: Row | null }) => {
    const acc: Texts = new Map();
    let ok = true;
    for (const b of g.bands) if (!add(acc, b, cols, false)) ok = false;
    const joined = [...acc.values()].some((x) => x.joined);
    if (!g.named || !ok || !joined) {
      for (const b of g.bands) out.push(b);
      return;
    }
    out.push(folded(g.named, acc));
  };
  for (const r of head) {
    if (isNamed(r)) {
      if (last) emit(last);
      last = { bands: [...pending, r], named: r };
      pending = [];
      continue;
    }
    if (!isBand(r)) {
      if (last) {
        emit(last);
        last = null;
      }
      flushPending();
      out.push(r);
      continue;
    }
    // a band continues the named row above when it fits, else it opens the next row's bands
    if (last && !pending.length && add(groupTexts(last), r, cols, true)) last.bands.push(r);
    else pending.push(r);
  }
  if (last) emit(last);
  flushPending();
  return [...out, ...tail];
}

/** The named row with its role cells replaced by the folded texts (same slots, same refs). */
function folded(named: Row, acc: Texts): Row {
  const slots = [...named.slots];
  const replaced = new Map<RowCell, RowCell>();
  for (const [col, x] of acc) {
    const own = ownCellIn(named, col, x.span);
    const base = own ?? x.cell;
    const cell: RowCell = { ...base, text: x.text, raw: x.raw };
    if (own) replaced.set(own, cell);
    for (let c = base.col; c < base.col + Math.max(1, base.colSpan); c++) if (!slots[c] || slots[c] === own || slots[c]!.text === '' || slots[c]!.fromAbove) slots[c] = cell;
  }
  const cells = named.cells.map((c) => replaced.get(c) ?? c);
  for (const [, x] of acc) {
    const c = slots[(replaced.get(x.cell) ?? x.cell).col];
    if (c && !cells.includes(c)) cells.push(c);
  }
  cells.sort((a, b) => a.col - b.col);
  return { ...named, slots, cells };
}

