/**
 * Where documents run. `WorkerPool`: one worker thread per concurrency slot (CPU-heavy
 * parsing and layout off the main thread, every core used), each worker recycled after N
 * documents or pages or when its heap grows past a bound, replaced when it crashes (its
 * document alone fails) and terminated when a document exceeds the time limit (so runaway
 * work really stops). `InProcessRunner`: the same on the calling thread (tests, library
 * without a compiled worker).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InputFile } from './inputs.js';
import type { RunOptions } from './options.js';
import { OcrEngineHolder } from './ocr-holder.js';
import type { DocOutcome } from './outcome.js';
import { oneLine, timeoutMessage } from './process-document.js';
import { failedOutcome, runDocument } from './task.js';
import type { FromWorker, ToWorker } from './worker.js';

export class AbortedError extends Error {
  constructor() {
    super('run interrupted');
  }
}

export interface Runner {
  /** Process one document; resolves with its outcome, rejects only with AbortedError. */
  run(input: InputFile): Promise<DocOutcome>;
  /** Finish: stop every worker (OCR engines terminated). */
  close(): Promise<void>;
  /** Ctrl-C: stop at once; pending runs reject with AbortedError. */
  abort(): Promise<void>;
  readonly kind: 'workers' | 'in-process';
  /** Workers started so far (recycled and crashed ones replaced), for tests and the bench. */
  readonly workersStarted: number;
}

/**
 * The compiled worker script: next to this file when running from dist/, else
 * dist/src/pipeline/worker.js of the project (running TypeScript sources under jest).
 */
export function workerScript(): URL | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) {
    const p = join(dirname(here), 'worker.js');
    return existsSync(p) ? pathToFileURL(p) : null;
  }
  const p = join(dirname(here), '..', '..', 'dist', 'src', 'pipeline', 'worker.js');
  return existsSync(p) ? pathToFileURL(p) : null;
}

export function createRunner(options: RunOptions, keepRecords: boolean): Runner {
  const script = options.inProcess ? null : workerScript();
  return script ? new WorkerPool(script, options, keepRecords) : new InProcessRunner(options, keepRecords);
}

interface Job {
  id: number;
  input: InputFile;
  resolve: (o: DocOutcome) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  job?: Job;
  docs: number;
  pages: number;
  dead: boolean;
}

export class WorkerPool implements Runner {
  readonly kind = 'workers' as const;
  workersStarted = 0;
  private readonly idle: Slot[] = [];
  private readonly all = new Set<Slot>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private aborted = false;
  private readonly exits = new Set<Promise<void>>();

  constructor(
    private readonly script: URL,
    private readonly options: RunOptions,
    private readonly keepRecords: boolean,
  ) {}

