/**
 * Child process entry (`child_process.fork`): processes one document at a time for the pool
 * (runner.ts), so that a native crash (a segfault or abort inside onnxruntime, the canvas
 * library or a PDF decoder), running out of memory or a runaway loop ends this process only,
 * never the batch. Holds one OCR engine per engine name (created on first need) and
 * terminates them when told to stop (recycling, end of run, Ctrl-C). Loaded from dist/
 * (compiled JavaScript) only.
 *
 * Each task carries the document's options and the working directory its path is relative
 * to (a queue worker serves batches enqueued from other folders and machines).
 */
import type { InputFile } from './inputs.js';
import { defaultOcrThreads, resolveOptions, type OcrEngineName, type RunOptions } from './options.js';
import { OcrEngineHolder } from './ocr-holder.js';
import { runDocument } from './task.js';
import { loadPdfJs } from '../pdf/pdfjs.js';
import { EMPTY_SHA256, extractRecord, oneLine, readLentPage } from './process-document.js';
import { gateClient, type GateGrant, type GateRequest } from './detect-gate.js';
import { LendingDesk, type LentPage } from './page-lending.js';
import type { Page } from '../model/page.js';

export type ToWorker =
  | { type: 'task'; id: number; input: InputFile; keepRecord: boolean; options: RunOptions; cwd?: string }
  | { type: 'stop' }
  /** Page lending (page-lending.ts): give a page of document `id` to another worker. */
  | { type: 'lend'; id: number }
  /** Read a page of another worker's document. */
  | { type: 'page-task'; input: InputFile; options: RunOptions; cwd?: string; lent: LentPage }
  /** A lent page of document `id`, as read by the other worker (absent: read it here). */
  | { type: 'page-result'; id: number; round: number; number: number; page?: Page }
  | GateGrant;
export type FromWorker =
  | { type: 'started'; id: number }
  | { type: 'read'; id: number; sha256: string }
  | { type: 'done'; id: number; outcome: import('./outcome.js').DocOutcome; heapMb: number; rssMb: number; ocrPages: number }
  /** Document `id` has `count` pages to read by OCR, which other workers may take. */
  | { type: 'pages'; id: number; count: number }
  /** The answer to `lend`: a page, or null when none is left. */
  | { type: 'lent'; id: number; lent: LentPage | null }
  /** The answer to `page-task`: the page, or why it could not be read. */
  | { type: 'page-done'; page?: Page; error?: string }
  /** An uncaught error is about to end the process: its one-line reason. */
  | { type: 'fatal'; message: string }
  | GateRequest;

/**
 * Fault injection for the tests of timeouts, crashes and memory limits (never set in use):
 * JIXIAO_TEST_FAULT=<kind>:<text> misbehaves on inputs whose path contains <text>. Kinds:
 * hang (endless synchronous loop), crash (uncaught exception), oom (V8 heap grows without
 * end), rss (native memory grows without end), segv (the process receives SIGSEGV, as on a
 * native crash), abort (process.abort(), as on a failed native assertion). A kind prefixed
 * `page-` (page-crash, page-hang…) misbehaves only on a lent page of such a document, read for
 * another worker (page-lending.ts).
 */
