/**
 * npm run bench — throughput and memory of the built CLI on a generated archive, against the
 * tools people would otherwise use.
 *
 *   node dist/scripts/bench/index.js [--docs 203] [--concurrency 1,2] [--pages 1000] [--keep]
 *     [--outputs all|data|both] [--no-profile] [--skip-scans] [--skip-tools]
 *     [--skip-queue | --only-queue] [--queue-levels 1,2,4] [--scan-dir <folder>] [--scans-only] [--help]
 *
 * 1. Born-digital: copies the text-layer sample PDFs (samples/*.pdf except *-scan and
 *    *-outlined) under varied names into a temporary folder until there are --docs of them,
 *    runs `jixiao extract` at each concurrency, once with every output (report.html and
 *    jixiao.xlsx included) and once with `--no-report --no-xlsx`, and prints documents/s,
 *    pages/s, where the wall time went (seconds to the first json/ file: start-up; between the
 *    first and the last: the documents; after the last: the end-of-run writers), CPU seconds
 *    of the whole run and of the CLI process alone (main thread and report thread; the rest is
 *    its worker processes') and peak RSS: of the largest process (VmHWM from /proc of the CLI and its worker
 *    processes, and /usr/bin/time's maximum resident set when present) and of all of them
 *    together (the sum of their proportional set sizes, Pss from /proc/<pid>/smaps_rollup,
 *    so pages they share count once; sampled every 50 ms). pdftotext -layout (poppler) runs
 *    over the same files in the same run, one process per file, at the same concurrency;
 *    the ratio is jixiao's wall time over its (how many times slower). Then one run with
 *    every output at the highest concurrency under `node --cpu-prof` (the CLI passes the flag
 *    on to its worker processes: one profile per process), and the top ten
 *    functions by self time (profile.ts; --no-profile skips it).
 * 2. Scans (samples/*-scan.pdf, or every PDF of --scan-dir, e.g. corpus/scan): at each
 *    concurrency, native tesseract (chi_sim, OMP_THREAD_LIMIT=1, PSM 3, one process per page,
 *    as many at a time as the concurrency) on the same pages' embedded images (pdfimages, own
 *    resolution), then `jixiao extract` end to end; seconds and CPU seconds per page (jixiao's
 *    worker processes included), peak RSS of jixiao's whole process tree (summed) and of its
 *    largest process, and both ratios to tesseract. --scans-only runs this section alone.
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

const USAGE = `npm run bench [-- options]   (node dist/scripts/bench/index.js [options])
  --docs N             born-digital batch size (default 203)
  --concurrency 1,2    concurrency levels (default 1,2)
  --outputs all|data|both   born-digital runs with report+xlsx, without, or both (default both)
  --no-profile         skip the CPU-profiled run
  --skip-queue         skip the queue section
  --only-queue         the queue section alone (no born-digital runs)
  --queue-levels 1,2,4 worker processes for the queue section
  --skip-scans         skip the scan section
  --scans-only         run the scan section alone
  --scan-dir <folder>  scanned PDFs to time (default samples/*-scan.pdf; e.g. corpus/scan)
  --skip-tools         no pdftotext / tesseract comparisons
  --pages N            add a flat-memory run of about N born-digital pages
  --keep               keep the work folder
Scan section: seconds and CPU seconds per scanned page end to end at each concurrency, peak RSS
of all jixiao processes (summed) and of the largest one, against native tesseract (chi_sim,
OMP_THREAD_LIMIT=1, one process per core) on the same page images in the same run.
`;

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

let clockTicks = 0;

/** user + system CPU seconds a process has used so far (all its threads, not its children), from /proc/<pid>/stat; NaN when gone. */
function cpuSecondsOf(pid: number): number {
  if (!clockTicks) clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / clockTicks;
  } catch {
    return NaN;
  }
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
  /**
   * CPU seconds of the CLI process alone (its main thread and the report's thread, not its
   * worker processes), last sampled at most 50 ms before it exited; `cpuS` minus this is the
   * workers'.
   */
  cliCpuS: number;
  code: number | null;
  /** Seconds from the start to the first json/ file, and from the first to the `expectDocs`-th (NaN when not watched). */
  firstDocS: number;
  docsS: number;
  /** Seconds after the last json/ file until the CLI exited: the end-of-run writers (links, CSV, sqlite, report, xlsx). */
  tailS: number;
  /** VmHWM (MB) when the pages done first reached each checkpoint. */
  checkpoints: { pages: number; hwmMb: number; rssMb: number }[];
  docs: { doc_id: string; status: string; pages: number; text_source: string }[];
}

