/**
 * Layout of a plain-text pseudo-page (ingest/plain-text): prose lines become `TextLine`s,
 * runs of tab-separated lines become `Table`s (finder 'plain_text', one cell per non-empty
 * fragment at its column, `ref.line` set), in file order. Torn-off value columns printed
 * later in the file are re-attached to their tables (reattach.ts); every re-attachment is
 * reported in `warnings`.
 */
import type { Page } from '../../model/page.js';
import type { Block, Cell, LaidOutDocument, Table } from '../../model/layout.js';
import { readLines, type Draft, type SrcLine } from './lines.js';
import { buildPieces } from './runs.js';
import { reattachTornColumns } from './reattach.js';

export { readLines } from './lines.js';

export function layoutPlainText(page: Page): LaidOutDocument {
  const lines = readLines(page);
  const res = reattachTornColumns(buildPieces(lines), lines);

  type Item = { at: number; kind: 'line'; line: SrcLine } | { at: number; kind: 'table'; draft: Draft };
  const items: Item[] = [];
  for (const p of res.pieces) {
    if (p.kind === 'line') {
      if (!res.consumedLines.has(p.line.line)) items.push({ at: p.line.line, kind: 'line', line: p.line });
    } else if (!res.consumedDrafts.has(p.draft)) {
      items.push({ at: p.draft.rows[0].line, kind: 'table', draft: p.draft });
    }
  }
  for (const kv of res.kvTables) items.push({ at: kv.atLine, kind: 'table', draft: kv.draft });
  items.sort((a, b) => a.at - b.at);

  const ids = new Map<Draft, string>();
  const blocks: Block[] = [];
  for (const it of items) {
    if (it.kind === 'line') {
      const c = it.line.cells[0];
      const text = it.line.cells.map((x) => x.text).join(' ');
      blocks.push({ kind: 'line', line: { text, page: page.number, box: c.box, line: it.line.line } });
      continue;
    }
    const id = `p${page.number}-t${ids.size + 1}`;
    ids.set(it.draft, id);
    blocks.push({ kind: 'table', table: toTable(it.draft, id, page.number) });
  }
  const idOf = (d: Draft) => ids.get(d) ?? '?';
  return { blocks, pageCount: 1, source: 'plain_text', warnings: res.notes.map((n) => n(idOf)) };
}

function toTable(d: Draft, id: string, pageNo: number): Table {
  const cells: Cell[] = [];
  d.rows.forEach((r, row) => {
    for (const c of r.cells) {
      cells.push({ row, col: c.col, rowSpan: 1, colSpan: 1, text: c.text, ref: { page: pageNo, line: c.line, box: c.box } });
    }
  });
  const nCols = Math.max(d.nCols, ...cells.map((c) => c.col + 1));
  return { id, finder: 'plain_text', pages: [pageNo], nRows: d.rows.length, nCols, cells };
}
