import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPdf, garbledShare } from '../../../src/ingest/pdf-text/index.js';
import { layoutPages } from '../../../src/layout/index.js';
import type { Table } from '../../../src/model/layout.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../fixtures/pdf');
const samples = path.resolve(here, '../../../samples');
const load = (name: string) => new Uint8Array(readFileSync(path.join(fixtures, name)));

function shape(t: Table): string[] {
  return [...t.cells]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((c) => `${c.row},${c.col}${c.rowSpan > 1 || c.colSpan > 1 ? ` ${c.rowSpan}x${c.colSpan}` : ''}=${c.text}`);
}
const tablesOf = (doc: ReturnType<typeof layoutPages>) => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const linesOf = (doc: ReturnType<typeof layoutPages>) => doc.blocks.flatMap((b) => (b.kind === 'line' ? [b.line.text] : []));

describe('pdfjs-dist', () => {
  it('is the pinned 5.6.205 (newer 5.7+/6.x need Node 22)', async () => {
    const { version } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    expect(version).toBe('5.6.205');
  });
});

describe('ingestPdf on LibreOffice exports', () => {
  it('reads words, rules and the merged cells of a ruled table', async () => {
    const doc = await ingestPdf(load('merged-table.pdf'));
    expect(doc.pageCount).toBe(1);
    const [p] = doc.pages;
    expect(p).toMatchObject({ number: 1, width: 595.3, height: 841.89, source: 'pdf_text' });
    expect(p.rules.length).toBeGreaterThanOrEqual(8);
    // the item LibreOffice wrote across two cells is split at the rule
    expect(p.words.map((w) => w.text)).toEqual(expect.arrayContaining(['项目名称', '普法宣传项目']));
    for (const w of p.words) {
      expect(w.box.x0).toBeLessThan(w.box.x1);
      expect(w.box.y0).toBeLessThan(w.box.y1);
      expect(w.fontSize).toBe(10);
    }
    const laid = layoutPages(doc.pages);
    const [t] = tablesOf(laid);
    expect(shape(t)).toEqual([
      '0,0=项目名称',
      '0,1 1x3=普法宣传项目',
      '1,0 2x1=产出指标',
      '1,1=数量指标',
      '1,2=宣传活动次数',
      '1,3=≥2次',
      '2,1=质量指标',
      '2,2=覆盖率达到全区各街道社区的百分比',
      '2,3=100%',
      '3,0=效益指标',
      '3,1=社会效益',
      '3,2=群众法律意识',
      '3,3=提高',
    ]);
    expect(linesOf(laid)).toEqual(['项目支出绩效自评表', '填表人:张三']);
  });

  it('reads a landscape page', async () => {
    const doc = await ingestPdf(load('landscape.pdf'));
    const [p] = doc.pages;
    expect(p.width).toBeGreaterThan(p.height);
    const [t] = tablesOf(layoutPages(doc.pages));
    expect(shape(t)).toEqual([
      '0,0=年初预算数', '0,1=全年预算数', '0,2=全年执行数', '0,3=执行率',
      '1,0=40.00', '1,1=40.00', '1,2=39.96', '1,3=99.9%',
    ]);
  });

  it('turns a /Rotate 90 page upright', async () => {
    const doc = await ingestPdf(load('rotated.pdf'));
    const [p] = doc.pages;
    expect([p.width, p.height]).toEqual([842, 595]);
    const laid = layoutPages(doc.pages);
    expect(linesOf(laid)).toEqual(['Rotated page']);
    expect(shape(tablesOf(laid)[0])).toEqual(['0,0=Name', '0,1=Budget', '0,2=Spent', '1,0=Legal aid', '1,1=27.56', '1,2=27.34']);
  });

  it('joins a table across two pages and drops the repeated header', async () => {
    const doc = await ingestPdf(load('two-page.pdf'));
    expect(doc.pageCount).toBe(2);
    const laid = layoutPages(doc.pages);
    const ts = tablesOf(laid);
    expect(ts).toHaveLength(1);
    const [t] = ts;
    expect(t.pages).toEqual([1, 2]);
    expect([t.nRows, t.nCols]).toEqual([56, 3]);
    expect(t.cells.filter((c) => c.text === '指标名称')).toHaveLength(1);
    const last = t.cells.filter((c) => c.row === 55).map((c) => c.text);
    expect(last).toEqual(['指标55', '55次', '82.50']);
    expect(linesOf(laid)).toEqual(['跨页表格', '表格结束']);
  });
});

