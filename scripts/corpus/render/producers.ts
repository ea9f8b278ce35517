/**
 * The PDF producers of the corpus, each drawing the same `Doc`:
 * - `lo-writer`: flat ODF text → LibreOffice Writer's PDF export (an office suite's word processor)
 * - `lo-calc`: flat ODF spreadsheet → LibreOffice Calc's PDF export (an office suite's spreadsheet)
 * - `chromium`: an HTML page → headless Chromium's print to PDF (a browser)
 * - `cid`: a PDF written byte by byte with the non-embedded font STSong-Light (server software)
 * - `reportlab`: ReportLab (Python) with an embedded TrueType subset (Debian's python3-reportlab)
 * The office and browser producers lay the page out themselves; the last two draw layout.ts's pages.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderFodt, type OdfDoc, type Block as OdfBlock } from '../../samples/fodt.js';
import { CidPdf } from '../../samples/pdf-cid.js';
import { cellText, toCell, type Cell, type Doc, type TableBlock } from '../model.js';
import { layout, textWidth, CM } from './layout.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ------------------------------------------------------------------ HTML (Chromium)

export function toHtml(doc: Doc): string {
  const parts: string[] = [];
  let land = doc.landscape;
  let section: string[] = [];
  const flush = (brk: boolean) => {
    parts.push(`<section class="${land ? 'land' : 'port'}${brk ? ' brk' : ''}">${section.join('\n')}</section>`);
    section = [];
  };
  let first = true;
  for (const bl of doc.blocks) {
    if (bl.kind === 'page') {
      flush(!first);
      first = false;
      land = bl.landscape;
      continue;
    }
    if (bl.kind === 'p') {
      const cls = bl.chrome ? ` class="chrome ${bl.chrome}"` : '';
      const style = `text-align:${bl.al === 'c' ? 'center' : bl.al === 'r' ? 'right' : 'left'};${bl.size ? `font-size:${bl.size}pt;` : ''}${bl.b ? 'font-weight:bold;' : ''}${bl.indent ? 'text-indent:2em;' : ''}`;
      section.push(`<p${cls} style="${style}">${esc(bl.text)}</p>`);
      continue;
    }
    section.push(htmlTable(bl));
  }
  flush(!first);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>
@page { size: A4 ${doc.landscape ? 'landscape' : 'portrait'}; margin: 1.6cm ${doc.landscape ? '1.5cm' : '2cm'}; }
@page land { size: A4 landscape; margin: 1.6cm 1.5cm; }
@page port { size: A4 portrait; margin: 1.6cm 2cm; }
section.land { page: land; } section.port { page: port; } section.brk { break-before: page; }
body { font-family: "Noto Serif CJK SC", serif; font-size: ${doc.size ?? 10.5}pt; margin: 0; }
p { margin: 0 0 3pt 0; line-height: 1.4; }
table { border-collapse: collapse; margin: 0 auto 6pt auto; table-layout: fixed; }
td, th { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: middle; font-weight: normal; }
td.nb { border-left: none; border-right: none; }
tr { break-inside: avoid; }
.chrome { font-family: "Noto Sans CJK SC", sans-serif; color: #333; }
.banner { background: #1f5fa8; color: #fff; padding: 8pt; }
.nav { background: #e8eef6; padding: 3pt; }
.crumb { color: #666; }
.foot { border-top: 1px solid #999; color: #666; text-align: center; }
</style></head><body>
${parts.join('\n')}
</body></html>`;
}

function htmlTable(t: TableBlock): string {
  const size = t.size ?? 9;
  const col = t.cols.map((w) => `<col style="width:${w}cm">`).join('');
  const tr = (row: TableBlock['rows'][number]) =>
    `<tr>${row
      .map((x) => {
        const cl = toCell(x);
        const span = (cl.cs && cl.cs > 1 ? ` colspan="${cl.cs}"` : '') + (cl.rs && cl.rs > 1 ? ` rowspan="${cl.rs}"` : '');
        const al = cl.al === 'l' ? 'left' : cl.al === 'r' ? 'right' : 'center';
        return `<td${span}${cl.nb ? ' class="nb"' : ''} style="text-align:${al}">${cellText(cl).map(esc).join('<br>')}</td>`;
      })
      .join('')}</tr>`;
  const hdr = t.headerRows ?? 0;
  const head = hdr > 0 ? `<thead>${t.rows.slice(0, hdr).map(tr).join('')}</thead>` : '';
  return `<table style="font-size:${size}pt;width:${t.cols.reduce((a, b) => a + b, 0).toFixed(2)}cm"><colgroup>${col}</colgroup>${head}<tbody>${t.rows.slice(hdr).map(tr).join('')}</tbody></table>`;
}

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Prints each HTML file to a PDF with one browser. */
export async function chromiumPrint(jobs: { html: string; pdf: string; footer: Doc['footer']; landscape: boolean }[]): Promise<void> {
  if (!jobs.length) return;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    for (const j of jobs) {
      await page.setContent(j.html, { waitUntil: 'load' });
      const footer =
        j.footer === 'dash'
          ? '<div style="font-size:9px;width:100%;text-align:center">-<span class="pageNumber"></span>-</div>'
          : j.footer === 'of'
            ? '<div style="font-size:9px;width:100%;text-align:center">第<span class="pageNumber"></span>页 共<span class="totalPages"></span>页</div>'
            : '<div></div>';
      const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: !!j.footer, headerTemplate: '<div></div>', footerTemplate: footer, landscape: j.landscape });
      writeFileSync(j.pdf + '.tmp', bytes);
      renameSync(j.pdf + '.tmp', j.pdf);
    }
  } finally {
    await browser.close();
  }
}