  run(input: InputFile): Promise<DocOutcome> {
    if (this.aborted) return Promise.reject(new AbortedError());
    return new Promise<DocOutcome>((resolve, reject) => {
      const job: Job = { id: this.nextId++, input, resolve, reject, settled: false };
      const slot = this.idle.pop() ?? (this.all.size < this.options.concurrency ? this.spawn() : undefined);
      if (slot) this.start(slot, job);
      else this.waiting.push(job);
    });
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, {
      workerData: { options: this.options },
      env: process.env,
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapLimitMb },
    });
    this.workersStarted++;
    const slot: Slot = { worker, docs: 0, pages: 0, dead: false };
    this.all.add(slot);
    worker.on('message', (msg: FromWorker) => this.onMessage(slot, msg));
    worker.on('error', (err) => this.onDeath(slot, err));
    let exited!: () => void;
    const exit = new Promise<void>((r) => (exited = r));
    this.exits.add(exit);
    worker.on('exit', (code) => {
      this.exits.delete(exit);
      exited();
      this.onDeath(slot, new Error(`worker exited unexpectedly (code ${code})`));
    });
    return slot;
  }

  /** (Re)arm the time limit of a job: runaway work stops the thread itself, fails the document, replaces the worker. */
  private arm(slot: Slot, job: Job, ms: number): void {
    clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      this.retire(slot, true);
      void this.fail(job, new Error(timeoutMessage(this.options.timeoutMs)));
    }, ms);
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    // The limit counts from when the worker takes the document (a new worker first loads its
    // code); until then a generous bound covers a worker that never starts.
    this.arm(slot, job, this.options.timeoutMs + 60_000);
    slot.worker.postMessage({ type: 'task', id: job.id, input: job.input, keepRecord: this.keepRecords } satisfies ToWorker);
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    const job = slot.job;
    if (!job || msg.id !== job.id || job.settled) return;
    if (msg.type === 'started') return this.arm(slot, job, this.options.timeoutMs + 250);
    if (msg.type !== 'done') return;
    slot.job = undefined;
    slot.docs++;
    slot.pages += msg.outcome.summary.pages ?? 0;
    this.settle(job, msg.outcome);
    const o = this.options;
    const recycle =
      msg.outcome.timedOut === true ||
      slot.docs >= o.recycleAfterDocs ||
      slot.pages + msg.ocrPages >= o.recycleAfterPages ||
      msg.heapMb > o.recycleHeapMb;
    if (process.env.JIXIAO_DEBUG_WORKERS) {
      process.stderr.write(`jixiao worker ${slot.worker.threadId}: ${slot.docs} doc(s), ${slot.pages} page(s), heap+external ${msg.heapMb.toFixed(1)} MB${recycle ? ', recycled' : ''}\n`);
    }
    if (recycle) this.retire(slot, msg.outcome.timedOut === true);
    else this.release(slot);
  }

  /** A worker died (uncaught error, out of memory, native failure) or exited. */
  private onDeath(slot: Slot, err: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    this.all.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    const job = slot.job;
    slot.job = undefined;
    if (job && !job.settled) {
      const code = (err as { code?: string }).code;
      const why =
        code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory (worker heap over ${this.options.workerHeapLimitMb} MB)`
          : `worker crashed: ${oneLine(err)}`;
      void this.fail(job, new Error(why));
    }
    this.pump();
  }

  private async fail(job: Job, err: Error): Promise<void> {
    if (job.settled) return;
    clearTimeout(job.timer);
    job.settled = true; // no second outcome while the failed one is being made
    const outcome = await failedOutcome(job.input, this.options, err, this.keepRecords);
    if (this.aborted) job.reject(new AbortedError());
    else job.resolve(outcome);
  }

  private settle(job: Job, outcome: DocOutcome): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    job.resolve(outcome);
  }

  private release(slot: Slot): void {
    if (slot.dead) return;
    const next = this.waiting.shift();
    if (next) this.start(slot, next);
    else this.idle.push(slot);
  }

  /** Take a worker out of service: graceful stop (engine terminated) or, when busy, terminate. */
  private retire(slot: Slot, hard: boolean): void {
    if (slot.dead) return;
    slot.dead = true;
    this.all.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    slot.job = undefined;
    if (hard) void slot.worker.terminate();
    else {
      slot.worker.postMessage({ type: 'stop' } satisfies ToWorker);
      const t = setTimeout(() => void slot.worker.terminate(), 10_000);
      t.unref();
    }
    this.pump();
  }

  /** Start waiting jobs on free capacity. */
  private pump(): void {
    while (this.waiting.length > 0 && !this.aborted) {
      const slot = this.idle.pop() ?? (this.all.size < this.options.concurrency ? this.spawn() : undefined);
      if (!slot) break;
      this.start(slot, this.waiting.shift()!);
    }
  }

  async close(): Promise<void> {
    for (const slot of [...this.all]) this.retire(slot, slot.job !== undefined);
    await Promise.all([...this.exits]);
  }

  async abort(): Promise<void> {
    this.aborted = true;
    for (const job of this.waiting.splice(0)) {
      job.settled = true;
      job.reject(new AbortedError());
    }
    for (const slot of [...this.all]) {
      const job = slot.job;
      if (job && !job.settled) {
        job.settled = true;
        clearTimeout(job.timer);
        job.reject(new AbortedError());
      }
      this.retire(slot, job !== undefined);
    }
    // Give idle workers a moment to terminate their OCR engines, then stop them all.
    const all = Promise.all([...this.exits]);
    const grace = new Promise<void>((r) => setTimeout(r, 1000).unref());
    await Promise.race([all, grace]);
  }
}

export class InProcessRunner implements Runner {
  readonly kind = 'in-process' as const;
  readonly workersStarted = 0;
  private readonly free: OcrEngineHolder[] = [];
  private readonly holders: OcrEngineHolder[] = [];
  private aborted = false;
  private readonly pending = new Set<(e: Error) => void>();

  constructor(
    private readonly options: RunOptions,
    private readonly keepRecords: boolean,
  ) {}

  async run(input: InputFile): Promise<DocOutcome> {
    if (this.aborted) throw new AbortedError();
    let holder = this.free.pop();
    if (!holder) {
      holder = new OcrEngineHolder(this.options.ocrEngine);
      this.holders.push(holder);
    }
    let rejectAbort!: (e: Error) => void;
    const abortP = new Promise<never>((_, reject) => (rejectAbort = reject));
    abortP.catch(() => undefined);
    this.pending.add(rejectAbort);
    try {
      return await Promise.race([runDocument(input, this.options, holder, this.keepRecords), abortP]);
    } finally {
      this.pending.delete(rejectAbort);
      this.free.push(holder);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.holders.map((h) => h.terminate()));
  }

  async abort(): Promise<void> {
    this.aborted = true;
    for (const r of this.pending) r(new AbortedError());
    await this.close();
  }
}
