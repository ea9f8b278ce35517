/** Units of the batch machinery: progress output, the resume journal, the OCR engine holder, runners. */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgressReporter, formatDuration } from '../../src/pipeline/progress.js';
import { JOURNAL_FILE, journalText, readJournal, type JournalEntry } from '../../src/pipeline/journal.js';
import { OcrEngineHolder } from '../../src/pipeline/ocr-holder.js';
import { workerScript } from '../../src/pipeline/runner.js';
import type { DocSummary } from '../../src/pipeline/outcome.js';
import { extract, extractToFolder } from '../../src/index.js';

const summary = (id: string, status: DocSummary['status'], pages: number | null, flagCodes: string[] = [], error: string | null = null): DocSummary => ({
  doc_id: id,
  source_file: `${id}.pdf`,
  sha256: 'x'.repeat(64),
  status,
  pages,
  error,
  flagCodes,
});

describe('ProgressReporter', () => {
  it('plain mode: start line, failures as they happen, a summary with flags by code', () => {
    let t = 0;
    const out: string[] = [];
    const p = new ProgressReporter({ write: (s) => out.push(s), tty: false, quiet: false, now: () => t, intervalMs: 1e9 });
    p.start(3);
    t = 1000;
    p.update(summary('a', 'ok', 4, ['GRADE', 'EXEC_RATE']), false);
    t = 2000;
    p.update(summary('b', 'failed', null, [], 'encrypted PDF: a password is required to open it'), false);
    p.update(summary('c', 'partial', 2, ['GRADE']), true);
    t = 4000;
    p.finish('out', false);
    const text = out.join('');
    expect(text).toContain('jixiao: 3 document(s) to process\n');
    expect(text).toContain('failed: b: encrypted PDF: a password is required to open it\n');
    expect(text).toContain('3 document(s): 1 ok, 1 partial, 1 failed (1 reused by --resume)\n');
    expect(text).toContain('flags: 3 (EXEC_RATE 1, GRADE 2)\n');
    expect(text).toContain('4 page(s) processed in 4s (4.0 s, 1.0 pages/s) → out\n');
  });

  it('the cross-document flags of the links stage count in the summary with the documents’ own', () => {
    const out: string[] = [];
    const p = new ProgressReporter({ write: (s) => out.push(s), tty: false, quiet: false, now: () => 0, intervalMs: 1e9 });
    p.start(2);
    p.update(summary('a', 'ok', 1, ['GRADE']), false);
    p.update(summary('b', 'ok', 1), false);
    p.addFlags(['PRIOR_YEAR', 'DUPLICATE', 'PRIOR_YEAR']);
    p.finish('out', false);
    expect(out.join('')).toContain('flags: 4 (DUPLICATE 1, GRADE 1, PRIOR_YEAR 2)\n');
  });

  it('terminal mode: one redrawn line with bar, pages per second and time left', () => {
    let t = 0;
    const out: string[] = [];
    const p = new ProgressReporter({ write: (s) => out.push(s), tty: true, columns: 100, quiet: false, now: () => t });
    p.start(4);
    t = 2000;
    p.update(summary('a', 'ok', 10), false);
    const last = out[out.length - 1];
    expect(last.startsWith('\r\x1b[2K[')).toBe(true);
    expect(last).toContain('1/4 docs 25%, 10 pages, 5.0 pages/s, 6s left');
    expect(last).not.toContain('\n');
  });

  it('quiet: nothing at all', () => {
    const out: string[] = [];
    const p = new ProgressReporter({ write: (s) => out.push(s), tty: false, quiet: true });
    p.start(1);
    p.update(summary('a', 'failed', null, [], 'x'), false);
    p.finish('o', false);
    expect(out).toEqual([]);
  });

  it('formats durations', () => {
    expect([formatDuration(5), formatDuration(65), formatDuration(3725), formatDuration(NaN)]).toEqual(['5s', '1m05s', '1h02m', '?']);
  });
});

