/**
 * `node --cpu-prof` on the CLI profiles the worker processes too (the bench's profile of a
 * run includes the documents' own work, not only the parent's end-of-run writers): the
 * runner passes the parent's profiling flags on to each worker it forks.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profilingArgs, WORKER_GC_ARGS, workerV8Args } from '../../src/pipeline/runner.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-prof-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CPU profiles of the worker processes', () => {
  it('profilingArgs passes on --cpu-prof and its directory and interval, nothing else', () => {
    expect(profilingArgs(['--max-old-space-size=100'])).toEqual([]);
    expect(profilingArgs(['--cpu-prof-dir=/x'])).toEqual([]);
    expect(profilingArgs(['--inspect', '--cpu-prof', '--cpu-prof-dir=/tmp/p', '--cpu-prof-interval=500', '--no-warnings'])).toEqual([
      '--cpu-prof',
      '--cpu-prof-dir=/tmp/p',
      '--cpu-prof-interval=500',
    ]);
    expect(WORKER_GC_ARGS.every((a) => a.startsWith('--'))).toBe(true);
  });

  it('workers collect garbage on their own thread only when they fill every core on a born-digital run', () => {
    expect(workerV8Args(2, 'never', 2)).toEqual([...WORKER_GC_ARGS, '--single-threaded-gc']);
    expect(workerV8Args(4, 'never', 2)).toContain('--single-threaded-gc');
    expect(workerV8Args(1, 'never', 2)).toEqual([...WORKER_GC_ARGS]);
    // a run that may OCR keeps V8's collector threads (the flag cost ~230 MB peak on scans)
    expect(workerV8Args(2, 'auto', 2)).toEqual([...WORKER_GC_ARGS]);
    expect(workerV8Args(2, 'always', 2)).toEqual([...WORKER_GC_ARGS]);
  });

  it('a profiled run writes one profile per process, the worker’s with the document’s stages', () => {
    const cli = join(process.cwd(), 'dist', 'src', 'cli.js');
    expect(existsSync(cli)).toBe(true); // npx tsc -p tsconfig.json first
    const inDir = join(dir, 'in');
    mkdirSync(inDir);
    copyFileSync('samples/hongshan-2021-declaration-rebuilt.pdf', join(inDir, 'a.pdf'));
    const profDir = join(dir, 'prof');
    const r = spawnSync(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${profDir}`, cli, 'extract', inDir, '--out', join(dir, 'out'), '--quiet', '--concurrency', '1', '--no-report', '--no-xlsx'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    expect(files.length).toBe(2); // the CLI and its one worker
    const urls = files.map((f) => {
      const p = JSON.parse(readFileSync(join(profDir, f), 'utf8')) as { nodes: { callFrame: { url: string } }[] };
      return new Set(p.nodes.map((n) => n.callFrame.url));
    });
    // the worker's profile holds the layout and parsing of the document
    expect(urls.some((u) => [...u].some((x) => x.includes('/dist/src/layout/')) && [...u].some((x) => x.includes('/dist/src/forms/')))).toBe(true);
  }, 120_000);
});
