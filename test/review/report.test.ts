/// <reference lib="dom" />
/**
 * report.html of the samples, opened in a real headless browser (Debian's chromium through
 * playwright-core) with every network request blocked: each flag renders with both values and
 * its evidence (page crop for PDFs, source lines for text), the filters hide and show the
 * right flags, and a screenshot is saved under test-output/review/. Plus a synthetic run of
 * 1000 documents: file size, DOM size and open time.
 *
 * The browser tests are skipped (with a message) when /usr/bin/chromium is absent; CI
 * installs it (`apt-get install -y chromium`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCanvas } from '@napi-rs/canvas';
import { extract, type DocumentRecord } from '../../src/index.js';
import { reportHtml, writeReport } from '../../src/review/index.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SHOTS = join(process.cwd(), 'test-output', 'review');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!HAS_CHROMIUM) {
  // eslint-disable-next-line no-console
  console.warn(`test/review: ${CHROMIUM} not found, browser tests skipped (install it with: apt-get install -y chromium)`);
}
const browserIt = HAS_CHROMIUM ? it : it.skip;

let records: DocumentRecord[];
let dir: string;
let html: string;
let browser: Browser | undefined;

beforeAll(async () => {
  records = await extract('samples', { concurrency: 2 });
  dir = mkdtempSync(join(tmpdir(), 'jixiao-review-'));
  await writeReport(dir, records);
  html = readFileSync(join(dir, 'report.html'), 'utf8');
  if (HAS_CHROMIUM) browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A page that refuses every request that is not the report itself or a data: URI, and records them. */
async function openPage(file: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; blocked: string[]; errors: string[]; ms: number }> {
  const page = await browser!.newPage({ viewport });
  const blocked: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !blocked.includes(url)) blocked.push(url);
  });
  const t0 = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready]');
  return { page, blocked, errors, ms: Date.now() - t0 };
}

