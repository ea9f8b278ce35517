/** Limits and switches of a run, with the defaults the CLI documents. */
import { availableParallelism } from 'node:os';

export type OcrMode = 'auto' | 'always' | 'never';
export type OcrEngineName = 'ppocr' | 'tesseract';

export interface RunOptions {
  /** Documents processed at once (one worker thread each); bounds memory. */
  concurrency: number;
  ocr: OcrMode;
  /** OCR engine each worker holds (created on first need, one per worker thread). */
  ocrEngine: OcrEngineName;
  /** Refuse PDFs with more pages than this. */
  maxPages: number;
  /** Refuse input files larger than this many bytes. */
  maxBytes: number;
  /** Give up on one document after this many milliseconds (its worker is terminated). */
  timeoutMs: number;
  /** Reuse json/<doc_id>.json of documents already done (same sha256, source, tool version). */
  resume: boolean;
  /** Write report.html (extractToFolder / CLI only). */
  report: boolean;
  /** Write jixiao.xlsx (extractToFolder / CLI only). */
  xlsx: boolean;
  /** Write jixiao.sqlite, the CSV files' rows as SQLite tables (extractToFolder / CLI only). */
  db: boolean;
  /**
   * Run documents on the calling thread instead of worker threads (used by tests and when
   * the compiled worker is not available). Time limits then cannot stop synchronous work.
   */
  inProcess: boolean;
  /** A worker is replaced after this many documents … */
  recycleAfterDocs: number;
  /** … or this many pages … */
  recycleAfterPages: number;
  /** … or when its heap (V8 heap + external memory) exceeds this many MB after a document. */
  recycleHeapMb: number;
  /** Hard cap of a worker's V8 old generation (MB); a worker over it fails its document and is replaced. */
  workerHeapLimitMb: number;
}

export const DEFAULT_OPTIONS: RunOptions = {
  concurrency: Math.max(1, Math.min(availableParallelism(), 8)),
  ocr: 'auto',
  ocrEngine: 'ppocr',
  maxPages: 300,
  maxBytes: 100 * 1024 * 1024,
  timeoutMs: 120_000,
  resume: false,
  report: true,
  xlsx: true,
  db: true,
  inProcess: false,
  recycleAfterDocs: 100,
  recycleAfterPages: 1000,
  recycleHeapMb: 384,
  workerHeapLimitMb: 2048,
};

/** What a worker needs to know (plain data, sent to worker threads). */
export function resolveOptions(options: Partial<RunOptions> = {}): RunOptions {
  const o: RunOptions = { ...DEFAULT_OPTIONS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  o.concurrency = Math.max(1, Math.floor(o.concurrency));
  return o;
}