/** Run the built CLI, sampling the memory of the node process (threads included) every 50 ms. */
async function runCli(args: string[], pagesOf?: (jsonName: string) => number, marks: number[] = [], expectDocs = 0): Promise<CliRun> {
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
  let firstAt = NaN, lastAt = NaN;
  let cliCpuS = NaN;
  const timer = setInterval(() => {
    if (expectDocs > 0 && Number.isNaN(lastAt)) {
      let n = 0;
      try {
        for (const f of readdirSync(join(out, 'json'))) if (f.endsWith('.json')) n++;
      } catch {
        /* not there yet */
      }
      const now = process.hrtime.bigint();
      if (n > 0 && Number.isNaN(firstAt)) firstAt = Number(now - started) / 1e9;
      if (n >= expectDocs) lastAt = Number(now - started) / 1e9;
    }
    if (nodePid === null && child.pid) nodePid = childPid(child.pid);
    if (nodePid === null) return;
    const own = cpuSecondsOf(nodePid);
    if (Number.isFinite(own)) cliCpuS = own;
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
  return { wallS, peakMb, peakTotalMb: Math.max(total / 1024, peakMb), cpuS, cliCpuS, code, checkpoints, docs, firstDocS: firstAt, docsS: lastAt - firstAt, tailS: wallS - lastAt };
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
  const rows: string[][] = [['run', 'outputs', 'concurrency', 'docs', 'pages', 'wall s', 'docs/s', 'pages/s', 'CPU s (cores busy; CLI process / workers)', 'peak RSS MB (one process / all)', 'first doc / docs / end s', 'time vs pdftotext']];
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
      const r = await runCli(['extract', batch, '--out', out, '--quiet', '--concurrency', String(c), ...(all ? [] : ['--no-report', '--no-xlsx'])], undefined, [], files.length);
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
        `${f1(r.cpuS)} (${f2(r.cpuS / r.wallS)}; ${f1(r.cliCpuS)} / ${f1(r.cpuS - r.cliCpuS)})`,
        `${f1(r.peakMb)} / ${f1(r.peakTotalMb)}`,
        `${f2(r.firstDocS)} / ${f1(r.docsS)} / ${f2(r.tailS)}`,
        Number.isFinite(toolS) ? `${f1(r.wallS / toolS)}× (pdftotext ${f2(toolS)} s, ${f1(totalPages / toolS)} pages/s)` : 'n/a',
      ]);
      rmSync(out, { recursive: true, force: true });
    }
  }
  for (const t of toolRows) rows.push(['pdftotext -layout', '-', String(t.c), String(files.length), String(totalPages), f1(t.s), f1(files.length / t.s), f1(totalPages / t.s), '-', '-', '-', '1.0×']);
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
      /** Scanned PDFs to time instead of samples/*-scan.pdf (e.g. corpus/scan). */
      'scan-dir': { type: 'string' },
      /** Only the scan section (no born-digital batch, queue or profile). */
      'scans-only': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
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
  if (!values['scans-only']) {
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
  }

  // ── 2. scans ──────────────────────────────────────────────────────────────────────────
  if (!values['skip-scans']) {
    const scanDir = values['scan-dir'] ? String(values['scan-dir']) : null;
    const scanFiles = scanDir ? readdirSync(scanDir).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(scanDir, f)) : scans.map((f) => join(SAMPLES, f));
    await scanSection(scanFiles, work, levels, values['skip-tools'] === true, say);
  }

  // ── 3. flat memory over a long batch ──────────────────────────────────────────────────
  if (values.pages) await flatMemory(Number(values.pages), born, pagesOfSample, work, levels, say);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

/** Resident set (kB) of a process and of all its descendants, from /proc (Linux). */
export function treeRssKb(pid: number): { sum: number; max: number } {
  let sum = 0;
  let max = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    const kb = readKb(p, 'VmRSS');
    sum += kb;
    max = Math.max(max, kb);
    try {
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/)) if (c) stack.push(Number(c));
      }
    } catch {
      /* gone */
    }
  }
  return { sum, max };
}

