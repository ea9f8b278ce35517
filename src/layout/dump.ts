/** A readable dump of laid-out blocks, for debugging and tests. */
import type { LaidOutDocument, Table } from '../model/layout.js';

/** One line per cell: `[row,col rowSpan×colSpan] text`, rows in order. */
export function dumpTable(t: Table): string {
  const head = `table ${t.id} (${t.finder}) pages ${t.pages.join(',')} ${t.nRows}×${t.nCols}`;
  const cells = [...t.cells]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((c) => `  [${c.row},${c.col}${c.rowSpan > 1 || c.colSpan > 1 ? ` ${c.rowSpan}×${c.colSpan}` : ''}] p${c.ref.page ?? '?'} ${c.text}`);
  return [head, ...cells].join('\n');
}

export function dumpDocument(doc: LaidOutDocument): string {
  return doc.blocks
    .map((b) => (b.kind === 'line' ? `line p${b.line.page}: ${b.line.text}` : dumpTable(b.table)))
    .join('\n');
}
