/// <reference lib="dom" />
/**
 * report.html carries its own Chinese font: in a real browser (Debian's chromium through
 * playwright-core) whose fontconfig sees no CJK font at all (FONTCONFIG_FILE pointing at a
 * configuration with only the DejaVu folder, or none: fonts-noto-cjk and the Droid fallback of
 * this machine are hidden), the report's Chinese is drawn with real glyphs.
 *
 * How "drawn" is told apart from "boxes": without a font for them, every Chinese character
 * is the same .notdef box, so a label and the same characters in another order render to
 * identical pixels; with glyphs they differ. The test shows both: the report as written
 * (differ) and the same report with its @font-face rules removed (identical: proof that the
 * system's CJK fonts are really hidden). The report's own heading differs between the two too.
 *
 * Skipped (with a message) when /usr/bin/chromium is absent; CI installs it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { extract, type DocumentRecord } from '../../src/index.js';
import { reportHtml } from '../../src/review/index.js';
import { EMBEDDED_FONT_FAMILY, embeddedFontCss } from '../../src/review/font.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
if (!HAS_CHROMIUM) {
  // eslint-disable-next-line no-console
  console.warn(`test/review/font: ${CHROMIUM} not found, browser tests skipped (install it with: apt-get install -y chromium)`);
}
const browserIt = HAS_CHROMIUM ? it : it.skip;

let tmp: string;
let html: string;
let fontconf: string;
let browser: Browser | undefined;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'jixiao-font-'));
  const samples = join(process.cwd(), 'samples');
  const texts = readdirSync(samples).filter((f) => f.endsWith('.txt')).map((f) => join(samples, f));
  const records: DocumentRecord[] = await extract(texts, { inProcess: true });
  html = await reportHtml(records, { cropper: async () => null });
  writeFileSync(join(tmp, 'with-font.html'), html);
  // the same report without its @font-face rules
  writeFileSync(join(tmp, 'without-font.html'), html.replace(/@font-face\{[^}]*\}\n?/g, ''));

  // a fontconfig that sees no CJK font: only DejaVu (Latin), when present
  const fontDirs = ['/usr/share/fonts/truetype/dejavu'].filter((d) => existsSync(d));
  mkdirSync(join(tmp, 'fc-cache'));
  fontconf = join(tmp, 'fonts.conf');
  writeFileSync(
    fontconf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${fontDirs.map((d) => `  <dir>${d}</dir>\n`).join('')}  <cachedir>${join(tmp, 'fc-cache')}</cachedir>\n</fontconfig>\n`,
  );
  if (HAS_CHROMIUM) browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, env: { ...process.env, FONTCONFIG_FILE: fontconf } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function open(file: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1000, height: 700 } });
  await page.route('**', (route) => (/^(file|data):/.test(route.request().url()) ? route.continue() : route.abort()));
  await page.goto(pathToFileURL(join(tmp, file)).href, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready]');
  return page;
}

/** Screenshots of a label and of the same characters reordered, in the report's font stack. */
async function pair(page: Page, label: string): Promise<[Buffer, Buffer]> {
  const reordered = [...label].reverse().join('');
  await page.evaluate(
    ([a, b]) => {
      for (const [id, t] of [['probe-a', a], ['probe-b', b]]) {
        const s = document.createElement('span');
        s.id = id;
        s.textContent = t;
        s.style.cssText = 'font-size:40px;display:inline-block;padding:4px;background:#fff;color:#000;position:fixed;top:' + (id === 'probe-a' ? 10 : 80) + 'px;left:10px;z-index:99';
        document.body.appendChild(s);
      }
    },
    [label, reordered],
  );
  await page.evaluate(() => document.fonts.ready);
  return [await page.locator('#probe-a').screenshot(), await page.locator('#probe-b').screenshot()];
}

describe('the report embeds its Chinese font', () => {
  it('as a subset of just the characters used, TrueType data: URLs, the same bytes each time', async () => {
    const rules = html.match(/@font-face\{[^}]*\}/g) ?? [];
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r).toContain(`font-family:"${EMBEDDED_FONT_FAMILY}"`);
      expect(r).toMatch(/src:url\(data:font\/ttf;base64,[A-Za-z0-9+/=]+\) format\("truetype"\)/);
    }
    expect(html).toContain("font-src data:");
    expect(html).toMatch(new RegExp(`html\\{font-family:"${EMBEDDED_FONT_FAMILY}"`));
    // every Chinese character of the page is in some face's unicode-range
    const covered = new Set<number>();
    for (const r of rules) {
      for (const part of /unicode-range:([^}]*)/.exec(r)![1].split(',')) {
        const [a, b] = part.replace('U+', '').split('-').map((h) => parseInt(h, 16));
        for (let c = a; c <= (b ?? a); c++) covered.add(c);
      }
    }
    const page = html.replace(/@font-face\{[^}]*\}\n?/g, '');
    const missing = [...new Set([...page].filter((c) => /\p{Script=Han}/u.test(c)))].filter((c) => !covered.has(c.codePointAt(0)!));
    expect(missing).toEqual([]);
    // a subset, not the font: a few KB per hundred characters, not megabytes
    const fontBytes = rules.reduce((a, r) => a + r.length, 0);
    // eslint-disable-next-line no-console
    console.log(`embedded font: ${rules.length} faces, ${covered.size} characters, ${(fontBytes / 1024).toFixed(0)} KB of ${(html.length / 1024).toFixed(0)} KB`);
    expect(fontBytes).toBeLessThan(600 * covered.size + 50_000);
    expect(await embeddedFontCss('绩效 ok')).toBe(await embeddedFontCss('ok 效绩'));
  });

  it('hides every CJK font from the browser under test (fontconfig sees none)', () => {
    const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', env: { ...process.env, FONTCONFIG_FILE: fontconf } });
    if (r.error) return; // no fc-list: the browser check below proves it on its own
    expect(r.stdout.trim()).toBe('');
  });

  browserIt('draws Chinese glyphs with no CJK font on the machine; without the embedded font they are boxes', async () => {
    const withFont = await open('with-font.html');
    const without = await open('without-font.html');
    try {
      const label = '绩效审阅报告';
      const [a1, b1] = await pair(withFont, label);
      const [a0, b0] = await pair(without, label);
      // no system CJK font: all Chinese characters are the same box
      expect(a0.equals(b0)).toBe(true);
      // the embedded font draws each character
      expect(a1.equals(b1)).toBe(false);
      expect(a1.equals(a0)).toBe(false);
      // the report's own heading as well
      const h1 = await withFont.locator('header.top h1').screenshot();
      const h0 = await without.locator('header.top h1').screenshot();
      expect(h1.equals(h0)).toBe(false);
      const loaded = await withFont.evaluate((family) => {
        let n = 0;
        document.fonts.forEach((f) => {
          if (f.family.replace(/"/g, '') === family && f.status === 'loaded') n++;
        });
        return n;
      }, EMBEDDED_FONT_FAMILY);
      expect(loaded).toBeGreaterThan(0);
    } finally {
      await withFont.close();
      await without.close();
    }
  }, 120_000);
});