interface ScanRun {
  wallS: number;
  /** user + system CPU seconds, waited-for children (the worker processes) included. */
  cpuS: number;
  /** Peak of the summed resident sets of the CLI and all its worker processes (MB), sampled every 50 ms. */
  peakTreeMb: number;
  /** Peak resident set of the largest single process (MB). */
  peakOneMb: number;
  docs: CliRun['docs'];
}

/** The built CLI on a folder, with CPU time (children included) and the memory of its whole process tree. */
async function runCliTree(args: string[]): Promise<ScanRun> {
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : process.execPath;
  const argv = useTime ? ['-f', 'cpu_s=%U+%S', process.execPath, CLI, ...args] : [CLI, ...args];
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let peakTree = 0;
  let peakOne = 0;
  const timer = setInterval(() => {
    const m = treeRssKb(child.pid!);
    peakTree = Math.max(peakTree, m.sum);
    peakOne = Math.max(peakOne, m.max);
  }, 50);
  await new Promise<void>((r) => child.on('exit', () => r()));
  clearInterval(timer);
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = /cpu_s=([\d.]+)\+([\d.]+)/.exec(stderr);
  const out = args[args.indexOf('--out') + 1];
  const docs = readDocuments(join(out, 'documents.csv'));
  for (const d of docs) if (d.status === 'failed') process.stdout.write(`  (failed: ${d.doc_id})\n`);
  return { wallS, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, peakTreeMb: peakTree / 1024, peakOneMb: peakOne / 1024, docs };
}

/**
 * Run native `tesseract` over page images, `concurrency` processes at a time (OMP_THREAD_LIMIT=1:
 * one thread each); wall seconds and the user + system CPU seconds of all of them.
 */
async function tesseractEach(pages: { png: string; dpi: number }[], concurrency: number, work: string): Promise<{ wallS: number; cpuS: number }> {
  const useTime = existsSync('/usr/bin/time');
  const timings = join(work, `tess-times-c${concurrency}`);
  mkdirSync(timings, { recursive: true });
  const wallS = await runEach(
    pages.map((p) => p.png),
    concurrency,
    useTime ? '/usr/bin/time' : 'tesseract',
    (f, i) => [
      ...(useTime ? ['-f', '%U %S', '-o', join(timings, `${i}.txt`), 'tesseract'] : []),
      f,
      join(timings, `${i}.out`),
      '-l',
      'chi_sim',
      '--psm',
      '3',
      '--dpi',
      String(pages[i].dpi),
    ],
    { OMP_THREAD_LIMIT: '1' },
  );
  let cpuS = useTime ? 0 : NaN;
  if (useTime) {
    for (let i = 0; i < pages.length; i++) {
      const m = /([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(join(timings, `${i}.txt`), 'utf8'));
      cpuS += m ? Number(m[1]) + Number(m[2]) : NaN;
    }
  }
  return { wallS, cpuS };
}

/**
 * The page images of scanned PDFs as PNG, each with its resolution: the embedded images
 * (pdfimages) when every page is one, else the pages rendered at 200 dpi (pdftoppm): what
 * jixiao's OCR reads too.
 */
function scanImages(files: string[], dir: string): { png: string; dpi: number }[] {
  const out: { png: string; dpi: number }[] = [];
  files.forEach((f, k) => {
    const list = spawnSync('pdfimages', ['-list', f], { encoding: 'utf8' }).stdout ?? '';
    const dpis = list
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c.length > 13 && c[2] === 'image')
      .map((c) => Math.round(Number(c[12])) || 200);
    const prefix = join(dir, `s${String(k).padStart(3, '0')}`);
    const pages = pdfPages(f);
    // one full-page image per page (a scan): its own pixels; else (text drawn as outlines)
    // the page rendered at 200 dpi, as jixiao renders such pages
    const scanned = dpis.length === pages;
    if (scanned) spawnSync('pdfimages', ['-png', f, prefix]);
    else spawnSync('pdftoppm', ['-r', '200', '-png', f, prefix]);
    readdirSync(dir)
      .filter((p) => p.startsWith(basename(prefix)) && p.endsWith('.png'))
      .sort()
      .forEach((p, i) => out.push({ png: join(dir, p), dpi: scanned ? (dpis[i] ?? 200) : 200 }));
  });
  return out;
}

