/**
 * npm run bench — throughput and memory of the built CLI on a generated archive, against the
 * tools people would otherwise use.
 *
 *   node dist/scripts/bench/index.js [--docs 203] [--concurrency 1,2] [--pages 1000] [--keep]
 *     [--outputs all|data|both] [--no-profile] [--skip-scans] [--skip-tools]
 *     [--skip-queue | --only-queue] [--queue-levels 1,2,4]
 *
 * 1. Born-digital: copies the text-layer sample PDFs (samples/*.pdf except *-scan and
 *    *-outlined) under varied names into a temporary folder until there are --docs of them,
 *    runs `jixiao extract` at each concurrency, once with every output (report.html and
 *    jixiao.xlsx included) and once with `--no-report --no-xlsx`, and prints documents/s,
 *    pages/s and peak RSS: of the largest process (VmHWM from /proc of the CLI and its worker
 *    processes, and /usr/bin/time's maximum resident set when present) and of all of them
 *    together (the sum of their proportional set sizes, Pss from /proc/<pid>/smaps_rollup,
 *    so pages they share count once; sampled every 50 ms). pdftotext -layout (poppler) runs
 *    over the same files in the same run, one process per file, at the same concurrency;
 *    the ratio is jixiao's wall time over its (how many times slower). Then one run with
 *    every output at the highest concurrency under `node --cpu-prof` (the CLI passes the flag
 *    on to its worker processes: one profile per process), and the top ten
 *    functions by self time (profile.ts; --no-profile skips it).
 * 2. Scans (samples/*-scan.pdf): seconds per page when this build reads them by OCR (else
 *    "n/a: no OCR in this build"); native tesseract (chi_sim, OMP_THREAD_LIMIT=1, PSM 3) on the
 *    same pages rendered by pdftoppm at 200 dpi, and the ratio.
 * 3. --pages N (e.g. 1000): one batch of about N born-digital pages at the highest concurrency,
 *    with the peak RSS reached after ~100 pages and at the end (flat memory means these agree).
 *
 * Timings on a shared machine are noisy; run twice before believing a difference under 10%.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { profileCli } from './profile.js';
import { benchQueue } from './queue.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..'); // dist/scripts/bench → project
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const SAMPLES = join(ROOT, 'samples');

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function pdfPages(path: string): number {
  const r = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
  const m = /Pages:\s+(\d+)/.exec(r.stdout ?? '');
  return m ? Number(m[1]) : 0;
}

function readKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Proportional set size (kB): the process' private pages plus its share of pages mapped by several (libraries, the node binary). */
function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : readKb(pid, 'VmRSS');
  } catch {
    return 0;
  }
}

/** The process ids under `pid` (children, grandchildren …), from /proc. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    try {
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const k of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
          out.push(Number(k));
          todo.push(Number(k));
        }
      }
    } catch {
      /* gone */
    }
  }
  return out;
}

function childPid(pid: number): number | null {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[0]) : null;
  } catch {
    return null;
  }
}

interface CliRun {
  wallS: number;
  /** Highest resident set of one process (the CLI or one of its workers). */
  peakMb: number;
  /** Highest sum of the proportional set sizes (Pss) of the CLI and its worker processes, sampled every 50 ms. */
  peakTotalMb: number;
  /** user + system CPU seconds of the CLI (all threads), when /usr/bin/time is there. */
  cpuS: number;
  code: number | null;
  /** VmHWM (MB) when the pages done first reached each checkpoint. */
  checkpoints: { pages: number; hwmMb: number; rssMb: number }[];
  docs: { doc_id: string; status: string; pages: number; text_source: string }[];
}

