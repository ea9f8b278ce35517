/**
 * Where documents run. `WorkerPool`: one child process per concurrency slot (forked from
 * worker.ts), so that a native crash (segfault, abort), running out of memory or a runaway
 * loop ends that process only: its document becomes a `failed` row and the batch goes on.
 * Each child has a memory budget (`maxMemoryMb`): its V8 heap is capped there
 * (--max-old-space-size) and its resident set is watched; a document over it fails. Children
 * are recycled after N documents or pages or when they grow, replaced when they die, and
 * killed when a document exceeds the time limit (so runaway work really stops).
 * `InProcessRunner`: the same on the calling thread (tests, library without a compiled worker).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { InputFile } from './inputs.js';
import { DEFAULT_OPTIONS, defaultOcrThreads, type OcrMode, type RunOptions } from './options.js';
import { OcrEngineHolder } from './ocr-holder.js';
import type { DocOutcome } from './outcome.js';
import { oneLine, timeoutMessage } from './messages.js';
import type { FromWorker, ToWorker } from './worker.js';
import type { LentPage } from './page-lending.js';
import type { Page } from '../model/page.js';
import { GateKeeper } from './detect-gate.js';

export class AbortedError extends Error {
  constructor() {
    super('run interrupted');
  }
}

export interface Runner {
  /**
   * Process one document; resolves with its outcome, rejects only with AbortedError.
   * `options`: this document's options when they differ from the runner's (a queue worker
   * serves several batches); `cwd`: the folder a relative `input.path` is relative to.
   */
  run(input: InputFile, options?: RunOptions, cwd?: string): Promise<DocOutcome>;
  /** Finish: stop every worker (OCR engines terminated). */
  close(): Promise<void>;
  /** Ctrl-C: stop at once; pending runs reject with AbortedError. */
  abort(): Promise<void>;
  readonly kind: 'workers' | 'in-process';
  /** Worker processes started so far (recycled and crashed ones replaced), for tests and the bench. */
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

/** The one-line error of a document whose process went over its memory budget. */
export function memoryMessage(mb: number): string {
  return `ran out of memory (over the ${mb} MB budget, --max-memory)`;
}