describe('stream tables on a LibreOffice export', () => {
  it('finds a borderless table whose cells wrap', async () => {
    const laid = layoutPages((await ingestPdf(load('borderless.pdf'))).pages);
    const [t] = tablesOf(laid);
    expect(t.finder).toBe('stream');
    expect(shape(t)).toEqual([
      '0,0=资金来源', '0,1=年初预算数', '0,2=全年预算数', '0,3=全年执行数',
      '1,0=年度资金总额', '1,1=350.00', '1,2=386.50', '1,3=372.84',
      '2,0=当年财政拨款', '2,1=350.00', '2,2=360.00', '2,3=348.20',
      '3,0=上年结转资金', '3,1=', '3,2=26.50', '3,3=24.64',
    ]);
    expect(linesOf(laid)).toEqual([
      '一、项目资金情况',
      '本项目资金全部为区级财政预算资金,年初预算与全年预算一致,执行情况如下表所示。',
      '二、绩效目标完成情况',
    ]);
  });
});

describe('ingestPdf on CID fonts and failures', () => {
  it('decodes a non-embedded STSong-Light / UniGB-UCS2-H font', async () => {
    const doc = await ingestPdf(load('cidfont.pdf'));
    const laid = layoutPages(doc.pages);
    expect(linesOf(laid)).toEqual(['项目支出绩效自评表']);
    expect(shape(tablesOf(laid)[0])).toEqual(['0,0=项目名称', '0,1=普法宣传', '1,0=预算数', '1,1=27.56']);
  });

  const cidSamples = existsSync(samples) ? readdirSync(samples).filter((f) => f.endsWith('-cidfont.pdf')) : [];
  (cidSamples.length ? it : it.skip)('yields Chinese words from samples/*-cidfont.pdf', async () => {
    for (const f of cidSamples) {
      const doc = await ingestPdf(new Uint8Array(readFileSync(path.join(samples, f))));
      const text = doc.pages.flatMap((p) => p.words.map((w) => w.text)).join('');
      expect(text).toMatch(/[\u4e00-\u9fff]{4}/);
    }
  });

  it('refuses a page whose text cannot be decoded (requireText; otherwise it is marked, see text-layer.test.ts)', async () => {
    await expect(ingestPdf(load('cidfont-undecodable.pdf'), { requireText: true })).rejects.toThrow(/page 1: text is drawn but none can be decoded/);
  });

  it('refuses an encrypted PDF', async () => {
    await expect(ingestPdf(load('encrypted.pdf'))).rejects.toThrow(/encrypted PDF/);
  });

  it('reads a PDF encrypted with an owner password only, with a warning', async () => {
    const doc = await ingestPdf(load('owner-password.pdf'));
    expect(doc.warnings).toEqual(['encrypted PDF (no user password): text extracted']);
    expect(doc.pages[0].words.map((w) => w.text)).toEqual(['加密']);
  });

  it('refuses what is not a PDF', async () => {
    await expect(ingestPdf(new TextEncoder().encode('not a pdf at all'))).rejects.toThrow(/cannot open PDF/);
  });

  it('enforces maxPages and timeoutMs', async () => {
    await expect(ingestPdf(load('two-page.pdf'), { maxPages: 1 })).rejects.toThrow(/2 pages, more than the limit of 1/);
    await expect(ingestPdf(load('two-page.pdf'), { timeoutMs: 1 })).rejects.toThrow(/timed out after 1 ms/);
    const ok = await ingestPdf(load('two-page.pdf'), { maxPages: 2, timeoutMs: 60000 });
    expect(ok.pages).toHaveLength(2);
  });

  it('reads the values of fillable form fields', async () => {
    const laid = layoutPages((await ingestPdf(load('form-field.pdf'))).pages);
    expect(shape(tablesOf(laid)[0])).toEqual(['0,0=Budget', '0,1=27.56']);
  });

  it('measures garbled text (private-use and replacement characters)', () => {
    expect(garbledShare('项目名称 27.56')).toBe(0);
    expect(garbledShare('\ue001\ue002\ufffd项')).toBe(0.75);
    expect(garbledShare('')).toBe(0);
  });

  it('accepts a Node Buffer', async () => {
    const doc = await ingestPdf(readFileSync(path.join(fixtures, 'cidfont.pdf')));
    expect(doc.pages[0].words.length).toBe(5);
  });
});
