/**
 * One document through every stage: read → ingest → layout → classify → parse → check.
 * Never throws: whatever goes wrong becomes a `failed` record with a one-line error,
 * so one bad file never stops a batch.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { DocumentRecord, type DocumentRecord as DocumentRecordType } from '../../schemas/record.js';
import type { IngestedDocument, Page } from '../model/page.js';
import type { LaidOutDocument } from '../model/layout.js';
import { IngestTimeoutError, ingestPdf, openPdfDocument, type OpenPdf } from '../ingest/pdf-text/index.js';
import { ingestPdfium } from '../ingest/pdf-text/pdfium.js';
import { rendererFor } from '../render/index.js';
import { openPdfiumRenderer } from '../render/pdfium.js';
import { flagCropRequests, renderDocumentCrops, type CropSet } from '../review/crop.js';
import { ingestPlainText } from '../ingest/plain-text/index.js';
import { layoutPages } from '../layout/index.js';
import { layoutPlainText } from '../layout/plain-text/index.js';
import { classify } from '../classify/index.js';
import { parseFiling } from '../forms/index.js';
import { runChecks } from '../checks/index.js';
import { repairNames } from '../repair/index.js';
import { repairTargets } from '../repair/targets.js';
import { repairNegativeScores } from '../repair/scores.js';
import type { InputFile } from './inputs.js';
import { DEFAULT_OPTIONS, defaultOcrThreads, type RunOptions } from './options.js';
import { OcrEngineHolder, type DocumentContext } from './ocr-holder.js';
import { needsOcr, ocrDocument, ocrPage, type LendablePage, type OcrOptions } from '../ocr/index.js';
import { openRenderer } from '../render/index.js';
import { oneLine, timeoutMessage } from './messages.js';

export class InputError extends Error {}

async function readLimited(path: string, maxBytes: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size > maxBytes) throw new InputError(`file is ${size} bytes, over the limit of ${maxBytes} (--max-bytes)`);
    const buf = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(buf, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return off === size ? buf : buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

type Backend = 'pdf' | 'plain_text';

/** Decide the backend from the bytes first, the extension second. */
export function detectBackend(path: string, bytes: Uint8Array): Backend {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  const ext = extname(path).toLowerCase();
  if (bytes.length === 0) throw new InputError('empty file (0 bytes)');
  if (ext === '.pdf') throw new InputError('not a PDF: no %PDF- header');
  if (ext === '.txt' || ext === '') return 'plain_text';
  throw new InputError(`unsupported input type '${ext}' (expected .pdf or .txt)`);
}

export { oneLine, timeoutMessage } from './messages.js';

export class TimeoutError extends InputError {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(timeoutMessage(ms))), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export async function layoutDocument(ingested: IngestedDocument): Promise<LaidOutDocument> {
  const pages = ingested.pages;
  const laid =
    pages.length > 0 && pages.every((p) => p.source === 'plain_text') ? layoutPlainText(pages[0]) : layoutPages(pages);
  return {
    ...laid,
    pageCount: ingested.pageCount,
    warnings: [...ingested.warnings, ...laid.warnings],
  };
}

/**
 * The OCR step: pages with no usable text layer (auto) or every page (always) are read by the
 * thread's OCR engine and replaced by OCR'd pages in the same Page model. With `--ocr never`
 * such pages stay as they are, with a warning.
 */
