/**
 * One document through every stage: read → ingest → layout → classify → parse → check.
 * Never throws: whatever goes wrong becomes a `failed` record with a one-line error,
 * so one bad file never stops a batch.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { DocumentRecord, type DocumentRecord as DocumentRecordType } from '../../schemas/record.js';
import type { IngestedDocument } from '../model/page.js';
import type { LaidOutDocument } from '../model/layout.js';
import { ingestPdf } from '../ingest/pdf-text/index.js';
import { ingestPlainText } from '../ingest/plain-text/index.js';
import { layoutPages } from '../layout/index.js';
import { layoutPlainText } from '../layout/plain-text/index.js';
import { classify } from '../classify/index.js';
import { parseFiling } from '../forms/index.js';
import { runChecks } from '../checks/index.js';
import type { InputFile } from './inputs.js';
import { DEFAULT_OPTIONS, type RunOptions } from './options.js';

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

export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const line = msg.replace(/\s+/g, ' ').trim();
  return (line || 'unknown error').slice(0, 300);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InputError(`gave up after ${Math.round(ms / 1000)} s (--timeout)`)), ms);
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

/** The stages after reading: bytes in, a validated record out (throws on failure). */
export async function extractRecord(
  input: InputFile,
  bytes: Uint8Array,
  sha256: string,
  options: RunOptions,
): Promise<DocumentRecordType> {
  const backend = detectBackend(input.path, bytes);
  if (backend === 'pdf' && options.ocr === 'always') {
    throw new InputError('OCR (--ocr always) is not available in this version');
  }
  const ingested =
    backend === 'pdf'
      ? await ingestPdf(bytes, { maxPages: options.maxPages, timeoutMs: options.timeoutMs })
      : ingestPlainText(bytes);
  const laid = await layoutDocument(ingested);
  const classification = classify(laid);
  const filing = parseFiling(laid, classification);
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
    warnings: [...laid.warnings, ...classification.evidence.map((e) => `classified by: ${e}`), ...filing.warnings],
  };
  return DocumentRecord.parse(record);
}

/** Process one input file; never throws. */
export async function processDocument(input: InputFile, options: RunOptions = DEFAULT_OPTIONS): Promise<DocumentRecordType> {
  let sha256 = createHash('sha256').update('').digest('hex');
  let isText = extname(input.path).toLowerCase() === '.txt';
  try {
    const bytes = await readLimited(input.path, options.maxBytes);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    isText = detectBackendSafe(input.path, bytes) === 'plain_text';
    return await withTimeout(extractRecord(input, bytes, sha256, options), options.timeoutMs);
  } catch (err) {
    return failedRecord(input, sha256, isText, err);
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
