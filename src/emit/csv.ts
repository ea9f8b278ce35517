/**
 * CSV text of the contract: fast-csv, UTF-8 BOM, RFC 4180 quoting, CRLF rows, and the formula
 * guard; plus a small reader for tests and the eval script that undoes BOM and guard.
 */
import { readFileSync } from 'node:fs';
import { writeToString } from 'fast-csv';
import type { Row } from './columns.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?%?$/;

/**
 * A text cell a spreadsheet would run as a formula gets a leading `'` (`=100%` → `'=100%`);
 * plain numbers (`-5`, `+3.5%`) stay. A text that itself starts with `'` before such a
 * character is guarded too, so reading strips exactly one quote back.
 */
export function guardCell(v: string): string {
  return needsGuard(v) ? `'${v}` : v;
}

function needsGuard(v: string): boolean {
  return (FORMULA_START.test(v) && !PLAIN_NUMBER.test(v)) || (v.startsWith("'") && needsGuard(v.slice(1)));
}

/** Undo guardCell: strip the one quote it added, and only where it would have added one. */
export function unguardCell(v: string): string {
  return v.startsWith("'") && needsGuard(v.slice(1)) ? v.slice(1) : v;
}

export const ROW_DELIMITER = '\r\n';
export const BOM = '\uFEFF';

/** The CSV text (with BOM) of rows under the given columns. */
export async function csvText(columns: readonly string[], rows: readonly Row[]): Promise<string> {
  const data: string[][] = [
    [...columns],
    ...rows.map((r) => columns.map((c) => guardCell(r[c] ?? ''))),
  ];
  const body = await writeToString(data, {
    headers: false,
    writeBOM: false,
    rowDelimiter: ROW_DELIMITER,
    includeEndRowDelimiter: true,
  });
  return BOM + body;
}

/** RFC 4180 parse (quoted cells with doubled quotes, CRLF or LF rows). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      i++;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted cell');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Read a CSV written by writeOutputs: BOM stripped, formula-guard quote removed, rows as objects by header. */
export function readCsv(path: string): { header: string[]; rows: Row[] } {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const [header = [], ...body] = parseCsv(text);
  const rows = body
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r) => Object.fromEntries(header.map((h, k) => [h, unguardCell(r[k] ?? '')])));
  return { header, rows };
}
