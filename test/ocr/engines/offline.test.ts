/**
 * Nothing is downloaded: both engines load and read a page in a child process where every
 * socket, DNS lookup, http(s) request and fetch throws (no-network.cjs, preloaded with
 * NODE_OPTIONS so that tesseract.js's worker threads get it too).
 */
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { EXPECTED, FIXTURES, shareExact } from './fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

/**
 * src/ocr/engines transpiled to ESM JavaScript under `dir`, with the one lower module it may use
 * (src/image: pixel buffers and the shared ink analysis) at the same relative place and a link to
 * node_modules: nothing else of the project (src/ocr/index.ts, the model, layout) is there.
 * Returns the engines' folder.
 */
function transpileEngines(dir: string): string {
  const walk = (from: string, to: string): void => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(from, entry.name), path.join(to, entry.name));
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const js = ts.transpileModule(readFileSync(path.join(from, entry.name), 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        }).outputText;
        mkdirSync(to, { recursive: true });
        writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), js);
      }
    }
  };
  for (const part of ['src/ocr/engines', 'src/image']) walk(path.join(root, part), path.join(dir, part));
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return path.join(dir, 'src/ocr/engines');
}

describe('offline', () => {
  test('both engines work with the network blocked', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-ocr-offline-'));
    try {
      const engines = transpileEngines(dir);
      const child = path.join(dir, 'offline-child.mjs');
      writeFileSync(child, readFileSync(path.join(here, 'offline-child.mjs')));
      const preload = path.join(here, 'no-network.cjs');
      // the preload must be proven to bite: a fetch in the child fails
      const probe = await promisify(execFile)(process.execPath, ['-e', 'fetch("http://example.com").catch(e => console.log(e.message))'], {
        env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(preload)}` },
      }).catch((e: { stdout: string; stderr: string }) => e);
      expect(`${probe.stdout}${probe.stderr}`).toMatch(/network blocked|NETWORK ATTEMPT/);

      const { stdout, stderr } = await promisify(execFile)(process.execPath, [child, engines, path.join(FIXTURES, 'form.png')], {
        cwd: dir,
        env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(preload)}` },
        maxBuffer: 16 << 20,
        timeout: 60_000,
      });
      expect(stderr).not.toMatch(/NETWORK ATTEMPT/);
      const out = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string[]>;
      expect(out.ppocr).toEqual(EXPECTED['form.png']);
      const words = out.tesseract.map((text) => ({ text, box: { x0: 0, y0: 0, x1: 1, y1: 1 }, confidence: 1 }));
      expect(shareExact(words, EXPECTED['form.png'])).toBeGreaterThanOrEqual(0.6);
      // tesseract.js with cacheMethod 'none' writes no unpacked language data into the working directory
      expect(readdirSync(dir).filter((f) => f.endsWith('.traineddata'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
