/**
 * `jixiao collect` (and `enqueue --wait`): watches a batch through BullMQ's `QueueEvents` until
 * every job is completed or failed, then writes the output folder exactly as `extract` would:
 * the same BatchWriter (CSV files, resume journal, stale files removed) and the same
 * writeFolderOutputs (report, workbook and whatever else extract writes at the end). The
 * json files are those the workers wrote (each checked against the hash its job returned); a
 * job that BullMQ gave up on (its workers died too often) gets its `failed` row here.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { DocumentRecord } from '../../schemas/record.js';
import { fingerprint, sha256Of } from '../pipeline/journal.js';
import { outcomeOf, type DocOutcome, type DocSummary } from '../pipeline/outcome.js';
import { BatchWriter } from '../pipeline/output.js';
import { exitCodeOf, writeFolderOutputs } from '../pipeline/run.js';
import { failedOutcome } from '../pipeline/task.js';
import { mapChunked } from './enqueue.js';
import {
  batchIdOf,
  connectionOf,
  entriesKey,
  headerKey,
  parseEntry,
  QUEUE_NAME,
  runOptionsOf,
  type BatchEntry,
  type BatchHeader,
  type JobData,
  type JobResult,
  jsonFromJob,
} from './jobs.js';
import { QueueProgress, type BatchCounts } from './progress.js';

export class NoBatchError extends Error {}

/** How often (ms) the unfinished jobs of the batch are asked about, besides the queue events. */
const RECOUNT_MS = 2000;

export interface CollectOptions {
  /** Progress lines; none when undefined. */
  progress?: QueueProgress;
  /** Give up waiting when this aborts (Ctrl-C): nothing is written. */
  signal?: AbortSignal;
}

export interface CollectResult {
  summaries: DocSummary[];
  exitCode: 0 | 1 | 130;
}

type State = 'completed' | 'failed' | 'active' | 'waiting' | 'delayed' | 'prioritized' | 'waiting-children' | 'unknown';

function countsOf(states: readonly State[]): BatchCounts {
  const c: BatchCounts = { total: states.length, done: 0, failed: 0, running: 0, waiting: 0 };
  for (const s of states) {
    if (s === 'completed') c.done++;
    else if (s === 'failed' || s === 'unknown') c.failed++; // unknown: removed from the queue, a failed row
    else if (s === 'active') c.running++;
    else c.waiting++;
  }
  return c;
}

/** The batch enqueued for `outDir`: its header and jobs in input order. */
export async function readBatch(queue: Queue, outDir: string): Promise<{ header: BatchHeader; entries: BatchEntry[] }> {
  const client = await queue.getBackend().client;
  const batch = batchIdOf(outDir);
  const text = await client.get(headerKey(batch));
  if (!text) throw new NoBatchError(`no batch was enqueued for ${outDir} on this Redis`);
  const header = JSON.parse(text) as BatchHeader;
  const entries = (await client.lrange(entriesKey(batch), 0, -1)).map(parseEntry);
  return { header, entries };
}