describe('report.html', () => {
  it('is one self-contained, atomic file with no external reference', () => {
    expect(readdirSync(dir)).toEqual(['report.html']);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // no URL of any scheme except data:, no external stylesheet, script, font or frame
    expect(html).not.toMatch(/\b(?:https?|ftp|wss?):\/\//i);
    expect(html).not.toMatch(/<(?:link|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/\bsrc="(?!data:)/i);
    expect(html).not.toMatch(/url\(\s*['"]?(?!data:)/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'`);
  });

  it('is deterministic', async () => {
    expect(await reportHtml([...records].reverse())).toBe(html);
  }, 300_000);

  it('keeps each document body as JSON until it is shown', () => {
    const bodies = html.match(/<script type="application\/json" id="d-\d+">/g) ?? [];
    expect(bodies).toHaveLength(records.length);
    // the markup itself holds no flag card and no image: they are rendered on demand
    expect(html).not.toMatch(/<img\b/);
    expect(html).not.toMatch(/class="flag /);
  });

  browserIt('renders every flag with both values and its evidence, offline', async () => {
    const { page, blocked, errors } = await openPage(join(dir, 'report.html'));
    try {
      // summary
      await expect(page.locator('.summary svg circle').count()).resolves.toBeGreaterThan(0);
      expect(await page.locator('.summary svg circle.off').count()).toBeGreaterThan(0);

      await page.click('#render-all');
      await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
      const seen = await page.$$eval('section.doc', (secs) =>
        secs.map((s) => ({
          id: s.getAttribute('data-doc-id'),
          flags: Array.from(s.querySelectorAll('.flag')).map((f) => ({
            code: f.getAttribute('data-code'),
            reported: f.querySelector('.val.reported .v')?.textContent ?? null,
            expected: f.querySelector('.val.expected .v')?.textContent ?? null,
            imgs: Array.from(f.querySelectorAll('img')).map((i) => (i as HTMLImageElement).naturalWidth),
            hits: f.querySelectorAll('.src .ln.hit').length,
          })),
        })),
      );
      expect(seen.map((s) => s.id)).toEqual(records.map((r) => r.doc_id).sort());
      let pdfFlags = 0, textFlags = 0;
      for (const r of records) {
        const s = seen.find((x) => x.id === r.doc_id)!;
        expect(s.flags.map((f) => f.code)).toEqual(r.flags.map((f) => f.code));
        r.flags.forEach((f, k) => {
          const v = s.flags[k];
          expect(v.reported).toContain(f.reported ?? '—');
          expect(v.expected).toContain(f.expected ?? '—');
          const paged = f.refs.filter((p) => p.page != null && p.box != null);
          if (r.source_file.endsWith('.pdf') && paged.length) {
            pdfFlags++;
            expect([r.doc_id, f.code, v.imgs.length]).toEqual([r.doc_id, f.code, new Set(paged.map((p) => p.page)).size]);
            for (const w of v.imgs) expect(w).toBeGreaterThan(0);
          }
          if (f.refs.some((p) => p.line != null)) {
            textFlags++;
            expect(v.hits).toBeGreaterThan(0);
          }
        });
      }
      expect(pdfFlags).toBeGreaterThan(0);
      expect(textFlags).toBeGreaterThan(0);

      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'report-top.png') });
      await page.screenshot({ path: join(SHOTS, 'report-full.png'), fullPage: true });
      const pdfFlag = page.locator('.flag:has(img)').first();
      await pdfFlag.screenshot({ path: join(SHOTS, 'flag-pdf.png') });
      await page.locator('.flag:has(.src)').first().screenshot({ path: join(SHOTS, 'flag-text.png') });
      expect(statSync(join(SHOTS, 'report-full.png')).size).toBeGreaterThan(10_000);

      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  browserIt('filters flags by code, severity and document type', async () => {
    const { page, errors } = await openPage(join(dir, 'report.html'));
    try {
      await page.click('#render-all');
      const all = records.flatMap((r) => r.flags.map((f) => ({ ...f, doc_type: r.doc_type, doc_id: r.doc_id })));
      const visible = () =>
        page.$$eval('.flag', (fs) =>
          fs.filter((f) => (f as HTMLElement).offsetParent !== null).map((f) => `${f.closest('section')!.getAttribute('data-doc-id')}:${f.getAttribute('data-code')}:${f.getAttribute('data-severity')}`).sort(),
        );
      const keys = (fs: typeof all) => fs.map((f) => `${f.doc_id}:${f.code}:${f.severity}`).sort();
      expect(await visible()).toEqual(keys(all));

      const code = all.find((f) => f.code === 'GRADE')?.code ?? all[0].code;
      await page.uncheck(`#filters input[data-group="code"][value="${code}"]`);
      expect(await visible()).toEqual(keys(all.filter((f) => f.code !== code)));
      await page.check(`#filters input[data-group="code"][value="${code}"]`);
      expect(await visible()).toEqual(keys(all));

      await page.uncheck('#filters input[data-group="sev"][value="warning"]');
      expect(await visible()).toEqual(keys(all.filter((f) => f.severity !== 'warning')));
      await page.check('#filters input[data-group="sev"][value="warning"]');

      await page.uncheck('#filters input[data-group="type"][value="self_eval_report"]');
      expect(await visible()).toEqual(keys(all.filter((f) => f.doc_type !== 'self_eval_report')));
      const hiddenDocs = await page.$$eval('section.doc', (s) => s.filter((d) => (d as HTMLElement).offsetParent === null).map((d) => d.getAttribute('data-type')));
      expect(new Set(hiddenDocs)).toEqual(new Set(['self_eval_report']));
      await page.click('#reset-filters');
      expect(await visible()).toEqual(keys(all));

      // only documents with (visible) flags
      await page.check('#only-flagged');
      const shownDocs = await page.$$eval('section.doc', (s) => s.filter((d) => (d as HTMLElement).offsetParent !== null).map((d) => d.getAttribute('data-doc-id')).sort());
      expect(shownDocs).toEqual(records.filter((r) => r.flags.length).map((r) => r.doc_id).sort());
      await page.uncheck('#filters input[data-group="sev"][value="error"]');
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'report-filtered.png') });
      const shownWarn = await page.$$eval('section.doc', (s) => s.filter((d) => (d as HTMLElement).offsetParent !== null).map((d) => d.getAttribute('data-doc-id')).sort());
      expect(shownWarn).toEqual(records.filter((r) => r.flags.some((f) => f.severity === 'warning')).map((r) => r.doc_id).sort());
      expect(await page.textContent('#shown')).toContain(`${all.filter((f) => f.severity === 'warning').length} 条标记`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});

describe('report.html of a large run', () => {
  const N = 1000;
  let big: string;
  let bigHtml: string;
  /** Position (in doc_id order, as the report lists them) of a document with OCR'd values. */
  let ocrIndex = -1;

  beforeAll(async () => {
    // A page-crop-sized PNG (about 600×180 px of noise-free drawing) stands in for real crops.
    const canvas = createCanvas(600, 180);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 600, 180);
    ctx.strokeStyle = '#000';
    for (let y = 10; y < 180; y += 30) ctx.strokeRect(10, y, 580, 30);
    ctx.fillStyle = '#000';
    ctx.font = '16px sans-serif';
    for (let y = 30; y < 180; y += 30) ctx.fillText(`row ${y} 195.00 80.00 60.00 35.00`, 20, y);
    const png = await canvas.encode('png');
    const cropper = async () => png;

    const base = records.filter((r) => r.flags.length > 0);
    const many: DocumentRecord[] = [];
    for (let i = 0; i < N; i++) {
      const r = structuredClone(base[i % base.length]);
      r.doc_id = `${r.doc_id}-${String(i).padStart(4, '0')}`;
      if (i % 10 === 0 && r.source_file.endsWith('.pdf')) {
        // some OCR'd values: the report shows their confidence
        r.text_source = 'ocr';
        for (const f of r.flags) {
          f.low_confidence = true;
          for (const p of f.refs) p.confidence = 0.62;
        }
      }
      many.push(r);
    }
    const firstOcr = many.find((r) => r.text_source === 'ocr')!.doc_id;
    ocrIndex = many.map((r) => r.doc_id).sort().indexOf(firstOcr);
    big = mkdtempSync(join(tmpdir(), 'jixiao-review-big-'));
    const t0 = Date.now();
    await writeReport(big, many, { cropper });
    const genMs = Date.now() - t0;
    bigHtml = readFileSync(join(big, 'report.html'), 'utf8');
    // eslint-disable-next-line no-console
    console.log(`report of ${N} documents: ${(bigHtml.length / 1e6).toFixed(1)} MB, written in ${genMs} ms`);
  }, 600_000);

  afterAll(() => {
    if (big) rmSync(big, { recursive: true, force: true });
  });

  it('stays small in markup: bodies are data until shown', () => {
    expect((bigHtml.match(/<section class="doc"/g) ?? []).length).toBe(N);
    expect(bigHtml).not.toMatch(/<img\b/);
    expect(bigHtml).toContain('OCR');
  });

  browserIt('opens in a few seconds and renders only what is near the viewport', async () => {
    const { page, blocked, errors, ms } = await openPage(join(big, 'report.html'));
    try {
      const stats = await page.evaluate(() => ({
        elements: document.getElementsByTagName('*').length,
        rendered: document.querySelectorAll('section.doc[data-rendered]').length,
        imgs: document.images.length,
      }));
      // eslint-disable-next-line no-console
      console.log(`report of ${N} documents opened in ${ms} ms; ${stats.elements} elements, ${stats.rendered} sections rendered, ${stats.imgs} images`);
      expect(ms).toBeLessThan(8000);
      expect(stats.rendered).toBeLessThan(50);
      expect(stats.elements).toBeLessThan(N * 15 + 3000);

      // scrolling far down renders the sections there
      const target = `doc-${N - 3}`;
      await page.evaluate((id) => document.getElementById(id)!.scrollIntoView(), target);
      await page.waitForSelector(`#${target}[data-rendered] .flag`);
      // OCR'd values show their confidence
      const ocr = `doc-${ocrIndex}`;
      await page.evaluate((id) => document.getElementById(id)!.scrollIntoView(), ocr);
      await page.waitForSelector(`#${ocr}[data-rendered] .flag`);
      expect(await page.locator(`#${ocr} .badge.lowc`).count()).toBeGreaterThan(0);
      expect(await page.locator(`#${ocr} .refs .conf`).first().textContent()).toContain('62%');
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);
});

// keep the screenshot folder's index readable for people browsing test-output/
afterAll(() => {
  if (existsSync(SHOTS)) {
    writeFileSync(
      join(SHOTS, 'README.txt'),
      'Screenshots of output/report.html for the samples, taken by test/review/report.test.ts in headless chromium.\n',
    );
  }
});