/**
 * Section 2: scanned PDFs (samples/*-scan.pdf, or every PDF of --scan-dir) read end to end by
 * `jixiao extract` at each concurrency, against native tesseract (chi_sim, OMP_THREAD_LIMIT=1,
 * PSM 3, one process per page, `concurrency` at a time) on the same pages' embedded images
 * (pdfimages, at their own resolution: the pixels jixiao reads), right before and right after
 * each jixiao run, so that both meet the same machine load: tesseract's figures are the mean of
 * the two runs, which bracket jixiao's (a shared machine's speed drifts by 20–40% over minutes;
 * one run before alone put the same build at 1.15× and at 1.30× on two days). Reports seconds
 * per page (wall), CPU seconds per page (user + system, jixiao's worker processes included), the
 * peak resident set of jixiao's whole
 * process tree (CLI + workers, summed, sampled every 50 ms) and of its largest process, and
 * both ratios to tesseract. Wall-clock ratios are noisy on a shared machine; CPU ratios much less.
 */
async function scanSection(scanFiles: string[], work: string, levels: number[], skipTools: boolean, say: (s: string) => void): Promise<void> {
  say(`\nscanned batch: ${scanFiles.length ? `${scanFiles.length} PDFs (${scanFiles.map((f) => basename(f)).join(', ')})` : 'none'}`);
  if (!scanFiles.length) return;
  const rows: string[][] = [['run', 'concurrency', 'pages', 'wall s', 's/page', 'CPU s/page', 'peak RSS MB (all processes)', 'largest process MB', 'time vs tesseract', 'CPU vs tesseract']];
  const scanDir = join(work, 'scans');
  mkdirSync(scanDir);
  scanFiles.forEach((f) => copyFileSync(f, join(scanDir, basename(f))));
  const tools = !skipTools && has('tesseract') && has('pdfimages') && has('pdftoppm');
  if (tools) mkdirSync(join(work, 'scan-png'));
  const pages = tools ? scanImages(scanFiles, join(work, 'scan-png')) : [];
  if (tools) await tesseractEach(pages.slice(0, 1), 1, work); // warm the page cache
  for (const c of levels) {
    const before = tools ? await tesseractEach(pages, c, work) : { wallS: NaN, cpuS: NaN };
    const out = join(work, `scan-out-c${c}`);
    const r = await runCliTree(['extract', scanDir, '--out', out, '--quiet', '--concurrency', String(c), '--no-report', '--no-xlsx', '--no-db', '--timeout', '1200']);
    const ocrDone = r.docs.some((d) => d.text_source === 'ocr' || d.text_source === 'mixed');
    const n = r.docs.reduce((s, d) => s + d.pages, 0);
    const after = tools && ocrDone ? await tesseractEach(pages, c, work) : before;
    const tess = { wallS: (before.wallS + after.wallS) / 2, cpuS: (before.cpuS + after.cpuS) / 2 };
    if (tools) {
      const label = `native tesseract chi_sim (OMP_THREAD_LIMIT=1, ${c} at a time; mean of the runs before and after: ${f1(before.wallS)} / ${f1(after.wallS)} s)`;
      rows.push([label, String(c), String(pages.length), f1(tess.wallS), f2(tess.wallS / pages.length), f2(tess.cpuS / pages.length), '-', '-', '1.00×', '1.00×']);
    }
    if (!ocrDone) {
      rows.push(['jixiao', String(c), String(n), f1(r.wallS), 'n/a: no OCR in this build', '-', f1(r.peakTreeMb), f1(r.peakOneMb), 'n/a', 'n/a']);
      break;
    }
    rows.push([
      'jixiao extract (default engine)',
      String(c),
      String(n),
      f1(r.wallS),
      f2(r.wallS / n),
      f2(r.cpuS / n),
      f1(r.peakTreeMb),
      f1(r.peakOneMb),
      tools ? `${f2(r.wallS / n / (tess.wallS / pages.length))}×` : 'n/a',
      tools ? `${f2(r.cpuS / n / (tess.cpuS / pages.length))}×` : 'n/a',
    ]);
    rmSync(out, { recursive: true, force: true });
  }
  say(table(rows));
  say('(wall-clock times and their ratio move with the machine\'s other load; CPU seconds are the steadier comparison)');
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
