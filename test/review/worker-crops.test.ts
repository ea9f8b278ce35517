/**
 * The report's page crops are made where each PDF is read (the batch's documents carry them,
 * `.crops/` holds them until the report is written, then it is removed), and the report a
 * batch writes is byte-identical to the one `writeReport` makes from the same records by
 * opening the PDFs again (same regions, same pixels).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../../src/pipeline/run.js';
import { processDocumentDetailed } from '../../src/pipeline/process-document.js';
import { resolveOptions } from '../../src/pipeline/options.js';
import { cropKey, flagCropRequests, writeReport } from '../../src/review/index.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-crops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PDF = 'samples/jiujiang-2022-self-eval-report-faulty.pdf';

describe('crops made in the worker', () => {
  it('come with a flagged PDF when a report is wanted, one per crop the report shows', async () => {
    const input = { path: PDF, docId: 'jiujiang' };
    const withReport = await processDocumentDetailed(input, resolveOptions({ inProcess: true }));
    expect(withReport.record.flags.length).toBeGreaterThan(0);
    const wanted = withReport.record.flags.flatMap((f) => flagCropRequests(f).map((r) => cropKey(r.page, r.boxes)));
    expect(wanted.length).toBeGreaterThan(0);
    expect(Object.keys(withReport.crops ?? {}).sort()).toEqual([...new Set(wanted)].sort());
    for (const b64 of Object.values(withReport.crops!)) expect(Buffer.from(b64, 'base64').toString('latin1', 8, 12)).toBe('WEBP');
    const without = await processDocumentDetailed(input, resolveOptions({ inProcess: true, report: false }));
    expect(without.crops).toBeUndefined();
    expect(without.record).toEqual(withReport.record);
  }, 120_000);

  it('give the same report as opening the PDFs again, and leave no .crops folder', async () => {
    const inDir = join(dir, 'in');
    mkdirSync(inDir);
    copyFileSync(PDF, join(inDir, 'a.pdf'));
    copyFileSync('samples/hongshan-2019-self-eval-report-rebuilt.pdf', join(inDir, 'b.pdf'));
    const out = join(dir, 'out');
    const res = await runBatch([inDir], out, { inProcess: true, concurrency: 1, xlsx: false });
    expect(readdirSync(out)).not.toContain('.crops');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const again = join(dir, 'again');
    mkdirSync(again);
    await writeReport(again, res.records);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('data:image/webp;base64,');
    expect(readFileSync(join(again, 'report.html'), 'utf8')).toBe(html);
  }, 240_000);
});