describe('resume journal', () => {
  const e = (docId: string): JournalEntry => ({ fingerprint: 'f'.repeat(16), docId, sha256: 'a'.repeat(64), jsonSha256: 'b'.repeat(64), sourceFile: `in/${docId}.pdf` });

  it('is sorted by doc_id when rewritten, and ignores a torn last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-journal-'));
    const text = journalText([e('b'), e('a')]);
    expect(text.split('\n')[1].split('\t')[1]).toBe('a');
    writeFileSync(join(dir, JOURNAL_FILE), `${text}${'f'.repeat(16)}\tc\t${'a'.repeat(20)}`); // torn
    const got = await readJournal(dir);
    expect(got.map((x) => x.docId)).toEqual(['a', 'b']);
  });

  it('an unknown header means no journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-journal-'));
    writeFileSync(join(dir, JOURNAL_FILE), 'something else\n');
    expect(await readJournal(dir)).toEqual([]);
  });
});

describe('OcrEngineHolder', () => {
  it('creates its engine once, on first need, and terminates it', async () => {
    let created = 0, terminated = 0;
    const h = new OcrEngineHolder('tesseract', (name) => {
      created++;
      return { name, recognize: async () => [], terminate: async () => void terminated++ };
    });
    expect(h.created).toBe(false);
    const [a, b] = await Promise.all([h.ocrEngine(), h.ocrEngine()]);
    expect(a).toBe(b);
    expect(created).toBe(1);
    await h.terminate();
    expect(terminated).toBe(1);
    await h.terminate();
    expect(terminated).toBe(1);
  });
});

describe('runners', () => {
  const inputs = ['samples/hongshan-2021-declaration.txt', 'samples/suqian-2022-declaration-cidfont.pdf', 'samples/tianshui-2021-self-eval-table-national.pdf'];

  it('finds the compiled worker (npm test builds first)', () => {
    expect(workerScript()?.href).toMatch(/dist\/src\/pipeline\/worker\.js$/);
  });

  it('worker threads and in-process give the same records', async () => {
    const viaWorkers = await extract(inputs, { concurrency: 2 });
    const inProcess = await extract(inputs, { concurrency: 2, inProcess: true });
    expect(JSON.stringify(viaWorkers)).toBe(JSON.stringify(inProcess));
  });

  it('recycles workers after N documents with the same output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-recycle-'));
    const a = await extractToFolder(inputs, join(dir, 'a'), { concurrency: 1, recycleAfterDocs: 1 });
    const b = await extractToFolder(inputs, join(dir, 'b'), { concurrency: 1 });
    expect(a.runner).toEqual({ kind: 'workers', workersStarted: 3 });
    expect(b.runner).toEqual({ kind: 'workers', workersStarted: 1 });
    for (const f of ['documents.csv', 'projects.csv', 'indicators.csv', 'json/suqian-2022-declaration-cidfont.json']) {
      expect(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f)))).toBe(true);
    }
  });
});

describe('loadRecords', () => {
  it('validates every json file read back, except one whose bytes are those the run vouches for', async () => {
    const { loadRecords } = await import('../../src/pipeline/run.js');
    const { sha256Of } = await import('../../src/pipeline/journal.js');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-load-'));
    const [record] = await extract([join(process.cwd(), 'samples', 'hongshan-2021-declaration.txt')], { inProcess: true });
    // a record the schema refuses (no doc_type), as a file changed behind the run's back would be
    const broken = `${JSON.stringify({ ...record, doc_type: undefined })}\n`;
    mkdirSync(join(dir, 'json'));
    writeFileSync(join(dir, 'json', `${record.doc_id}.json`), broken);
    const summaries = [summary(record.doc_id, 'ok', 1)];
    await expect(loadRecords(dir, summaries)).rejects.toThrow(/doc_type/);
    await expect(loadRecords(dir, summaries, new Map([[record.doc_id, 'f'.repeat(64)]]))).rejects.toThrow(/doc_type/);
    // vouched bytes: parsed, not validated again (they were validated when the run wrote them)
    const [read] = await loadRecords(dir, summaries, new Map([[record.doc_id, sha256Of(broken)]]));
    expect(read.doc_id).toBe(record.doc_id);
    expect(read.doc_type).toBeUndefined();
  });
});
