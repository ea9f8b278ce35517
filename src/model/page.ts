import type { Box } from './geometry.js';

/** How the words of a page came to exist. */
export type TextSource = 'pdf_text' | 'ocr' | 'plain_text';

/**
 * One positioned run of text: a pdfjs text item, an OCR box, or a tab-separated
 * fragment of a plain-text line. Text is already normalized (see text/normalize.ts).
 */
export interface Word {
  text: string;
  box: Box;
  /** Font size in points, where known. */
  fontSize?: number;
  fontName?: string;
  /** 0..1, OCR only. */
  confidence?: number;
  /** Plain text input: 1-based line number in the file. */
  line?: number;
  /** Plain text input: 0-based index of the tab-separated fragment within its line. */
  column?: number;
}

/** A ruling line (table border) segment; horizontal when y0 === y1 (within tolerance). */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One page of positioned text and rules: the boundary between ingest and layout. */
export interface Page {
  /** 1-based page number. Plain-text input is one pseudo-page numbered 1. */
  number: number;
  width: number;
  height: number;
  words: Word[];
  rules: Rule[];
  source: TextSource;
  /**
   * What the PDF's own text layer was like: `ok`; `none` (no text drawn: a scan); `outlines`
   * (text drawn as vector outlines); `undecodable` (text drawn but fonts without Unicode maps);
   * `garbled` (decodes to private-use code points or mojibake). OCR in `auto` replaces pages that
   * are not `ok`. Undefined for plain text and OCR'd pages.
   */
  textLayer?: 'ok' | 'none' | 'outlines' | 'undecodable' | 'garbled';
  /**
   * OCR'd pages only: degrees (90, 180, 270) the page image was turned clockwise before it was
   * read, when it was scanned sideways or upside down. Word boxes are in the turned page's
   * coordinates (width and height swapped for 90 and 270).
   */
  turned?: number;
}

/** What an ingest backend hands to layout. */
export interface IngestedDocument {
  pages: Page[];
  /** Page count of the PDF; undefined for plain text. */
  pageCount?: number;
  /** Non-fatal problems worth telling the user (missing CMaps, undecodable fonts…). */
  warnings: string[];
}
