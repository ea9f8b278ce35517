/**
 * Process isolation: a document whose worker process dies natively (SIGSEGV, abort) or
 * outgrows its memory budget in native memory fails alone, with a clear row; the batch goes
 * on and the other documents are as in a clean run. The fault switch JIXIAO_TEST_FAULT
 * (src/pipeline/worker.ts) makes the child kill itself when it opens the named file.
 */
import { describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../helpers/csv.js';
import { ROOT, runCli } from '../helpers/cli.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-crash-'));
  mkdirSync(join(dir, 'in'));
  for (const [name, from] of Object.entries(files)) copyFileSync(join(ROOT, from), join(dir, 'in', name));
  return dir;
}

const docs = (out: string) => Object.fromEntries(readCsvFile(join(out, 'documents.csv')).rows.map((d) => [d.doc_id, d]));
const GOOD = 'samples/hongshan-2021-declaration.txt';
const PDF3 = 'samples/hongshan-2021-declaration-rebuilt.pdf';

describe('a native crash fails only its document', () => {
  it.each([
    ['segv', 'the worker crashed: signal SIGSEGV'],
    ['abort', 'the worker crashed: signal SIGABRT'],
  ])('%s in the worker process: a failed row, the batch goes on', (kind, error) => {
    const dir = folder({ 'a.txt': GOOD, 'b-dieshere.pdf': PDF3, 'c.pdf': PDF3, 'd.txt': GOOD });
    const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--concurrency', '2', '--quiet'], { JIXIAO_TEST_FAULT: `${kind}:dieshere` });
    expect(r.code).toBe(1);
    const d = docs(join(dir, 'out'));
    expect(Object.keys(d).sort()).toEqual(['a', 'b-dieshere', 'c', 'd']);
    for (const id of ['a', 'c', 'd']) expect(d[id].status).toBe('ok');
    expect(d['b-dieshere']).toMatchObject({ status: 'failed', error });
    expect(d['b-dieshere'].sha256).toBe(d.c.sha256); // read by the parent when the worker could not report
  });

  it('native memory over the budget (--max-memory): a failed row, the batch goes on', () => {
    const dir = folder({ 'a.txt': GOOD, 'b-bloat.txt': GOOD, 'c.pdf': PDF3 });
    const r = runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--concurrency', '1', '--max-memory', '300', '--quiet'], { JIXIAO_TEST_FAULT: 'rss:bloat' });
    expect(r.code).toBe(1);
    const d = docs(join(dir, 'out'));
    expect(d.a.status).toBe('ok');
    expect(d.c.status).toBe('ok');
    expect(d['b-bloat']).toMatchObject({ status: 'failed', error: 'ran out of memory (over the 300 MB budget, --max-memory)' });
  });
});
