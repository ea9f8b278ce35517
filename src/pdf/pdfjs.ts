/**
 * Loading pdfjs-dist in Node (legacy build, worker code on the main thread) and the safe
 * document parameters every user of pdfjs in this project passes (ingest, render; below both stages).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<PdfJs> | undefined;

/**
 * Built-ins the legacy build's core-js polyfills replace process-wide on Node 20 (V8 11.3),
 * although Node's own are correct for everything pdf.js does: `Array.prototype.push` (a
 * JavaScript loop, ~6× slower, for a 2^32-length corner case), `JSON.stringify` (~10×
 * slower, for `JSON.rawJSON`, which nothing here uses) and `JSON.parse` (reviver source
 * text). Every push and every record serialized in the thread paid for them (measured:
 * 1e7 pushes 104 → 638 ms, JSON.stringify of a 2000-row object 36 → 354 ms).
 */
const NATIVE_BUILTINS: [object, PropertyKey][] = [
  [Array.prototype, 'push'],
  [JSON, 'stringify'],
  [JSON, 'parse'],
];

/** Run `load`, then put back the built-ins listed above as they were before it. */
async function keepingNativeBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const saved = NATIVE_BUILTINS.map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)] as const);
  try {
    return await load();
  } finally {
    for (const [o, k, d] of saved) if (d && Object.getOwnPropertyDescriptor(o, k)?.value !== d.value) Object.defineProperty(o, k, d);
  }
}

/**
 * Load pdfjs once per thread (one instance for every document the thread reads), with its
 * worker code on the main thread (no worker thread in Node), keeping the thread's native
 * built-ins (see NATIVE_BUILTINS).
 */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= keepingNativeBuiltins(async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    // pdfjs looks for `globalThis.pdfjsWorker.WorkerMessageHandler` before spawning a
    // "fake worker"; importing it here avoids pdfjs' own dynamic import by path.
    const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    if (!g.pdfjsWorker) g.pdfjsWorker = await import(workerModule);
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  });
  return pdfjsPromise;
}

function pdfjsDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

/** A folder of the pdfjs-dist package as a plain path ending in '/' (what pdfjs wants in Node; a file:// URL only warns). */
export const dirOf = (sub: string) => path.join(pdfjsDir(), sub) + '/';

/** Bytes as a fresh plain Uint8Array (pdfjs refuses Buffers and detaches what it gets). */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes instanceof Uint8Array && bytes.constructor === Uint8Array ? bytes.slice() : new Uint8Array(bytes);
}

/** Images above this many pixels are never decoded (a hostile PDF can declare 30000×30000 in 1 KB). */
export const MAX_IMAGE_PIXELS = 60_000_000;

/** `getDocument` parameters: no eval, CMaps and standard fonts (read once per thread), no system fonts, no font faces, bounded images, quiet. */
export function documentParams(bytes: Uint8Array) {
  return {
    data: plainBytes(bytes),
    isEvalSupported: false,
    cMapUrl: dirOf('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dirOf('standard_fonts'),
    wasmUrl: dirOf('wasm'),
    BinaryDataFactory: CachedBinaryDataFactory,
    disableFontFace: true,
    useSystemFonts: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    isOffscreenCanvasSupported: false,
    verbosity: 0,
  };
}

/** An open pdf.js document, shared by the stages that read the same PDF in one thread (ingest, then the report's crops). */
export interface OpenPdf {
  doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  pdfjs: PdfJs;
  /** Free pdf.js' copy of the document (idempotent). */
  destroy(): Promise<void>;
}

/**
 * Open a PDF with `documentParams` (the thread's one pdf.js instance). Errors: a PDF that
 * needs a password → Error('encrypted PDF: …'); anything else pdf.js refuses →
 * Error('cannot open PDF: …'). The caller destroys it.
 */
export async function openPdfDocument(bytes: Uint8Array): Promise<OpenPdf> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument(documentParams(bytes));
  let destroyed: Promise<void> | undefined;
  const destroy = () => (destroyed ??= task.destroy().catch(() => undefined));
  try {
    const doc = await task.promise;
    return { doc, pdfjs, destroy };
  } catch (err) {
    await destroy();
    const e = err as { name?: string; message?: string };
    if (e?.name === 'PasswordException') throw new Error('encrypted PDF: a password is required to open it');
    throw new Error(`cannot open PDF: ${e?.message ?? String(err)}`);
  }
}

/**
 * CMaps, standard font data and wasm files, read from pdfjs-dist's folders once per thread and
 * shared by every document the thread opens (pdf.js' own Node factory reads the file again for
 * each document). pdf.js may transfer what it gets, so each caller receives a copy.
 */
const binaryCache = new Map<string, Promise<Uint8Array>>();

class CachedBinaryDataFactory {
  private readonly base: Record<string, string | null>;
  constructor(o: { cMapUrl?: string | null; standardFontDataUrl?: string | null; wasmUrl?: string | null }) {
    this.base = { cMapUrl: o.cMapUrl ?? null, standardFontDataUrl: o.standardFontDataUrl ?? null, wasmUrl: o.wasmUrl ?? null };
  }

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const base = this.base[kind];
    if (!base) throw new Error(`Ensure that the \`${kind}\` API parameter is provided.`);
    const url = `${base}${filename}`;
    let p = binaryCache.get(url);
    if (!p) {
      p = readFile(url).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      binaryCache.set(url, p);
      p.catch(() => binaryCache.delete(url));
    }
    try {
      return (await p).slice();
    } catch {
      throw new Error(`Unable to load ${kind} data at: ${url}`);
    }
  }
}
