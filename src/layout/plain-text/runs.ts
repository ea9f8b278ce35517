/**
 * Runs of tab-separated lines → draft tables: a run goes on across blank lines when the
 * next line keeps the column structure; a line holding one fragment that continues a
 * cell of the row above (wrapped text) is joined into that cell.
 */
import { joinWrapped } from '../../text/normalize.js';
import { parseStrictNumber } from '../../text/numbers.js';
import { unionBoxes } from '../../model/geometry.js';
import { cellAt, effectiveWidth, isBlank, isTabbed, type Draft, type Row, type SrcLine } from './lines.js';
import { isValueText } from './labels.js';

/** A stretch of the file: a run of tab-separated lines, or one other line. */
export type Piece = { kind: 'run'; draft: Draft } | { kind: 'line'; line: SrcLine };

function compatible(run: Row[], next: SrcLine): boolean {
  const prev = run[run.length - 1];
  if (next.nFrags === prev.nFrags) return true;
  if (Math.min(next.nFrags, prev.nFrags) >= 3 && Math.abs(next.nFrags - prev.nFrags) <= 1) return true;
  if (effectiveWidth(next.cells) === effectiveWidth(prev.cells)) return true;
  const min = Math.min(...run.map((r) => r.nFrags));
  const max = Math.max(...run.map((r) => r.nFrags));
  return next.nFrags >= min && next.nFrags <= max;
}

/** Split the file into runs of tab-separated lines and single other lines (blank ones dropped). */
export function buildPieces(lines: readonly SrcLine[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (isBlank(l)) {
      i++;
      continue;
    }
    if (!isTabbed(l)) {
      out.push({ kind: 'line', line: l });
      i++;
      continue;
    }
    const rows: Row[] = [];
    const breaks = new Set<number>();
    rows.push(toRow(l));
    i++;
    while (i < lines.length) {
      const n = lines[i];
      if (isTabbed(n)) {
        rows.push(toRow(n));
        i++;
        continue;
      }
      if (!isBlank(n)) break;
      let j = i;
      while (j < lines.length && isBlank(lines[j])) j++;
      if (j < lines.length && isTabbed(lines[j]) && compatible(rows, lines[j])) {
        breaks.add(rows.length);
        rows.push(toRow(lines[j]));
        i = j + 1;
        continue;
      }
      break;
    }
    const draft: Draft = { rows, breaks, nCols: Math.max(...rows.map((r) => r.nFrags)) };
    mergeContinuations(draft);
    out.push({ kind: 'run', draft });
  }
  return out;
}

function toRow(l: SrcLine): Row {
  return { line: l.line, cells: l.cells.map((c) => ({ ...c })), nFrags: l.nFrags };
}

const LIST_MARKER = /^(\d+[.、:：)）]|[(（]\d+[)）]|其中|[①-⑳]|[一二三四五六七八九十]+、)/;
const CELL_END = /[。；;:：!！?？]$/;

/**
 * Join wrapped cells: a row holding one fragment, in a column where the row above has
 * text that does not end a sentence, while the row above also has cells further right
 * (so the row above is complete and this line only carries the overflow). Only in tables
 * where most rows hold several cells: sparse tables (one label a line) are left alone.
 */
function mergeContinuations(d: Draft): void {
  if (d.rows.length < 2) return;
  const dense = d.rows.filter((r) => r.cells.length >= 2).length;
  if (dense / d.rows.length < 0.6) return;
  const rows: Row[] = [];
  const breaks = new Set<number>();
  d.rows.forEach((r, i) => {
    const prev = rows[rows.length - 1];
    if (prev && !d.breaks.has(i) && isContinuation(prev, r)) {
      const c = r.cells[0];
      const target = cellAt(prev, c.col)!;
      target.text = joinWrapped([target.text, c.text]);
      target.box = unionBoxes([target.box, c.box])!;
      return;
    }
    if (d.breaks.has(i)) breaks.add(rows.length);
    rows.push(r);
  });
  d.rows = rows;
  d.breaks = breaks;
}

function isContinuation(prev: Row, r: Row): boolean {
  if (r.cells.length !== 1) return false;
  const c = r.cells[0];
  if (c.col < 1) return false;
  const above = cellAt(prev, c.col);
  if (!above) return false;
  if (!prev.cells.some((x) => x.col > c.col)) return false;
  if (CELL_END.test(above.text) || parseStrictNumber(above.text)) return false;
  if (LIST_MARKER.test(c.text) || isValueText(c.text)) return false;
  return true;
}