/** Resident set of a process in MB from /proc (Linux); NaN where there is none. */
export function rssMbOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * V8 flags of every worker process besides its heap cap: a young generation of 32 MB
 * semi-spaces instead of Node 20's 16 MB. pdf.js allocates many short-lived objects per page
 * (operator lists, glyphs, the structured clones of its in-thread "worker" messages), which a
 * small young generation promotes and then collects again in full GCs. Measured on 105
 * born-digital documents (360 pages) at concurrency 2, data outputs, on a loaded shared
 * machine (noisy): about 10% fewer CPU seconds (user+sys 19.6–20.7 s → 18.1 s); 64 MB gave
 * about the same CPU with ~80 MB more peak RSS per worker.
 *
 * And an old generation that starts at 100 MB (`--initial-old-space-size`). A worker's live heap
 * is small (10–40 MB) but it promotes steadily (a page's words, boxes and runs; pdf.js objects),
 * and V8 sizes the next full collection from the live size: with the default, every ~15 MB
 * promoted started incremental marking, 104 mark-compacts over the 28 scans of corpus/scan at
 * concurrency 2 (`--trace-gc`), 32 with this flag. Measured as alternating runs of the same
 * build with and without it (user+sys CPU of the whole process tree, shared 2-core machine):
 * corpus/scan at concurrency 2, 55.1–55.5 → 49.5–51.5 s, mean of 3 runs each in three rounds
 * (every round in favour, −6.7% on the mean; wall 28.7 → 26.1–26.9 s); corpus/dev (140 born-digital
 * documents) 10.5 → 9.6 s (−8%, 3 runs each). 50 MB gave no gain, 150 and 200 MB the same as
 * 100; the largest process's peak RSS +10–40 MB.
 */
export const WORKER_GC_ARGS: readonly string[] = ['--max-semi-space-size=32', '--initial-old-space-size=100'];

/**
 * The V8 flags of each worker process: `WORKER_GC_ARGS`, plus `--single-threaded-gc` when the
 * workers alone occupy every core (`concurrency` ≥ `cores`). V8's parallel and concurrent
 * collector threads then only compete with the other workers for the same cores. Measured on
 * 105 born-digital documents (360 pages), every output, concurrency 2 on 2 cores, a loaded
 * shared machine (noisy), user+sys CPU of the whole run over four runs each: 21.0–22.2 s
 * (mean 21.7) → 19.2–21.7 s (mean 20.0), wall time no worse. With a core to spare
 * (concurrency 1 on 2 cores) the collector's helper threads use it, so the flag is left out.
 * Only for born-digital runs (`ocr` 'never'): on scans the flag raised the peak resident set of
 * the process tree by about 230 MB (corpus/scan, 28 scans, concurrency 2 on 2 cores, quiet
 * machine, two runs each: 1580/1604 MB with it, 1358/1337 MB without; wall 49–50 s vs 52–54 s),
 * and issue 10's budget is memory.
 */
export function workerV8Args(concurrency: number, ocr: OcrMode = 'auto', cores: number = availableParallelism()): string[] {
  const gc = concurrency >= cores && ocr === 'never' ? [...WORKER_GC_ARGS, '--single-threaded-gc'] : [...WORKER_GC_ARGS];
  return [...gc, ...tierUpArgs()];
}

/** How many times V8's default amount of work a function does before TurboFan compiles it, in the workers. */
export const TIER_UP_FACTOR = 8;

/**
 * V8's threshold for optimizing a function with TurboFan, raised `TIER_UP_FACTOR` times in the
 * worker processes. A worker lives for one batch and runs a great deal of code a few hundred
 * times (parsers, rules, per-page steps); with V8's defaults much of it was compiled, on the
 * compiler's thread beside the other worker, for little gain: `--trace-opt` on corpus/scan
 * (28 scans, concurrency 2) counted 2,936 optimizations, 1,181 with the flag (on-stack
 * replacement of the pixel loops, 804 → 788, is left as it was). Measured as alternating runs of
 * the same build (user+sys CPU of the process tree, 2 cores, concurrency 2, three runs each):
 * Node 20, corpus/scan −3% to −5% over four rounds at 8× (4× to 32× alike), corpus/dev
 * (140 born-digital documents) −12%, 105 born-digital documents (360 pages) −14%; Node 22,
 * corpus/scan −6%, corpus/dev −6%. Readings are the same: only when code is compiled changes.
 *
 * The flag depends on V8's version (`v8Version`, `process.versions.v8` by default): up to V8 11
 * (Node 20) a budget of bytecode executed, `--interrupt-budget` (default 66 KB); from V8 12
 * (Node 22, 24) a count of invocations, `--invocation-count-for-turbofan` (default 3000). A
 * flag that V8 does not know stops the process at start, so each supported Node's own flag is
 * checked by test/pipeline/profiling.test.ts.
 */
export function tierUpArgs(v8Version: string = process.versions.v8): string[] {
  const major = Number(v8Version.split('.')[0]);
  return major >= 12 ? [`--invocation-count-for-turbofan=${TIER_UP_FACTOR * 3000}`] : [`--interrupt-budget=${TIER_UP_FACTOR * 67584}`];
}

/**
 * glibc malloc settings of every worker process (environment; a value already set in the
 * parent's environment wins): blocks of 4 MB and more are mapped on their own and returned to
 * the system when freed. Without it glibc's threshold climbs to 32 MB after the first large
 * free, so page images (15 MB at 200 dpi, 35 MB at 300 dpi, RGBA) and their preprocessed copies
 * went into the heap, which kept the memory after they were freed. Measured (bench scan section,
 * 8 scan twins of corpus/scan, 15 pages, concurrency 2, shared machine): peak RSS of the whole
 * process tree 1394 → 1283 MB, CPU s per page 2.39 → 2.43 (within the noise).
 */
export const WORKER_MALLOC_ENV: Readonly<Record<string, string>> = Object.freeze({ MALLOC_MMAP_THRESHOLD_: '4194304' });

/**
 * The parent's CPU-profiling flags (`node --cpu-prof [--cpu-prof-dir=D]`, as the bench runs
 * the CLI), passed on to each worker process so that its documents are profiled too (Node
 * refuses --cpu-prof in NODE_OPTIONS). Empty when the parent is not profiled.
 */
export function profilingArgs(execArgv: readonly string[] = process.execArgv): string[] {
  if (!execArgv.includes('--cpu-prof')) return [];
  return execArgv.filter((a) => a === '--cpu-prof' || a.startsWith('--cpu-prof-dir=') || a.startsWith('--cpu-prof-interval='));
}

interface Job {
  id: number;
  input: InputFile;
  options: RunOptions;
  cwd?: string;
  resolve: (o: DocOutcome) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  /** When its time limit runs out (Date.now() ms). */
  deadline?: number;
  settled: boolean;
}

interface Slot {
  child: ChildProcess;
  job?: Job;
  docs: number;
  pages: number;
  dead: boolean;
  /** Why it is about to die, when the pool or the child said so first. */
  cause?: { kind: 'memory' | 'crash'; message: string };
  /** The end of its stderr (V8 prints "heap out of memory" there before aborting). */
  stderrTail: string;
  /** Its stderr's last unfinished line, held until the line is whole. */
  stderrLine: string;
  /** Set once V8's fatal out-of-memory report starts: the rest is not passed on. */
  stderrDying: boolean;
  /** Page lending (page-lending.ts): its document has pages other workers may read. */
  lendable?: boolean;
  /** An idle worker held until this one answers `lend`. */
  borrower?: Slot;
  /** A page of another worker's document being read here. */
  pageTask?: { owner: Slot; jobId: number; round: number; number: number; timer: NodeJS.Timeout };
}

/**
 * Lines that start V8's fatal out-of-memory report ("<--- Last few GCs --->", "FATAL ERROR: …
 * heap out of memory"). A worker's stderr is passed on line by line until one of these: the
 * document's row in documents.csv says "ran out of memory" in one line, and the report (dozens of
 * GC trace and native stack lines) would only bury it — and makes a parent that is itself
 * watched for such text (a test runner's worker) believe that it ran out of memory.
 */
const V8_OOM_REPORT = /Last few GCs|FATAL ERROR:|heap out of memory|Reached heap limit|allocation failure;/i;

/** How often a busy child's resident set is compared with its budget. */
const RSS_POLL_MS = 100;

export class WorkerPool implements Runner {
  readonly kind = 'workers' as const;
  workersStarted = 0;
  private readonly idle: Slot[] = [];
  private readonly all = new Set<Slot>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private aborted = false;
  private readonly exits = new Set<Promise<void>>();
  private watch: NodeJS.Timeout | undefined;
  /** One detection run at a time across the workers (detect-gate.ts). */
  private readonly detectGate = new GateKeeper<Slot>((slot) => {
    if (slot.child.connected) slot.child.send({ type: 'gate' } satisfies ToWorker);
  });

  constructor(
    private readonly script: URL,
    private readonly options: RunOptions,
    private readonly keepRecords: boolean,
  ) {}

  run(input: InputFile, options: RunOptions = this.options, cwd?: string): Promise<DocOutcome> {
    if (this.aborted) return Promise.reject(new AbortedError());
    return new Promise<DocOutcome>((resolve, reject) => {
      const job: Job = { id: this.nextId++, input, options, cwd, resolve, reject, settled: false };
      const slot = this.idle.pop() ?? (this.all.size < this.options.concurrency ? this.spawn() : undefined);
      if (slot) this.start(slot, job);
      else this.waiting.push(job);
    });
  }

  private spawn(): Slot {
    const child = fork(fileURLToPath(this.script), [], {
      execArgv: [`--max-old-space-size=${this.options.maxMemoryMb}`, ...workerV8Args(this.options.concurrency, this.options.ocr), ...profilingArgs()],
      env: { ...WORKER_MALLOC_ENV, ...process.env, JIXIAO_CHILD: '1', JIXIAO_PDF_ENGINE: this.options.pdfEngine ?? DEFAULT_OPTIONS.pdfEngine },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.workersStarted++;
    const slot: Slot = { child, docs: 0, pages: 0, dead: false, stderrTail: '', stderrLine: '', stderrDying: false };
    this.all.add(slot);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      slot.stderrTail = (slot.stderrTail + d).slice(-4096);
      if (slot.stderrDying) return;
      const lines = (slot.stderrLine + d).split('\n');
      slot.stderrLine = lines.pop()!;
      const pass: string[] = [];
      for (const line of lines) {
        if (V8_OOM_REPORT.test(line)) {
          slot.stderrDying = true;
          break;
        }
        pass.push(`${line}\n`);
      }
      if (slot.stderrDying || V8_OOM_REPORT.test(slot.stderrLine)) {
        slot.stderrDying = true;
        slot.stderrLine = '';
      }
      if (pass.length) process.stderr.write(pass.join(''));
    });
    child.stderr!.on('end', () => {
      if (!slot.stderrDying && slot.stderrLine) process.stderr.write(slot.stderrLine);
      slot.stderrLine = '';
    });
    child.on('message', (msg: FromWorker) => this.onMessage(slot, msg));
    child.on('error', (err) => this.onDeath(slot, `the worker crashed: ${oneLine(err)}`, 'crash'));
    let exited!: () => void;
    const exit = new Promise<void>((r) => (exited = r));
    this.exits.add(exit);
    child.on('exit', (code, signal) => {
      this.detectGate.drop(slot);
      this.exits.delete(exit);
      exited();
      if (slot.cause) return this.onDeath(slot, slot.cause.message, slot.cause.kind);
      if (/heap out of memory|Reached heap limit/i.test(slot.stderrTail)) return this.onDeath(slot, memoryMessage(this.options.maxMemoryMb), 'memory');
      this.onDeath(slot, `the worker crashed: ${signal ? `signal ${signal}` : `exit code ${code}`}`, 'crash');
    });
    this.watch ??= setInterval(() => this.checkMemory(), RSS_POLL_MS);
    this.watch.unref();
    return slot;
  }

  /** A busy child over its budget is killed; its document fails with a clear reason (a lent page goes back to its owner). */
  private checkMemory(): void {
    for (const slot of this.all) {
      if ((!slot.job && !slot.pageTask) || slot.dead || slot.child.pid === undefined) continue;
      if (rssMbOf(slot.child.pid) > this.options.maxMemoryMb) {
        slot.cause = { kind: 'memory', message: memoryMessage(this.options.maxMemoryMb) };
        slot.child.kill('SIGKILL');
      }
    }
  }

  /** (Re)arm the time limit of a job: runaway work stops the process itself, fails the document, replaces the worker. */
  private arm(slot: Slot, job: Job, ms: number): void {
    clearTimeout(job.timer);
    job.deadline = Date.now() + ms;
    job.timer = setTimeout(() => {
      this.retire(slot, true);
      void this.fail(job, new Error(timeoutMessage(job.options.timeoutMs)));
    }, ms);
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    // The limit counts from when the worker takes the document (a new worker first loads its
    // code); until then a generous bound covers a worker that never starts.
    this.arm(slot, job, job.options.timeoutMs + 60_000);
    slot.child.send({ type: 'task', id: job.id, input: job.input, keepRecord: this.keepRecords, options: job.options, cwd: job.cwd } satisfies ToWorker);
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (msg.type === 'gate') return msg.op === 'acquire' ? this.detectGate.acquire(slot) : this.detectGate.release(slot);
    if (msg.type === 'fatal') {
      slot.cause ??= { kind: 'crash', message: `the worker crashed: ${oneLine(msg.message)}` };
      return;
    }
    if (msg.type === 'lent') return this.onLent(slot, msg.id, msg.lent);
    if (msg.type === 'page-done') {
      if (!slot.pageTask) return;
      this.endPageTask(slot, msg.page);
      slot.pages++;
      return this.release(slot);
    }
    const job = slot.job;
    if (!job || msg.id !== job.id || job.settled) return;
    if (msg.type === 'pages') {
      slot.lendable = true;
      return this.lendToIdle();
    }
    if (msg.type === 'started') return this.arm(slot, job, job.options.timeoutMs + 250);
    if (msg.type !== 'done') return;
    slot.job = undefined;
    slot.lendable = false;
    slot.docs++;
    slot.pages += msg.outcome.summary.pages ?? 0;
    this.settle(job, msg.outcome);
    const o = this.options;
    const recycle =
      msg.outcome.timedOut === true ||
      slot.docs >= o.recycleAfterDocs ||
      slot.pages + msg.ocrPages >= o.recycleAfterPages ||
      msg.heapMb > o.recycleHeapMb ||
      msg.rssMb > o.maxMemoryMb * 0.9;
    if (process.env.JIXIAO_DEBUG_WORKERS) {
      process.stderr.write(`jixiao worker ${slot.child.pid}: ${slot.docs} doc(s), ${slot.pages} page(s), heap+external ${msg.heapMb.toFixed(1)} MB, rss ${msg.rssMb.toFixed(1)} MB${recycle ? ', recycled' : ''}\n`);
    }
    if (recycle) this.retire(slot, msg.outcome.timedOut === true);
    else this.release(slot);
  }

  /**
   * Page lending (page-lending.ts): with no document waiting, each idle worker (or a new one,
   * below the concurrency) is held for a worker whose document has pages to lend, and that
   * worker is asked for one.
   */
  private lendToIdle(): void {
    if (this.aborted || this.waiting.length > 0) return;
    for (;;) {
      const owner = [...this.all].find((s) => s.lendable && !s.borrower && !s.dead && s.job && !s.job.settled);
      if (!owner) return;
      const helper = this.idle.pop() ?? (this.all.size < this.options.concurrency ? this.spawn() : undefined);
      if (!helper) return;
      owner.borrower = helper;
      owner.child.send({ type: 'lend', id: owner.job!.id } satisfies ToWorker);
    }
  }

  /** The answer to `lend`: the page goes to the held worker, or back to its owner when that one is gone. */
  private onLent(owner: Slot, id: number, lent: LentPage | null): void {
    const helper = owner.borrower;
    owner.borrower = undefined;
    const job = owner.job;
    if (!lent) {
      owner.lendable = false;
      if (helper && !helper.dead) this.release(helper);
      return;
    }
    if (!helper || helper.dead || !job || job.settled || job.id !== id || this.aborted) {
      if (!owner.dead && owner.child.connected) owner.child.send({ type: 'page-result', id, round: lent.round, number: lent.page.number } satisfies ToWorker);
      if (helper && !helper.dead) this.release(helper);
      return;
    }
    // half the document's remaining time: past it the reader is stopped and the owner still has the other half to read the page
    const timer = setTimeout(() => {
      this.endPageTask(helper, undefined);
      this.retire(helper, true);
    }, Math.max(1000, ((job.deadline ?? Date.now() + job.options.timeoutMs) - Date.now()) / 2));
    helper.pageTask = { owner, jobId: job.id, round: lent.round, number: lent.page.number, timer };
    if (process.env.JIXIAO_DEBUG_WORKERS) process.stderr.write(`jixiao worker ${owner.child.pid}: page ${lent.page.number} of ${job.input.docId} lent to worker ${helper.child.pid}\n`);
    helper.child.send({ type: 'page-task', input: job.input, options: job.options, cwd: job.cwd, lent } satisfies ToWorker);
    this.lendToIdle();
  }

  /** A lent page's reading ended: the page (or, without one, the word to read it) goes to its owner. */
  private endPageTask(helper: Slot, page: Page | undefined): void {
    const t = helper.pageTask;
    if (!t) return;
    helper.pageTask = undefined;
    clearTimeout(t.timer);
    const { owner } = t;
    if (process.env.JIXIAO_DEBUG_WORKERS) process.stderr.write(`jixiao worker ${helper.child.pid}: page ${t.number} ${page ? 'read' : 'not read, back to its owner'}\n`);
    if (owner.dead || !owner.job || owner.job.id !== t.jobId || owner.job.settled || !owner.child.connected) return;
    owner.child.send({ type: 'page-result', id: t.jobId, round: t.round, number: t.number, ...(page ? { page } : {}) } satisfies ToWorker);
  }

  /** A worker leaves: what it lent, borrowed or held for lending is settled. */
  private forgetLending(slot: Slot): void {
    slot.lendable = false;
    this.endPageTask(slot, undefined);
    for (const s of this.all) if (s.borrower === slot) s.borrower = undefined;
    const held = slot.borrower;
    slot.borrower = undefined;
    if (held && !held.dead) this.release(held);
  }

  /** A worker died (native crash, out of memory, uncaught error) or exited. */
  private onDeath(slot: Slot, why: string, kind: 'memory' | 'crash'): void {
    if (slot.dead) return;
    slot.dead = true;
    this.forgetLending(slot);
    this.all.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    const job = slot.job;
    slot.job = undefined;
    if (job && !job.settled) void this.fail(job, new Error(why), kind === 'crash');
    this.pump();
  }

  private async fail(job: Job, err: Error, crashed = false): Promise<void> {
    if (job.settled) return;
    clearTimeout(job.timer);
    job.settled = true; // no second outcome while the failed one is being made
    // the stages are loaded here only when needed: the parent forks its workers without them
    const { failedOutcome } = await import('./task.js');
    const outcome = await failedOutcome(job.input, job.options, err, this.keepRecords, job.cwd);
    if (this.aborted) job.reject(new AbortedError());
    else job.resolve(crashed ? { ...outcome, crashed: true } : outcome);
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
    else {
      this.idle.push(slot);
      this.lendToIdle();
    }
  }

  /** Take a worker out of service: graceful stop (engine terminated) or, when busy, kill. */
  private retire(slot: Slot, hard: boolean): void {
    if (slot.dead) return;
    slot.dead = true;
    this.forgetLending(slot);
    this.all.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    slot.job = undefined;
    if (hard) slot.child.kill('SIGKILL');
    else {
      if (slot.child.connected) slot.child.send({ type: 'stop' } satisfies ToWorker);
      const t = setTimeout(() => slot.child.kill('SIGKILL'), 10_000);
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
    clearInterval(this.watch);
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
    clearInterval(this.watch);
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

  async run(input: InputFile, options: RunOptions = this.options): Promise<DocOutcome> {
    if (this.aborted) throw new AbortedError();
    let holder = this.free.pop();
    if (!holder) {
      holder = new OcrEngineHolder(this.options.ocrEngine, undefined, defaultOcrThreads(this.options.concurrency));
      this.holders.push(holder);
    }
    let rejectAbort!: (e: Error) => void;
    const abortP = new Promise<never>((_, reject) => (rejectAbort = reject));
    abortP.catch(() => undefined);
    this.pending.add(rejectAbort);
    try {
      const { runDocument } = await import('./task.js');
      return await Promise.race([runDocument(input, options, holder, this.keepRecords), abortP]);
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
