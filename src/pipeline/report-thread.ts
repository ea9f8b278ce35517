/**
 * report.html written on a worker thread, beside the other end-of-run writers (CSV/JSON,
 * jixiao.sqlite, jixiao.xlsx) on the main thread: at the end of a batch the document workers
 * are gone and both cores are free, and the report (crops read back, font subset, HTML) is the
 * longest of those writers. Same function (`writeReport`), same records, same crops: the same
 * bytes as writing it on the main thread. Falls back to the main thread where there is no
 * compiled thread script (TypeScript sources under jest).
 *
 * The crops the batch's workers made wait in a folder (`cropsDir`, one JSON file of base64
 * images per doc_id, output.ts CROPS_DIR); crops not there (a document reused by --resume, a
 * crop that failed, a flag of the links stage) are drawn from the record's PDF.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { DocumentRecord } from '../../schemas/record.js';
import type { Cropper, CropSet } from '../review/index.js';

/** What the thread needs: the output folder, the (linked) records, and where the workers' crops are (null: none). */
export interface ReportJob {
  outDir: string;
  records: DocumentRecord[];
  cropsDir: string | null;
}

/**
 * The report's cropper over crops made by the workers (`cropsDir/<doc_id>.json`, read one
 * document at a time), drawing from the PDF whatever is not there. `cropsDir` null: every
 * crop drawn from the PDFs (review's `recordCropper`).
 */
export async function folderCropper(records: readonly DocumentRecord[], cropsDir: string | null): Promise<Cropper> {
  const { cachedCropper, recordCropper } = await import('../review/index.js');
  const fallback = recordCropper([...records]);
  if (cropsDir === null) return fallback;
  const docOf = new Map(records.map((r) => [r.source_file, r.doc_id]));
  let last: { docId: string; crops: Promise<CropSet | null> } | null = null;
  const read = async (docId: string): Promise<CropSet | null> => {
    try {
      return JSON.parse(await readFile(join(cropsDir, `${docId}.json`), 'utf8')) as CropSet;
    } catch {
      return null;
    }
  };
  return cachedCropper(async (sourceFile) => {
    const docId = docOf.get(sourceFile);
    if (docId === undefined) return null;
    if (last?.docId !== docId) last = { docId, crops: read(docId) };
    return last.crops;
  }, fallback);
}

/** report.html of `job` on the calling thread. */
async function writeReportHere(job: ReportJob): Promise<void> {
  const { writeReport } = await import('../review/index.js');
  await writeReport(job.outDir, job.records, { cropper: await folderCropper(job.records, job.cropsDir) });
}

/** The compiled thread script (this file in dist/), or null when running from TypeScript sources. */
function threadScript(): URL | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null;
  return existsSync(here) ? pathToFileURL(here) : null;
}

const MARK = 'jixiao-report-thread';

/**
 * Largest batch whose report.html is written on a worker thread beside the database and the
 * workbook. The thread gets its own copy of the records: measured on 300 born-digital
 * documents at concurrency 2, the CLI's peak resident set at the end of the run went from
 * 482 to 585 MB (about 0.35 MB per document); above this many, the report is written on the
 * main thread after the database, as before.
 */
export const REPORT_THREAD_MAX_DOCS = 1000;

type ToThread = { type: 'job'; job: ReportJob } | { type: 'commit' } | { type: 'warm' };
type FromThread = { type: 'ready' } | { type: 'written' } | { type: 'error'; message: string };

/**
 * A report thread: started (and its modules loaded) before it has anything to do, so that the
 * end of a batch does not wait for it; given the records (`build`), it makes the HTML and holds
 * it until told to write it (`commit`) or not (`drop`: the other outputs failed to validate,
 * and nothing is written before everything is validated).
 */
export class ReportThread {
  private readonly worker: Worker;
  private failure: Error | null = null;
  private readonly waiters: { type: FromThread['type']; resolve: () => void; reject: (e: Error) => void }[] = [];
  private done = false;

  constructor(script: URL) {
    this.worker = new Worker(script, { workerData: { [MARK]: true }, stdout: false, stderr: false });
    this.worker.unref(); // idle, it keeps no process alive
    this.worker.on('message', (m: FromThread) => {
      if (m.type === 'error') return this.fail(new Error(m.message));
      const i = this.waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve();
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`report thread exited with code ${code}`)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiters.splice(0)) w.reject(this.failure);
  }