/** Run the built CLI, sampling the memory of the node process (threads included) every 50 ms. */
async function runCli(args: string[], pagesOf?: (jsonName: string) => number, marks: number[] = []): Promise<CliRun> {
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : process.execPath;
  const argv = useTime ? ['-f', 'maxrss_kb=%M cpu_s=%U+%S', process.execPath, CLI, ...args] : [CLI, ...args];
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let hwm = 0;
  let total = 0;
  let nodePid: number | null = useTime ? null : child.pid!;
  const out = args[args.indexOf('--out') + 1];
  const seen = new Set<string>();
  let pagesDone = 0;
  const pending = [...marks];
  const checkpoints: CliRun['checkpoints'] = [];
  const timer = setInterval(() => {
    if (nodePid === null && child.pid) nodePid = childPid(child.pid);
    if (nodePid === null) return;
    hwm = Math.max(hwm, readKb(nodePid, 'VmHWM'));
    const tree = [nodePid, ...descendants(nodePid)];
    total = Math.max(total, tree.reduce((s, p) => s + pssKb(p), 0));
    for (const p of tree.slice(1)) hwm = Math.max(hwm, readKb(p, 'VmHWM'));
    if (pagesOf && pending.length) {
      try {
        for (const f of readdirSync(join(out, 'json'))) {
          if (!f.endsWith('.json') || seen.has(f)) continue;
          seen.add(f);
          pagesDone += pagesOf(f);
        }
      } catch {
        /* not there yet */
      }
      while (pending.length && pagesDone >= pending[0]) {
        checkpoints.push({ pages: pagesDone, hwmMb: hwm / 1024, rssMb: readKb(nodePid, 'VmRSS') / 1024 });
        pending.shift();
      }
    }
  }, 50);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearInterval(timer);
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const timeKb = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1] ?? 0);
  const peakMb = Math.max(hwm, timeKb) / 1024;
  const cpu = /cpu_s=([\d.]+)\+([\d.]+)/.exec(stderr);
  const cpuS = cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN;
  const docs = readDocuments(join(out, 'documents.csv'));
  if (pagesOf && pending.length) checkpoints.push({ pages: docs.reduce((s, d) => s + d.pages, 0), hwmMb: peakMb, rssMb: NaN });
  for (const d of docs) if (d.status === 'failed') process.stdout.write(`  (failed: ${d.doc_id})\n`);
  return { wallS, peakMb, peakTotalMb: Math.max(total / 1024, peakMb), cpuS, code, checkpoints, docs };
}

function readDocuments(path: string): CliRun['docs'] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r\n/).filter(Boolean);
  const header = lines[0].split(',');
  const col = (n: string) => header.indexOf(n);
  // doc_id, source_file, sha256, status, doc_type, pages, text_source come before any quoted cell.
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return { doc_id: cells[col('doc_id')], status: cells[col('status')], pages: Number(cells[col('pages')] || 0), text_source: cells[col('text_source')] };
  });
}

