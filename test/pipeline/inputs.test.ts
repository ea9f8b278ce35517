import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assignDocIds, collectInputs } from '../../src/pipeline/inputs.js';
import { detectBackend, oneLine } from '../../src/pipeline/process-document.js';

describe('assignDocIds', () => {
  it('uses the file name without extension', () => {
    expect(assignDocIds(['a/report.pdf', 'b/decl.txt']).map((i) => i.docId)).toEqual(['report', 'decl']);
  });
  it('disambiguates shared names by extension, then by number, deterministically', () => {
    const ids = assignDocIds(['x/report.pdf', 'x/report.txt', 'y/report.pdf']).map((i) => i.docId);
    expect(ids).toEqual(['report-pdf', 'report-txt', 'report-pdf-2']);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('collectInputs', () => {
  it('walks folders in sorted order, keeps only .pdf and .txt, skips hidden entries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-inputs-'));
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, '.hidden'));
    for (const f of ['b.pdf', 'a.TXT', 'notes.md', 'sub/c.pdf', '.hidden/d.pdf']) writeFileSync(join(dir, f), 'x');
    const got = (await collectInputs([dir])).map((i) => i.path.slice(dir.length + 1));
    expect(got).toEqual(['a.TXT', 'b.pdf', 'sub/c.pdf']);
  });
  it('follows symbolic links to files and folders, skips broken ones, and walks a link back up the tree once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-inputs-'));
    const store = join(root, 'store');
    const dir = join(root, 'batch');
    mkdirSync(join(store, 'sub'), { recursive: true });
    mkdirSync(dir);
    writeFileSync(join(store, 'a.pdf'), 'x');
    writeFileSync(join(store, 'sub', 'b.pdf'), 'x');
    symlinkSync(join(store, 'a.pdf'), join(dir, 'linked.pdf'));
    symlinkSync(join(store, 'sub'), join(dir, 'linked-folder'));
    symlinkSync(join(store, 'gone.pdf'), join(dir, 'broken.pdf'));
    symlinkSync(dir, join(dir, 'loop'));
    writeFileSync(join(dir, 'own.pdf'), 'x');
    const got = (await collectInputs([dir])).map((i) => i.path.slice(dir.length + 1));
    expect(got).toEqual(['linked-folder/b.pdf', 'linked.pdf', 'own.pdf']);
  });
  it('takes a file named explicitly whatever its extension, and refuses a missing path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-inputs-'));
    writeFileSync(join(dir, 'odd.doc'), 'x');
    expect((await collectInputs([join(dir, 'odd.doc')])).length).toBe(1);
    await expect(collectInputs([join(dir, 'missing.pdf')])).rejects.toThrow(/no such file/);
  });
});

describe('detectBackend', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('trusts the %PDF- header over the extension', () => {
    expect(detectBackend('x.txt', bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(detectBackend('x.txt', bytes('项目名称'))).toBe('plain_text');
  });
  it('refuses an empty file and a non-PDF named .pdf with one-line reasons', () => {
    expect(() => detectBackend('x.pdf', new Uint8Array())).toThrow('empty file');
    expect(() => detectBackend('x.pdf', bytes('hello'))).toThrow('not a PDF');
  });
  it('oneLine folds a multi-line message', () => {
    expect(oneLine(new Error('a\n  b'))).toBe('a b');
  });
});
