/**
 * Robustness run over pdf.js's own test corpus (odd and broken PDFs), not part of CI:
 *
 *   node dist/scripts/pdfjs-corpus.js [<folder>=/tmp/pdfjs-corpus/test/pdfs] [--concurrency 2] [--max-memory MB]
 *
 * Get the corpus without committing it: fetch the repository github:mozilla/pdf.js, then
 * `git --git-dir <repo> ls-tree HEAD test/pdfs/` and `git cat-file blob` each .pdf into the
 * folder (large files may be absent from a snapshot). Runs `jixiao extract --ocr never` on it
 * and reports: files, rows of documents.csv, statuses, the most common errors, wall time, and
 * peak RSS of the whole process tree (the CLI and its worker processes, summed, sampled every
 * 50 ms from /proc). Fails (exit 1) unless every input file is exactly one row with a status,
 * and a one-line error wherever the status is not ok.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident set of a process and all its descendants, in kB. */
export function treeRssKb(pid: number): number {
  return rssKb(pid) + children(pid).reduce((s, c) => s + treeRssKb(c), 0);
}

/** RFC 4180 rows of a CSV text (BOM stripped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { concurrency: { type: 'string', default: '2' }, 'max-memory': { type: 'string' }, keep: { type: 'boolean' } } });
  const folder = positionals[0] ?? '/tmp/pdfjs-corpus/test/pdfs';
  if (!existsSync(folder)) throw new Error(`no corpus at ${folder} (see the comment at the top of this script)`);
  const files = readdirSync(folder).filter((f) => ['.pdf', '.txt'].includes(extname(f).toLowerCase()));
  const out = mkdtempSync(join(tmpdir(), 'jixiao-pdfjs-corpus-'));
  const args = [CLI, 'extract', folder, '--out', out, '--ocr', 'never', '--concurrency', String(values.concurrency), '--quiet', '--no-report', '--no-xlsx'];
  if (values['max-memory']) args.push('--max-memory', String(values['max-memory']));
  const started = Date.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid!))), 50);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearInterval(timer);
  const wall = (Date.now() - started) / 1000;

  const rows = parseCsv(readFileSync(join(out, 'documents.csv'), 'utf8'));
  const header = rows[0];
  const col = (n: string) => header.indexOf(n);
  const docs = rows.slice(1).map((r) => ({ source: r[col('source_file')], status: r[col('status')], error: r[col('error')] }));
  const bySource = new Map<string, number>();
  for (const d of docs) bySource.set(d.source, (bySource.get(d.source) ?? 0) + 1);
  const problems: string[] = [];
  for (const f of files) if (bySource.get(join(folder, f)) !== 1) problems.push(`${f}: ${bySource.get(join(folder, f)) ?? 0} rows`);
  for (const d of docs) {
    if (!['ok', 'partial', 'failed'].includes(d.status)) problems.push(`${d.source}: status '${d.status}'`);
    if (d.status !== 'ok' && (!d.error || /[\r\n]/.test(d.error))) problems.push(`${d.source}: ${d.status} without a one-line error`);
  }
  const statuses: Record<string, number> = {};
  for (const d of docs) statuses[d.status] = (statuses[d.status] ?? 0) + 1;
  const reasons = new Map<string, number>();
  for (const d of docs) if (d.status === 'failed') {
    const k = d.error.replace(/\d+(\.\d+)?/g, 'N').slice(0, 80);
    reasons.set(k, (reasons.get(k) ?? 0) + 1);
  }
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(`pdf.js corpus: ${files.length} files in ${folder}; extract --ocr never --concurrency ${values.concurrency}${values['max-memory'] ? ` --max-memory ${values['max-memory']}` : ''}`);
  say(`exit ${code}, ${docs.length} rows (${Object.entries(statuses).map(([k, v]) => `${v} ${k}`).join(', ')}), ${wall.toFixed(1)} s, peak RSS of the process tree ${(peak / 1024).toFixed(0)} MB`);
  say('most common failures:');
  for (const [k, v] of [...reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) say(`  ${v} × ${k}`);
  if (problems.length) {
    say(`PROBLEMS (${problems.length}):`);
    for (const p of problems.slice(0, 30)) say(`  ${p}`);
    if (code !== 0 && code !== 1) say(stderr.slice(-2000));
  } else say('every file is exactly one row with a status, and a one-line error where not ok');
  if (!values.keep) rmSync(out, { recursive: true, force: true });
  else say(`output kept in ${out}`);
  process.exitCode = problems.length || (code !== 0 && code !== 1) ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`pdfjs-corpus: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
