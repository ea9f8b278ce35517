/**
 * report.html written on a worker thread at the end of a batch (src/pipeline/report-thread.ts,
 * beside jixiao.sqlite and jixiao.xlsx on the main thread) is byte-identical to the one
 * `writeReport` writes on the calling thread from the same records: with the crops the batch's
 * workers left in a folder, and with none (every crop drawn from the PDFs). The thread runs
 * the compiled module (dist/, built by `npm test`), as the CLI does; also when the thread was
 * started ahead of its job and warmed its font subsetter (warmPrestartedReportThread).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { processDocumentDetailed } from '../../src/pipeline/process-document.js';
import { runBatch } from '../../src/pipeline/run.js';
import { resolveOptions } from '../../src/pipeline/options.js';
import { writeReport } from '../../src/review/index.js';
import type { DocumentRecord } from '../../schemas/record.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-report-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMPILED = resolve('dist/src/pipeline/report-thread.js');

describe('the report written on a worker thread', () => {
  it('is the same file as writeReport on this thread, with the workers\u2019 crops and without', async () => {
    expect(existsSync(COMPILED)).toBe(true);
    const { writeReportAside } = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/pipeline/report-thread.js');
    const inDir = join(dir, 'in');
    mkdirSync(inDir);
    copyFileSync('samples/jiujiang-2022-self-eval-report-faulty.pdf', join(inDir, 'a.pdf'));
    copyFileSync('samples/hongshan-2021-declaration-rebuilt.pdf', join(inDir, 'b.pdf'));
    const records: DocumentRecord[] = [];
    const cropsDir = join(dir, 'crops');
    mkdirSync(cropsDir);
    for (const id of ['a', 'b']) {
      const r = await processDocumentDetailed({ path: join(inDir, `${id}.pdf`), docId: id }, resolveOptions({ inProcess: true }));
      records.push(r.record);
      if (r.crops) writeFileSync(join(cropsDir, `${id}.json`), JSON.stringify(r.crops));
    }
    expect(records.some((r) => r.flags.length > 0)).toBe(true);

    const here = join(dir, 'here');
    mkdirSync(here);
    await writeReport(here, records);
    const expected = readFileSync(join(here, 'report.html'));
    expect(expected.toString('utf8')).toContain('data:image/webp;base64,');

    for (const [name, crops] of [['thread-crops', cropsDir], ['thread-pdf', null]] as const) {
      const out = join(dir, name);
      mkdirSync(out);
      await writeReportAside({ outDir: out, records, cropsDir: crops });
      expect(readFileSync(join(out, 'report.html')).equals(expected)).toBe(true);
    }

    // a thread started ahead of its job that readies its font subsetter meanwhile (as a batch
    // does once its workers are gone): the same file
    const { prestartReportThread, warmPrestartedReportThread } = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/pipeline/report-thread.js');
    prestartReportThread();
    warmPrestartedReportThread();
    const warm = join(dir, 'thread-warm');
    mkdirSync(warm);
    await writeReportAside({ outDir: warm, records, cropsDir });
    expect(readFileSync(join(warm, 'report.html')).equals(expected)).toBe(true);
  }, 240_000);

  it('rejects with the thread\u2019s error and writes nothing when the folder cannot be written', async () => {
    const { writeReportAside } = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/pipeline/report-thread.js');
    const missing = join(dir, 'no', 'such', 'folder');
    await expect(writeReportAside({ outDir: missing, records: [], cropsDir: null })).rejects.toThrow(/ENOENT/);
    expect(existsSync(missing)).toBe(false);
  }, 60_000);

  it('shows a crop for the flags of the links stage too (drawn from the PDF with the linked flags)', async () => {
    // a self-evaluation table and the declaration it was declared in: the links stage adds
    // TARGET_CHANGED / INDICATOR_DROPPED flags to the table, which no worker made crops for
    const inDir = join(dir, 'linked');
    mkdirSync(inDir);
    copyFileSync('corpus/heldout/c140-shanxi-lo-calc.pdf', join(inDir, 'c140-shanxi-lo-calc.pdf'));
    copyFileSync('corpus/heldout/c153-declaration-lo-calc.pdf', join(inDir, 'c153-declaration-lo-calc.pdf'));
    const out = join(dir, 'linked-out');
    const res = await runBatch([inDir], out, { inProcess: true, concurrency: 1, xlsx: false, db: false, ocr: 'never' });
    const table = res.records.find((r) => r.doc_id === 'c140-shanxi-lo-calc')!;
    const linkFlags = table.flags.filter((f) => f.other_doc_id != null && f.refs.some((p) => p.page != null && p.box));
    expect(linkFlags.length).toBeGreaterThan(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const body = /<script type="application\/json" id="d-\d+">(\{[^<]*\})<\/script>/g;
    let crops = 0;
    for (const m of html.matchAll(body)) {
      const doc = JSON.parse(m[1]) as { flags: { crops?: { img: number | null }[] }[] };
      for (const f of doc.flags) for (const c of f.crops ?? []) {
        crops++;
        expect(c.img).not.toBeNull();
      }
    }
    expect(crops).toBeGreaterThan(linkFlags.length);
  }, 240_000);
});
