/**
 * Small helpers over layout's Table for the report parser: the grid of top-left cells,
 * empty-looking cells, header matching by label words.
 */
import type { MoneyUnit } from '../../text/numbers.js';
import type { Block, Cell, SourceRef, Table, TextLine } from '../../model/layout.js';
import { normalizeText } from '../../text/normalize.js';
import { EMPTY_CELL_RE, MONEY_UNIT_RE, PAGE_NUMBER_RES, UNIT_AFTER_LABEL_RE, UNIT_IN_BRACKETS_RE, UNIT_LABEL_WORD } from './patterns.js';

/** Rows of a table: each row an array of nCols slots holding the cell whose top-left it is. */
export function tableRows(table: Table): (Cell | null)[][] {
  const rows: (Cell | null)[][] = [];
  for (let r = 0; r < table.nRows; r++) rows.push(new Array<Cell | null>(table.nCols).fill(null));
  for (const c of table.cells) {
    if (c.row < table.nRows && c.col < table.nCols) rows[c.row][c.col] = c;
  }
  return rows;
}

/** The normalized text of a slot; '' for no cell or a cell printing only dashes. */
export function slotText(cell: Cell | null | undefined): string {
  if (!cell) return '';
  const t = normalizeText(cell.text);
  return EMPTY_CELL_RE.test(t) ? '' : t;
}

export function isEmptyRow(row: (Cell | null)[]): boolean {
  return row.every((c) => slotText(c) === '');
}

/** A label with spaces, colons and a trailing unit removed, for comparing with label words. */
export function labelKey(text: string): string {
  return normalizeText(text)
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s:：*＊]/g, '');
}

/**
 * Assign columns of a header row to keys: each cell goes to the first key (in table order)
 * one of whose words it contains. Returns key → column.
 */
export function matchHeader<K extends string>(
  row: (Cell | null)[],
  columns: readonly { key: K; words: readonly string[] }[],
): Map<K, number> {
  const out = new Map<K, number>();
  row.forEach((cell, col) => {
    const key = labelKey(slotText(cell));
    if (!key || key.length > 16) return;
    for (const c of columns) {
      if (out.has(c.key)) continue;
      if (c.words.some((w) => key.includes(w))) {
        out.set(c.key, col);
        return;
      }
    }
  });
  return out;
}

/** Money unit printed in a header row (`预算数(万元)`), or null. */
export function unitOfRow(row: (Cell | null)[]): MoneyUnit | null {
  for (const c of row) {
    const t = slotText(c);
    const m = UNIT_IN_BRACKETS_RE.exec(t) ?? UNIT_AFTER_LABEL_RE.exec(t);
    if (m) return m[1] as MoneyUnit;
  }
  return null;
}

/** Money unit stated on a line (`单位：万元`), or null. */
export function unitOfLine(text: string): MoneyUnit | null {
  const t = normalizeText(text);
  if (!t.includes(UNIT_LABEL_WORD) || t.length > 20) return null;
  const m = MONEY_UNIT_RE.exec(t);
  return m ? (m[1] as MoneyUnit) : null;
}

export function isPageFurniture(text: string): boolean {
  const t = normalizeText(text);
  return PAGE_NUMBER_RES.some((re) => re.test(t));
}

export function lineRef(line: TextLine): SourceRef {
  const ref: SourceRef = { page: line.page, box: line.box };
  if (line.line !== undefined) ref.line = line.line;
  if (line.confidence !== undefined) ref.confidence = line.confidence;
  return ref;
}

export function lineOf(block: Block | undefined): TextLine | null {
  return block && block.kind === 'line' ? block.line : null;
}

export function tableOf(block: Block | undefined): Table | null {
  return block && block.kind === 'table' ? block.table : null;
}

/**
 * The tables that continue `start` (a table split over pages or by a blank line): the
 * following table blocks with the same column count, with only page furniture between.
 * Returns their indexes in `blocks`.
 */
export function continuationTables(blocks: readonly Block[], start: number, end = blocks.length): number[] {
  const first = tableOf(blocks[start]);
  if (!first) return [];
  const out: number[] = [];
  for (let i = start + 1; i < end; i++) {
    const b = blocks[i];
    if (b.kind === 'line') {
      if (isPageFurniture(b.line.text) || normalizeText(b.line.text) === '') continue;
      break;
    }
    if (b.table.nCols !== first.nCols) break;
    out.push(i);
  }
  return out;
}
