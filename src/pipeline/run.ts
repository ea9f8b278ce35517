/**
 * A batch: documents scheduled with p-queue onto worker processes (runner.ts), each document's
 * json written atomically as soon as it is done (output.ts), --resume reusing documents a
 * previous run finished (journal.ts), Ctrl-C stopping cleanly, the CSV files written at the
 * end in doc_id order (every file atomically, byte-identical for the same inputs).
 */
import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import PQueue from 'p-queue';
import { DocumentRecord } from '../../schemas/record.js';
import { collectInputs, type InputFile } from './inputs.js';
import { fingerprint, readJournal, sha256Of, type JournalEntry } from './journal.js';
import { resolveOptions, type RunOptions } from './options.js';
import { outcomeOf, type DocOutcome, type DocSummary } from './outcome.js';
import { BatchWriter } from './output.js';
import { endPrestartedReportThread, prestartReportThread, REPORT_THREAD_MAX_DOCS, warmPrestartedReportThread } from './report-thread.js';
import type { ProgressReporter } from './progress.js';
import { AbortedError, createRunner, type Runner } from './runner.js';
import { linkRecords } from '../links/index.js';

/**
 * The end-of-run writers (finish.ts: links, CSV/JSON, jixiao.sqlite, report.html with its font,
 * jixiao.xlsx), loaded once per process on first use. The batch
 * loads them while its documents run (after the first is done), not before forking its workers,
 * so the workers start sooner and the end of the run does not wait for exceljs or sql.js.
 */
let finishModule: Promise<typeof import('./finish.js')> | undefined;
function loadFinish(): Promise<typeof import('./finish.js')> {
  finishModule ??= import('./finish.js');
  return finishModule;
}

export interface Progress {
  done: number;
  total: number;
  summary: DocSummary;
  /** The full record (present unless the caller asked not to keep records, as the CLI does). */
  record?: DocumentRecord;
  /** Taken from a previous run by --resume. */
  reused: boolean;
}

export interface BatchResult {
  /** Validated records in input order (empty when `keepRecords` is false). */
  records: DocumentRecord[];
  /** One summary per document done, in doc_id order. */
  summaries: DocSummary[];
  /** Contract exit status: 0 all ok, 1 any partial or failed; 130 interrupted. */
  exitCode: 0 | 1 | 130;
  interrupted: boolean;
  /** How documents ran ('workers' or 'in-process') and how many workers were started. */
  runner: { kind: Runner['kind']; workersStarted: number };
}

export interface BatchControl {
  /** Abort (Ctrl-C): stop scheduling, stop workers, write the CSV files for what is done. */
  signal?: AbortSignal;
  /** Keep full records in memory and return them (default true; the CLI passes false so memory stays flat). */
  keepRecords?: boolean;
  reporter?: ProgressReporter;
}

