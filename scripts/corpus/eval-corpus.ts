/**
 * Extracts the generated corpus and evaluates it, part by part (dev, heldout, and the scanned
 * twins when present), with the figures of scripts/eval.ts (per family, producer and flag code).
 *
 *   npm run eval:corpus
 *   node dist/scripts/corpus/eval-corpus.js [--corpus corpus] [--out <dir>] [--parts dev,heldout,scan]
 *                                           [--concurrency 2] [--json <file>] [--skip-extract]
 *                                           [--pdf-engine pdfjs|pdfium]
 *
 * The output folder defaults to <tmpdir>/jixiao-corpus-eval; the JSON report goes to
 * <out>/eval.json. Exit 0 whatever the figures; 2 on bad usage; 1 if extraction itself failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateParts, formatParts, partsJson } from '../eval.js';

const CLI = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'src', 'cli.js');

function main(argv: string[]): number {
  const opt = (name: string, dflt: string): string => {
    const k = argv.indexOf(name);
    return k >= 0 && argv[k + 1] ? argv[k + 1] : dflt;
  };
  const corpus = resolve(opt('--corpus', 'corpus'));
  const out = resolve(opt('--out', join(tmpdir(), 'jixiao-corpus-eval')));
  const parts = opt('--parts', 'dev,heldout,scan')
    .split(',')
    .filter((p) => existsSync(join(corpus, p, 'expected')));
  if (!parts.length) {
    console.error(`eval-corpus: no parts with an expected/ folder under ${corpus}`);
    return 2;
  }
  if (!argv.includes('--skip-extract')) {
    const args = [CLI, 'extract', ...parts.map((p) => join(corpus, p)), '--out', out, '--concurrency', opt('--concurrency', '2'), '--quiet', '--no-report', '--no-xlsx'];
    if (argv.includes('--pdf-engine')) args.push('--pdf-engine', opt('--pdf-engine', 'pdfjs'));
    console.error(`eval-corpus: node ${args.join(' ')}`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    console.error(`eval-corpus: extract exited ${r.status} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (r.status !== 0 && r.status !== 1) return 1;
  }
  const reports = evaluateParts(out, parts.map((p) => join(corpus, p, 'expected')), join(corpus, 'manifest.json'));
  console.log(formatParts(reports));
  const json = opt('--json', join(out, 'eval.json'));
  writeFileSync(json + '.tmp', JSON.stringify(partsJson(reports), null, 1) + '\n');
  renameSync(json + '.tmp', json);
  console.error(`eval-corpus: JSON report in ${json}; outputs in ${out}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
