/**
 * The emit stage: the contract's six CSV files and `json/<doc_id>.json` per record, each
 * record validated against the schema first, every file written atomically (temporary file
 * in the same folder, then rename), byte-identical for the same records.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentRecord } from '../../schemas/record.js';
import { COLUMNS, CSV_FILES, type CsvFile, type Row } from './columns.js';
import { csvText } from './csv.js';
import { budgetLineRows, documentRow, EXTRA_COLUMNS, flagRows, indicatorRows, linkRows, projectRows, scoreRows } from './rows.js';

export { COLUMNS, CSV_FILES, type CsvFile, type Row } from './columns.js';
export { csvText, guardCell, unguardCell, parseCsv, readCsv, BOM, ROW_DELIMITER } from './csv.js';
export { budgetLineRows, documentRow, EXTRA_COLUMNS, flagRows, indicatorRows, linkRows, projectRows, scoreRows, num, text } from './rows.js';

/** All columns written to a file: the contract's, then ours. */
export function columnsOf(file: CsvFile): string[] {
  return [...COLUMNS[file], ...EXTRA_COLUMNS[file]];
}

/** The rows one record contributes to each CSV file. */
export const ROWS: Readonly<Record<CsvFile, (r: DocumentRecord) => Row[]>> = {
  'documents.csv': (r) => [documentRow(r)],
  'projects.csv': projectRows,
  'indicators.csv': indicatorRows,
  'budget_lines.csv': budgetLineRows,
  'scores.csv': scoreRows,
  'flags.csv': flagRows,
  'links.csv': linkRows,
};

/** Write `path` atomically: `<name>.tmp-<pid>` in the same folder, then rename over it. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await (typeof data === 'string' ? writeFile(tmp, data, 'utf8') : writeFile(tmp, data));
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Validate a record; a record that does not validate is a bug upstream. */
export function validateRecord(r: DocumentRecord): DocumentRecord {
  const res = DocumentRecord.safeParse(r);
  if (!res.success) {
    throw new Error(`record ${r?.doc_id ?? '?'} does not match the schema: ${res.error.message}`);
  }
  return res.data;
}

/**
 * The JSON text of a record: schema key order, two-space indent, trailing newline.
 * `validated`: `r` is what `DocumentRecord.parse` returned, unchanged since (as a worker's
 * record is), so it is not validated a second time (the schema has no transforms or defaults:
 * parsing a parsed record gives the same object, the same text).
 */
export function recordJson(r: DocumentRecord, options: { validated?: boolean } = {}): string {
  return `${JSON.stringify(options.validated ? r : validateRecord(r), null, 2)}\n`;
}

function byDocId(a: DocumentRecord, b: DocumentRecord): number {
  return a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0;
}

/**
 * Write the CSV files and json/<doc_id>.json of `records`; returns the json text of each
 * document written or checked, by doc_id. `unchanged`: doc_ids whose json/ file is known to
 * hold exactly their record, validated when it was written (the end of a batch, for records
 * the links stage left alone): their rows are written, their json is not validated,
 * serialized or read back again, and they are not in the map returned.
 */
export async function writeOutputs(outDir: string, records: DocumentRecord[], options: { unchanged?: ReadonlySet<string> } = {}): Promise<Map<string, string>> {
  const sorted = [...records].sort(byDocId);
  const ids = new Set<string>();
  for (const r of sorted) {
    if (ids.has(r.doc_id)) throw new Error(`doc_id '${r.doc_id}' appears twice in one run`);
    ids.add(r.doc_id);
    if (/[\\/]/.test(r.doc_id) || r.doc_id === '.' || r.doc_id === '..') throw new Error(`doc_id '${r.doc_id}' is not a file name`);
  }
  // Validate everything before writing anything.
  const unchanged = options.unchanged;
  const jsons = sorted.filter((r) => !unchanged?.has(r.doc_id)).map((r) => ({ id: r.doc_id, text: recordJson(r) }));

  await mkdir(join(outDir, 'json'), { recursive: true });
  for (const file of CSV_FILES) {
    const rows = sorted.flatMap(ROWS[file]);
    await writeAtomic(join(outDir, file), await csvText(columnsOf(file), rows));
  }
  // a json file already holding these bytes is left as it is (the end of a batch rewrites only
  // the records the links stage changed)
  for (const j of jsons) {
    const path = join(outDir, 'json', `${j.id}.json`);
    if ((await readFile(path, 'utf8').catch(() => null)) !== j.text) await writeAtomic(path, j.text);
  }

  // Documents not in this run lose their json file (only json/*.json is touched).
  for (const entry of await readdir(join(outDir, 'json'), { withFileTypes: true })) {
    const name = entry.name;
    if (entry.isFile() && name.endsWith('.json') && !ids.has(name.slice(0, -'.json'.length))) await rm(join(outDir, 'json', name), { force: true });
  }
  return new Map(jsons.map((j) => [j.id, j.text]));
}
