/**
 * @napi-rs/canvas, loaded on first use. Loading it reads every system font (the package's
 * `GlobalFonts.loadSystemFonts()`), about 0.1 s of CPU in each process that imports it, and a
 * worker that reads scans never draws: PDFium decodes their page images and every image step
 * works on plain RGBA buffers. Pages drawn by pdf.js, PNG/JPEG encoding and the review
 * report's crops load it when they first need it.
 */
import { createRequire } from 'node:module';

type CanvasModule = typeof import('@napi-rs/canvas');

let loaded: CanvasModule | undefined;

/** The @napi-rs/canvas module (the one instance that `import('@napi-rs/canvas')` also gives). */
export function canvasModule(): CanvasModule {
  return (loaded ??= createRequire(import.meta.url)('@napi-rs/canvas') as CanvasModule);
}
