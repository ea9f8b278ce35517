import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPlainText } from '../../../src/ingest/plain-text/index.js';
import { layoutPlainText } from '../../../src/layout/plain-text/index.js';
import type { LaidOutDocument, Table, TextLine } from '../../../src/model/layout.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/text');

export function layoutText(text: string): LaidOutDocument {
  return layoutPlainText(ingestPlainText(new TextEncoder().encode(text)).pages[0]);
}

export function layoutFixture(name: string): LaidOutDocument {
  return layoutPlainText(ingestPlainText(readFileSync(join(FIXTURES, name))).pages[0]);
}

export function tables(doc: LaidOutDocument): Table[] {
  return doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
}

export function lines(doc: LaidOutDocument): TextLine[] {
  return doc.blocks.flatMap((b) => (b.kind === 'line' ? [b.line] : []));
}

/** The table as rows of cell texts ('' where no cell). */
export function grid(t: Table): string[][] {
  const g = Array.from({ length: t.nRows }, () => Array.from({ length: t.nCols }, () => ''));
  for (const c of t.cells) g[c.row][c.col] = c.text;
  return g;
}

/** Column index of the header cell (row 0) with this text. */
export function headerCol(t: Table, text: string): number {
  const c = t.cells.find((x) => x.row === 0 && x.text === text);
  if (!c) throw new Error(`no header ${text} in ${t.id}`);
  return c.col;
}

/** The table whose first row has a cell with this text. */
export function tableWithHeader(doc: LaidOutDocument, text: string): Table {
  const t = tables(doc).find((x) => x.cells.some((c) => c.row === 0 && c.text === text));
  if (!t) throw new Error(`no table with header ${text}`);
  return t;
}