async function withOcr(bytes: Uint8Array, ingested: IngestedDocument, options: RunOptions, ctx?: DocumentContext, open?: OpenPdf | null): Promise<IngestedDocument> {
  if (options.ocr === 'never') {
    const unread = ingested.pages.filter((p) => p.textLayer !== undefined && p.textLayer !== 'ok');
    if (unread.length === 0) return ingested;
    const list = unread.map((p) => `${p.number} (${p.textLayer})`).join(', ');
    return { ...ingested, warnings: [...ingested.warnings, `pages without a usable text layer, not read (--ocr never): ${list}`] };
  }
  const mode = options.ocr;
  const todo = ingested.pages.filter((p) => needsOcr(p, mode)).length;
  if (todo === 0) return ingested;
  // A worker thread lends its long-lived engine; a direct caller gets one for this document.
  const own = ctx ? null : new OcrEngineHolder(options.ocrEngine, undefined, defaultOcrThreads(options.concurrency));
  const holder = ctx ?? own!;
  // pdf.js: the document ingest read (pages it kept give their image without a second decode);
  // PDFium: scans' page images decoded by PDFium, rendered pages still drawn by pdf.js
  const renderer = open ? rendererFor(open) : options.pdfEngine === 'pdfium' ? await openPdfiumRenderer(bytes) : undefined;
  try {
    const result = await ocrDocument(bytes, ingested, { mode, engine: await holder.ocrEngine(), ...(holder.lending ? { lending: holder.lending } : {}) }, renderer);
    holder.ocrPages += todo;
    return result;
  } finally {
    if (!open) await renderer?.close();
    await own?.terminate();
  }
}

/**
 * One page of another worker's document, read as `withOcr` reads it there (the same renderer
 * kind, the same OCR options with this thread's engine): page lending (page-lending.ts). Throws
 * when the file cannot be read or is no longer the one the other worker read (`sha256`).
 */
export async function readLentPage(input: InputFile, options: RunOptions, ctx: DocumentContext, page: LendablePage, mode: OcrOptions['mode'], sha256: string): Promise<Page> {
  const bytes = await readLimited(input.path, options.maxBytes);
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new InputError('the file changed while it was read');
  const renderer = options.pdfEngine === 'pdfium' ? await openPdfiumRenderer(bytes) : await openRenderer(bytes);
  try {
    const read = await ocrPage(renderer, page, { mode, engine: await ctx.ocrEngine() });
    ctx.ocrPages++;
    return read;
  } finally {
    await renderer.close();
  }
}

/** Layout, classification and parsing of ingested pages. */
async function analyse(ingested: IngestedDocument) {
  const laid = await layoutDocument(ingested);
  const classification = classify(laid);
  const filing = repairTargets(repairNegativeScores(repairNames(parseFiling(laid, classification), laid)));
  return { laid, classification, filing };
}

/**
 * The stages after reading: bytes in, a validated record out (throws on failure). This is
 * what runs inside a worker thread. `ctx` is the thread's: `ctx.ocrEngine()` gives its one
 * long-lived OCR engine (created on first call), for the OCR step
 * (`ocrDocument(bytes, ingested, { mode: options.ocr, engine })`) to be added after ingest.
 */
export async function extractRecord(
  input: InputFile,
  bytes: Uint8Array,
  sha256: string,
  options: RunOptions,
  ctx?: DocumentContext,
): Promise<DocumentRecordType> {
  return (await extractWithCrops(input, bytes, sha256, { ...options, report: false }, ctx)).record;
}

/**
 * `extractRecord`, plus the report's page crops when `options.report` is set and the input is
 * a PDF with flags pointing at boxes: made here, on the pdf.js document ingest read (kept open
 * until then), each flagged page drawn once (`renderDocumentCrops`), so the report never
 * opens the PDF again. A crop that fails is left out (the report falls back to the file).
 */
