/** Builders of synthetic pages for the layout tests. */
import type { Page, Rule, Word } from '../../src/model/page.js';
import type { Cell, LaidOutDocument, Table } from '../../src/model/layout.js';

export function word(text: string, x0: number, y0: number, fontSize = 10, width?: number): Word {
  const w = width ?? Array.from(text).reduce((s, ch) => s + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.55), 0) * fontSize;
  return { text, box: { x0, y0, x1: x0 + w, y1: y0 + fontSize }, fontSize };
}

export function hRule(y: number, x0: number, x1: number): Rule {
  return { x0, y0: y, x1, y1: y };
}

export function vRule(x: number, y0: number, y1: number): Rule {
  return { x0: x, y0, x1: x, y1 };
}

/**
 * Rules of a grid with separators xs/ys. `merged` lists cells [row, col, rowSpan, colSpan]
 * whose inner borders are left out.
 */
export function gridRules(xs: number[], ys: number[], merged: [number, number, number, number][] = []): Rule[] {
  const inside = (r: number, c: number) => merged.find(([mr, mc, rs, cs]) => r >= mr && r < mr + rs && c >= mc && c < mc + cs);
  const rules: Rule[] = [];
  // horizontal borders: at ys[i] along column c, missing when rows i-1 and i are in one merged cell
  for (let i = 0; i < ys.length; i++) {
    for (let c = 0; c < xs.length - 1; c++) {
      const above = i > 0 ? inside(i - 1, c) : undefined;
      const below = i < ys.length - 1 ? inside(i, c) : undefined;
      if (above && above === below) continue;
      rules.push(hRule(ys[i], xs[c], xs[c + 1]));
    }
  }
  for (let i = 0; i < xs.length; i++) {
    for (let r = 0; r < ys.length - 1; r++) {
      const left = i > 0 ? inside(r, i - 1) : undefined;
      const right = i < xs.length - 1 ? inside(r, i) : undefined;
      if (left && left === right) continue;
      rules.push(vRule(xs[i], ys[r], ys[r + 1]));
    }
  }
  return rules;
}

export function page(number: number, words: Word[], rules: Rule[] = [], height = 842): Page {
  return { number, width: 595, height, words, rules, source: 'pdf_text' };
}

export function tables(doc: LaidOutDocument): Table[] {
  return doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
}

export function lines(doc: LaidOutDocument): string[] {
  return doc.blocks.flatMap((b) => (b.kind === 'line' ? [b.line.text] : []));
}

export function cellAt(t: Table, row: number, col: number): Cell | undefined {
  return t.cells.find((c) => c.row === row && c.col === col);
}

/** Compact shape of a table: one string per cell `r,c[ rs×cs]=text`. */
export function shape(t: Table): string[] {
  return [...t.cells]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((c) => `${c.row},${c.col}${c.rowSpan > 1 || c.colSpan > 1 ? ` ${c.rowSpan}x${c.colSpan}` : ''}=${c.text}`);
}
