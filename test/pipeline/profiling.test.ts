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
import { profilingArgs, tierUpArgs, WORKER_GC_ARGS, workerV8Args } from '../../src/pipeline/runner.js';

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
    const tierUp = tierUpArgs();
    expect(workerV8Args(2, 'never', 2)).toEqual([...WORKER_GC_ARGS, '--single-threaded-gc', ...tierUp]);
    expect(workerV8Args(4, 'never', 2)).toContain('--single-threaded-gc');
    expect(workerV8Args(1, 'never', 2)).toEqual([...WORKER_GC_ARGS, ...tierUp]);
    // a run that may OCR keeps V8's collector threads (the flag cost ~230 MB peak on scans)
    expect(workerV8Args(2, 'auto', 2)).toEqual([...WORKER_GC_ARGS, ...tierUp]);
    expect(workerV8Args(2, 'always', 2)).toEqual([...WORKER_GC_ARGS, ...tierUp]);
  });

  it('the tier-up flag is the one this V8 knows, and the running node starts with every worker flag', () => {
    expect(tierUpArgs('11.3.244.8-node.33')).toEqual(['--interrupt-budget=540672']);
    expect(tierUpArgs('12.4.254.21-node.33')).toEqual(['--invocation-count-for-turbofan=24000']);
    expect(tierUpArgs('13.6.233.10-node.28')).toEqual(['--invocation-count-for-turbofan=24000']);
    // a flag V8 does not know stops node at start ("bad option"): the suite runs on every supported Node
    for (const ocr of ['never', 'auto'] as const) {
      const r = spawnSync(process.execPath, [...workerV8Args(2, ocr, 2), '-e', 'process.stdout.write("started")'], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('started');
    }
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
