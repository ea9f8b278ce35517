/**
 * jixiao.xlsx: the six contract CSV files as one Excel workbook (exceljs), for analysts.
 *
 * - One sheet per CSV, same columns (contract + extra) and rows, built by the emit stage's own
 *   row functions so the two cannot drift.
 * - Numeric columns hold numbers, everything else strings; cells are always written as values,
 *   never formulas, so a filing's `=…` text cannot run (no formula guard needed: a string cell
 *   is inert in Excel).
 * - Frozen header row, autofilter over the header, column widths from the content.
 * - Every cell a flag points at is filled by severity (error red, warning amber) and carries
 *   the flag message(s) as a cell note; the flag's own row in `flags` is filled too.
 * - Written as a stream (exceljs' streaming WorkbookWriter: each row is committed to the zip
 *   as it is made, no workbook model of every cell in memory), atomically (temporary name,
 *   then rename) and deterministically: fixed document dates, and the zip entries' timestamps
 *   are pinned afterwards in the file (the zip library stamps the current time otherwise).
 */
import { open, rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
// exceljs' streaming writer alone: its package entry also loads the readers and the in-memory
// workbook (jszip, unzipper, saxes, …), which this module never uses. Measured, importing it in a
// fresh process: 174 ms of CPU for 'exceljs' → 79 ms for the writer (exceljs 4.4.0).
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import type { DocumentRecord, Flag } from '../../schemas/record.js';
import { columnsOf, CSV_FILES, ROWS, type CsvFile, type Row } from '../emit/index.js';

export const WORKBOOK_FILE = 'jixiao.xlsx';

/** Sheet name of each CSV (file name without `.csv`). */
export function sheetName(file: CsvFile): string {
  return file.replace(/\.csv$/, '');
}

/** Columns whose non-empty cells are numbers (everything else is text). */
export const NUMERIC_COLUMNS: Record<CsvFile, readonly string[]> = {
  'documents.csv': ['pages', 'projects', 'flags'],
  'projects.csv': [
    'project_seq',
    'fiscal_year',
    'budget_wan',
    'executed_wan',
    'execution_rate_reported',
    'execution_rate_recomputed',
    'score_reported',
    'score_recomputed',
    'flags',
    'budget_page',
    'score_page',
  ],
  'indicators.csv': ['project_seq', 'weight', 'score_reported', 'page'],
  'budget_lines.csv': ['project_seq', 'amount_wan', 'page'],
  'scores.csv': ['project_seq', 'weight', 'score_reported', 'score_recomputed'],
  'flags.csv': ['project_seq', 'page'],
  'links.csv': ['project_seq', 'other_project_seq', 'score'],
};

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Fill colours (ARGB) by severity; the flags sheet row gets a lighter tint. */
export const SEVERITY_FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C' } as const;
export const SEVERITY_ROW_FILL = { error: 'FFFDE4E7', warning: 'FFFFF5D6' } as const;
const HEADER_FILL = 'FFDDE3EA';

/** Fixed document dates: the same records always give the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** A cell a flag points at: sheet, 0-based data row index, column name. */
export interface FlagTarget {
  file: CsvFile;
  row: number;
  column: string;
}

interface SheetRows {
  file: CsvFile;
  rows: Row[];
  /** Per data row: the record and project it came from. */
  owner: { doc: string; seq: string }[];
}

function byDocId(a: DocumentRecord, b: DocumentRecord): number {
  return a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0;
}

function collectRows(records: readonly DocumentRecord[]): Record<CsvFile, SheetRows> {
  const out = {} as Record<CsvFile, SheetRows>;
  for (const file of CSV_FILES) out[file] = { file, rows: [], owner: [] };
  for (const r of records) {
    for (const file of CSV_FILES) {
      for (const row of ROWS[file](r)) {
        out[file].rows.push(row);
        out[file].owner.push({ doc: r.doc_id, seq: row.project_seq ?? '' });
      }
    }
  }
  return out;
}

const NO_ROWS: readonly number[] = [];
const ownerKey = (file: CsvFile, doc: string, seq: string) => (file === 'documents.csv' ? doc : `${doc}\u0000${seq}`);
const ownerIndexes = new WeakMap<SheetRows, Map<string, number[]>>();

/** Row indexes of a sheet by document (documents.csv) or document and project: one pass, not one per flag. */
function ownerIndex(sheet: SheetRows): Map<string, number[]> {
  let index = ownerIndexes.get(sheet);
  if (!index) {
    index = new Map();
    sheet.owner.forEach((o, i) => {
      const k = ownerKey(sheet.file, o.doc, o.seq);
      const list = index!.get(k);
      if (list) list.push(i);
      else index!.set(k, [i]);
    });
    ownerIndexes.set(sheet, index);
  }
  return index;
}

/** Which qualifier column(s) identify a row of each sub-sheet. */
const QUALIFIER_COLUMNS: Partial<Record<CsvFile, readonly string[]>> = {
  'budget_lines.csv': ['kind', 'name'],
  'scores.csv': ['item', 'section'],
  'indicators.csv': ['name'],
};

/**
 * The cells a flag points at: `field` is a contract column name, possibly qualified after
 * ':' (`amount_wan:funding_source`, `score_reported:投入`, `score_reported:<indicator name>`).
 * A qualifier that names rows of budget_lines / scores / indicators (by kind, name, item or
 * section) points at those rows' cell of the column; otherwise the projects row's cell of
 * the column (or the documents row's, for a document-level flag). The projects row's (or
 * documents row's) `flags` count cell is always a target, so every flag shows next to its
 * project.
 */
export function flagTargets(flag: Flag, docId: string, sheets: Record<CsvFile, SheetRows>): FlagTarget[] {
  const [column = '', ...rest] = flag.field.split(':');
  const qualifier = rest.join(':');
  const seq = flag.project_seq == null ? '' : String(flag.project_seq);
  const targets: FlagTarget[] = [];
  const rowsOf = (file: CsvFile) => ownerIndex(sheets[file]).get(ownerKey(file, docId, seq)) ?? NO_ROWS;

  let sub = false;
  if (qualifier && seq) {
    for (const file of ['budget_lines.csv', 'scores.csv', 'indicators.csv'] as const) {
      if (!columnsOf(file).includes(column)) continue;
      const keys = QUALIFIER_COLUMNS[file] ?? [];
      for (const i of rowsOf(file)) {
        const row = sheets[file].rows[i];
        if (keys.some((k) => row[k] === qualifier)) {
          targets.push({ file, row: i, column });
          sub = true;
        }
      }
    }
  }
  const home: CsvFile = seq ? 'projects.csv' : 'documents.csv';
  for (const i of rowsOf(home)) {
    if (!sub && columnsOf(home).includes(column) && column !== 'doc_id' && column !== 'project_seq') {
      targets.push({ file: home, row: i, column });
    }
    targets.push({ file: home, row: i, column: 'flags' });
  }
  return targets;
}

function columnWidth(header: string, cells: string[]): number {
  let w = displayWidth(header);
  for (const c of cells) {
    const d = displayWidth(c);
    if (d > w) w = d;
    if (w >= 60) return 60;
  }
  return Math.max(6, Math.min(60, w + 2));
}

/** Width in Excel character units: CJK and full-width characters count two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** The workbook as bytes (deterministic for the same records). */
export async function workbookBuffer(records: readonly DocumentRecord[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await streamWorkbook(records, sink);
  await ended;
  return pinZipTimestamps(Buffer.concat(chunks));
}

/**
 * Stream the workbook's zip bytes into `out` (timestamps not yet pinned: see
 * `pinZipTimestamps` / `pinZipTimestampsInFile`). Sheets: one per entry of CSV_FILES, rows
 * from the emit stage's ROWS, each row committed as soon as it is written.
 */
async function streamWorkbook(records: readonly DocumentRecord[], out: Writable): Promise<void> {
  const sorted = [...records].sort(byDocId);
  const sheets = collectRows(sorted);

  // Cell notes and fills, keyed by sheet → row → column.
  const marks = new Map<string, { severity: 'error' | 'warning'; messages: string[] }>();
  const flagRowSeverity: ('error' | 'warning')[] = [];
  const key = (t: FlagTarget) => `${t.file}\u0000${t.row}\u0000${t.column}`;
  for (const r of sorted) {
    for (const f of r.flags) {
      flagRowSeverity.push(f.severity);
      for (const t of flagTargets(f, r.doc_id, sheets)) {
        const k = key(t);
        const m = marks.get(k) ?? { severity: f.severity, messages: [] };
        if (f.severity === 'error') m.severity = 'error';
        const text = `[${f.code} ${f.severity}] ${f.message}`;
        if (!m.messages.includes(text)) m.messages.push(text);
        marks.set(k, m);
      }
    }
  }

  const wb: ExcelJS.stream.xlsx.WorkbookWriter = new WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'jixiao';
  wb.lastModifiedBy = 'jixiao';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;

  for (const file of CSV_FILES) {
    const columns = columnsOf(file);
    const numeric = new Set(NUMERIC_COLUMNS[file]);
    const { rows } = sheets[file];
    const ws = wb.addWorksheet(sheetName(file), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    ws.columns = columns.map((c) => ({
      key: c,
      width: columnWidth(c, rows.slice(0, 2000).map((r) => r[c] ?? '')),
    }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    const header = ws.getRow(1);
    columns.forEach((c, j) => {
      const cell = header.getCell(j + 1);
      cell.value = c;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    });
    header.commit();

    let flagIndex = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const xrow = ws.getRow(i + 2);
      for (let j = 0; j < columns.length; j++) {
        const c = columns[j];
        const v = row[c] ?? '';
        if (v === '') continue;
        // Values only: a number, or a plain string. exceljs would read a string starting with
        // '=' as text too (formulas need `{ formula }` objects), so filing text cannot run.
        xrow.getCell(j + 1).value = numeric.has(c) && PLAIN_NUMBER.test(v) ? Number(v) : v;
      }
      if (file === 'flags.csv') {
        const sev = flagRowSeverity[flagIndex++];
        if (sev) {
          for (let j = 1; j <= columns.length; j++) {
            xrow.getCell(j).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_ROW_FILL[sev] } };
          }
        }
      }
      for (let j = 0; j < columns.length; j++) {
        const m = marks.get(`${file}\u0000${i}\u0000${columns[j]}`);
        if (!m) continue;
        const cell = xrow.getCell(j + 1);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[m.severity] } };
        cell.note = m.messages.join('\n\n');
      }
      xrow.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/**
 * Set every zip entry's DOS modification time and date to 1980-01-01 00:00 (local file
 * headers and central directory), so the bytes do not depend on when the workbook was written.
 */
export function pinZipTimestamps(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  // End of central directory: signature 0x06054b50, at most 64 KiB + 22 bytes from the end.
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('workbook zip has no end-of-central-directory record');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('workbook zip central directory is malformed');
    out.writeUInt16LE(DOS_TIME, p + 12);
    out.writeUInt16LE(DOS_DATE, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('workbook zip local header is malformed');
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/**
 * The same pinning as `pinZipTimestamps`, done in place in a zip file: reads the central
 * directory and writes the 4 bytes of each entry's time and date (local header and central
 * directory), never the whole file.
 */
export async function pinZipTimestampsInFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('workbook zip has no end-of-central-directory record');
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdStart = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdStart);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(0, 0); // 00:00
    stamp.writeUInt16LE((0 << 9) | (1 << 5) | 1, 2); // 1980-01-01
    const sig = Buffer.alloc(4);
    let p = 0;
    for (let n = 0; n < entries; n++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('workbook zip central directory is malformed');
      stamp.copy(cd, p + 12);
      const local = cd.readUInt32LE(p + 42);
      await fh.read(sig, 0, 4, local);
      if (sig.readUInt32LE(0) !== 0x04034b50) throw new Error('workbook zip local header is malformed');
      await fh.write(stamp, 0, 4, local + 10);
      p += 46 + cd.readUInt16LE(p + 28) + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    await fh.write(cd, 0, cdSize, cdStart);
  } finally {
    await fh.close();
  }
}

/**
 * Write `<outDir>/jixiao.xlsx`: streamed to a temporary file in the same folder, timestamps
 * pinned in place, then renamed (the same bytes as `workbookBuffer`).
 */
export async function writeWorkbook(outDir: string, records: DocumentRecord[]): Promise<void> {
  const path = join(outDir, WORKBOOK_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const file = createWriteStream(tmp);
    const closed = new Promise<void>((resolve, reject) => {
      file.on('close', resolve);
      file.on('error', reject);
    });
    await streamWorkbook(records, file);
    await closed;
    await pinZipTimestampsInFile(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