/** Wait for the batch of `outDir`, then write its output folder. */
export async function collectBatch(redisUrl: string, outDir: string, o: CollectOptions = {}): Promise<CollectResult> {
  const connection = connectionOf(redisUrl);
  const queue = new Queue<JobData, JobResult>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  try {
    const { header, entries } = await readBatch(queue as unknown as Queue, outDir);
    const ids = new Set(entries.map((e) => e.jobId));
    const stateOf = async (id: string) => (await queue.getJobState(id)) as State;

    // The state of every job of the batch, kept current from QueueEvents (a job that starts,
    // ends or fails; pages from its result). Only the jobs not yet finished are ever asked
    // about again: at the start, after a `failed` event (another attempt may follow) and every
    // RECOUNT_MS as a safety net for missed events. (Recounting the whole batch at each event
    // cost O(jobs²) Redis calls: 12,800 for 80 documents.)
    const state = new Map<string, State>();
    const open = () => [...state].filter(([, st]) => st !== 'completed' && st !== 'failed' && st !== 'unknown').map(([id]) => id);
    let wake: () => void = () => undefined;
    const tick = () => wake();
    events.on('completed', ({ jobId, returnvalue }) => {
      if (!ids.has(jobId)) return;
      state.set(jobId, 'completed');
      const r = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as JobResult | undefined;
      o.progress?.finished(r?.summary.pages ?? 0, r?.summary.status === 'failed' ? `${r.summary.doc_id}: ${r.summary.error ?? ''}` : undefined);
      tick();
    });
    const recheck = new Set<string>();
    events.on('failed', ({ jobId, failedReason }) => {
      if (!ids.has(jobId)) return;
      o.progress?.note(`attempt failed: ${jobId.slice(0, 12)}: ${failedReason}`);
      recheck.add(jobId);
      tick();
    });
    events.on('active', ({ jobId }) => {
      if (!ids.has(jobId) || state.get(jobId) === 'completed') return;
      state.set(jobId, 'active');
      tick();
    });
    await events.waitUntilReady();

    o.signal?.addEventListener('abort', () => wake(), { once: true });
    const initial = await mapChunked(entries, 500, (e) => stateOf(e.jobId));
    entries.forEach((e, i) => state.has(e.jobId) || state.set(e.jobId, initial[i]));
    let counts = countsOf([...state.values()]);
    o.progress?.start(counts);
    let lastRecount = Date.now();
    while (counts.running + counts.waiting > 0) {
      if (o.signal?.aborted) {
        o.progress?.stop();
        return { summaries: [], exitCode: 130 };
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, RECOUNT_MS);
        wake = () => {
          clearTimeout(t);
          r();
        };
      });
      wake = () => undefined;
      const full = Date.now() - lastRecount >= RECOUNT_MS;
      const ask = full ? open() : [...recheck];
      if (full) lastRecount = Date.now();
      recheck.clear();
      const now = await mapChunked(ask, 500, stateOf);
      ask.forEach((id, i) => state.set(id, now[i]));
      counts = countsOf([...state.values()]);
      o.progress?.update(counts);
    }
    o.progress?.stop();

    // Write the folder as extract does.
    const opts = runOptionsOf(header.options, { report: header.options.report, xlsx: header.options.xlsx });
    const writer = new BatchWriter(header.outDir, fingerprint(opts));
    await writer.begin();
    const jobs = await mapChunked(entries, 200, async (e) => {
      const job = await queue.getJob(e.jobId);
      return { job, state: job ? ((await job.getState()) as State) : ('unknown' as State) };
    });
    // The records, in input order as extract keeps them, for the end-of-run writers (links,
    // database, report, workbook): read once here, not again from json/.
    const records: DocumentRecord[] = [];
    for (const [k, e] of entries.entries()) {
      const { job, state } = jobs[k];
      let outcome: DocOutcome;
      if (job && state === 'completed') {
        const result = job.returnvalue;
        const path = join(header.outDir, 'json', `${e.input.docId}.json`);
        const text = await readFile(path, 'utf8').catch(() => null);
        if (text === null || !jsonFromJob(text, result.jsonSha256)) {
          throw new Error(`${path} is missing or changed since its job completed: run enqueue again to redo it`);
        }
        // The bytes the job wrote (its hash says so) are a record the worker validated, and
        // outcomeOf validates it once more as it serializes: no zod pass of our own here; a file
        // the links stage added to (collected before) is parsed and checked by the schema.
        const parsed: unknown = JSON.parse(text);
        const record = sha256Of(text) === result.jsonSha256 ? (parsed as DocumentRecord) : DocumentRecord.parse(parsed);
        outcome = outcomeOf(record, false);
        records.push(record);
        await writer.add(outcome, true);
      } else {
        const why = job ? `gave up after ${job.attemptsStarted || job.attemptsMade} attempt(s): ${job.failedReason}` : 'its job is gone from the queue: run enqueue again';
        outcome = await failedOutcome(e.input, opts, new Error(why), true, header.cwd);
        records.push(outcome.record!);
        await writer.add(outcome, false);
      }
    }
    await writer.finish(true);
    const summaries = writer.summaries.sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
    await writeFolderOutputs(header.outDir, opts, summaries, records);
    o.progress?.finish(header.outDir, summaries);
    return { summaries, exitCode: exitCodeOf(summaries) };
  } finally {
    await events.close();
    await queue.close();
  }
}
