/**
 * One long-lived OCR engine per thread: created on first need (so a batch of born-digital
 * PDFs never loads a model), terminated when its worker is recycled, at the end of a run,
 * or on Ctrl-C. Each worker process owns one holder per engine; the in-process runner owns one per slot.
 */
import type { OcrEngine, OcrEngineName } from '../ocr/types.js';
import type { PageLending } from '../ocr/index.js';

/** Everything a document's processing may borrow from the thread it runs on. */
export interface DocumentContext {
  /** The thread's OCR engine, created on first call. */
  ocrEngine(): Promise<OcrEngine>;
  /** Pages recognised by OCR so far on this thread (for recycling); the OCR step adds to it. */
  ocrPages: number;
  /** The document's pages that another worker process may read (worker.ts; absent elsewhere). */
  lending?: PageLending;
}

type EngineFactory = (name: OcrEngineName, threads: number) => Promise<OcrEngine> | OcrEngine;

/**
 * createOcrEngine from src/ocr/engines/index.ts, loaded only when a document needs OCR.
 * `threads`: onnxruntime intra-op threads for PP-OCR; tesseract.js keeps one worker (a page is
 * read in one call, so more workers would only hold memory).
 */
async function defaultFactory(name: OcrEngineName, threads: number): Promise<OcrEngine> {
  const { createOcrEngine } = await import('../ocr/engines/index.js');
  return createOcrEngine(name, { threads: name === 'ppocr' ? threads : 1 });
}

export class OcrEngineHolder implements DocumentContext {
  private engine: Promise<OcrEngine> | undefined;
  ocrPages = 0;
  /** Set by a worker process for the document it is reading (one at a time). */
  lending?: PageLending;

  /**
   * `threads`: intra-op threads of the engine this holder creates (default 1; the pipeline
   * passes `defaultOcrThreads(concurrency)`, options.ts).
   */
  constructor(
    readonly engineName: OcrEngineName,
    private readonly factory: EngineFactory = defaultFactory,
    readonly threads = 1,
  ) {}

  ocrEngine(): Promise<OcrEngine> {
    this.engine ??= Promise.resolve(this.factory(this.engineName, this.threads)).catch((err) => {
      this.engine = undefined;
      throw err;
    });
    return this.engine;
  }

  get created(): boolean {
    return this.engine !== undefined;
  }

  /** Terminate the engine if one was created (awaited: tesseract.js needs it). */
  async terminate(): Promise<void> {
    const e = this.engine;
    this.engine = undefined;
    this.ocrPages = 0;
    if (!e) return;
    try {
      await (await e).terminate();
    } catch {
      /* an engine that failed to start or to stop has nothing left to free */
    }
  }
}
