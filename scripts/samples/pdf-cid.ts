/**
 * A small PDF writer for the kind of file server software produces: Chinese text in the
 * non-embedded Adobe standard font STSong-Light (Type0, CMap UniGB-UCS2-H, CIDFontType0 with
 * CIDSystemInfo Adobe/GB1), strings as UCS-2 big-endian hex, table borders as path operators
 * (re / m / l / S). Coordinates in the API: points, origin top-left.
 */
import { deflateSync } from 'node:zlib';

export const A4: [number, number] = [595.28, 841.89];

/** Advance of one character in em: ideographs and full-width forms 1, ASCII 0.5. */
export const charEm = (ch: string): number => ((ch.codePointAt(0) ?? 0) < 0x80 ? 0.5 : 1);
export const textWidth = (s: string, size: number): number => [...s].reduce((a, ch) => a + charEm(ch) * size, 0);

function hexUcs2(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    out += (cp > 0xffff ? 0x3f : cp).toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

const num = (x: number): string => (Math.round(x * 100) / 100).toString();

class PageBuilder {
  readonly ops: string[] = [];
  constructor(readonly width: number, readonly height: number) {}

  /** Text with its top-left corner at (x, y). */
  text(x: number, y: number, size: number, s: string): void {
    if (s === '') return;
    const base = this.height - y - size * 0.88;
    this.ops.push(`BT /F1 ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(base)} Tm <${hexUcs2(s)}> Tj ET`);
  }

  line(x1: number, y1: number, x2: number, y2: number, w = 0.5): void {
    this.ops.push(`${num(w)} w ${num(x1)} ${num(this.height - y1)} m ${num(x2)} ${num(this.height - y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number, lw = 0.5): void {
    this.ops.push(`${num(lw)} w ${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re S`);
  }
}

export class CidPdf {
  private readonly pages: PageBuilder[] = [];

  constructor(private readonly info: { title: string; producer: string }) {}

  page(size: [number, number] = A4): PageBuilder {
    const pb = new PageBuilder(size[0], size[1]);
    this.pages.push(pb);
    return pb;
  }

  toBytes(): Uint8Array {
    const objs: (string | { dict: string; data: Buffer })[] = [];
    const add = (o: string | { dict: string; data: Buffer }): number => objs.push(o);
    const catalog = add('');
    const pagesId = add('');
    const font = add('');
    const cidFont = add('');
    const descr = add('');
    const info = add(
      `<< /Title <FEFF${hexUcs2(this.info.title)}> /Producer (${this.info.producer}) /CreationDate (D:20220315093000+08'00') >>`,
    );
    objs[font - 1] =
      `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`;
    objs[cidFont - 1] =
      `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${descr} 0 R /DW 1000 /W [1 95 500 814 939 500] >>`;
    objs[descr - 1] =
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
    const kids: number[] = [];
    for (const pb of this.pages) {
      const content = add({ dict: '/Filter /FlateDecode', data: deflateSync(Buffer.from(pb.ops.join('\n'), 'latin1')) });
      kids.push(
        add(
          `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${num(pb.width)} ${num(pb.height)}] /Resources << /Font << /F1 ${font} 0 R >> /ProcSet [/PDF /Text] >> /Contents ${content} 0 R >>`,
        ),
      );
    }
    objs[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
    objs[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

    const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = chunks[0].length;
    const offsets: number[] = [];
    objs.forEach((o, i) => {
      offsets.push(offset);
      const b =
        typeof o === 'string'
          ? Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1')
          : Buffer.concat([
              Buffer.from(`${i + 1} 0 obj\n<< ${o.dict} /Length ${o.data.length} >>\nstream\n`, 'latin1'),
              o.data,
              Buffer.from('\nendstream\nendobj\n', 'latin1'),
            ]);
      chunks.push(b);
      offset += b.length;
    });
    const xref =
      `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` +
      offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
      `trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
    chunks.push(Buffer.from(xref, 'latin1'));
    return new Uint8Array(Buffer.concat(chunks));
  }
}

// ---------------------------------------------------------------- tables drawn as cell rectangles

export interface GridCell {
  t: string;
  cs?: number;
  rs?: number;
  al?: 'l' | 'c';
}

/** Wraps text into lines that fit `width` points. */
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

/**
 * Draws a grid table at (x, y) (top-left) and returns the y below it. Each row's height is
 * the tallest wrapped single-row cell; merged cells are drawn as one rectangle.
 */
export function drawGrid(pb: PageBuilder, x: number, y: number, cols: number[], rows: GridCell[][], size: number): number {
  const pad = 3;
  const lineH = size * 1.3;
  const placed: { r: number; c: number; cell: GridCell }[] = [];
  const occ = new Set<string>();
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (occ.has(`${r},${c}`)) c++;
      const cs = cell.cs ?? 1;
      const rs = cell.rs ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) occ.add(`${r + dr},${c + dc}`);
      placed.push({ r, c, cell });
      c += cs;
    }
  });
  const colX = [x];
  for (const w of cols) colX.push(colX[colX.length - 1] + w);
  const cellW = (p: { c: number; cell: GridCell }): number => colX[p.c + (p.cell.cs ?? 1)] - colX[p.c] - 2 * pad;
  const heights = rows.map(() => lineH + 2 * pad);
  for (const p of placed)
    if ((p.cell.rs ?? 1) === 1)
      heights[p.r] = Math.max(heights[p.r], wrap(p.cell.t, size, cellW(p)).length * lineH + 2 * pad);
  // a merged cell taller than its rows stretches its last row
  for (const p of placed) {
    const rs = p.cell.rs ?? 1;
    if (rs === 1) continue;
    const need = wrap(p.cell.t, size, cellW(p)).length * lineH + 2 * pad;
    const have = heights.slice(p.r, p.r + rs).reduce((a, b) => a + b, 0);
    if (need > have) heights[p.r + rs - 1] += need - have;
  }
  const rowY = [y];
  for (const hgt of heights) rowY.push(rowY[rowY.length - 1] + hgt);
  for (const p of placed) {
    const cs = p.cell.cs ?? 1;
    const rs = p.cell.rs ?? 1;
    const x0 = colX[p.c];
    const y0 = rowY[p.r];
    const w = colX[p.c + cs] - x0;
    const hgt = rowY[p.r + rs] - y0;
    pb.rect(x0, y0, w, hgt);
    const lines = wrap(p.cell.t, size, w - 2 * pad);
    let ty = y0 + (hgt - lines.length * lineH) / 2 + (lineH - size) / 2;
    for (const l of lines) {
      const tx = (p.cell.al ?? 'c') === 'c' ? x0 + (w - textWidth(l, size)) / 2 : x0 + pad;
      pb.text(tx, ty, size, l);
      ty += lineH;
    }
  }
  return rowY[rowY.length - 1];
}