// ------------------------------------------------------------------ LibreOffice Writer (fodt)

export function toFodt(doc: Doc): string {
  const blocks: OdfBlock[] = doc.blocks.map((b) => {
    if (b.kind === 'table') return { kind: 'table', cols: b.cols, rows: b.rows.map((r) => r.map((x) => { const cl = toCell(x); return { t: cl.t, cs: cl.cs, rs: cl.rs, al: cl.al, b: cl.b }; })), headerRows: b.headerRows, size: b.size };
    if (b.kind === 'p') return { kind: 'p', text: b.text, al: b.al, b: b.b, size: b.size, indent: b.indent, sans: !!b.chrome };
    return b;
  });
  const odf: OdfDoc = { landscape: doc.landscape, blocks, size: doc.size };
  let xml = renderFodt(odf);
  if (doc.footer) {
    const f = doc.footer === 'dash'
      ? '<style:footer><text:p text:style-name="Footer">-<text:page-number text:select-page="current">1</text:page-number>-</text:p></style:footer>'
      : '<style:footer><text:p text:style-name="Footer">第<text:page-number text:select-page="current">1</text:page-number>页 共<text:page-count>1</text:page-count>页</text:p></style:footer>';
    xml = xml
      .replace(/<style:master-page style:name="(Standard|Portrait|Landscape)" style:page-layout-name="(pm[PL])"\/>/g, `<style:master-page style:name="$1" style:page-layout-name="$2">${f}</style:master-page>`)
      .replace('</office:styles>', '<style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt"/></style:style></office:styles>');
  }
  return xml;
}

// ------------------------------------------------------------------ LibreOffice Calc (fods)

/**
 * One sheet holding every block: the column grid is the union of the tables' column edges
 * (as a spreadsheet designer lays several tables out on one sheet), paragraphs are merged rows
 * without borders, page blocks are manual row breaks.
 */