export async function extractWithCrops(
  input: InputFile,
  bytes: Uint8Array,
  sha256: string,
  options: RunOptions,
  ctx?: DocumentContext,
): Promise<{ record: DocumentRecordType; crops?: CropSet }> {
  const backend = detectBackend(input.path, bytes);
  const withCrops = backend === 'pdf' && options.report === true;
  const pdfium = options.pdfEngine === 'pdfium';
  // pdf.js: one document for ingest, OCR and the report's crops (OCR reads pages ingest kept
  // without decoding their image again: RETAINED_OCR_PAGES). PDFium reads the text layer,
  // scans' page images and draws the crops; OCR opens pdf.js only for pages it must render.
  const open: OpenPdf | null = backend === 'pdf' && !pdfium && (options.report || options.ocr !== 'never') ? await openPdfDocument(bytes) : null;
  try {
    const { record, textPages } = await extractFrom(input, bytes, sha256, backend, options, ctx, open);
    if (!withCrops || !record.flags.some((f) => flagCropRequests(f).length > 0)) return { record };
    const renderer = pdfium ? await openPdfiumRenderer(bytes) : rendererFor(open!);
    try {
      const crops = await renderDocumentCrops(renderer, record.flags, { textPage: (n) => textPages.has(n) });
      return { record, crops };
    } finally {
      await renderer.close();
    }
  } finally {
    await open?.destroy();
  }
}

/**
 * Pages going to OCR that ingest leaves uncleaned on the shared pdf.js document, at most this
 * many per document (the first ones): pdf.js decodes a scan's page image while ingest reads the
 * page's operator list, and the OCR step then takes that decoded image instead of decoding it
 * a second time. Each kept page holds its decoded image (RGB: ~12 MB at 200 dpi, ~26 MB at 300
 * dpi on A4) until the OCR step has read it, so the count is bounded; later pages are decoded
 * again. Measured on the 28 scans of corpus/scan (1-3 pages each, 200-300 dpi JPEG): ingest
 * took ~5.1 CPU s and the OCR step's page images another ~5.1 s; for the two pages of one scan,
 * the page images 242-260 ms → 21-37 ms CPU when kept.
 */
export const RETAINED_OCR_PAGES = 2;

/** `PdfIngestOptions.retain` for a run: the first `RETAINED_OCR_PAGES` pages that need OCR. */
function retainForOcr(options: RunOptions): ((page: Page) => boolean) | undefined {
  const mode = options.ocr;
  if (mode === 'never') return undefined;
  let kept = 0;
  return (page) => needsOcr(page, mode) && kept++ < RETAINED_OCR_PAGES;
}

async function extractFrom(
  input: InputFile,
  bytes: Uint8Array,
  sha256: string,
  backend: Backend,
  options: RunOptions,
  ctx: DocumentContext | undefined,
  open: OpenPdf | null,
): Promise<{ record: DocumentRecordType; textPages: Set<number> }> {
  let ingested =
    backend === 'pdf'
      ? await (options.pdfEngine === 'pdfium'
          ? ingestPdfium(bytes, { maxPages: options.maxPages, timeoutMs: options.timeoutMs, requireText: options.ocr === 'never' })
          : ingestPdf(bytes, { maxPages: options.maxPages, timeoutMs: options.timeoutMs, requireText: options.ocr === 'never', document: open ?? undefined, retain: retainForOcr(options) })
        ).catch((err) => {
          // one message for --timeout, whichever clock ran out first
          throw err instanceof IngestTimeoutError ? new TimeoutError(timeoutMessage(options.timeoutMs)) : err;
        })
      : ingestPlainText(bytes);
  if (backend === 'pdf') ingested = await withOcr(bytes, ingested, options, ctx, open);
  let { laid, classification, filing } = await analyse(ingested);
  // A text layer can decode to real but wrong characters (fonts without a Unicode map whose
  // codes happen to be valid CJK): it passes the text-layer check, yet yields no label of a
  // filing. Before giving up, read the pages from their image and keep that reading if it is
  // recognised.
  if (backend === 'pdf' && filing.doc_type === 'unknown' && options.ocr === 'auto' && ingested.pages.some((p) => needsOcr(p, 'always') && !needsOcr(p, 'auto'))) {
    const reread = await withOcr(bytes, ingested, { ...options, ocr: 'always' }, ctx, open);
    const second = await analyse(reread);
    if (second.filing.doc_type !== 'unknown') {
      ingested = reread;
      ({ laid, classification, filing } = second);
      laid.warnings.push('the text layer yields no label of a filing (fonts whose codes decode to the wrong characters?): pages read by OCR instead');
    }
  }
  const checked = runChecks(filing);
  const problems = [...filing.missing];
  let status: DocumentRecordType['status'] = 'ok';
  if (filing.doc_type === 'unknown') {
    status = 'partial';
    problems.unshift('not recognised as a 绩效目标申报表, 绩效自评表 or 绩效自评报告');
  } else if (problems.length > 0) status = 'partial';
  const record: DocumentRecordType = {
    schema_version: 1,
    doc_id: input.docId,
    source_file: input.path,
    sha256,
    status,
    error: problems.length ? oneLine(problems.join('; ')) : null,
    doc_type: filing.doc_type,
    variant: filing.variant,
    pages: backend === 'pdf' ? (ingested.pageCount ?? ingested.pages.length) : null,
    text_source: laid.source,
    title: filing.title,
    money_unit: filing.money_unit,
    projects: checked.projects,
    summary_table: filing.summary_table,
    flags: checked.flags,
    warnings: [...laid.warnings, ...classification.evidence.map((e) => `classified by: ${e}`), ...filing.warnings, ...checked.warnings],
  };
  // pages read from a good text layer: drawn for crops without looking for a scan's image
  const textPages = new Set(ingested.pages.filter((p) => p.source === 'pdf_text' && p.textLayer === 'ok').map((p) => p.number));
  return { record: DocumentRecord.parse(record), textPages };
}

