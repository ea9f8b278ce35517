/**
 * The generated corpus's document model: what a filing prints (blocks of paragraphs and bordered
 * tables with merged cells, on portrait or landscape pages) and what a person reads off it (the
 * expected record of docs/expected-format.md plus the manifest entry). Every producer
 * (render/*.ts) draws the same `Doc`; lengths are in cm, font sizes in pt.
 */
import type { Expected } from '../samples/types.js';

export type Align = 'l' | 'c' | 'r';

/** One table cell: text (an array = lines of one cell, e.g. a wrapped header), spans, alignment. */
export interface Cell {
  t: string | string[];
  cs?: number;
  rs?: number;
  al?: Align;
  b?: boolean;
  /** no vertical borders around this cell (a row whose inner borders are missing) */
  nb?: boolean;
}

export type CellLike = Cell | string | number | null;
export type Row = CellLike[];

export interface TableBlock {
  kind: 'table';
  cols: number[];
  rows: Row[];
  /** leading rows repeated on each page the table continues onto (0 = not repeated) */
  headerRows?: number;
  size?: number;
}

export interface ParaBlock {
  kind: 'p';
  text: string;
  al?: Align;
  b?: boolean;
  size?: number;
  indent?: boolean;
  /** web-page chrome (banner, breadcrumb, navigation, site footer): styled as such by the browser producer */
  chrome?: 'banner' | 'crumb' | 'nav' | 'foot';
}

export interface PageBlock {
  kind: 'page';
  landscape: boolean;
}

export type Block = TableBlock | ParaBlock | PageBlock;

export interface Doc {
  landscape: boolean;
  blocks: Block[];
  /** base font size in pt */
  size?: number;
  /** page mark printed at the foot of every page: `-1-` or `第1页 共2页` */
  footer?: 'dash' | 'of' | null;
  title: string;
}

export type Family =
  | 'declaration'
  | 'national'
  | 'hubei'
  | 'shanxi'
  | 'sichuan'
  | 'grid4'
  | 'department'
  | 'report';

export type Producer = 'lo-writer' | 'lo-calc' | 'chromium' | 'cid' | 'reportlab';

export const PRODUCERS: Producer[] = ['lo-writer', 'lo-calc', 'chromium', 'cid', 'reportlab'];

/** One filing of the corpus as the manifest lists it. */
export interface ManifestEntry {
  doc_id: string;
  family: Family;
  producer: Producer;
  split: 'dev' | 'heldout';
  /** layout kinds present (issue 8's list: composite-dept, column-order, synonyms, …) */
  kinds: string[];
  /** flag codes injected ([] = clean: every figure consistent) */
  injected: string[];
  pages?: number;
  /** for a scanned twin: the born-digital doc_id and how it was scanned */
  twin_of?: string;
  scan?: Record<string, unknown>;
}

export interface Filing {
  doc: Doc;
  expected: Expected;
  family: Family;
  kinds: string[];
  injected: string[];
}

export const c = (t: string | number | string[], o: Omit<Cell, 't'> = {}): Cell => ({ t: typeof t === 'number' ? String(t) : t, ...o });
export const para = (text: string, o: Omit<ParaBlock, 'kind' | 'text'> = {}): ParaBlock => ({ kind: 'p', text, ...o });
export const titleP = (text: string, size = 15): ParaBlock => ({ kind: 'p', text, al: 'c', b: true, size });
export const tbl = (cols: number[], rows: Row[], o: Omit<TableBlock, 'kind' | 'cols' | 'rows'> = {}): TableBlock => ({ kind: 'table', cols, rows, ...o });

export function toCell(x: CellLike): Cell {
  if (x === null) return { t: '' };
  if (typeof x === 'string') return { t: x };
  if (typeof x === 'number') return { t: String(x) };
  return x;
}

export const cellText = (cl: Cell): string[] => (Array.isArray(cl.t) ? cl.t : [cl.t]);

/** Scales column widths (any unit) to a total width in cm. */
export function fitCols(base: number[], width: number): number[] {
  const k = width / base.reduce((a, b) => a + b, 0);
  return base.map((w) => Math.round(w * k * 100) / 100);
}

/** Usable width in cm of a page (A4 less margins of 2 cm portrait, 1.5 cm landscape). */
export const pageWidth = (landscape: boolean): number => (landscape ? 26.7 : 17);