export function toFods(doc: Doc): string {
  const total = doc.landscape ? 26.7 : 17;
  const edges = new Set<number>([0, Math.round(total * 20)]);
  const tables = doc.blocks.filter((b): b is TableBlock => b.kind === 'table');
  const norm = (t: TableBlock): number[] => {
    const k = total / t.cols.reduce((a, b) => a + b, 0);
    const xs = [0];
    for (const w of t.cols) xs.push(xs[xs.length - 1] + w * k);
    return xs.map((x) => Math.round(x * 20));
  };
  for (const t of tables) for (const e of norm(t)) edges.add(e);
  const grid = [...edges].sort((a, b) => a - b);
  const ncol = grid.length - 1;
  const idx = (e: number) => grid.indexOf(e);
  const styles: string[] = [];
  const rowsXml: string[] = [];
  let pendingBreak = false;
  const rowOpen = () => {
    const s = pendingBreak ? 'roBrk' : 'ro';
    pendingBreak = false;
    return `<table:table-row table:style-name="${s}">`;
  };
  const cellStyle = (al: string, border: boolean, nb: boolean, size: number, bold: boolean): string => {
    const name = `ce_${al}_${border ? 1 : 0}${nb ? 1 : 0}_${String(size).replace('.', '_')}_${bold ? 1 : 0}`;
    if (!styles.some((s) => s.includes(`"${name}"`))) {
      const b = !border ? '' : nb ? ' fo:border-top="0.5pt solid #000000" fo:border-bottom="0.5pt solid #000000" fo:border-left="none" fo:border-right="none"' : ' fo:border="0.5pt solid #000000"';
      styles.push(
        `<style:style style:name="${name}" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="middle"${b}/><style:paragraph-properties fo:text-align="${al === 'l' ? 'start' : al === 'r' ? 'end' : 'center'}"/><style:text-properties fo:font-size="${size}pt" style:font-size-asian="${size}pt" style:font-name-asian="Noto Serif CJK SC"${bold ? ' fo:font-weight="bold" style:font-weight-asian="bold"' : ''}/></style:style>`,
      );
    }
    return name;
  };
  const cellXml = (lines: string[], style: string, cs: number, rs: number): string =>
    `<table:table-cell table:style-name="${style}" office:value-type="string"${cs > 1 ? ` table:number-columns-spanned="${cs}"` : ''}${rs > 1 ? ` table:number-rows-spanned="${rs}"` : ''}>${lines.map((l) => `<text:p>${esc(l)}</text:p>`).join('')}</table:table-cell>`;
  for (const bl of doc.blocks) {
    if (bl.kind === 'page') {
      pendingBreak = true;
      continue;
    }
    if (bl.kind === 'p') {
      const st = cellStyle(bl.al ?? 'l', false, false, bl.size ?? 10.5, bl.b ?? false);
      rowsXml.push(`${rowOpen()}${cellXml([bl.indent ? `　　${bl.text}` : bl.text], st, ncol, 1)}${'<table:covered-table-cell/>'.repeat(ncol - 1)}</table:table-row>`);
      continue;
    }
    const xs = norm(bl);
    const occ = new Set<string>();
    const size = bl.size ?? 9;
    bl.rows.forEach((row, r) => {
      const parts: string[] = [];
      let col = 0; // table column
      let gcol = 0; // grid column written so far
      const cells = row.map(toCell);
      let k = 0;
      const out: { g0: number; g1: number; xml: string }[] = [];
      while (col < bl.cols.length) {
        if (occ.has(`${r},${col}`)) {
          col++;
          continue;
        }
        const cl: Cell = k < cells.length ? cells[k++] : { t: '' };
        const cs = Math.min(cl.cs ?? 1, bl.cols.length - col), rs = cl.rs ?? 1;
        for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) occ.add(`${r + dr},${col + dc}`);
        const g0 = idx(xs[col]), g1 = idx(xs[col + cs]);
        out.push({ g0, g1, xml: cellXml(cellText(cl), cellStyle(cl.al ?? 'c', true, !!cl.nb, size, !!cl.b), g1 - g0, rs) });
        col += cs;
      }
      for (const o of out.sort((a, b) => a.g0 - b.g0)) {
        while (gcol < o.g0) {
          parts.push('<table:covered-table-cell/>');
          gcol++;
        }
        parts.push(o.xml);
        for (let g = o.g0 + 1; g < o.g1; g++) parts.push('<table:covered-table-cell/>');
        gcol = o.g1;
      }
      while (gcol < ncol) {
        parts.push('<table:covered-table-cell/>');
        gcol++;
      }
      rowsXml.push(`${rowOpen()}${parts.join('')}</table:table-row>`);
    });
    rowsXml.push(`${rowOpen()}<table:table-cell/></table:table-row>`);
  }
  const colsXml = grid.slice(1).map((e, i) => {
    const w = ((e - grid[i]) / 20).toFixed(3);
    styles.push(`<style:style style:name="co${i}" style:family="table-column"><style:table-column-properties style:column-width="${w}cm"/></style:style>`);
    return `<table:table-column table:style-name="co${i}"/>`;
  });
  const footer = doc.footer === 'dash'
    ? '<style:footer><text:p>-<text:page-number>1</text:page-number>-</text:p></style:footer>'
    : doc.footer === 'of'
      ? '<style:footer><text:p>第<text:page-number>1</text:page-number>页 共<text:page-count>1</text:page-count>页</text:p></style:footer>'
      : '<style:footer style:display="false"/>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls><style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/></office:font-face-decls>
