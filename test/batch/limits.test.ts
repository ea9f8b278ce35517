/**
 * Per-document limits (--max-pages, --max-bytes, --timeout) each give their one-line error
 * and the batch goes on; a worker that hangs, crashes or runs out of memory fails only its
 * document and is replaced; exit statuses.
 */
import { describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../helpers/csv.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { extractToFolder } from '../../src/index.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-limits-'));
  mkdirSync(join(dir, 'in'));
  for (const [name, from] of Object.entries(files)) copyFileSync(join(ROOT, from), join(dir, 'in', name));
  return dir;
}

const docs = (out: string) => Object.fromEntries(readCsvFile(join(out, 'documents.csv')).rows.map((d) => [d.doc_id, d]));

const GOOD = 'samples/hongshan-2021-declaration.txt';
const PDF3 = 'samples/hongshan-2021-declaration-rebuilt.pdf'; // 3 pages
const PAGES500 = 'test/fixtures/bad/pages-500.pdf';

describe('limits', () => {
  it('--max-pages refuses a longer PDF', () => {
    const dir = folder({ 'good.txt': GOOD, 'three.pdf': PDF3 });
    const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--max-pages', '2', '--quiet']);
    expect(r.code).toBe(1);
    const d = docs(join(dir, 'out'));
    expect(d.good.status).toBe('ok');
    expect(d.three).toMatchObject({ status: 'failed', error: 'PDF has 3 pages, more than the limit of 2' });
  });

  it('--max-bytes refuses a larger file', () => {
    const dir = folder({ 'good.txt': GOOD, 'three.pdf': PDF3 });
    const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--max-bytes', '20000', '--quiet']);
    expect(r.code).toBe(1);
    const d = docs(join(dir, 'out'));
    expect(d.good.status).toBe('ok');
    expect(d.three.status).toBe('failed');
    expect(d.three.error).toMatch(/^file is \d+ bytes, over the limit of 20000 \(--max-bytes\)$/);
  });

  it('--timeout gives up on a slow document and the batch goes on', () => {
    const dir = folder({ 'good.txt': GOOD, 'long.pdf': PAGES500 });
    const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--max-pages', '1000', '--timeout', '0.3', '--quiet']);
    expect(r.code).toBe(1);
    const d = docs(join(dir, 'out'));
    expect(d.good.status).toBe('ok');
    expect(d.long).toMatchObject({ status: 'failed', error: 'gave up after 0.3 s (--timeout)' });
  });

  it('a worker stuck in synchronous work is terminated at the time limit; the others go on', () => {
    const dir = folder({ 'a.txt': GOOD, 'hangme.txt': GOOD, 'c.pdf': PDF3 });
    const started = Date.now();
    const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--timeout', '2', '--concurrency', '1', '--quiet'], {
      JIXIAO_TEST_FAULT: 'hang:hangme',
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(1);
    const d = docs(join(dir, 'out'));
    expect(d.a.status).toBe('ok');
    expect(d.c.status).toBe('ok');
    expect(d.hangme).toMatchObject({ status: 'failed', error: 'gave up after 2 s (--timeout)' });
    expect(d.hangme.sha256).toBe(d.a.sha256); // read by the main thread when the worker could not report
  });

  it('a worker that crashes fails only its document and is replaced', () => {
    const dir = folder({ 'a.txt': GOOD, 'b-crashme.txt': GOOD, 'c.pdf': PDF3 });
    const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--concurrency', '1', '--quiet'], { JIXIAO_TEST_FAULT: 'crash:crashme' });
    expect(r.code).toBe(1);
    const d = docs(join(dir, 'out'));
    expect(d.a.status).toBe('ok');
    expect(d.c.status).toBe('ok');
    expect(d['b-crashme']).toMatchObject({ status: 'failed', error: 'the worker crashed: injected crash' });
  });

  it('a worker whose heap outgrows the memory budget fails only its document and is replaced (library, small budget)', async () => {
    // documents go to the workers largest file first (run.ts scheduleOrder): c, b-oom (the larger
    // text), then a, which needs the replacement worker
    const dir = folder({ 'a.txt': 'samples/jinzhong-2020-self-eval-table.txt', 'b-oom.txt': GOOD, 'c.pdf': PDF3 });
    const prev = process.env.JIXIAO_TEST_FAULT;
    process.env.JIXIAO_TEST_FAULT = 'oom:b-oom';
    try {
      const res = await extractToFolder(join(dir, 'in'), join(dir, 'out'), { concurrency: 1, maxMemoryMb: 200, timeoutMs: 60_000 });
      expect(res.runner).toEqual({ kind: 'workers', workersStarted: 2 });
      const byId = Object.fromEntries(res.summaries.map((s) => [s.doc_id, s]));
      expect(byId.a.status).toBe('ok');
      expect(byId.c.status).toBe('ok');
      expect(byId['b-oom']).toMatchObject({ status: 'failed', error: 'ran out of memory (over the 200 MB budget, --max-memory)' });
    } finally {
      if (prev === undefined) delete process.env.JIXIAO_TEST_FAULT;
      else process.env.JIXIAO_TEST_FAULT = prev;
    }
  });
});

describe('exit status', () => {
  it('0 when every document is ok, 1 otherwise, 2 for bad usage', () => {
    const dir = folder({ 'good.txt': GOOD });
    expect(runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--quiet']).code).toBe(0);
    expect(runCli(['extract', join(ROOT, 'test/fixtures/bad/empty.pdf'), '--out', join(dir, 'out2'), '--quiet']).code).toBe(1);
    for (const bad of [['--concurrency', '0'], ['--timeout', 'x'], ['--ocr-engine', 'abbyy'], ['--pdf-engine', 'mupdf'], ['--ocr', 'maybe']]) {
      const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out3'), ...bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Try 'jixiao --help'/);
    }
  });

  it('--help documents every flag', () => {
    const help = runCli(['--help']).stdout;
    for (const flag of ['--out', '--concurrency', '--resume', '--ocr', '--ocr-engine', '--pdf-engine', '--max-pages', '--max-bytes', '--timeout', '--no-report', '--no-xlsx', '--quiet', '--max-memory', 'enqueue', 'worker', 'collect', '--redis', '--wait', '--attempts']) {
      expect(help).toContain(flag);
    }
  });
});
