/**
 * Loading PDFium (compiled to WebAssembly, `@embedpdf/pdfium`) in Node and opening a
 * document from bytes (below the stages, like pdfjs.ts). One module per thread; the wasm
 * file is read from node_modules (no network). Documents live in the module's heap: the
 * caller closes them (`PdfiumDocument.close`, idempotent), which also frees the bytes.
 *
 * Measured (105 born-digital PDFs, 360 pages, one thread): every character's unicode, box
 * and font size plus every path segment in 1.18 CPU s, against 6.8 CPU s for pdf.js'
 * text content + operator list; initialising the module takes ~40 ms.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { WrappedPdfiumModule } from '@embedpdf/pdfium';

export type Pdfium = WrappedPdfiumModule;

let pdfiumPromise: Promise<Pdfium> | undefined;

/** Load and initialise PDFium once per thread. */
export function loadPdfium(): Promise<Pdfium> {
  pdfiumPromise ??= (async () => {
    const { init } = await import('@embedpdf/pdfium');
    const require = createRequire(import.meta.url);
    const wasmBinary = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
    const P = await init({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer });
    P.PDFiumExt_Init();
    return P;
  })();
  pdfiumPromise.catch(() => (pdfiumPromise = undefined));
  return pdfiumPromise;
}

/** FPDF_GetLastError codes → reasons (fpdfview.h). */
const ERRORS: Record<number, string> = {
  1: 'unknown error',
  2: 'file not found or could not be opened',
  3: 'not a PDF or corrupted',
  4: 'password required or incorrect password',
  5: 'unsupported security scheme',
  6: 'page not found or content error',
};
const FPDF_ERR_PASSWORD = 4;

export interface PdfiumDocument {
  P: Pdfium;
  /** FPDF_DOCUMENT handle. */
  doc: number;
  pageCount: number;
  /** Close the document and free its bytes (idempotent). */
  close(): void;
}

/** The module's heap as it is now (it may grow: never keep a view across calls into PDFium). */
export function heap(P: Pdfium): ArrayBuffer {
  return (P.pdfium.wasmExports as unknown as { memory: { buffer: ArrayBuffer } }).memory.buffer;
}

export function malloc(P: Pdfium, size: number): number {
  return (P.pdfium.wasmExports as unknown as { malloc(n: number): number }).malloc(size);
}

export function free(P: Pdfium, ptr: number): void {
  (P.pdfium.wasmExports as unknown as { free(p: number): void }).free(ptr);
}

/**
 * Open a PDF from bytes (copied into PDFium's heap). Errors: a PDF that needs a password →
 * Error('encrypted PDF: …'); anything else PDFium refuses → Error('cannot open PDF: …')
 * (same messages as pdfjs.ts).
 */
export async function openPdfiumDocument(bytes: Uint8Array): Promise<PdfiumDocument> {
  const P = await loadPdfium();
  const ptr = malloc(P, Math.max(1, bytes.length));
  new Uint8Array(heap(P), ptr, bytes.length).set(bytes);
  const doc = P.FPDF_LoadMemDocument(ptr, bytes.length, '');
  if (!doc) {
    const code = P.FPDF_GetLastError();
    free(P, ptr);
    if (code === FPDF_ERR_PASSWORD) throw new Error('encrypted PDF: a password is required to open it');
    throw new Error(`cannot open PDF: ${ERRORS[code] ?? `PDFium error ${code}`}`);
  }
  let closed = false;
  return {
    P,
    doc,
    pageCount: P.FPDF_GetPageCount(doc),
    close() {
      if (closed) return;
      closed = true;
      P.FPDF_CloseDocument(doc);
      free(P, ptr);
    },
  };
}