<office:styles><style:default-style style:family="table-cell"><style:text-properties style:font-name-asian="Noto Serif CJK SC" fo:font-size="10pt"/></style:default-style></office:styles>
<office:automatic-styles>
<style:style style:name="ta1" style:family="table" style:master-page-name="PageStyle"><style:table-properties table:display="true"/></style:style>
<style:style style:name="ro" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>
<style:style style:name="roBrk" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true" fo:break-before="page"/></style:style>
${styles.join('\n')}
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="${doc.landscape ? '29.7cm' : '21cm'}" fo:page-height="${doc.landscape ? '21cm' : '29.7cm'}" style:print-orientation="${doc.landscape ? 'landscape' : 'portrait'}" fo:margin-top="1.4cm" fo:margin-bottom="1.2cm" fo:margin-left="${doc.landscape ? '1.5cm' : '2cm'}" fo:margin-right="${doc.landscape ? '1.5cm' : '2cm'}" style:print="objects charts drawings" style:scale-to-X="1" style:scale-to-Y="0"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="PageStyle" style:page-layout-name="pm1"><style:header style:display="false"/>${footer}</style:master-page></office:master-styles>
<office:body><office:spreadsheet><table:table table:name="${esc(doc.title.slice(0, 28).replace(/[\[\]*?:/\\]/g, ''))}" table:style-name="ta1">${colsXml.join('')}
${rowsXml.join('\n')}
</table:table></office:spreadsheet></office:body></office:document>
`;
}

/** Converts .fodt / .fods files with one LibreOffice run per filter. */
export function sofficeConvert(files: string[], workDir: string, filter: 'writer_pdf_Export' | 'calc_pdf_Export'): void {
  if (!files.length) return;
  const soffice = process.env.SOFFICE ?? 'soffice';
  const profile = `file://${join(workDir, 'lo-profile')}`;
  execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', `pdf:${filter}`, '--outdir', workDir, ...files], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 900_000 });
  for (const f of files) {
    const pdf = f.replace(/\.fod[ts]$/, '.pdf');
    if (!existsSync(pdf) || readFileSync(pdf).length === 0) throw new Error(`LibreOffice did not convert ${f}`);
  }
}

// ------------------------------------------------------------------ server-style writer (CID font)

export function toCidPdf(doc: Doc): Uint8Array {
  const pdf = new CidPdf({ title: doc.title, producer: 'iText-like report server 5.5' });
  for (const pg of layout(doc)) {
    const pb = pdf.page([pg.width, pg.height]);
    for (const op of pg.ops) {
      if (op.k === 'l') pb.line(op.x1, op.y1, op.x2, op.y2, 0.5);
      else {
        const w = textWidth(op.s, op.size);
        const x = op.al === 'c' ? (op.x0 + op.x1 - w) / 2 : op.al === 'r' ? op.x1 - w : op.x;
        pb.text(x, op.y, op.size, op.s);
      }
    }
  }
  return pdf.toBytes();
}

// ------------------------------------------------------------------ reportlab

const RL_SCRIPT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..', 'scripts', 'corpus', 'rl_draw.py');

/** Writes the laid-out pages as JSON and has ReportLab draw them (one Python run for all jobs). */
export function reportlabPrint(jobs: { doc: Doc; pdf: string }[], workDir: string): void {
  if (!jobs.length) return;
  const spec = jobs.map((j) => ({ pdf: j.pdf, title: j.doc.title, pages: layout(j.doc) }));
  const f = join(workDir, 'rl-jobs.json');
  writeFileSync(f, JSON.stringify(spec));
  const python = process.env.RL_PYTHON ?? '/usr/bin/python3';
  execFileSync(python, [existsSync(RL_SCRIPT) ? RL_SCRIPT : join(process.cwd(), 'scripts', 'corpus', 'rl_draw.py'), f], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 900_000 });
}

export function copyAtomic(from: string, to: string): void {
  copyFileSync(from, to + '.tmp');
  renameSync(to + '.tmp', to);
}

export { CM };
