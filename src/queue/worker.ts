/**
 * `jixiao worker`: the consumer (BullMQ `Worker`). Takes jobs from Redis, `concurrency` at a
 * time, and runs each document through the same per-document function as `extract`, in a
 * child process of its own (pipeline/runner.ts: a native crash or a document over its memory
 * budget ends that process only). Writes json/<doc_id>.json into the job's output folder
 * (atomically) and returns the document's summary as the job's result (its status in Redis).
 *
 * Failures: a document that fails in the ordinary way (bad PDF, time limit, memory budget) is
 * a completed job with a `failed` record, as in `extract`. A worker process that crashes on a
 * document fails the attempt, and BullMQ retries it with backoff; the last attempt writes the
 * `failed` row ("the worker crashed: signal SIGSEGV"). A whole `jixiao worker` that dies
 * (kill -9, machine lost) leaves its jobs active without a lock: BullMQ's stalled-job check
 * puts them back after the lock duration (30 s; JIXIAO_QUEUE_LOCK_MS), at most
 * MAX_STALLED_COUNT times, after which the job is failed and `collect` writes its row.
 *
 * SIGTERM (or SIGINT): take no new job, finish the current ones for up to `drainMs`, then
 * return the rest to the queue (moved back to waiting, for another worker) and exit 0. A
 * second signal returns them at once.
 *
 * Prefetch: the worker takes PREFETCH jobs more from Redis than it has child processes, so
 * that the next document is already waiting in the pool when a child finishes one; the
 * child then never sits idle while its last result is written and reported to Redis and the
 * next job is fetched (measured: that gap was most of the queue's per-document overhead at
 * concurrency 1–2). A prefetched job's time limit starts when its child takes it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker, WaitingError, type Job } from 'bullmq';
import { writeAtomic } from '../emit/index.js';
import { sha256Of } from '../pipeline/journal.js';
import { resolveOptions } from '../pipeline/options.js';
import { AbortedError, createRunner } from '../pipeline/runner.js';
import { connectionOf, QUEUE_NAME, type JobData, type JobResult } from './jobs.js';

/** Jobs taken from Redis beyond the worker's child processes (see the header). */
export const PREFETCH = 1;

/** Times a job may lose its worker (stalled) before BullMQ fails it. */
export const MAX_STALLED_COUNT = 2;

export interface WorkerCommandOptions {
  redisUrl: string;
  /** Documents at once (worker processes), as extract's --concurrency. */
  concurrency: number;
  /** Memory budget per document (MB); default from concurrency. */
  maxMemoryMb?: number;
  /** On SIGTERM, how long current jobs may finish before they are returned to the queue (ms). */
  drainMs?: number;
  /** One line per event (job failed, stopping); none when undefined. */
  log?: (line: string) => void;
  /** Stop (finish current jobs) when this aborts; the CLI aborts it on the first SIGTERM/SIGINT. */
  signal?: AbortSignal;
  /** Return the current jobs to the queue at once when this aborts (a second signal). */
  now?: AbortSignal;
}

/**
 * Run a worker until `signal` aborts (SIGTERM). Resolves with the exit status (0) once every
 * current job is finished or returned to the queue and the connections are closed.
 */
export async function runWorker(o: WorkerCommandOptions): Promise<number> {
  const lockMs = Number(process.env.JIXIAO_QUEUE_LOCK_MS) || 30_000;
  const base = resolveOptions({ concurrency: o.concurrency, maxMemoryMb: o.maxMemoryMb });
  const runner = createRunner(base, false);
  const log = o.log ?? (() => undefined);
  let returning = false;

  const processor = async (job: Job<JobData, JobResult>, token?: string): Promise<JobResult> => {
    const d = job.data;
    // report: false — the report's page crops are made by `collect` (crops do not travel
    // through the queue); with the default (true) every child drew crops nobody used, which
    // was most of the queue's CPU overhead per document (measured: 30–55 ms of ~200).
    const options = resolveOptions({ ...d.options, concurrency: base.concurrency, maxMemoryMb: base.maxMemoryMb, report: false });
    let outcome;
    try {
      outcome = await runner.run(d.input, options, d.cwd);
    } catch (err) {
      if (err instanceof AbortedError || returning) {
        // Stopping: give the job back to the queue for another worker.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw err;
    }
    const attempts = job.opts.attempts ?? 1;
    if (outcome.crashed && job.attemptsMade + 1 < attempts) {
      log(`retrying later: ${d.input.docId}: ${outcome.summary.error ?? ''} (attempt ${job.attemptsMade + 1} of ${attempts})`);
      throw new Error(outcome.summary.error ?? 'the worker crashed');
    }
    await mkdir(join(d.outDir, 'json'), { recursive: true });
    await writeAtomic(join(d.outDir, 'json', `${d.input.docId}.json`), outcome.json);
    if (outcome.summary.status === 'failed') log(`failed: ${d.input.docId}: ${outcome.summary.error ?? ''}`);
    return { summary: outcome.summary, jsonSha256: sha256Of(outcome.json) };
  };

  const worker = new Worker<JobData, JobResult>(QUEUE_NAME, processor, {
    connection: connectionOf(o.redisUrl),
    concurrency: base.concurrency + PREFETCH,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: true,
  });
  worker.on('error', (err) => log(`redis: ${err.message}`));
  await worker.waitUntilReady();
  log(`worker ready: ${base.concurrency} at once, ${base.maxMemoryMb} MB per document`);

  await new Promise<void>((resolve) => {
    if (o.signal?.aborted) return resolve();
    o.signal?.addEventListener('abort', () => resolve(), { once: true });
  });

  log('stopping: finishing the current documents (again to return them to the queue at once)');
  const giveBack = () => {
    if (returning) return;
    returning = true;
    void runner.abort();
  };
  const timer = setTimeout(giveBack, o.drainMs ?? 60_000);
  if (o.now?.aborted) giveBack();
  else o.now?.addEventListener('abort', giveBack, { once: true });
  try {
    await worker.close();
  } finally {
    clearTimeout(timer);
    o.now?.removeEventListener('abort', giveBack);
  }
  await runner.close();
  return 0;
}