/** Process one input file; never throws. */
export async function processDocument(
  input: InputFile,
  options: RunOptions = DEFAULT_OPTIONS,
  ctx?: DocumentContext,
): Promise<DocumentRecordType> {
  return (await processDocumentDetailed(input, { ...options, report: false }, ctx)).record;
}

export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/**
 * Process one input file; never throws. `timedOut` says the time limit struck: work may
 * still be running on this thread (a worker is then replaced). `crops`: the report's page
 * crops of a PDF with flags, when `options.report` is set (see `extractWithCrops`).
 * `validated`: the record is what `DocumentRecord.parse` returned (a failed record is not).
 */
export async function processDocumentDetailed(
  input: InputFile,
  options: RunOptions = DEFAULT_OPTIONS,
  ctx?: DocumentContext,
  onRead?: (sha256: string) => void,
): Promise<{ record: DocumentRecordType; timedOut: boolean; crops?: CropSet; validated?: boolean }> {
  let sha256 = EMPTY_SHA256;
  let isText = extname(input.path).toLowerCase() === '.txt';
  try {
    const bytes = await readLimited(input.path, options.maxBytes);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    onRead?.(sha256);
    isText = detectBackendSafe(input.path, bytes) === 'plain_text';
    const { record, crops } = await withTimeout(extractWithCrops(input, bytes, sha256, options, ctx), options.timeoutMs);
    // the record is DocumentRecord.parse's output (extractFrom), not touched since
    return { record, timedOut: false, validated: true, ...(crops ? { crops } : {}) };
  } catch (err) {
    const timedOut = err instanceof TimeoutError || /timed out after/.test(oneLine(err));
    return { record: failedRecord(input, sha256, isText, err), timedOut };
  }
}

function detectBackendSafe(path: string, bytes: Uint8Array): Backend | null {
  try {
    return detectBackend(path, bytes);
  } catch {
    return null;
  }
}

export function failedRecord(input: InputFile, sha256: string, isText: boolean, err: unknown): DocumentRecordType {
  return {
    schema_version: 1,
    doc_id: input.docId,
    source_file: input.path,
    sha256,
    status: 'failed',
    error: oneLine(err),
    doc_type: 'unknown',
    variant: null,
    pages: null,
    text_source: isText ? 'plain_text' : 'pdf_text',
    title: null,
    money_unit: null,
    projects: [],
    summary_table: null,
    flags: [],
    warnings: [],
  };
}