function injectFault(path: string, on: 'document' | 'page' = 'document'): void {
  const spec = process.env.JIXIAO_TEST_FAULT;
  if (!spec) return;
  let [kind, text] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
  if (!text || !path.includes(text)) return;
  if (kind.startsWith('page-') !== (on === 'page')) return;
  kind = kind.replace(/^page-/, '');
  if (kind === 'hang') for (;;);
  if (kind === 'crash') setImmediate(() => {
    throw new Error('injected crash');
  });
  if (kind === 'segv') process.kill(process.pid, 'SIGSEGV');
  if (kind === 'abort') process.abort();
  if (kind === 'oom') {
    const hog: unknown[] = [];
    for (;;) hog.push(new Array(1e5).fill({ x: hog.length }));
  }
  if (kind === 'rss') {
    const hog: Buffer[] = [];
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (;;) {
      hog.push(Buffer.alloc(16 << 20, 1));
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

if (process.send && process.env.JIXIAO_CHILD === '1') {
  const send = (msg: FromWorker) => process.send!(msg);
  const holders = new Map<OcrEngineName, OcrEngineHolder>();
  // With other workers beside it, PP-OCR's detection runs one worker at a time (detect-gate.ts)
  // and frees its working memory after each run: the tree's peak is then one detection's, not
  // two (28 scans of corpus/scan at concurrency 2: ~1.30 → ~1.03 GB; ppocr/index.ts).
  const detectGate = gateClient(send);
  const holderFor = (name: OcrEngineName, concurrency: number) => {
    let h = holders.get(name);
    const factory = async (engine: OcrEngineName, threads: number) => {
      const { createOcrEngine } = await import('../ocr/engines/index.js');
      return createOcrEngine(engine, { threads: engine === 'ppocr' ? threads : 1, ...(concurrency > 1 ? { detectGate: detectGate.gate, releaseDetector: true } : {}) });
    };
    if (!h) holders.set(name, (h = new OcrEngineHolder(name, factory, defaultOcrThreads(concurrency))));
    return h;
  };
  const stop = () => void Promise.all([...holders.values()].map((h) => h.terminate())).finally(() => process.exit(0));
  // An uncaught error ends the process as it would a worker thread: say why, report nothing else.
  let dying = false;
  process.on('uncaughtException', (err) => {
    if (dying) return;
    dying = true;
    setTimeout(() => process.exit(70), 1000).unref();
    process.send!({ type: 'fatal', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker, () => process.exit(70));
  });
  // The parent gone (killed): nothing left to report to.
  process.on('disconnect', () => process.exit(0));
  // The PDF reader the pool's run uses (JIXIAO_PDF_ENGINE, set by the pool) loaded, and the
  // stages' first-use work done on a tiny text, before the first document's clock starts
  // (--timeout counts the document's own work, not the process's start). pdf.js loads on first
  // need when PDFium reads the text layers (a scan's page images, OCR).
  const WARM_UP = '绩效目标申报表\n项目名称 示例\n主管部门 示例\n项目资金（万元） 年度资金总额 10\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 示例 ≥1次\n';
  const ready = (process.env.JIXIAO_PDF_ENGINE === 'pdfium' ? import('../pdf/pdfium.js').then((m) => m.loadPdfium()) : loadPdfJs())
    .then(() => extractRecord({ path: 'warm-up.txt', docId: 'warm-up' }, Buffer.from(WARM_UP), EMPTY_SHA256, resolveOptions()))
    .catch(() => undefined);
  // the document being read and its pages that other workers may read (page-lending.ts)
  let current: { id: number; desk: LendingDesk } | undefined;
  process.on('message', async (msg: ToWorker) => {
    if (msg.type === 'stop') return stop();
    if (msg.type === 'gate') return detectGate.granted();
    if (msg.type === 'lend') return send({ type: 'lent', id: msg.id, lent: current?.id === msg.id ? current.desk.lend() : null });
    if (msg.type === 'page-result') return current?.id === msg.id ? current.desk.returned(msg.round, msg.number, msg.page) : undefined;
    await ready;
    try {
      if (msg.cwd && msg.cwd !== process.cwd()) process.chdir(msg.cwd);
    } catch {
      /* not on this machine: a relative path then fails to open, with its own one-line error */
    }
    if (msg.type === 'page-task') {
      const helper = holderFor(msg.options.ocrEngine, msg.options.concurrency);
      const { lent } = msg;
      injectFault(msg.input.path, 'page');
      void readLentPage(msg.input, msg.options, helper, lent.page, lent.mode, lent.sha256).then(
        (page) => send({ type: 'page-done', page }),
        (err: unknown) => send({ type: 'page-done', error: oneLine(err) }),
      );
      return;
    }
    const { id } = msg;
    send({ type: 'started', id });
    injectFault(msg.input.path);
    const holder = holderFor(msg.options.ocrEngine, msg.options.concurrency);
    const desk = new LendingDesk((count) => send({ type: 'pages', id, count }));
    current = { id, desk };
    holder.lending = desk;
    void runDocument(msg.input, msg.options, holder, msg.keepRecord, (sha256) => {
      desk.sha256 = sha256;
      send({ type: 'read', id, sha256 });
    }).then((outcome) => {
      holder.lending = undefined;
      if (current?.id === id) current = undefined;
      if (dying) return;
      const mu = process.memoryUsage();
      const heapMb = (mu.heapUsed + mu.external) / 2 ** 20;
      send({ type: 'done', id, outcome, heapMb, rssMb: mu.rss / 2 ** 20, ocrPages: [...holders.values()].reduce((s, h) => s + h.ocrPages, 0) });
    });
  });
  // SIGINT from a terminal's Ctrl-C reaches the whole process group: the parent decides.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
}
