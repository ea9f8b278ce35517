/**
 * Layout: pages of words and rules → lines and tables in reading order.
 *
 * Per page: lattice tables from ruling lines take the words inside them; stream tables
 * (text alignment, conservative) are looked for among the rest; the remaining words become
 * text lines. Tables get ids `p<page>-t<n>` (n counted top to bottom on their page), tables
 * continued on the next page are joined, and each page's lines and tables are interleaved
 * top to bottom as blocks.
 */
import type { Block, LaidOutDocument } from '../model/layout.js';
import type { Page } from '../model/page.js';
import type { FoundTable } from './found.js';
import { joinAcrossPages, type PageTables } from './join.js';
import { findLatticeTables } from './lattice.js';
import { wordsToLines } from './lines.js';
import { resolveSettings, type TableSettings } from './settings.js';
import { findStreamTables } from './stream.js';

export { DEFAULT_TABLE_SETTINGS, resolveSettings, type TableSettings } from './settings.js';
export { findLatticeTables, normalizeRules, findRegions, regionGrid, gridCells } from './lattice.js';
export { findStreamTables } from './stream.js';
export { joinAcrossPages, mergeTables, columnsMatch, type PageTables } from './join.js';
export { wordsToLines, groupWordsIntoLines, joinLineWords } from './lines.js';
export type { FoundTable } from './found.js';
export { dumpTable, dumpDocument } from './dump.js';

/** Tables and outside lines of one page, before cross-page joins. */
export function layoutPage(page: Page, settings?: Partial<TableSettings>): PageTables {
  const s = resolveSettings(settings);
  const lattice = findLatticeTables(page.number, page.words, page.rules, s);
  const stream = findStreamTables(page.number, lattice.rest, s);
  const lines = wordsToLines(stream.rest, page.number, s);
  const tables: FoundTable[] = [...lattice.tables, ...stream.tables].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  tables.forEach((t, i) => (t.table.id = `p${page.number}-t${i + 1}`));
  return { number: page.number, height: page.height, tables, lines };
}

export function layoutPages(pages: Page[], settings?: Partial<TableSettings>): LaidOutDocument {
  const s = resolveSettings(settings);
  const ordered = [...pages].sort((a, b) => a.number - b.number);
  const joined = joinAcrossPages(ordered.map((p) => layoutPage(p, s)), s);
  const blocks: Block[] = [];
  for (const page of joined) {
    const items: { y: number; x: number; block: Block }[] = [
      ...page.lines.map((line) => ({ y: line.box.y0, x: line.box.x0, block: { kind: 'line', line } as Block })),
      ...page.tables.map((t) => ({ y: t.box.y0, x: t.box.x0, block: { kind: 'table', table: t.table } as Block })),
    ];
    items.sort((a, b) => a.y - b.y || a.x - b.x);
    for (const it of items) blocks.push(it.block);
  }
  const sources = new Set(pages.map((p) => p.source));
  const source = sources.size > 1 ? 'mixed' : (pages[0]?.source ?? 'pdf_text');
  const doc: LaidOutDocument = { blocks, source, warnings: [] };
  if (pages.length) doc.pageCount = pages.length;
  return doc;
}
