/**
 * The PDFium backend (src/ingest/pdf-text/pdfium.ts) against the pdf.js one on the same
 * fixtures and samples: the same words (text, order, font size), boxes within a few points,
 * the same rules, page sizes and text-layer verdicts; its own errors and limits.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPdf } from '../../../src/ingest/pdf-text/index.js';
import { ingestPdfium, viewportTransform } from '../../../src/ingest/pdf-text/pdfium.js';
import { layoutPages } from '../../../src/layout/index.js';
import type { IngestedDocument, Rule } from '../../../src/model/page.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../fixtures/pdf');
const bad = path.resolve(here, '../../fixtures/bad');
const samples = path.resolve(here, '../../../samples');
const load = (file: string) => new Uint8Array(readFileSync(file));

/**
 * Word boxes may differ where the two readers take a glyph's advance from different places:
 * pdf.js ends an item with the space it added before a line change, PDFium's loose box of a
 * Latin glyph in a non-embedded CID font is its substitute's width (measured: ≤ 2.9 pt).
 * cid-no-tounicode-identity.pdf decodes to glyph ids read as code points (real-looking but
 * wrong characters, reread by OCR: test/ocr/text-layer-fallback.test.ts): a box differs by
 * 22 pt there, and its boxes are not compared.
 */
const BOX_TOLERANCE = 3;

function expectSameAsPdfjs(a: IngestedDocument, m: IngestedDocument, compareBoxes = true) {
  expect(m.pageCount).toBe(a.pageCount);
  expect(m.pages).toHaveLength(a.pages.length);
  a.pages.forEach((p, i) => {
    const q = m.pages[i];
    expect({ n: q.number, w: q.width, h: q.height, tl: q.textLayer }).toEqual({ n: p.number, w: p.width, h: p.height, tl: p.textLayer });
    expect(q.words.map((w) => w.text)).toEqual(p.words.map((w) => w.text));
    expect(q.words.map((w) => w.fontSize)).toEqual(p.words.map((w) => w.fontSize));
    if (compareBoxes) p.words.forEach((w, k) => {
      for (const c of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(q.words[k].box[c] - w.box[c])).toBeLessThanOrEqual(BOX_TOLERANCE);
    });
    const sorted = (rs: Rule[]) => rs.map((r) => [r.x0, r.y0, r.x1, r.y1]).sort((u, v) => u[0] - v[0] || u[1] - v[1] || u[2] - v[2] || u[3] - v[3]);
    const ra = sorted(p.rules), rq = sorted(q.rules);
    expect(rq).toHaveLength(ra.length);
    ra.forEach((r, k) => r.forEach((v, j) => expect(Math.abs(rq[k][j] - v)).toBeLessThanOrEqual(0.05)));
  });
}

describe('ingestPdfium agrees with ingestPdf', () => {
  const fixtureNames = ['merged-table.pdf', 'landscape.pdf', 'rotated.pdf', 'two-page.pdf', 'borderless.pdf', 'cidfont.pdf', 'form-field.pdf', 'owner-password.pdf', 'cid-no-tounicode-gb1.pdf', 'cid-no-tounicode-identity.pdf'];
  it.each(fixtureNames)('on test/fixtures/pdf/%s', async (name) => {
    const bytes = load(path.join(fixtures, name));
    expectSameAsPdfjs(await ingestPdf(bytes), await ingestPdfium(bytes), name !== 'cid-no-tounicode-identity.pdf');
  });

  const sampleNames = existsSync(samples) ? readdirSync(samples).filter((f) => f.endsWith('.pdf')).sort() : [];
  (sampleNames.length ? it : it.skip)('on samples/*.pdf (born-digital, scans, outlined text, a non-embedded CID font)', async () => {
    for (const name of sampleNames) {
      const bytes = load(path.join(samples, name));
      expectSameAsPdfjs(await ingestPdf(bytes), await ingestPdfium(bytes));
    }
  }, 120_000);

  it('gives the same tables', async () => {
    const bytes = load(path.join(fixtures, 'merged-table.pdf'));
    const cells = (d: IngestedDocument) =>
      layoutPages(d.pages).blocks.flatMap((b) => (b.kind === 'table' ? b.table.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}=${c.text}`) : []));
    expect(cells(await ingestPdfium(bytes))).toEqual(cells(await ingestPdf(bytes)));
  });
});

describe('ingestPdfium on its own', () => {
  it('reads the value of a fillable text field', async () => {
    const doc = await ingestPdfium(load(path.join(fixtures, 'form-field.pdf')));
    expect(doc.pages[0].words.map((w) => w.text)).toContain('27.56');
  });

  it('decodes the CID font whose CMap name no reader knows (pdf.js cannot: undecodable there)', async () => {
    const doc = await ingestPdfium(load(path.join(fixtures, 'cidfont-undecodable.pdf')));
    expect(doc.pages[0].words.map((w) => w.text)).toEqual(['项目支出绩效自评表', '项目名称', '普法宣传', '预算数', '27.56']);
    expect(doc.pages[0].textLayer).toBe('ok');
  });

  it('does not paint an image over the pixel limit (a page-size one would make the page a scan)', async () => {
    const doc = await ingestPdfium(load(path.join(bad, 'huge-image.pdf')));
    expect(doc.pages[0].textLayer).toBe('ok');
  });

  it('refuses encrypted PDFs and what is not a PDF, with the pdf.js backend\'s messages', async () => {
    await expect(ingestPdfium(load(path.join(fixtures, 'encrypted.pdf')))).rejects.toThrow(/^encrypted PDF: a password is required/);
    await expect(ingestPdfium(new TextEncoder().encode('not a pdf at all'))).rejects.toThrow(/^cannot open PDF: /);
    await expect(ingestPdfium(load(path.join(bad, 'empty.pdf')))).rejects.toThrow(/^cannot open PDF: /);
    await expect(ingestPdfium(load(path.join(bad, 'truncated.pdf')))).rejects.toThrow(/^cannot open PDF: /);
  });

  it('warns about an owner password', async () => {
    const doc = await ingestPdfium(load(path.join(fixtures, 'owner-password.pdf')));
    expect(doc.warnings).toEqual(['encrypted PDF (no user password): text extracted']);
  });

  it('enforces maxPages and timeoutMs', async () => {
    const bytes = load(path.join(fixtures, 'two-page.pdf'));
    await expect(ingestPdfium(bytes, { maxPages: 1 })).rejects.toThrow(/2 pages, more than the limit of 1/);
    await expect(ingestPdfium(bytes, { timeoutMs: 0 })).rejects.toThrow(/timed out after 0 ms/);
    expect((await ingestPdfium(bytes, { maxPages: 2, timeoutMs: 60000 })).pages).toHaveLength(2);
  });

  it('accepts a Node Buffer', async () => {
    const doc = await ingestPdfium(readFileSync(path.join(fixtures, 'cidfont.pdf')));
    expect(doc.pages[0].words.length).toBe(5);
  });

  it('builds pdf.js\' viewport transform for each rotation', () => {
    const view = [0, 0, 595, 842];
    expect(viewportTransform(view, 0)).toEqual({ transform: [1, 0, 0, -1, 0, 842], width: 595, height: 842 });
    expect(viewportTransform(view, 90)).toEqual({ transform: [0, 1, 1, 0, 0, 0], width: 842, height: 595 });
    expect(viewportTransform(view, 180)).toEqual({ transform: [-1, 0, 0, 1, 595, 0], width: 595, height: 842 });
    expect(viewportTransform(view, 270)).toEqual({ transform: [0, -1, -1, 0, 842, 595], width: 842, height: 595 });
  });
});
