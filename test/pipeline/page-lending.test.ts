/**
 * Page lending (src/pipeline/page-lending.ts): an idle worker reads pages of a document another
 * worker is reading by OCR. The owner's desk lends the last pages not started, and the record is
 * byte for byte the one a single worker makes, also when the worker reading a lent page crashes
 * (the owner then reads the page itself).
 */
import { describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '../../src/model/page.js';
import { LendingDesk } from '../../src/pipeline/page-lending.js';
import { ROOT, runCli } from '../helpers/cli.js';

const page = (number: number) => ({ number, width: 595, height: 842 });
const read = (number: number): Page => ({ number, width: 595, height: 842, words: [], rules: [], source: 'ocr' });

describe('the owner’s desk', () => {
  it('announces two or more pages once the file is read, lends the last ones not started, and hands back what came back', async () => {
    const announced: number[] = [];
    const desk = new LendingDesk((n) => announced.push(n));
    desk.open([page(1)], 'auto');
    expect(announced).toEqual([]); // one page: started at once
    desk.sha256 = 'ab';
    desk.open([page(1), page(2), page(3)], 'auto');
    expect(announced).toEqual([3]);
    expect(desk.claim(1)).toBe(true);
    const lent = desk.lend()!;
    expect(lent).toMatchObject({ page: page(3), mode: 'auto', sha256: 'ab' });
    expect(desk.claim(2)).toBe(true);
    expect(desk.lend()).toBeNull(); // page 2 is under way here
    expect(desk.claim(3)).toBe(false);
    desk.returned(lent.round, 3, read(3));
    await expect(desk.result(3)).resolves.toEqual(read(3));
    desk.close();
    expect(desk.lend()).toBeNull();
  });

  it('a page that comes back unread is read by the owner; a late answer of an earlier reading is dropped', async () => {
    const desk = new LendingDesk(() => undefined, 'ab');
    desk.open([page(1), page(2)], 'auto');
    const first = desk.lend()!;
    desk.returned(first.round, 2, undefined);
    await expect(desk.result(2)).resolves.toBeNull();
    desk.close();
    desk.open([page(1), page(2)], 'always');
    const second = desk.lend()!;
    expect(second.mode).toBe('always');
    desk.returned(first.round, 2, read(2));
    let settled = false;
    void desk.result(2).then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    desk.close(); // a reading that failed: whatever is out comes back empty
    await expect(desk.result(2)).resolves.toBeNull();
  });
});

describe('a multi-page scan on two workers', () => {
  const SCAN = 'samples/jinzhong-2020-self-eval-table-rebuilt-scan.pdf';
  const run = (concurrency: number, env: Record<string, string> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-lending-'));
    mkdirSync(join(dir, 'in'));
    copyFileSync(join(ROOT, SCAN), join(dir, 'in', 'scan.pdf'));
    const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--concurrency', String(concurrency), '--quiet', '--no-report', '--no-xlsx', '--no-db'], { JIXIAO_DEBUG_WORKERS: '1', ...env });
    const files = ['documents.csv', 'projects.csv', 'indicators.csv', 'scores.csv', 'flags.csv', ...readdirSync(join(dir, 'out', 'json')).map((f) => join('json', f))];
    return { ...r, outputs: Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, 'out', f), 'utf8').replaceAll(dir, '')])) };
  };

  it('lends pages to a second worker and gives the record a single worker gives; a crash while reading a lent page costs nothing', () => {
    const one = run(1);
    expect(one.code).toBe(0);
    expect(one.stderr).not.toMatch(/lent to worker/);
    const two = run(2);
    expect(two.code).toBe(0);
    expect(two.stderr).toMatch(/page \d of scan lent to worker/);
    expect(two.stderr).toMatch(/page \d read\n/);
    expect(two.outputs).toEqual(one.outputs);
    const crashed = run(2, { JIXIAO_TEST_FAULT: 'page-crash:scan.pdf' });
    expect(crashed.code).toBe(0);
    expect(crashed.stderr).toMatch(/page \d not read, back to its owner/);
    expect(crashed.outputs).toEqual(one.outputs);
  });
});
