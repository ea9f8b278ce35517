/**
 * Interrupted runs: kill -9 mid-batch and Ctrl-C (SIGINT), then --resume into the same
 * folder, end with the same files, byte for byte, as an uninterrupted run; Ctrl-C leaves
 * every file whole and exits 130. Runs the built CLI (real worker threads).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile } from '../helpers/csv.js';
import { contractProblems } from '../helpers/contract.js';
import { diffFolders, listFiles, sampleBatch, spawnCli, waitForFiles } from './batch-helpers.js';

const dir = sampleBatch(7, 'jixiao-resume-'); // 49 documents
const input = join(dir, 'in');
const full = join(dir, 'full');

beforeAll(async () => {
  const r = await spawnCli(['extract', input, '--out', full, '--quiet', '--concurrency', '2']).exit;
  expect(r.code).toBe(0);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resume', () => {
  it('the uninterrupted run wrote every document and a resume journal', () => {
    expect(readCsvFile(join(full, 'documents.csv')).rows.length).toBe(49);
    expect(readdirSync(join(full, 'json')).length).toBe(49);
    expect(existsSync(join(full, '.jixiao-resume'))).toBe(true);
    expect(contractProblems(full)).toEqual([]);
  });

  it('after kill -9 mid-batch, --resume ends byte-identical to an uninterrupted run and reuses what was done', async () => {
    const out = join(dir, 'killed');
    const child = spawnCli(['extract', input, '--out', out, '--quiet', '--concurrency', '2']);
    const seen = await waitForFiles(join(out, 'json'), 8, child);
    child.proc.kill('SIGKILL');
    const first = await child.exit;
    expect(first.signal).toBe('SIGKILL');
    expect(seen).toBeLessThan(49); // really interrupted
    expect(existsSync(join(out, 'documents.csv'))).toBe(false); // CSVs come at the end
    const kept = readdirSync(join(out, 'json')).filter((f) => f.endsWith('.json')).length;
    expect(kept).toBeGreaterThanOrEqual(8);

    const again = await spawnCli(['extract', input, '--out', out, '--resume', '--concurrency', '2']).exit;
    expect(again.code).toBe(0);
    const reused = Number(/\((\d+) reused by --resume\)/.exec(again.stderr)?.[1] ?? 0);
    expect(reused).toBeGreaterThanOrEqual(Math.min(kept, 8) - 2);
    expect(diffFolders(full, out)).toEqual([]);
  }, 300_000);

  it('Ctrl-C stops, writes whole CSV files for what is done, exits 130; --resume then completes identically', async () => {
    const out = join(dir, 'sigint');
    const child = spawnCli(['extract', input, '--out', out, '--concurrency', '2']);
    await waitForFiles(join(out, 'json'), 6, child);
    child.proc.kill('SIGINT');
    const r = await child.exit;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: \d+ of 49 document\(s\)/);
    expect(listFiles(out).filter((f) => /\.tmp-/.test(f))).toEqual([]);
    const docs = readCsvFile(join(out, 'documents.csv')).rows;
    expect(docs.length).toBeGreaterThanOrEqual(6);
    expect(docs.length).toBeLessThan(49);
    for (const d of docs) expect(existsSync(join(out, 'json', `${d.doc_id}.json`))).toBe(true);
    for (const f of readdirSync(join(out, 'json'))) expect(() => JSON.parse(readFileSync(join(out, 'json', f), 'utf8'))).not.toThrow();

    const again = await spawnCli(['extract', input, '--out', out, '--resume', '--quiet']).exit;
    expect(again.code).toBe(0);
    expect(diffFolders(full, out)).toEqual([]);
  }, 300_000);

  it('a second Ctrl-C quits at once, and the files there are whole', async () => {
    const out = join(dir, 'sigint2');
    const child = spawnCli(['extract', input, '--out', out, '--concurrency', '2']);
    await waitForFiles(join(out, 'json'), 3, child);
    child.proc.kill('SIGINT');
    child.proc.kill('SIGINT');
    const r = await child.exit;
    expect([130, null]).toContain(r.code);
    for (const f of readdirSync(join(out, 'json')).filter((f) => f.endsWith('.json'))) {
      expect(() => JSON.parse(readFileSync(join(out, 'json', f), 'utf8'))).not.toThrow();
    }
    if (existsSync(join(out, 'documents.csv'))) expect(() => readCsvFile(join(out, 'documents.csv'))).not.toThrow();
  }, 120_000);

  it('--resume over a finished folder reuses everything and changes nothing', async () => {
    const r = await spawnCli(['extract', input, '--out', full, '--resume']).exit;
    expect(r.stderr).toMatch(/\(49 reused by --resume\)/);
    expect(r.stderr).toMatch(/0 page\(s\) processed/);
  }, 120_000);

  it('does not reuse a json made with other OCR options', async () => {
    const out = join(dir, 'options');
    // ocr never vs auto: another fingerprint → nothing reused.
    await spawnCli(['extract', input, '--out', out, '--quiet', '--ocr', 'never']).exit;
    const r = await spawnCli(['extract', input, '--out', out, '--resume']).exit;
    expect(r.stderr).not.toMatch(/reused by --resume/);
    expect(diffFolders(full, out)).toEqual([]);
  }, 300_000);
});
