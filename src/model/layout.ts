import type { Box } from './geometry.js';
import type { TextSource } from './page.js';

/** Where a value was read: the page (1-based) and box, or the line of a plain-text file. */
export interface SourceRef {
  page?: number;
  box?: Box;
  /** Plain text: 1-based line number. */
  line?: number;
  /** OCR: mean confidence 0..1 of the words it was read from. */
  confidence?: number;
}

/** A line of text in reading order, outside or inside a table. */
export interface TextLine {
  text: string;
  page: number;
  box: Box;
  line?: number;
  confidence?: number;
}

/**
 * One cell of a table grid. A merged cell appears once, at its top-left slot, with
 * rowSpan/colSpan > 1. Text is the cell's wrapped lines joined in reading order
 * (no separator between CJK characters, one space between Latin words).
 */
export interface Cell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** Where the cell stands; a cell of a table joined across pages keeps its own page. */
  ref: SourceRef;
}

/** How a table was found. */
export type TableFinder = 'lattice' | 'stream' | 'plain_text';

export interface Table {
  /** Stable id within the document, e.g. `p2-t1`. */
  id: string;
  finder: TableFinder;
  /** Pages it spans (continued tables are joined into one). */
  pages: number[];
  nRows: number;
  nCols: number;
  cells: Cell[];
}

/** A document after layout: lines and tables interleaved in reading order. */
export type Block = { kind: 'line'; line: TextLine } | { kind: 'table'; table: Table };

export interface LaidOutDocument {
  blocks: Block[];
  pageCount?: number;
  source: TextSource | 'mixed';
  warnings: string[];
}
