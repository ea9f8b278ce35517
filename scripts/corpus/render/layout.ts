/**
 * A page layout of a `Doc` for the producers that draw text and lines themselves (the CID-font
 * server writer and reportlab): paragraphs wrapped to the page width, tables row by row with
 * page breaks between rows, header rows repeated where the table asks, a merged cell cut by a
 * break drawn on both pages with its text printed again, cells without vertical borders where
 * asked, and a page mark at the foot. Units: points, origin top-left.
 */
import { cellText, toCell, type Cell, type Doc } from '../model.js';

export const CM = 72 / 2.54;
export const A4: [number, number] = [595.28, 841.89];

export type Op =
  | { k: 't'; x: number; y: number; size: number; s: string; al: 'l' | 'c' | 'r'; x0: number; x1: number; b?: boolean }
  | { k: 'l'; x1: number; y1: number; x2: number; y2: number };

export interface LaidPage {
  width: number;
  height: number;
  ops: Op[];
}

/** Advance of one character in em: ideographs and full-width forms 1, ASCII 0.5. */
export const charEm = (ch: string): number => ((ch.codePointAt(0) ?? 0) < 0x80 ? 0.5 : 1);
export const textWidth = (s: string, size: number): number => [...s].reduce((a, ch) => a + charEm(ch) * size, 0);

export function wrap(s: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (textWidth(cur + ch, size) > width && cur !== '') {
      lines.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur !== '' || lines.length === 0) lines.push(cur);
  return lines;
}

interface Placed {
  r: number;
  col: number;
  cell: Cell;
}

function place(rows: readonly (readonly unknown[])[]): Placed[] {
  const out: Placed[] = [];
  const occ = new Set<string>();
  rows.forEach((row, r) => {
    let col = 0;
    for (const x of row) {
      while (occ.has(`${r},${col}`)) col++;
      const cell = toCell(x as Cell);
      const cs = cell.cs ?? 1, rs = cell.rs ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) occ.add(`${r + dr},${col + dc}`);
      out.push({ r, col, cell });
      col += cs;
    }
  });
  return out;
}

export function layout(doc: Doc): LaidPage[] {
  const pages: LaidPage[] = [];
  let land = doc.landscape;
  let page!: LaidPage;
  let y = 0;
  const margin = () => (land ? 1.5 * CM : 2 * CM);
  const top = 1.6 * CM;
  const newPage = () => {
    const [w, h] = land ? [A4[1], A4[0]] : A4;
    page = { width: w, height: h, ops: [] };
    pages.push(page);
    y = top;
  };
  const bottom = () => page.height - 1.8 * CM;
  newPage();
  const base = doc.size ?? 10.5;
  for (const bl of doc.blocks) {
    if (bl.kind === 'page') {
      land = bl.landscape;
      newPage();
      continue;
    }
    const x0 = margin();
    const width = page.width - 2 * margin();
    if (bl.kind === 'p') {
      const size = bl.size ?? base;
      const lh = size * 1.45;
      const text = bl.indent ? `　　${bl.text}` : bl.text;
      for (const line of wrap(text, size, width)) {
        if (y + lh > bottom()) newPage();
        page.ops.push({ k: 't', x: x0, y, size, s: line, al: bl.al ?? 'l', x0, x1: x0 + width, b: bl.b });
        y += lh;
      }
      y += size * 0.3;
      continue;
    }
    // table
    const size = bl.size ?? 9;
    const lineH = size * 1.3;
    const pad = 3;
    const colX = [x0];
    const scale = width / (bl.cols.reduce((a, b) => a + b, 0) * CM);
    for (const w of bl.cols) colX.push(colX[colX.length - 1] + w * CM * Math.min(1, scale));
    const placed = place(bl.rows);
    const lines = (p: Placed) => cellText(p.cell).flatMap((t) => wrap(t, size, colX[p.col + (p.cell.cs ?? 1)] - colX[p.col] - 2 * pad));
    const heights = bl.rows.map(() => lineH + 2 * pad);
    for (const p of placed) if ((p.cell.rs ?? 1) === 1) heights[p.r] = Math.max(heights[p.r], lines(p).length * lineH + 2 * pad);
    for (const p of placed) {
      const rs = p.cell.rs ?? 1;
      if (rs === 1) continue;
      const need = lines(p).length * lineH + 2 * pad;
      const have = heights.slice(p.r, p.r + rs).reduce((a, b) => a + b, 0);
      if (need > have) heights[p.r + rs - 1] += need - have;
    }
    // assign each row a page and a y
    const hdr = bl.headerRows ?? 0;
    const rowPage: number[] = [];
    const rowY: number[] = [];
    const headerCopies: { page: number; y: number }[] = [];
    for (let r = 0; r < bl.rows.length; r++) {
      if (y + heights[r] > bottom() && r > 0) {
        newPage();
        if (hdr > 0 && r >= hdr) {
          headerCopies.push({ page: pages.length - 1, y });
          for (let k = 0; k < hdr; k++) y += heights[k];
        }
      }
      rowPage.push(pages.length - 1);
      rowY.push(y);
      y += heights[r];
    }
    y += 6;
    const drawCell = (pg: LaidPage, p: Placed, top: number, h: number) => {
      const cs = p.cell.cs ?? 1;
      const xa = colX[p.col], xb = colX[p.col + cs];
      pg.ops.push({ k: 'l', x1: xa, y1: top, x2: xb, y2: top }, { k: 'l', x1: xa, y1: top + h, x2: xb, y2: top + h });
      if (!p.cell.nb) pg.ops.push({ k: 'l', x1: xa, y1: top, x2: xa, y2: top + h }, { k: 'l', x1: xb, y1: top, x2: xb, y2: top + h });
      const ls = lines(p);
      let ty = top + (h - ls.length * lineH) / 2 + (lineH - size) / 2;
      for (const l of ls) {
        pg.ops.push({ k: 't', x: xa + pad, y: ty, size, s: l, al: p.cell.al ?? 'c', x0: xa + pad, x1: xb - pad, b: p.cell.b });
        ty += lineH;
      }
    };
    for (const p of placed) {
      const rs = p.cell.rs ?? 1;
      // split the cell's rows by page
      let start = p.r;
      while (start < p.r + rs) {
        let end = start;
        while (end + 1 < p.r + rs && rowPage[end + 1] === rowPage[start]) end++;
        const top = rowY[start];
        const h = rowY[end] + heights[end] - top;
        drawCell(pages[rowPage[start]], p, top, h);
        start = end + 1;
      }
    }
    for (const hc of headerCopies) {
      for (const p of placed.filter((q) => q.r < hdr)) {
        const off = rowY[p.r] - rowY[0];
        const h = heights.slice(p.r, p.r + (p.cell.rs ?? 1)).reduce((a, b) => a + b, 0);
        drawCell(pages[hc.page], p, hc.y + off, h);
      }
    }
  }
  if (doc.footer) {
    pages.forEach((pg, i) => {
      const s = doc.footer === 'dash' ? `-${i + 1}-` : `第${i + 1}页 共${pages.length}页`;
      pg.ops.push({ k: 't', x: 0, y: pg.height - 1.2 * CM, size: 9, s, al: 'c', x0: 0, x1: pg.width });
    });
  }
  return pages;
}