export function exitCodeOf(records: readonly { status: string }[]): 0 | 1 {
  return records.every((r) => r.status === 'ok') ? 0 : 1;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A previous run's json for this input, if the journal vouches for it and nothing changed. */
async function reuse(outDir: string, input: InputFile, prior: JournalEntry, keepRecord: boolean): Promise<DocOutcome | null> {
  try {
    if (prior.sourceFile !== input.path) return null;
    const text = await readFile(join(outDir, 'json', `${input.docId}.json`), 'utf8');
    if (sha256Of(text) !== prior.jsonSha256) return null;
    if ((await hashFile(input.path)) !== prior.sha256) return null;
    const record = DocumentRecord.parse(JSON.parse(text));
    if (record.doc_id !== input.docId || record.sha256 !== prior.sha256 || record.status === 'failed') return null;
    const outcome = outcomeOf(record, keepRecord);
    return outcome.json === text ? outcome : null;
  } catch {
    return null;
  }
}

interface Scheduled {
  records: (DocumentRecord | undefined)[];
  interrupted: boolean;
  runner: Runner;
}

async function schedule(
  inputs: readonly InputFile[],
  opts: RunOptions,
  keepRecords: boolean,
  control: BatchControl,
  onDone: (outcome: DocOutcome, reused: boolean) => Promise<void>,
  prior: Map<string, JournalEntry>,
  outDir: string | null,
  onProgress?: (p: Progress) => void,
): Promise<Scheduled> {
  const runner = createRunner(opts, keepRecords);
  // Worker processes: twice as many documents in flight as workers, the extra ones waiting in
  // the pool, so that a worker that finishes one document starts the next at once instead of
  // idling while this process writes the last one's files (json, crops, journal) and only then
  // hands it another. In-process, one document per slot (they would share the thread).
  const queue = new PQueue({ concurrency: runner.kind === 'workers' ? opts.concurrency * 2 : opts.concurrency });
  const records: (DocumentRecord | undefined)[] = new Array(inputs.length);
  const state = { interrupted: false };
  let done = 0;
  const onAbort = () => {
    state.interrupted = true;
    void runner.abort();
  };
  const signal = control.signal;
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  control.reporter?.start(inputs.length);
  try {
    await Promise.all(
      scheduleOrder(inputs).map((i) => {
        const input = inputs[i];
        return queue.add(async () => {
          if (state.interrupted) return;
          let outcome: DocOutcome | null = null;
          let reused = false;
          const p = prior.get(input.docId);
          if (p && outDir) {
            outcome = await reuse(outDir, input, p, keepRecords);
            reused = outcome !== null;
          }
          if (!outcome) {
            try {
              outcome = await runner.run(input);
            } catch (err) {
              if (err instanceof AbortedError) return;
              throw err;
            }
          }
          if (state.interrupted) return;
          await onDone(outcome, reused);
          records[i] = outcome.record;
          done++;
          control.reporter?.update(outcome.summary, reused);
          onProgress?.({ done, total: inputs.length, summary: outcome.summary, record: outcome.record, reused });
        });
      }),
    );
  } catch (err) {
    await runner.abort();
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (!state.interrupted) await runner.close();
  return { records, interrupted: state.interrupted, runner };
}

/**
 * The order documents are handed to the workers: largest file first, ties in input order
 * (longest processing time first, the classic rule for few machines: the batch's last documents
 * are small ones and the workers finish together instead of one working alone on a large scan at
 * the end). Records, summaries and every file written stay in doc_id order. A file that cannot
 * be read counts as empty here; its document fails as before.
 */
export function scheduleOrder(inputs: readonly InputFile[]): number[] {
  const size = inputs.map((f) => {
    try {
      return statSync(f.path).size;
    } catch {
      return 0;
    }
  });
  return inputs.map((_, i) => i).sort((a, b) => size[b] - size[a] || a - b);
}

/** Process inputs without writing files; records in input order. */
export async function processInputs(
  inputs: readonly InputFile[],
  options: Partial<RunOptions> = {},
  onProgress?: (p: Progress) => void,
  control: BatchControl = {},
): Promise<DocumentRecord[]> {
  // no files written here: no report, so no crops to make
  const opts = { ...resolveOptions(options), report: false, xlsx: false };
  const res = await schedule(inputs, opts, true, control, async () => undefined, new Map(), null, onProgress);
  if (res.interrupted) throw new AbortedError();
  const records = res.records as DocumentRecord[];
  return inInputOrder(records, linkRecords(records));
}

/** `linked` (doc_id order) put back in the order of `records`. */
function inInputOrder(records: readonly DocumentRecord[], linked: readonly DocumentRecord[]): DocumentRecord[] {
  const byId = new Map(linked.map((r) => [r.doc_id, r]));
  return records.map((r) => byId.get(r.doc_id) ?? r);
}

/** Read every input under `paths`, write the output folder, return the records. */
export async function runBatch(
  paths: readonly string[],
  outDir: string,
  options: Partial<RunOptions> = {},
  onProgress?: (p: Progress) => void,
  control: BatchControl = {},
): Promise<BatchResult> {
  const opts = resolveOptions(options);
  const keepRecords = control.keepRecords ?? true;
  const inputs = await collectInputs(paths);
  const fp = fingerprint(opts);
  const writer = new BatchWriter(outDir, fp);
  await writer.begin();
  const prior = new Map<string, JournalEntry>();
  if (opts.resume) for (const e of await readJournal(outDir)) if (e.fingerprint === fp) prior.set(e.docId, e);

  const onDone = (o: DocOutcome, reused: boolean) => {
    // the writers load while the other documents run
    void loadFinish().then((f) => f.preloadWriters(opts, o.json), () => undefined);
    if (opts.report && inputs.length <= REPORT_THREAD_MAX_DOCS) prestartReportThread(); // and so does the report's thread
    return writer.add(o, reused);
  };
  const res = await schedule(inputs, opts, keepRecords, control, onDone, prior, outDir, onProgress);
  // the workers are gone: the report's thread readies its font subsetter while the rest is prepared
  if (!res.interrupted) warmPrestartedReportThread();
  await writer.finish(!res.interrupted);
  const summaries = writer.summaries.sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
  let records = keepRecords ? res.records.filter((r): r is DocumentRecord => r !== undefined) : [];

  try {
    if (!res.interrupted) {
      const linked = await writeFolderOutputs(outDir, opts, summaries, keepRecords ? records : null, writer);
      // the cross-document flags (links stage) count in the summary with the per-document ones
      control.reporter?.addFlags(linked.flatMap((r) => r.flags.filter((f) => f.other_doc_id != null).map((f) => f.code)));
      if (keepRecords) records = inInputOrder(records, linked);
    }
  } finally {
    await writer.dropCrops();
    await endPrestartedReportThread();
    control.reporter?.finish(outDir, res.interrupted);
  }

  return {
    records,
    summaries,
    exitCode: res.interrupted ? 130 : exitCodeOf(summaries),
    interrupted: res.interrupted,
    runner: { kind: res.runner.kind, workersStarted: res.runner.workersStarted },
  };
}

/**
 * The files of a complete batch made from all its records, after the CSV files: the links
 * stage over all of them, then every file from the linked records (CSV and json rewritten
 * where anything links, jixiao.sqlite, report.html, jixiao.xlsx; src/pipeline/finish.ts).
 * `records`: the batch's records, or null to read them back from json/; `writer`: the batch's
 * writer, whose page crops (made by the workers) the report takes. Shared by `extract`
 * (runBatch) and the queue's `collect`, so that both write the same folder.
 * Returns the linked records (doc_id order).
 */
export async function writeFolderOutputs(
  outDir: string,
  opts: RunOptions,
  summaries: readonly DocSummary[],
  records: DocumentRecord[] | null,
  writer?: BatchWriter,
): Promise<DocumentRecord[]> {
  const all = records ?? (await loadRecords(outDir, summaries, writer?.vouchedJson()));
  // the report takes the crops the workers made (writer's folder); others are drawn from the PDFs
  const cropsDir = opts.report && writer ? writer.cropsDir : null;
  const { finishRun } = await loadFinish();
  return finishRun(outDir, all, { report: opts.report, xlsx: opts.xlsx, db: opts.db, cropsDir });
}

/**
 * The records of a finished run read back from json/ (doc_id order), for writers that need
 * them all when the batch did not keep them in memory. Each is validated against the schema
 * (throws ZodError), except a file whose text has the sha256 that `vouched` gives for its
 * doc_id (what this run wrote after validating it: BatchWriter `vouchedJson`), which is only
 * parsed. Measured (105 born-digital documents, the CLI's end of run, loaded machine): the
 * read-back 0.45 s of the main thread, most of it validation.
 */
export async function loadRecords(outDir: string, summaries: readonly DocSummary[], vouched?: ReadonlyMap<string, string>): Promise<DocumentRecord[]> {
  const out: DocumentRecord[] = [];
  for (const s of summaries) {
    const text = await readFile(join(outDir, 'json', `${s.doc_id}.json`), 'utf8');
    const sha = vouched?.get(s.doc_id);
    out.push(sha !== undefined && sha === sha256Of(text) ? (JSON.parse(text) as DocumentRecord) : DocumentRecord.parse(JSON.parse(text)));
  }
  return out;
}