  private expect(type: FromThread['type']): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => this.waiters.push({ type, resolve, reject }));
  }

  /**
   * Ready the font subsetter now (review's `warmUpFontSubset`), ahead of the job: for the time
   * between a batch's last document and its records reaching the thread (runner closed, CSV
   * files, records read back, links), when the thread would otherwise wait.
   */
  warm(): void {
    this.worker.postMessage({ type: 'warm' } satisfies ToThread);
  }

  /** Start making the report of `job` (the HTML stays in the thread); resolves when it is made. */
  build(job: ReportJob): Promise<void> {
    this.worker.ref();
    const ready = this.expect('ready');
    this.worker.postMessage({ type: 'job', job } satisfies ToThread);
    return ready;
  }

  /** Write the report made by `build` (atomically); resolves when it is written, then the thread ends. */
  async commit(): Promise<void> {
    const written = this.expect('written');
    this.worker.postMessage({ type: 'commit' } satisfies ToThread);
    try {
      await written;
    } finally {
      await this.end();
    }
  }

  /** End the thread without writing anything. */
  async end(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.failure ??= new Error('report thread ended');
    await this.worker.terminate();
  }
}

let prestarted: ReportThread | null = null;

/**
 * Start a report thread now (once per process), while there is other work, for the next
 * `writeReportAside` to take. No-op where there is no compiled thread script.
 */
export function prestartReportThread(): void {
  if (prestarted) return;
  const script = threadScript();
  if (script) prestarted = new ReportThread(script);
}

/**
 * Have the prestarted thread (if any) ready its font subsetter while the batch's end-of-run
 * work before the report goes on. Called when the batch's workers are gone: the subsetter's
 * WebAssembly memory (~60–100 MB resident) then does not add to the workers' peak.
 * The warm-up's cost (~0.35 s of CPU) is then spent while the thread waits for its records,
 * not after (review/font.ts `warmUpFontSubset` gives the measurements).
 */
export function warmPrestartedReportThread(): void {
  prestarted?.warm();
}

/** End the prestarted thread if nothing took it (a batch interrupted, or with too many documents). */
export async function endPrestartedReportThread(): Promise<void> {
  const t = prestarted;
  prestarted = null;
  await t?.end();
}

/** The prestarted thread (taken: the next call starts another), or a new one; null without a compiled script. */
function takeThread(): ReportThread | null {
  const t = prestarted;
  prestarted = null;
  if (t) return t;
  const script = threadScript();
  return script ? new ReportThread(script) : null;
}

/**
 * Write report.html of `job` on a worker thread (or here, see above). `validated`: resolves
 * when the caller's other outputs are validated (the report is written only then); if it
 * rejects, nothing is written and that error is thrown. Resolves when the file is written;
 * rejects with the thread's error (nothing written then: the file is atomic).
 */
export async function writeReportAside(job: ReportJob, validated: Promise<unknown> = Promise.resolve()): Promise<void> {
  const thread = takeThread();
  if (!thread) {
    await validated;
    return writeReportHere(job);
  }
  const ready = thread.build(job);
  ready.catch(() => undefined);
  try {
    await validated;
  } catch (err) {
    await thread.end();
    throw err;
  }
  try {
    await ready;
    await thread.commit();
  } finally {
    await thread.end();
  }
}

// Thread body: only in a thread started by ReportThread. The review modules load at once.
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[MARK] === true) {
  const port = parentPort;
  const review = import('../review/index.js');
  review.catch(() => undefined);
  let html: Promise<string> | null = null;
  let outDir = '';
  port.on('message', (m: ToThread) => {
    if (m.type === 'warm') {
      void review.then((r) => r.warmUpFontSubset()).catch(() => undefined);
    } else if (m.type === 'job') {
      outDir = m.job.outDir;
      html = (async () => {
        const { reportHtml } = await review;
        return reportHtml(m.job.records, { cropper: await folderCropper(m.job.records, m.job.cropsDir) });
      })();
      html.then(
        () => port.postMessage({ type: 'ready' } satisfies FromThread),
        (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromThread),
      );
    } else if (m.type === 'commit' && html) {
      html
        .then(async (text) => {
          const [{ writeAtomic }, { REPORT_FILE }] = await Promise.all([import('../emit/index.js'), review]);
          await writeAtomic(join(outDir, REPORT_FILE), text);
        })
        .then(
          () => port.postMessage({ type: 'written' } satisfies FromThread),
          (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromThread),
        );
    }
  });
}
