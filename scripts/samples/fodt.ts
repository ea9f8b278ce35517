/**
 * Flat ODF text (.fodt) writer for the sample filings: paragraphs and bordered tables with
 * merged cells (rowspan / colspan as covered cells), portrait or landscape A4 pages.
 * LibreOffice converts the result to PDF the way an office suite exports a filled-in form.
 */

export type Align = 'l' | 'c' | 'r';

/** One table cell: text (an array = several lines / paragraphs), spans, alignment. */
export interface Cell {
  t: string | string[];
  cs?: number;
  rs?: number;
  al?: Align;
  b?: boolean;
}

export type CellLike = Cell | string | number | null;
export type Row = CellLike[];

export interface TableBlock {
  kind: 'table';
  /** column widths in cm */
  cols: number[];
  rows: Row[];
  /** number of leading rows repeated on each page the table continues onto (0 = not repeated) */
  headerRows?: number;
  /** font size in pt */
  size?: number;
  /** default alignment of cells */
  al?: Align;
}

export interface ParaBlock {
  kind: 'p';
  text: string;
  al?: Align;
  b?: boolean;
  size?: number;
  sans?: boolean;
  /** first-line indent of two characters, as Chinese prose is set */
  indent?: boolean;
}

/** Starts a new page, optionally switching orientation. */
export interface PageBlock {
  kind: 'page';
  landscape: boolean;
}

export type Block = TableBlock | ParaBlock | PageBlock;

export interface OdfDoc {
  landscape: boolean;
  blocks: Block[];
  /** base font size in pt */
  size?: number;
}

export const p = (text: string, o: Omit<ParaBlock, 'kind' | 'text'> = {}): ParaBlock => ({ kind: 'p', text, ...o });
export const title = (text: string, size = 16): ParaBlock => ({ kind: 'p', text, al: 'c', b: true, size, sans: true });
export const h = (text: string, size?: number): ParaBlock => ({ kind: 'p', text, b: true, size });
export const prose = (text: string): ParaBlock => ({ kind: 'p', text, indent: true });
export const page = (landscape: boolean): PageBlock => ({ kind: 'page', landscape });
export const table = (cols: number[], rows: Row[], o: Omit<TableBlock, 'kind' | 'cols' | 'rows'> = {}): TableBlock => ({
  kind: 'table',
  cols,
  rows,
  ...o,
});

