/**
 * The end of a run, shared by `extract` and `recheck`: the links stage over all the run's
 * records, then every output file from the linked records — the CSV files and json/ (emit),
 * jixiao.sqlite (database), report.html (review), jixiao.xlsx (workbook) — each written atomically. Whatever files a run
 * writes are written here, so `recheck` rewrites exactly what `extract` wrote.
 */
import { join } from 'node:path';
import { PAIR_FLAG_CODES, type DocumentRecord } from '../../schemas/record.js';
import { columnsOf, CSV_FILES, ROWS, writeAtomic, writeOutputs } from '../emit/index.js';
import { tableNameOf, writeDatabase, type Table } from '../database/index.js';
import { linkRecords } from '../links/index.js';
import type { Cropper } from '../review/index.js';
import { JOURNAL_FILE, journalText, readJournal, sha256Of } from './journal.js';
import { folderCropper, REPORT_THREAD_MAX_DOCS, writeReportAside } from './report-thread.js';

export { REPORT_THREAD_MAX_DOCS };

const PAIR_CODES: ReadonlySet<string> = new Set(PAIR_FLAG_CODES);

/** Does a record carry links or cross-document flags (the links stage's part of a record)? */
function crossDocument(r: DocumentRecord): boolean {
  return (r.links?.length ?? 0) > 0 || r.flags.some((f) => f.other_doc_id != null || PAIR_CODES.has(f.code));
}

export interface RunFilesOptions {
  /** Write report.html. */
  report: boolean;
  /** Write jixiao.xlsx. */
  xlsx: boolean;
  /** Write jixiao.sqlite (default true; --no-db). */
  db?: boolean;
  /**
   * Where the report gets its page crops (default: drawn from each record's PDF). A function
   * keeps the report on this thread, after the database; without one it is written on a worker
   * thread while the database and the workbook are written here (report-thread.ts).
   */
  cropper?: Cropper;
  /** The folder of the crops the batch's workers made (`<doc_id>.json` each), for the report's thread; default none. */
  cropsDir?: string | null;
  /**
   * doc_ids whose json/ file already holds exactly their record, validated when it was
   * written: not validated, serialized or compared again (emit's `writeOutputs`).
   */
  unchanged?: ReadonlySet<string>;
}

/** The rows of every CSV file for `records` (doc_id order), as database tables. */
export function tablesOf(records: readonly DocumentRecord[]): Table[] {
  const sorted = [...records].sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
  return CSV_FILES.map((file) => ({ name: tableNameOf(file), columns: columnsOf(file), rows: sorted.flatMap(ROWS[file]) }));
}

let writersWarmed = false;

/**
 * Start loading the modules of the writers `options` asks for (exceljs for the workbook), so
 * that a batch can have them loaded while its documents run rather than at its end.
 * `sampleJson` (a document's json text, as written): also run the database and workbook
 * writers once on it, in memory (results discarded; once per process), so that sql.js'
 * WebAssembly is compiled and the writers' code optimized before the end of the run, where
 * they are on its critical path. Changes no output. Measured (105 born-digital documents, one
 * process, shared machine): jixiao.sqlite's bytes 271 ms cold → 106 ms after an empty-database
 * warm-up (44 ms); jixiao.xlsx's 321 → 186 ms after a one-document warm-up (86 ms).
 */
export function preloadWriters(options: { xlsx: boolean; db?: boolean }, sampleJson?: string): void {
  if (options.xlsx) import('../workbook/index.js').catch(() => undefined);
  if (writersWarmed || sampleJson === undefined) return;
  writersWarmed = true;
  void (async () => {
    if (options.db !== false) await (await import('../database/index.js')).databaseBytes(tablesOf([JSON.parse(sampleJson) as DocumentRecord]));
    if (options.xlsx) await (await import('../workbook/index.js')).workbookBuffer([JSON.parse(sampleJson) as DocumentRecord]);
  })().catch(() => undefined);
}

/**
 * Write every output file of a run from its (already linked) records: CSV files and json/
 * first (validated before anything is written), then the database, the report and the workbook.
 * report.html is made on a worker thread (report-thread.ts) while the CSV/json files, the
 * database and the workbook are written here, and written once the CSV and json files are;
 * a caller's cropper (a function) keeps it on this thread, and so does a batch of more than
 * REPORT_THREAD_MAX_DOCS documents (the thread would hold a second copy of the records):
 * then it is written here after the database. The workbook's and the report's modules
 * (exceljs; the report's font subsetter) load only when those files are asked for.
 * Returns the json text of each document by doc_id.
 */
export async function writeRunFiles(outDir: string, records: DocumentRecord[], options: RunFilesOptions & { csvAndJson?: boolean }): Promise<Map<string, string>> {
  const reportHere = options.report && (options.cropper !== undefined || records.length > REPORT_THREAD_MAX_DOCS);
  const outputs = options.csvAndJson === false ? Promise.resolve(new Map<string, string>()) : writeOutputs(outDir, records, { unchanged: options.unchanged });
  const aside = options.report && !reportHere ? writeReportAside({ outDir, records, cropsDir: options.cropsDir ?? null }, outputs) : Promise.resolve();
  aside.catch(() => undefined);
  let jsons: Map<string, string>;
  try {
    jsons = await outputs;
  } catch (err) {
    await aside.catch(() => undefined);
    throw err;
  }
  // one writer after the other here: jixiao.sqlite (the same rows as the CSV files, one table
  // each), report.html when it is not on its thread, jixiao.xlsx
  const here = (async () => {
    if (options.db !== false) await writeDatabase(outDir, tablesOf(records));
    if (reportHere) {
      const { writeReport } = await import('../review/index.js');
      await writeReport(outDir, records, { cropper: options.cropper ?? (await folderCropper(records, options.cropsDir ?? null)) });
    }
    if (options.xlsx) {
      const { writeWorkbook } = await import('../workbook/index.js');
      await writeWorkbook(outDir, records);
    }
  })();
  const [a, b] = await Promise.allSettled([here, aside]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return jsons;
}

/**
 * Link the records of a finished run and write every file; the resume journal is brought up
 * to date with the json files rewritten (so --resume still reuses them).
 * Returns the linked records in doc_id order.
 */
export async function finishRun(outDir: string, records: readonly DocumentRecord[], options: RunFilesOptions): Promise<DocumentRecord[]> {
  const linked = linkRecords(records);
  if (!records.some(crossDocument) && !linked.some(crossDocument)) {
    // Nothing links: the CSV and json files the batch wrote are already these; only the rest.
    await writeRunFiles(outDir, linked, { ...options, csvAndJson: false });
    return linked;
  }
  // a record the links stage left alone is, byte for byte, the json file the batch wrote
  const before = new Map(records.map((r) => [r.doc_id, r]));
  const unchanged = new Set(linked.filter((r) => !crossDocument(r) && before.has(r.doc_id) && !crossDocument(before.get(r.doc_id)!)).map((r) => r.doc_id));
  const jsons = await writeRunFiles(outDir, linked, { ...options, unchanged });
  const entries = await readJournal(outDir);
  if (entries.length) {
    const updated = entries.map((e) => (jsons.has(e.docId) ? { ...e, jsonSha256: sha256Of(jsons.get(e.docId)!) } : e));
    await writeAtomic(join(outDir, JOURNAL_FILE), journalText(updated));
  }
  return linked;
}
