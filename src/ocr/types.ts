/**
 * The OCR boundary: an engine reads an image and returns positioned words with confidences;
 * the OCR backend (src/ocr/index.ts) turns them into the same `Page` model the pdfjs backend
 * produces, so layout, classification and parsing are shared.
 */
import type { RgbaImage } from '../image/index.js';

/** The RGBA bitmap (src/image), re-exported for the engines' callers. */
export type { RgbaImage };

/** A word or text line found by an engine, in the image's pixel coordinates (origin top-left). */
export interface OcrWord {
  text: string;
  box: { x0: number; y0: number; x1: number; y1: number };
  /** 0..1 */
  confidence: number;
}

export type OcrEngineName = 'ppocr' | 'tesseract';

/**
 * What to recognise: a whole page (detect, then recognise every line), one text line, or one
 * block (a table cell crop, possibly several lines).
 */
export type OcrMode = 'page' | 'line' | 'block';

/**
 * Admission to a memory-heavy step shared by several processes (PP-OCR's detection run): resolves
 * when the caller may start, with the function that lets the next one in. Used so that the
 * workers of one run never hold their detection peaks at the same time (src/pipeline/detect-gate.ts).
 */
export type MemoryGate = () => Promise<() => void>;

export interface RecognizeOptions {
  mode?: OcrMode;
  dpi?: number;
  /**
   * `page` mode, engines that detect before they recognise (PP-OCR): called with the text boxes
   * found (image pixels) before any is recognised; `false` stops there and no word is returned
   * (the caller saw that the page is turned and reads it turned instead). Engines without a
   * separate detection step ignore it.
   */
  proceed?: (boxes: OcrWord['box'][]) => boolean;
  /**
   * `page` mode, PP-OCR: the `boxes` largest text boxes are recognised first and their words
   * handed to `proceed`; `false` stops there and only those words are returned, `true` reads
   * the rest (the words are then those of a reading without `sample`: each box is read alone).
   */
  sample?: { boxes: number; proceed: (words: OcrWord[]) => boolean };
}

export interface OcrEngine {
  readonly name: OcrEngineName;
  recognize(image: RgbaImage, options?: RecognizeOptions): Promise<OcrWord[]>;
  /** Free native memory and workers; the engine is unusable afterwards. */
  terminate(): Promise<void>;
}