/** Run `tool args(file)` over files, `concurrency` at a time; wall seconds. */
async function runEach(files: string[], concurrency: number, tool: string, args: (f: string, i: number) => string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      await new Promise<void>((resolve) => {
        const p = spawn(tool, args(files[i], i), { stdio: 'ignore', env: { ...process.env, ...env } });
        p.on('exit', () => resolve());
        p.on('error', () => resolve());
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

/**
 * Section 1: jixiao on the born-digital batch at each concurrency, with and without the report
 * and workbook, against pdftotext -layout on the same files at the same concurrency; then the
 * profile of one run with every output.
 */
async function bornDigital(
  files: string[],
  totalPages: number,
  batch: string,
  work: string,
  levels: number[],
  o: { pdftotext: boolean; outputs: boolean[]; profile: boolean; say: (s: string) => void },
): Promise<void> {
  const rows: string[][] = [['run', 'outputs', 'concurrency', 'docs', 'pages', 'wall s', 'docs/s', 'pages/s', 'CPU s (cores busy)', 'peak RSS MB (one process / all)', 'time vs pdftotext']];
  const toolRows: { c: number; s: number }[] = [];
  if (o.pdftotext) {
    const outTxt = join(work, 'pdftotext');
    mkdirSync(outTxt);
    await runEach(files.slice(0, 5), 1, 'pdftotext', (f, i) => ['-layout', f, join(outTxt, `warm${i}.txt`)]);
  }
  const pdftotextAt = async (c: number) => {
    const s = await runEach(files, c, 'pdftotext', (f, i) => ['-layout', f, join(work, 'pdftotext', `${i}.txt`)]);
    toolRows.push({ c, s });
    return s;
  };
  for (const c of levels) {
    for (const all of o.outputs) {
      // pdftotext right before each jixiao run: the same machine load for both
      const toolS = o.pdftotext ? await pdftotextAt(c) : NaN;
      const out = join(work, `out-c${c}${all ? '-all' : ''}`);
      const r = await runCli(['extract', batch, '--out', out, '--quiet', '--concurrency', String(c), ...(all ? [] : ['--no-report', '--no-xlsx'])]);
      const pages = r.docs.reduce((s, d) => s + d.pages, 0);
      const failed = r.docs.filter((d) => d.status === 'failed').length;
      const missing = all && (!existsSync(join(out, 'report.html')) || !existsSync(join(out, 'jixiao.xlsx')));
      rows.push([
        `jixiao${failed ? ` (${failed} failed!)` : ''}${missing ? ' (report/xlsx missing!)' : ''}`,
        all ? 'all (report+xlsx)' : 'data only',
        String(c),
        String(r.docs.length),
        String(pages),
        f1(r.wallS),
        f1(r.docs.length / r.wallS),
        f1(pages / r.wallS),
        `${f1(r.cpuS)} (${f2(r.cpuS / r.wallS)})`,
        `${f1(r.peakMb)} / ${f1(r.peakTotalMb)}`,
        Number.isFinite(toolS) ? `${f1(r.wallS / toolS)}× (pdftotext ${f2(toolS)} s, ${f1(totalPages / toolS)} pages/s)` : 'n/a',
      ]);
      rmSync(out, { recursive: true, force: true });
    }
  }
  for (const t of toolRows) rows.push(['pdftotext -layout', '-', String(t.c), String(files.length), String(totalPages), f1(t.s), f1(files.length / t.s), f1(totalPages / t.s), '-', '-', '1.0×']);
  o.say(table(rows));
  if (o.profile) {
    const out = join(work, 'out-prof');
    const c = Math.max(...levels);
    const p = await profileCli(CLI, ['extract', batch, '--out', out, '--quiet', '--concurrency', String(c)], ROOT, work);
    o.say(`\nprofile: one run with every output, concurrency ${c}, ${p.threads} process profile(s) (the CLI and its workers), ${f1(p.totalMs / 1000)} s sampled (idle excluded); top ten by self time:`);
    o.say(table([['self ms', 'share', 'function'], ...p.top.map((t) => [f1(t.ms), `${f1(t.share * 100)}%`, t.name])]));
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '203' },
      concurrency: { type: 'string', default: '1,2' },
      pages: { type: 'string' },
      keep: { type: 'boolean' },
      'skip-tools': { type: 'boolean' },
      'no-profile': { type: 'boolean' },
      'skip-scans': { type: 'boolean' },
      /** Born-digital runs: 'all' (every output), 'data' (--no-report --no-xlsx) or 'both'. */
      outputs: { type: 'string', default: 'both' },
      'skip-queue': { type: 'boolean' },
      /** Queue section only (skips the born-digital runs), e.g. with --queue-levels 1,2. */
      'only-queue': { type: 'boolean' },
      'queue-levels': { type: 'string', default: '1,2,4' },
    },
  });
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js missing: npm run build');
  const nDocs = Math.max(1, Number(values.docs));
  const levels = String(values.concurrency).split(',').map(Number).filter((n) => n >= 1);
  const work = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(`jixiao bench — ${new Date().toISOString()} — node ${process.version}, ${readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length} cores; work folder ${work}`);

  const all = readdirSync(SAMPLES).filter((f) => f.endsWith('.pdf')).sort();
  const born = all.filter((f) => !/-(scan|outlined)\.pdf$/.test(f));
  const scans = all.filter((f) => /-scan\.pdf$/.test(f));
  const pagesOfSample = new Map(all.map((f) => [f, pdfPages(join(SAMPLES, f))]));

  // ── 1. born-digital batch ─────────────────────────────────────────────────────────────
  const batch = join(work, 'born');
  mkdirSync(batch);
  const files: string[] = [];
  const pageOfCopy = new Map<string, number>();
  for (let i = 0; files.length < nDocs; i++) {
    const s = born[i % born.length];
    const name = `${String(Math.floor(i / born.length) + 1).padStart(3, '0')}-${i % 3 === 0 ? '附件-' : ''}${s}`;
    copyFileSync(join(SAMPLES, s), join(batch, name));
    files.push(join(batch, name));
    pageOfCopy.set(name.replace(/\.pdf$/, '.json'), pagesOfSample.get(s) ?? 0);
  }
  const totalPages = [...pageOfCopy.values()].reduce((a, b) => a + b, 0);
  say(`\nborn-digital batch: ${files.length} PDFs, ${totalPages} pages (copies of ${born.length} samples)`);

  if (!values['only-queue']) await bornDigital(files, totalPages, batch, work, levels, {
    pdftotext: !values['skip-tools'] && has('pdftotext'),
    outputs: values.outputs === 'all' ? [true] : values.outputs === 'data' ? [false] : [false, true],
    profile: !values['no-profile'],
    say,
  });

  // ── queue: the same batch through Redis (scripts/bench/queue.ts) ─────────────────────────
  const queueLevels = String(values['queue-levels']).split(',').map(Number).filter((n) => n >= 1);
  if (!values['skip-queue']) await benchQueue({ batch, docs: files.length, pages: totalPages, work, cli: CLI, root: ROOT, say, levels: queueLevels });
  if (values['only-queue']) {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
    return;
  }

  // ── 2. scans ──────────────────────────────────────────────────────────────────────────
  if (!values['skip-scans']) await scanSection(scans, pagesOfSample, work, levels, values['skip-tools'] === true, say);

  // ── 3. flat memory over a long batch ──────────────────────────────────────────────────
  if (values.pages) await flatMemory(Number(values.pages), born, pagesOfSample, work, levels, say);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

/** Section 2: OCR seconds per page on the scanned samples, against native tesseract. */
async function scanSection(scans: string[], pagesOfSample: Map<string, number>, work: string, levels: number[], skipTools: boolean, say: (s: string) => void): Promise<void> {
  say(`\nscanned batch: ${scans.length ? scans.join(', ') : 'no samples/*-scan.pdf'}`);
  const scanRows: string[][] = [['run', 'concurrency', 'pages', 'wall s', 's/page', 'peak RSS MB', 'vs native tesseract']];
  let tessSpp = NaN;
  const scanPages = scans.reduce((s, f) => s + (pagesOfSample.get(f) ?? 0), 0);
  if (scans.length && !skipTools && has('tesseract') && has('pdftoppm')) {
    const img = join(work, 'scan-png');
    mkdirSync(img);
    const t0 = process.hrtime.bigint();
    for (const s of scans) spawnSync('pdftoppm', ['-r', '200', '-gray', '-png', join(SAMPLES, s), join(img, basename(s, '.pdf'))]);
    const renderS = Number(process.hrtime.bigint() - t0) / 1e9;
    const pngs = readdirSync(img).filter((f) => f.endsWith('.png')).map((f) => join(img, f));
    const s = await runEach(pngs, 1, 'tesseract', (f) => [f, `${f}.out`, '-l', 'chi_sim', '--psm', '3'], { OMP_THREAD_LIMIT: '1' });
    tessSpp = s / pngs.length;
    scanRows.push(['native tesseract chi_sim (OMP_THREAD_LIMIT=1)', '1', String(pngs.length), f1(s), f2(tessSpp), '-', '1.00×']);
    say(`(pdftoppm -r 200 rendering, not counted above: ${f2(renderS / Math.max(1, pngs.length))} s/page)`);
  }
  if (scans.length) {
    const scanDir = join(work, 'scans');
    mkdirSync(scanDir);
    for (const s of scans) copyFileSync(join(SAMPLES, s), join(scanDir, s));
    for (const c of levels) {
      const out = join(work, `scan-out-c${c}`);
      const r = await runCli(['extract', scanDir, '--out', out, '--quiet', '--concurrency', String(c), '--no-report', '--no-xlsx', '--timeout', '1200']);
      const ocrDone = r.docs.some((d) => d.text_source === 'ocr' || d.text_source === 'mixed');
      if (!ocrDone) {
        scanRows.push(['jixiao', String(c), String(scanPages), f1(r.wallS), 'n/a: no OCR in this build', f1(r.peakMb), 'n/a']);
        break;
      }
      const pages = r.docs.reduce((s, d) => s + d.pages, 0);
      const spp = r.wallS / pages;
      scanRows.push(['jixiao (default engine)', String(c), String(pages), f1(r.wallS), f2(spp), f1(r.peakMb), Number.isFinite(tessSpp) ? `${f2(spp / tessSpp)}× the time` : 'n/a']);
    }
    say(table(scanRows));
  }
}

/** Section 3: one batch of about `want` born-digital pages; peak RSS at checkpoints (flat memory: they agree). */
async function flatMemory(want: number, born: string[], pagesOfSample: Map<string, number>, work: string, levels: number[], say: (s: string) => void): Promise<void> {
  {
    const dir = join(work, 'long');
    mkdirSync(dir);
    const pagesOf = new Map<string, number>();
    let pages = 0;
    for (let i = 0; pages < want; i++) {
      const s = born[i % born.length];
      const name = `${String(i).padStart(5, '0')}-${s}`;
      copyFileSync(join(SAMPLES, s), join(dir, name));
      pagesOf.set(name.replace(/\.pdf$/, '.json'), pagesOfSample.get(s) ?? 0);
      pages += pagesOfSample.get(s) ?? 0;
    }
    const c = Math.max(...levels);
    const marks = [100, Math.round(want / 4), Math.round(want / 2), Math.round((3 * want) / 4)].filter((m, i, a) => m < want && a.indexOf(m) === i).sort((a, b) => a - b);
    say(`\nflat memory: ${pagesOf.size} PDFs, ${pages} pages, concurrency ${c}`);
    const r = await runCli(['extract', dir, '--out', join(work, 'long-out'), '--quiet', '--concurrency', String(c), '--no-report', '--no-xlsx'], (f) => pagesOf.get(f) ?? 0, [...marks, pages]);
    const memRows: string[][] = [['pages done', 'peak RSS so far MB', 'RSS now MB']];
    for (const cp of r.checkpoints) memRows.push([String(cp.pages), f1(cp.hwmMb), f1(cp.rssMb)]);
    memRows.push([`${r.docs.reduce((s, d) => s + d.pages, 0)} (end)`, f1(r.peakMb), '-']);
    say(table(memRows));
    say(`wall ${f1(r.wallS)} s, ${f1(pages / r.wallS)} pages/s`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
