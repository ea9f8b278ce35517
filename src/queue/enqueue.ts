/**
 * `jixiao enqueue`: the producer (BullMQ `Queue`). One job per input file, in the same order
 * and with the same doc_ids as `extract` would give them; the batch's header and job list
 * kept in Redis for `collect`. Idempotent: a job id already held by the queue is not added
 * again, so re-enqueuing a done batch runs nothing — except a completed job whose json file
 * is gone from the output folder (or was changed), which is run again.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { collectInputs } from '../pipeline/inputs.js';
import { sha256Of } from '../pipeline/journal.js';
import { EMPTY_SHA256 } from '../pipeline/process-document.js';
import type { RunOptions } from '../pipeline/options.js';
import {
  batchIdOf,
  connectionOf,
  DEFAULT_ATTEMPTS,
  docOptionsOf,
  entriesKey,
  entryLine,
  headerKey,
  jobIdOf,
  QUEUE_NAME,
  type BatchEntry,
  type BatchHeader,
  type JobData,
  type JobResult,
  jsonFromJob,
} from './jobs.js';

export interface EnqueueResult {
  batch: string;
  /** Jobs in the batch. */
  total: number;
  /** Jobs added now (new, or completed earlier but their json file is gone). */
  added: number;
  /** Jobs the queue already held (waiting, running, done or failed). */
  existing: number;
}

async function hashFile(path: string): Promise<string> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return EMPTY_SHA256; // unreadable: its worker writes the failed row
  }
}

/** Map over items, `width` at a time (Redis round trips and file hashing in parallel, bounded). */
export async function mapChunked<T, R>(items: readonly T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

/**
 * Add one job per input under `paths` (files and folders, as `extract` reads them) for the
 * output folder `outDir`. `options`: extract's options (record-shaping ones go into each job,
 * report/xlsx into the batch header for `collect`). Throws when a path does not exist or
 * Redis cannot be reached.
 */
export async function enqueueBatch(
  redisUrl: string,
  paths: readonly string[],
  outDir: string,
  options: RunOptions,
  attempts = DEFAULT_ATTEMPTS,
): Promise<EnqueueResult> {
  const connection = connectionOf(redisUrl);
  const inputs = await collectInputs(paths);
  const cwd = process.cwd();
  const absOut = resolve(outDir);
  const batch = batchIdOf(absOut);
  const doc = docOptionsOf(options);
  const shas = await mapChunked(inputs, 8, (i) => hashFile(i.path));
  const entries: BatchEntry[] = inputs.map((input, k) => ({ input, jobId: jobIdOf(shas[k], doc, input, cwd, absOut) }));

  const queue = new Queue<JobData, JobResult>(QUEUE_NAME, { connection });
  try {
    const client = await queue.getBackend().client;
    const header: BatchHeader = {
      v: 1,
      outDir: absOut,
      cwd,
      options: { ...doc, report: options.report, xlsx: options.xlsx },
      attempts,
      count: entries.length,
      enqueuedAt: new Date().toISOString(),
    };
    // The batch's job list, replaced as a whole.
    const multi = client.multi().del(entriesKey(batch));
    for (let i = 0; i < entries.length; i += 1000) multi.runCommand('rpush', [entriesKey(batch), ...entries.slice(i, i + 1000).map(entryLine)]);
    multi.runCommand('set', [headerKey(batch), JSON.stringify(header)]);
    const replies = await multi.exec();
    const err = replies?.find(([e]: [Error | null, unknown]) => e)?.[0];
    if (err) throw err;

    // Which jobs the queue already holds; a completed one counts only while its json file is whole.
    const fresh = await mapChunked(entries, 500, async (e) => {
      const state = await queue.getJobState(e.jobId);
      if (state === 'unknown') return true;
      if (state !== 'completed') return false;
      const job = await queue.getJob(e.jobId);
      const result = job?.returnvalue as JobResult | undefined;
      const text = await readFile(join(absOut, 'json', `${e.input.docId}.json`), 'utf8').catch(() => null);
      if (result && text !== null && jsonFromJob(text, result.jsonSha256)) return false;
      await job?.remove();
      return true;
    });
    const toAdd = entries.filter((_, i) => fresh[i]);
    for (let i = 0; i < toAdd.length; i += 1000) {
      await queue.addBulk(
        toAdd.slice(i, i + 1000).map((e) => ({
          name: 'document',
          data: { v: 1, batch, input: e.input, cwd, outDir: absOut, options: doc } satisfies JobData,
          opts: { jobId: e.jobId, attempts, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: false, removeOnFail: false },
        })),
      );
    }
    return { batch, total: entries.length, added: toAdd.length, existing: entries.length - toAdd.length };
  } finally {
    await queue.close();
  }
}