/** Cell constructors: c(text, {cs, rs, al, b}). */
export const c = (t: string | number | string[], o: Omit<Cell, 't'> = {}): Cell => ({
  t: typeof t === 'number' ? String(t) : t,
  ...o,
});

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text with runs of spaces preserved (text:s), as a paragraph body. */
function spanText(s: string): string {
  return esc(s).replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`);
}

function toCell(x: CellLike): Cell {
  if (x === null) return { t: '' };
  if (typeof x === 'string') return { t: x };
  if (typeof x === 'number') return { t: String(x) };
  return x;
}

const ALIGN: Record<Align, string> = { l: 'start', c: 'center', r: 'end' };

interface StyleSet {
  para: Map<string, string>;
  xml: string[];
}

function paraStyle(ss: StyleSet, al: Align, b: boolean, size: number | undefined, sans: boolean, indent: boolean): string {
  const key = `${al}|${b}|${size ?? ''}|${sans}|${indent}`;
  const got = ss.para.get(key);
  if (got) return got;
  const name = `P${ss.para.size + 1}`;
  ss.para.set(key, name);
  const font = sans ? 'Noto Sans CJK SC' : 'Noto Serif CJK SC';
  const sz = size ? ` fo:font-size="${size}pt" style:font-size-asian="${size}pt"` : '';
  const bold = b ? ' fo:font-weight="bold" style:font-weight-asian="bold"' : '';
  const ind = indent ? ' fo:text-indent="2em"' : '';
  ss.xml.push(
    `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="Standard">` +
      `<style:paragraph-properties fo:text-align="${ALIGN[al]}"${ind}/>` +
      `<style:text-properties style:font-name="${font}" style:font-name-asian="${font}"${sz}${bold}/></style:style>`,
  );
  return name;
}

let tableCounter = 0;

function renderTable(tb: TableBlock, ss: StyleSet): string {
  const n = ++tableCounter;
  const tname = `Tab${n}`;
  const width = tb.cols.reduce((a, b) => a + b, 0);
  ss.xml.push(
    `<style:style style:name="${tname}" style:family="table"><style:table-properties style:width="${width.toFixed(2)}cm" table:align="center" style:may-break-between-rows="true"/></style:style>`,
  );
  const colXml = tb.cols
    .map((w, i) => {
      const cn = `${tname}.C${i}`;
      ss.xml.push(
        `<style:style style:name="${cn}" style:family="table-column"><style:table-column-properties style:column-width="${w.toFixed(2)}cm"/></style:style>`,
      );
      return `<table:table-column table:style-name="${cn}"/>`;
    })
    .join('');
  const ncol = tb.cols.length;
  const occupied: boolean[][] = [];
  const occ = (r: number, col: number): boolean => occupied[r]?.[col] === true;
  const mark = (r: number, col: number): void => {
    (occupied[r] ??= [])[col] = true;
  };
  const rowsXml: string[] = [];
  tb.rows.forEach((row, r) => {
    const parts: string[] = [];
    let col = 0;
    const cells = row.map(toCell);
    let k = 0;
    while (col < ncol) {
      if (occ(r, col)) {
        parts.push('<table:covered-table-cell/>');
        col++;
        continue;
      }
      const cell = k < cells.length ? cells[k++] : { t: '' };
      const cs = Math.min(cell.cs ?? 1, ncol - col);
      const rs = cell.rs ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) mark(r + dr, col + dc);
      const lines = Array.isArray(cell.t) ? cell.t : [cell.t];
      const ps = paraStyle(ss, cell.al ?? tb.al ?? 'c', cell.b ?? false, tb.size, false, false);
      const span =
        (cs > 1 ? ` table:number-columns-spanned="${cs}"` : '') + (rs > 1 ? ` table:number-rows-spanned="${rs}"` : '');
      parts.push(
        `<table:table-cell table:style-name="Cell" office:value-type="string"${span}>` +
          lines.map((l) => `<text:p text:style-name="${ps}">${spanText(l)}</text:p>`).join('') +
          `</table:table-cell>`,
      );
      for (let dc = 1; dc < cs; dc++) parts.push('<table:covered-table-cell/>');
      col += cs;
    }
    if (k < cells.length) throw new Error(`table ${n} row ${r + 1}: ${cells.length - k} cell(s) beyond ${ncol} columns`);
    rowsXml.push(`<table:table-row table:style-name="Row">${parts.join('')}</table:table-row>`);
  });
  const hdr = tb.headerRows ?? 0;
  const body =
    hdr > 0
      ? `<table:table-header-rows>${rowsXml.slice(0, hdr).join('')}</table:table-header-rows>${rowsXml.slice(hdr).join('')}`
      : rowsXml.join('');
  return `<table:table table:name="${tname}" table:style-name="${tname}">${colXml}${body}</table:table>`;
}

export function renderFodt(doc: OdfDoc): string {
  tableCounter = 0;
  const ss: StyleSet = { para: new Map(), xml: [] };
  const size = doc.size ?? 10.5;
  const out: string[] = [];
  // the first paragraph carries the first page's master page
  out.push(`<text:p text:style-name="${doc.landscape ? 'BrkL' : 'BrkP'}"/>`);
  for (const bl of doc.blocks) {
    if (bl.kind === 'page') out.push(`<text:p text:style-name="${bl.landscape ? 'BrkL' : 'BrkP'}"/>`);
    else if (bl.kind === 'p') {
      const ps = paraStyle(ss, bl.al ?? 'l', bl.b ?? false, bl.size, bl.sans ?? false, bl.indent ?? false);
      out.push(`<text:p text:style-name="${ps}">${spanText(bl.text)}</text:p>`);
    } else out.push(renderTable(bl, ss));
  }
  const pageLayout = (name: string, land: boolean): string =>
    `<style:page-layout style:name="${name}"><style:page-layout-properties fo:page-width="${land ? '29.7cm' : '21cm'}" fo:page-height="${land ? '21cm' : '29.7cm'}" style:print-orientation="${land ? 'landscape' : 'portrait'}" fo:margin-top="1.6cm" fo:margin-bottom="1.6cm" fo:margin-left="${land ? '1.5cm' : '2cm'}" fo:margin-right="${land ? '1.5cm' : '2cm'}"/></style:page-layout>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
<style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
<style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="125%"/><style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC" fo:font-size="${size}pt" style:font-size-asian="${size}pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.08cm"/></style:style>
</office:styles>
<office:automatic-styles>
${pageLayout('pmP', false)}
${pageLayout('pmL', true)}
<style:style style:name="BrkP" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Portrait"><style:text-properties fo:font-size="2pt" style:font-size-asian="2pt"/></style:style>
<style:style style:name="BrkL" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Landscape"><style:text-properties fo:font-size="2pt" style:font-size-asian="2pt"/></style:style>
<style:style style:name="Row" style:family="table-row"><style:table-row-properties fo:keep-together="always"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.06cm" style:vertical-align="middle"/></style:style>
${ss.xml.join('\n')}
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="pmP"/>
<style:master-page style:name="Portrait" style:page-layout-name="pmP"/>
<style:master-page style:name="Landscape" style:page-layout-name="pmL"/>
</office:master-styles>
<office:body><office:text>
${out.join('\n')}
</office:text></office:body>
</office:document>
`;
}
