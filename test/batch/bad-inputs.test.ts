/**
 * The hostile corpus of test/fixtures/bad/ (see its README): every file ends as a clear
 * one-line error or as unknown in documents.csv, the batch completes, the exit status says
 * so, and nothing in a PDF is ever executed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../helpers/csv.js';
import { contractProblems } from '../helpers/contract.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { extract } from '../../src/index.js';

const BAD = join(ROOT, 'test', 'fixtures', 'bad');
const CANARY_FILES = ['/tmp/jixiao-canary-openaction', '/tmp/jixiao-canary-fontmatrix'];

/** What each fixture must become: status, doc_type, and the error (a pattern). */
const EXPECTED: Record<string, { status: string; doc_type: string; error: RegExp | null; pages?: string }> = {
  empty: { status: 'failed', doc_type: 'unknown', error: /^empty file \(0 bytes\)$/ },
  truncated: { status: 'failed', doc_type: 'unknown', error: /^cannot open PDF: / },
  'not-a-pdf': { status: 'failed', doc_type: 'unknown', error: /^not a PDF: no %PDF- header$/ },
  encrypted: { status: 'failed', doc_type: 'unknown', error: /^encrypted PDF: a password is required/ },
  javascript: { status: 'partial', doc_type: 'unknown', error: /^not recognised as a/, pages: '1' },
  'huge-image': { status: 'partial', doc_type: 'unknown', error: /^not recognised as a/, pages: '1' },
  'pages-500': { status: 'failed', doc_type: 'unknown', error: /^PDF has 500 pages, more than the limit of 300$/ },
  'no-tables': { status: 'partial', doc_type: 'unknown', error: /^not recognised as a/, pages: '1' },
  'unknown-kind': { status: 'partial', doc_type: 'unknown', error: /^not recognised as a/ },
  gbk: { status: 'ok', doc_type: 'declaration', error: null },
};

let out: string;
let run: ReturnType<typeof runCli>;

beforeAll(() => {
  for (const f of CANARY_FILES) rmSync(f, { force: true });
  out = mkdtempSync(join(tmpdir(), 'jixiao-bad-out-'));
  run = runCli(['extract', BAD, '--out', out, '--concurrency', '2']);
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bad-input fixtures through the built CLI (worker threads)', () => {
  it('holds exactly the fixtures the README lists', () => {
    const names = readdirSync(BAD).filter((f) => /\.(pdf|txt)$/.test(f)).map((f) => f.replace(/\.(pdf|txt)$/, ''));
    expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('completes the batch and exits 1 (some failed or partial)', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/10 document\(s\): 1 ok, 4 partial, 5 failed/);
    expect(contractProblems(out)).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('%s ends as expected, with a one-line error', (id, want) => {
    const docs = Object.fromEntries(readCsvFile(join(out, 'documents.csv')).rows.map((d) => [d.doc_id, d]));
    const d = docs[id];
    expect(d).toBeDefined();
    expect(d.status).toBe(want.status);
    expect(d.doc_type).toBe(want.doc_type);
    if (want.error) expect(d.error).toMatch(want.error);
    else expect(d.error).toBe('');
    expect(d.error).not.toMatch(/[\r\n]/);
    if (want.pages) expect(d.pages).toBe(want.pages);
  });

  it('the GBK text is decoded: the Hongshan declaration with its figures', () => {
    const p = readCsvFile(join(out, 'projects.csv')).rows.find((r) => r.doc_id === 'gbk');
    expect(p).toMatchObject({ unit: '武汉市洪山区医疗保障局', project_name: '打击欺诈骗取医保', budget_wan: '72.35' });
  });

  it('runs no JavaScript of the PDF (OpenAction, CVE-2024-4367 FontMatrix): no canary file', () => {
    for (const f of CANARY_FILES) expect(existsSync(f)).toBe(false);
  });
});

describe('bad-input fixtures in process (library, inProcess)', () => {
  it('sets no global and writes no canary file from javascript.pdf; reads its text', async () => {
    const [r] = await extract([join(BAD, 'javascript.pdf')], { inProcess: true });
    expect((globalThis as { JIXIAO_CANARY?: unknown }).JIXIAO_CANARY).toBeUndefined();
    for (const f of CANARY_FILES) expect(existsSync(f)).toBe(false);
    expect(r.status).toBe('partial');
    expect(r.pages).toBe(1);
  });

  it('reads the 500-page PDF when the page limit allows it', async () => {
    const [r] = await extract([join(BAD, 'pages-500.pdf')], { inProcess: true, maxPages: 1000 });
    expect(r).toMatchObject({ status: 'partial', doc_type: 'unknown', pages: 500 });
  });
});
