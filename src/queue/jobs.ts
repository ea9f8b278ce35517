/**
 * What travels through Redis for a batch run on many machines (BullMQ), and the names it
 * goes by. A job carries a path and options, never the file's bytes; its id is derived from
 * the input's sha256, the options that shape its record, its doc_id and path and the output
 * folder, so enqueuing the same batch twice adds nothing (BullMQ ignores a job id it holds).
 *
 * Redis holds, per batch (`batchIdOf(outDir)`): a header key (JSON `BatchHeader`) and a list of
 * its jobs in input order (`jobId \t docId \t path`); per job, BullMQ's hash (data ≈ 0.4 KB,
 * the return value ≈ 0.3 KB) and its place in one state set.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { InputFile } from '../pipeline/inputs.js';
import { fingerprint, sha256Of } from '../pipeline/journal.js';
import type { DocSummary } from '../pipeline/outcome.js';
import { resolveOptions, type RunOptions } from '../pipeline/options.js';
import { DocumentRecord } from '../../schemas/record.js';
import { recordJson } from '../emit/index.js';
import { unlinkedRecord } from '../links/index.js';

/** The BullMQ queue every jixiao worker listens on. */
export const QUEUE_NAME = 'jixiao';

/** Attempts per document when its worker process or machine dies (BullMQ `attempts`). */
export const DEFAULT_ATTEMPTS = 3;

/** The options that shape a document's record; a worker takes them from the job. */
export type DocOptions = Pick<RunOptions, 'ocr' | 'ocrEngine' | 'pdfEngine' | 'maxPages' | 'maxBytes' | 'timeoutMs'>;

/** The options of the output folder, applied by `collect` (report.html, jixiao.xlsx, …). */
export type FolderOptions = Pick<RunOptions, 'report' | 'xlsx'>;

export function docOptionsOf(o: RunOptions): DocOptions {
  return { ocr: o.ocr, ocrEngine: o.ocrEngine, pdfEngine: o.pdfEngine, maxPages: o.maxPages, maxBytes: o.maxBytes, timeoutMs: o.timeoutMs };
}

/** Everything a document's options and the folder's options say, as RunOptions (defaults elsewhere). */
export function runOptionsOf(doc: DocOptions, folder: Partial<FolderOptions> = {}): RunOptions {
  return resolveOptions({ ...doc, ...folder });
}

/** A job's data (JSON in Redis). */
export interface JobData {
  v: 1;
  /** batchIdOf(outDir) */
  batch: string;
  input: InputFile;
  /** The folder `input.path` is relative to, on the machine that enqueued it. */
  cwd: string;
  /** Absolute output folder (a path every machine sees). */
  outDir: string;
  options: DocOptions;
}

/** A completed job's return value (JSON in Redis): the document's status, and the hash of the json file written. */
export interface JobResult {
  summary: DocSummary;
  jsonSha256: string;
}

/** The batch's header in Redis. */
export interface BatchHeader {
  v: 1;
  outDir: string;
  cwd: string;
  options: DocOptions & FolderOptions;
  attempts: number;
  count: number;
  enqueuedAt: string;
}

export interface BatchEntry {
  jobId: string;
  input: InputFile;
}

/** One id per output folder (absolute path). */
export function batchIdOf(outDir: string): string {
  return createHash('sha256').update(resolve(outDir)).digest('hex').slice(0, 24);
}

export const headerKey = (batch: string) => `jixiao:batch:${batch}`;
export const entriesKey = (batch: string) => `jixiao:batch:${batch}:jobs`;

/**
 * The job id of one document: sha256 over the input's sha256, the record-shaping options
 * (with the tool version, as the resume journal's fingerprint), doc_id, path as given, the
 * folder it is relative to and the output folder. Hex only (BullMQ ids may not hold ':').
 */
export function jobIdOf(fileSha256: string, doc: DocOptions, input: InputFile, cwd: string, outDir: string): string {
  const parts = [fileSha256, fingerprint(runOptionsOf(doc)), String(doc.maxPages), String(doc.maxBytes), String(doc.timeoutMs), input.docId, input.path, cwd, resolve(outDir)];
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

export function entryLine(e: BatchEntry): string {
  const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');
  return `${e.jobId}\t${clean(e.input.docId)}\t${e.input.path}`;
}

export function parseEntry(line: string): BatchEntry {
  const [jobId, docId, ...rest] = line.split('\t');
  return { jobId, input: { docId, path: rest.join('\t') } };
}

/**
 * BullMQ connection options from a Redis URL (`redis://[user:password@]host[:port][/db]`,
 * `rediss://` for TLS). Throws on anything else.
 */
export function connectionOf(url: string): { url: string; maxRetriesPerRequest: null } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--redis takes a URL such as redis://host:6379, not '${url}'`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`--redis takes a redis:// or rediss:// URL, not '${url}'`);
  return { url, maxRetriesPerRequest: null };
}

/**
 * Whether a json file is the one a job wrote: the same bytes, or the same record with the links
 * stage's additions (links, pair flags) that the end of a batch writes into it.
 */
export function jsonFromJob(text: string, jsonSha256: string): boolean {
  if (sha256Of(text) === jsonSha256) return true;
  try {
    return sha256Of(recordJson(unlinkedRecord(DocumentRecord.parse(JSON.parse(text))))) === jsonSha256;
  } catch {
    return false;
  }
}
