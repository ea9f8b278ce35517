/**
 * Worker thread entry: processes one document at a time for the pool (pool.ts). Holds the
 * thread's one OCR engine (created on first need) and terminates it when told to stop
 * (recycling, end of run, Ctrl-C). Loaded from dist/ (compiled JavaScript) only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InputFile } from './inputs.js';
import type { RunOptions } from './options.js';
import { OcrEngineHolder } from './ocr-holder.js';
import { runDocument } from './task.js';

export type ToWorker = { type: 'task'; id: number; input: InputFile; keepRecord: boolean } | { type: 'stop' };
export type FromWorker =
  | { type: 'started'; id: number }
  | { type: 'read'; id: number; sha256: string }
  | { type: 'done'; id: number; outcome: import('./outcome.js').DocOutcome; heapMb: number; ocrPages: number };

/**
 * Fault injection for the tests of timeouts, crashes and memory limits (never set in use):
 * JIXIAO_TEST_FAULT=hang:<text>|crash:<text>|oom:<text> misbehaves on inputs whose path
 * contains <text>.
 */
function injectFault(path: string): void {
  const spec = process.env.JIXIAO_TEST_FAULT;
  if (!spec) return;
  const [kind, text] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
  if (!text || !path.includes(text)) return;
  if (kind === 'hang') for (;;);
  if (kind === 'crash') setImmediate(() => {
    throw new Error('injected crash');
  });
  if (kind === 'oom') {
    const hog: unknown[] = [];
    for (;;) hog.push(new Array(1e5).fill({ x: hog.length }));
  }
}

const port = parentPort;
if (port) {
  const options = (workerData as { options: RunOptions }).options;
  const holder = new OcrEngineHolder(options.ocrEngine);
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'stop') {
      void holder.terminate().finally(() => process.exit(0));
      return;
    }
    const { id } = msg;
    port.postMessage({ type: 'started', id } satisfies FromWorker);
    injectFault(msg.input.path);
    void runDocument(msg.input, options, holder, msg.keepRecord, (sha256) => port.postMessage({ type: 'read', id, sha256 } satisfies FromWorker)).then(
      (outcome) => {
        const mu = process.memoryUsage();
        const heapMb = (mu.heapUsed + mu.external) / 2 ** 20;
        port.postMessage({ type: 'done', id, outcome, heapMb, ocrPages: holder.ocrPages } satisfies FromWorker);
      },
    );
  });
}
