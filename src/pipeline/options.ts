/** Limits and switches of a run, with the defaults the CLI documents. */
import { availableParallelism } from 'node:os';

export type OcrMode = 'auto' | 'always' | 'never';
export type OcrEngineName = 'ppocr' | 'tesseract';
/**
 * What reads a PDF's text layer and a scan's page images for OCR, and draws the report's crops:
 * PDFium in WebAssembly (the default: on 105 born-digital PDFs, 360 pages, about half the CPU of
 * the whole run without report and workbook, and as accurate or better on the corpus; a scan's
 * JPEG decoded in ~40% of pdf.js' CPU) or pdf.js (the reader before it). Pages OCR has to render
 * (outlines, undecodable text) are drawn by pdf.js either way.
 */
export type PdfEngineName = 'pdfjs' | 'pdfium';

export interface RunOptions {
  /** Documents processed at once (one worker process each); bounds memory. */
  concurrency: number;
  ocr: OcrMode;
  /** OCR engine each worker holds (created on first need, one per worker process). */
  ocrEngine: OcrEngineName;
  /** Text-layer reader of PDFs (see PdfEngineName). Default 'pdfium'. */
  pdfEngine: PdfEngineName;
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
   * Run documents on the calling thread instead of worker processes (used by tests and when
   * the compiled worker is not available). Time limits then cannot stop synchronous work.
   */
  inProcess: boolean;
  /**
   * A worker is replaced after this many documents … (default 300: a new worker costs about
   * 1.5 CPU s of start-up, loading and warming its code; measured on born-digital batches at
   * concurrency 2, a worker's resident set stayed at 220–255 MB from its 50th to its 290th
   * document, ~1000 pages, so the page limit below governs born-digital batches)
   */
  recycleAfterDocs: number;
  /** … or this many pages … */
  recycleAfterPages: number;
  /** … or when its heap (V8 heap + external memory) exceeds this many MB after a document. */
  recycleHeapMb: number;
  /**
   * Memory budget of one document's worker process (MB): its V8 heap is capped there
   * (--max-old-space-size) and its resident set is watched; a document over it fails
   * ("ran out of memory") and the worker is replaced. Default: `defaultMaxMemoryMb(concurrency, ocr)`.
   */
  maxMemoryMb: number;
}

/**
 * The default memory budget per document (MB): MEMORY_TOTAL_MB / concurrency, so that on a
 * two-core machine (concurrency 2) born-digital workers together stay within about 1.5 GB,
 * but never under a floor: 512 with `--ocr never` (born-digital documents stay near 130 MB
 * resident and pdf.js's whole test corpus ran within 768 MB per document), 1024 when OCR may
 * run. Measured here (2026-11-30, PP-OCRv4, peak resident set of a document's process): pages
 * at 300 dpi peak at 750–875 MB (deskew's canvas copies about 155 MB, detection about 190 MB),
 * and with a 768 MB floor 4 of the 28 scans of corpus/scan failed "ran out of memory" at
 * concurrency 2 — so two OCR documents at once may reach 2 GB; `--max-memory` sets it.
 * Every budget rule lives in this one function.
 */
export const MEMORY_TOTAL_MB = 1536;

export function defaultMaxMemoryMb(concurrency: number, ocr: OcrMode = 'auto'): number {
  return Math.max(ocr === 'never' ? 512 : 1024, Math.floor(MEMORY_TOTAL_MB / Math.max(1, concurrency)));
}

/**
 * onnxruntime intra-op threads of each worker's OCR engine (PP-OCR): the machine's cores shared
 * among the documents run at once, at least 1 — 2 at concurrency 1 on two cores, 1 at
 * concurrency 2 (one core per worker; more threads than cores only adds switching and CPU).
 */
export function defaultOcrThreads(concurrency: number, cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / Math.max(1, Math.floor(concurrency))));
}

const DEFAULT_CONCURRENCY = Math.max(1, Math.min(availableParallelism(), 8));

export const DEFAULT_OPTIONS: RunOptions = {
  concurrency: DEFAULT_CONCURRENCY,
  ocr: 'auto',
  ocrEngine: 'ppocr',
  pdfEngine: 'pdfium',
  maxPages: 300,
  maxBytes: 100 * 1024 * 1024,
  timeoutMs: 120_000,
  resume: false,
  report: true,
  xlsx: true,
  db: true,
  inProcess: false,
  recycleAfterDocs: 300,
  recycleAfterPages: 1000,
  recycleHeapMb: 384,
  maxMemoryMb: defaultMaxMemoryMb(DEFAULT_CONCURRENCY),
};

/** What a worker needs to know (plain data, sent to worker threads). */
export function resolveOptions(options: Partial<RunOptions> = {}): RunOptions {
  const o: RunOptions = { ...DEFAULT_OPTIONS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  o.concurrency = Math.max(1, Math.floor(o.concurrency));
  if (options.maxMemoryMb === undefined) o.maxMemoryMb = defaultMaxMemoryMb(o.concurrency, o.ocr);
  return o;
}
