/**
 * The three queue commands of the CLI (`enqueue`, `worker`, `collect`): argument checks,
 * signals and progress around enqueueBatch, runWorker and collectBatch.
 */
import { resolveOptions, type RunOptions } from '../pipeline/options.js';
import { collectBatch, NoBatchError } from './collect.js';
import { enqueueBatch } from './enqueue.js';
import { connectionOf, DEFAULT_ATTEMPTS } from './jobs.js';
import { QueueProgress } from './progress.js';
import { runWorker } from './worker.js';

export { QUEUE_HELP } from './help.js';

export interface QueueIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

type Values = Record<string, string | boolean | undefined>;

function usage(io: QueueIo, message: string): number {
  io.stderr(`jixiao: ${message}\nTry 'jixiao --help'.\n`);
  return 2;
}

/** Two signals: the first aborts `stop`, the second `now`. Returns the detach function. */
function onSignals(stop: AbortController, now: AbortController): () => void {
  const handler = () => (stop.signal.aborted ? now.abort() : stop.abort());
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/**
 * Run `command` with the parsed CLI values; `options` are extract's options (enqueue).
 * Returns the exit status: 0 all ok (or, for enqueue without --wait, enqueued), 1 any
 * document partial or failed, 2 bad usage, 130 interrupted.
 */
export async function queueCommand(command: 'enqueue' | 'worker' | 'collect', paths: string[], values: Values, options: Partial<RunOptions>, io: QueueIo): Promise<number> {
  const redis = values.redis;
  if (typeof redis !== 'string' || !redis) return usage(io, '--redis <url> is required');
  try {
    connectionOf(redis);
  } catch (err) {
    return usage(io, (err as Error).message);
  }
  const quiet = values.quiet === true;
  const progressOf = () => (quiet ? undefined : new QueueProgress(io.stderr, Number(process.env.JIXIAO_PROGRESS_INTERVAL_MS) || undefined));
  const stop = new AbortController();
  const now = new AbortController();

  if (command === 'worker') {
    if (paths.length) return usage(io, 'worker takes no input files');
    const n = Number(values.concurrency ?? resolveOptions().concurrency);
    if (!Number.isInteger(n) || n < 1) return usage(io, `--concurrency takes a whole number ≥ 1, not '${values.concurrency}'`);
    const mem = values['max-memory'] === undefined ? undefined : Number(values['max-memory']);
    if (mem !== undefined && (!Number.isInteger(mem) || mem < 1)) return usage(io, `--max-memory takes a whole number ≥ 1, not '${values['max-memory']}'`);
    const detach = onSignals(stop, now);
    try {
      return await runWorker({ redisUrl: redis, concurrency: n, maxMemoryMb: mem, signal: stop.signal, now: now.signal, log: quiet ? undefined : (l) => io.stderr(`jixiao worker: ${l}\n`) });
    } finally {
      detach();
    }
  }

  const out = values.out;
  if (typeof out !== 'string' || !out) return usage(io, '--out <dir> is required');
  if (command === 'collect' && paths.length) return usage(io, 'collect takes no input files (they are in the batch)');
  const detach = onSignals(stop, now);
  try {
    if (command === 'enqueue') {
      const attempts = Number(values.attempts ?? DEFAULT_ATTEMPTS);
      if (!Number.isInteger(attempts) || attempts < 1) return usage(io, `--attempts takes a whole number ≥ 1, not '${values.attempts}'`);
      const r = await enqueueBatch(redis, paths, out, resolveOptions(options), attempts);
      if (!quiet) io.stderr(`jixiao: batch ${r.batch}: ${r.total} document(s), ${r.added} job(s) added, ${r.existing} already queued or done\n`);
      if (values.wait !== true) return 0;
    }
    const r = await collectBatch(redis, out, { progress: progressOf(), signal: stop.signal });
    return r.exitCode;
  } catch (err) {
    if (err instanceof NoBatchError) return usage(io, err.message);
    if (/^no such file or folder/.test((err as Error).message)) return usage(io, (err as Error).message);
    throw err;
  } finally {
    detach();
  }
}
