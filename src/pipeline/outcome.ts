/**
 * What a finished document hands back to the batch: its JSON text and CSV rows (computed
 * where the document was processed, so the main thread only writes files) and a small
 * summary for progress, resume and the exit status. The full record travels only when the
 * caller keeps records (library API).
 */
import type { DocumentRecord } from '../../schemas/record.js';
import { CSV_FILES, recordJson, ROWS, type CsvFile, type Row } from '../emit/index.js';
import type { CropSet } from '../review/crop.js';

export interface DocSummary {
  doc_id: string;
  source_file: string;
  sha256: string;
  status: DocumentRecord['status'];
  pages: number | null;
  error: string | null;
  /** The document's own flags' codes (a cross-document flag, counted at the end, is not here). */
  flagCodes: string[];
}

export interface DocOutcome {
  summary: DocSummary;
  /** json/<doc_id>.json, exactly as written. */
  json: string;
  rows: Record<CsvFile, Row[]>;
  record?: DocumentRecord;
  /** The document hit the time limit (its thread may still be busy: replace it). */
  timedOut?: boolean;
  /** The report's page crops, made where the document was read (when a report is wanted). */
  crops?: CropSet;
  /** The document's worker process died (native crash, uncaught error): a queue may retry it. */
  crashed?: boolean;
}

export function summaryOf(r: DocumentRecord): DocSummary {
  return {
    doc_id: r.doc_id,
    source_file: r.source_file,
    sha256: r.sha256,
    status: r.status,
    pages: r.pages,
    error: r.error,
    flagCodes: r.flags.filter((f) => f.other_doc_id == null).map((f) => f.code),
  };
}

/**
 * Validate (recordJson throws on a record that does not match the schema) and flatten.
 * `validated`: the record is `DocumentRecord.parse`'s output, unchanged (not validated again).
 */
export function outcomeOf(record: DocumentRecord, keepRecord: boolean, validated = false): DocOutcome {
  const json = recordJson(record, { validated });
  const rows = Object.fromEntries(CSV_FILES.map((f) => [f, ROWS[f](record)])) as Record<CsvFile, Row[]>;
  return { summary: summaryOf(record), json, rows, ...(keepRecord ? { record } : {}) };
}
