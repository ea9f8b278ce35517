/** A compact text dump of a laid-out plain-text document, for eyeballing and debugging. */
import type { LaidOutDocument, Table } from '../../model/layout.js';

export function dumpTable(t: Table): string {
  const out: string[] = [];
  const lines = t.cells.map((c) => c.ref.line ?? 0);
  out.push(`== ${t.id} ${t.nRows}x${t.nCols} lines ${Math.min(...lines)}-${Math.max(...lines)}`);
  for (let r = 0; r < t.nRows; r++) {
    const cells = t.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    const grid: string[] = Array.from({ length: t.nCols }, () => '');
    for (const c of cells) grid[c.col] = c.text.length > 24 ? c.text.slice(0, 23) + '…' : c.text;
    out.push(`  r${r} L${cells[0]?.ref.line ?? '?'}: ${grid.join(' | ')}`);
  }
  return out.join('\n');
}

export function dumpLayout(doc: LaidOutDocument, withLines = false): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'table') out.push(dumpTable(b.table));
    else if (withLines) out.push(`-- L${b.line.line}: ${b.line.text.length > 40 ? b.line.text.slice(0, 39) + '…' : b.line.text}`);
  }
  for (const w of doc.warnings) out.push(`! ${w}`);
  return out.join('\n');
}
