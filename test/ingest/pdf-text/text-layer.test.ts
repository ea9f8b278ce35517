import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyTextLayer, ingestPdf, textQuality, type PageDrawing } from '../../../src/ingest/pdf-text/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../fixtures/pdf');
const samples = path.resolve(here, '../../../samples');
const load = (p: string) => new Uint8Array(readFileSync(p));

/** A one-page PDF showing `text` (Latin-1 bytes) in Helvetica/WinAnsi: mojibake when the bytes are UTF-8 of Chinese. */
function latin1Pdf(text: Buffer): Uint8Array {
  const content = Buffer.concat([Buffer.from('BT /F1 12 Tf 72 720 Td <'), Buffer.from(text.toString('hex')), Buffer.from('> Tj ET')]);
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content.toString('latin1')}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offs: number[] = [];
  objs.forEach((o, i) => {
    offs.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const drawing = (d: Partial<PageDrawing>): PageDrawing => ({ textOps: 0, fills: 0, curvedFills: 0, images: 0, largestImageCover: 0, ...d });

describe('classifyTextLayer', () => {
  it('tells the kinds apart from drawing counts and text', () => {
    expect(classifyTextLayer(drawing({ textOps: 30 }), '项目名称 27.56', ['STSong-Light'])).toBe('ok');
    expect(classifyTextLayer(drawing({ textOps: 30 }), '', [])).toBe('undecodable');
    expect(classifyTextLayer(drawing({ images: 1, largestImageCover: 1 }), '', [])).toBe('none');
    expect(classifyTextLayer(drawing({ fills: 600, curvedFills: 500 }), '', [])).toBe('outlines');
    expect(classifyTextLayer(drawing({}), '', [])).toBe('ok'); // a blank page: nothing to read
    expect(classifyTextLayer(drawing({ textOps: 5 }), '\ue001\ue002\ue003项', [])).toBe('garbled');
    expect(classifyTextLayer(drawing({ textOps: 5 }), 'Ã¦Â\u0096Â\u0087Ã¤Â»Â¶Ã§Â»Â©Ã¦Â\u0095Â\u0088', ['Helvetica'])).toBe('garbled');
    // Latin text is fine in a Latin font, but not from a font that claims Chinese glyphs
    expect(classifyTextLayer(drawing({ textOps: 5 }), 'Budget execution report', ['Helvetica'])).toBe('ok');
    expect(classifyTextLayer(drawing({ textOps: 5 }), 'Kdqjpwx Lkmrt Qsvw', ['ABCDEF+SimSun'])).toBe('garbled');
  });

  it('measures text quality', () => {
    expect(textQuality('项目 ≥90% 27.56')).toMatchObject({ bad: 0, unexpected: 0 });
    expect(textQuality('ÃÂ¦项').unexpected).toBeCloseTo(2 / 4, 6); // Ã Â of Ã Â ¦ 项
  });
});

describe('ingestPdf marks each page’s text layer', () => {
  it('a CID-font PDF decoded with CMaps is ok', async () => {
    const doc = await ingestPdf(load(path.join(fixtures, 'cidfont.pdf')));
    expect(doc.pages[0].textLayer).toBe('ok');
  });

  it('an undecodable page is marked (or refused with requireText)', async () => {
    const doc = await ingestPdf(load(path.join(fixtures, 'cidfont-undecodable.pdf')));
    expect(doc.pages[0]).toMatchObject({ textLayer: 'undecodable', words: [] });
    expect(doc.warnings.join('\n')).toMatch(/page 1: text is drawn but none can be decoded/);
    await expect(ingestPdf(load(path.join(fixtures, 'cidfont-undecodable.pdf')), { requireText: true })).rejects.toThrow(
      /page 1: text is drawn but none can be decoded/,
    );
  });

  it('mojibake (UTF-8 bytes of Chinese shown as Latin-1) is garbled', async () => {
    const doc = await ingestPdf(latin1Pdf(Buffer.from('项目支出绩效自评表 预算执行率', 'utf8')));
    expect(doc.pages[0].textLayer).toBe('garbled');
    const plain = await ingestPdf(latin1Pdf(Buffer.from('Budget 27.56', 'latin1')));
    expect(plain.pages[0].textLayer).toBe('ok');
  });

  const scan = path.join(samples, 'tianshui-2021-self-eval-table-national-scan.pdf');
  const outlined = path.join(samples, 'tianshui-2021-self-eval-table-national-outlined.pdf');
  (existsSync(scan) && existsSync(outlined) ? it : it.skip)('a scan is none, text drawn as outlines is outlines', async () => {
    const s = await ingestPdf(load(scan));
    expect(s.pages.map((p) => p.textLayer)).toEqual(['none', 'none']);
    expect(s.pages[0].words).toEqual([]);
    const o = await ingestPdf(load(outlined));
    expect(o.pages.map((p) => p.textLayer)).toEqual(['outlines', 'outlines']);
    const twin = await ingestPdf(load(path.join(samples, 'tianshui-2021-self-eval-table-national.pdf')));
    expect(twin.pages.map((p) => p.textLayer)).toEqual(['ok', 'ok']);
  });
});
