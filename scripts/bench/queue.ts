/**
 * npm run bench, part "queue": the same born-digital batch through the Redis queue
 * (`enqueue` + N `worker` processes of concurrency 1 + `collect`) against `extract
 * --concurrency N`, N = 1, 2, 4, so that the queue's overhead per document is known (target
 * ≤ 5% of extract's per-document time at the same concurrency). Starts its own redis-server
 * (Debian's) on a free port with no persistence; skipped when there is none.
 *
 * Fair by construction: the same files, the same outputs (--no-report --no-xlsx on both; the
 * queue's folder is compared with extract's file by file, run.json aside), the same number of
 * documents at once, and the same memory budget per document (the workers get extract's
 * default --max-memory at N, not their own default at concurrency 1).
 *
 * Fixed and per-document costs apart: each side runs a 1-document batch and the whole batch.
 *   fixed     = queue(1 doc) − extract(1 doc): process starts, Redis connections, collect's
 *               end-of-run writing, the latency of the first job;
 *   per doc   = ((queue(all) − queue(1)) − (extract(all) − extract(1))) / (docs − 1),
 *               shown in ms and as % of extract's own per-document time at N.
 * Both in wall seconds (clock from `enqueue` to the end of `collect`, workers already started
 * and ready: they are long-lived in use) and in CPU seconds (every process of each side:
 * extract with its document processes; enqueue, collect, the workers with theirs and
 * redis-server), because CPU seconds are far less disturbed by other load on a shared machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { defaultMaxMemoryMb } from '../../src/pipeline/options.js';

export interface QueueBenchInput {
  /** Folder of the born-digital batch. */
  batch: string;
  docs: number;
  pages: number;
  /** Work folder (outputs go below it). */
  work: string;
  cli: string;
  root: string;
  say: (s: string) => void;
  levels?: number[];
}

interface Timed {
  code: number | null;
  stderr: string;
  wallS: number;
  /** user + system CPU seconds of the process and its children (/usr/bin/time), NaN without it. */
  cpuS: number;
}

const HAS_TIME = existsSync('/usr/bin/time');

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const started = process.hrtime.bigint();
  const cmd = HAS_TIME ? '/usr/bin/time' : process.execPath;
  const argv = HAS_TIME ? ['-f', 'jixiao-bench-cpu=%U+%S', process.execPath, ...args] : args;
  return new Promise((resolve) => {
    const p = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    p.stderr!.on('data', (d) => (stderr += d));
    p.on('exit', (code) => {
      const m = /jixiao-bench-cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolve({ code, stderr, wallS: Number(process.hrtime.bigint() - started) / 1e9, cpuS: m ? Number(m[1]) + Number(m[2]) : NaN });
    });
  });
}

const TICK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout) || 100;
})();

/**
 * CPU seconds so far of a process and all its descendants (Linux /proc): each living one's own
 * time plus what its reaped children used. NaN where there is no /proc.
 */
function treeCpuS(pid: number): number {
  const stat = (p: number): number[] | null => {
    try {
      const s = readFileSync(`/proc/${p}/stat`, 'utf8');
      return s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
    } catch {
      return null;
    }
  };
  const kids = (p: number): number[] => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((t) => readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  const first = stat(pid);
  if (!first) return NaN;
  let ticks = 0;
  for (const stack = [pid]; stack.length; ) {
    const p = stack.pop()!;
    const f = p === pid ? first : stat(p);
    if (!f) continue;
    ticks += f[11] + f[12] + f[13] + f[14]; // utime stime cutime cstime
    stack.push(...kids(p));
  }
  return ticks / TICK;
}

/** CPU seconds redis-server has used (INFO cpu), NaN when redis-cli is missing. */
function redisCpuS(port: number): number {
  const r = spawnSync('redis-cli', ['-p', String(port), 'INFO', 'cpu'], { encoding: 'utf8' });
  const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(r.stdout ?? '')?.[1]);
  return get('used_cpu_user') + get('used_cpu_sys');
}

/** Files of two output folders that differ (relative paths), run.json aside. */
function differences(a: string, b: string, rel = ''): string[] {
  const names = new Set([...(existsSync(join(a, rel)) ? readdirSync(join(a, rel)) : []), ...(existsSync(join(b, rel)) ? readdirSync(join(b, rel)) : [])]);
  const out: string[] = [];
  for (const n of [...names].sort()) {
    const r = join(rel, n);
    if (r === 'run.json') continue;
    const pa = join(a, r);
    const pb = join(b, r);
    if (!existsSync(pa) || !existsSync(pb)) out.push(r);
    else if (statSync(pa).isDirectory()) out.push(...differences(a, b, r));
    else if (!readFileSync(pa).equals(readFileSync(pb))) out.push(r);
  }
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

/** The memory budget extract gives a document at concurrency n (OCR auto). */
function extractBudgetMb(n: number): number {
  return defaultMaxMemoryMb(n);
}

interface Side {
  wallS: number;
  cpuS: number;
  ok: boolean;
}

export async function benchQueue(b: QueueBenchInput): Promise<void> {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    b.say('\nqueue: skipped (no redis-server)');
    return;
  }
  const levels = b.levels ?? [1, 2, 4];
  const port = await freePort();
  const dir = mkdtempSync(join(b.work, 'redis-'));
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((r) => {
    let out = '';
    redis.stdout!.on('data', (d) => {
      out += d;
      if (/Ready to accept connections/.test(out)) r();
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  // A one-document batch: the first file of the batch, copied into a folder of its own.
  const firstName = readdirSync(b.batch).sort()[0];
  const one = join(b.work, 'q-one');
  mkdirSync(one, { recursive: true });
  copyFileSync(join(b.batch, firstName), join(one, basename(firstName)));
  b.say(
    `\nqueue: ${b.docs} born-digital PDFs, ${b.pages} pages; enqueue + N workers (each --concurrency 1, extract's --max-memory at N) + collect, ` +
      `against extract --concurrency N; both --no-report --no-xlsx; redis-server on 127.0.0.1. Fixed = 1-document batch queue − extract; ` +
      `per doc = the rest of the difference over docs − 1, as % of extract's own per-document time. CPU: every process of each side.`,
  );
  const rows: string[][] = [
    ['N', 'extract s (1 doc / all)', 'queue s (1 doc / all)', 'fixed s', 'per doc ms', 'per doc %', 'extract CPU s (1 / all)', 'queue CPU s (1 / all)', 'fixed CPU s', 'per doc CPU ms', 'per doc CPU %', 'same outputs'],
  ];
  try {
    for (const n of levels) {
      const budget = String(extractBudgetMb(n));
      const extract = async (batch: string, out: string): Promise<Side> => {
        const r = await run([b.cli, 'extract', batch, '--out', out, '--quiet', '--concurrency', String(n), '--no-report', '--no-xlsx']);
        return { wallS: r.wallS, cpuS: r.cpuS, ok: r.code !== null && r.code <= 1 };
      };
      const workers = Array.from({ length: n }, () =>
        spawn(process.execPath, [b.cli, 'worker', '--redis', url, '--concurrency', '1', '--max-memory', budget], { stdio: ['ignore', 'ignore', 'pipe'] }),
      );
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((r) => {
              let e = '';
              w.stderr!.on('data', (d) => {
                e += d;
                if (/worker ready/.test(e)) r();
              });
            }),
        ),
      );
      const workersCpu = () => workers.reduce((s, w) => s + treeCpuS(w.pid!), 0) + redisCpuS(port);
      const queue = async (batch: string, out: string): Promise<Side> => {
        const cpu0 = workersCpu();
        const started = process.hrtime.bigint();
        const enq = await run([b.cli, 'enqueue', batch, '--redis', url, '--out', out, '--quiet', '--no-report', '--no-xlsx']);
        const col = await run([b.cli, 'collect', '--redis', url, '--out', out, '--quiet']);
        const wallS = Number(process.hrtime.bigint() - started) / 1e9;
        const cpuS = enq.cpuS + col.cpuS + workersCpu() - cpu0;
        return { wallS, cpuS, ok: enq.code === 0 && col.code !== null && col.code <= 1 };
      };
      const out = (k: string) => join(b.work, `q-${k}-${n}`);
      const ex1 = await extract(one, out('extract-one'));
      const exN = await extract(b.batch, out('extract-all'));
      const q1 = await queue(one, out('queue-one'));
      const qN = await queue(b.batch, out('queue-all'));
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((r) => w.on('exit', r))));
      const diff = [...differences(out('extract-one'), out('queue-one')), ...differences(out('extract-all'), out('queue-all'))];
      const same = diff.length === 0 && ex1.ok && exN.ok && q1.ok && qN.ok ? 'yes' : `NO (${diff.slice(0, 3).join(', ') || 'a run failed'})`;
      const per = (x: (s: Side) => number) => {
        const extractPer = (x(exN) - x(ex1)) / Math.max(1, b.docs - 1);
        const overPer = (x(qN) - x(q1) - (x(exN) - x(ex1))) / Math.max(1, b.docs - 1);
        return [(x(q1) - x(ex1)).toFixed(2), (overPer * 1000).toFixed(1), `${((overPer / extractPer) * 100).toFixed(1)}%`];
      };
      const pair = (a: number, c: number, d = 1) => `${a.toFixed(d)} / ${c.toFixed(d)}`;
      rows.push([
        String(n),
        pair(ex1.wallS, exN.wallS),
        pair(q1.wallS, qN.wallS),
        ...per((s) => s.wallS),
        pair(ex1.cpuS, exN.cpuS),
        pair(q1.cpuS, qN.cpuS),
        ...per((s) => s.cpuS),
        same,
      ]);
      for (const k of ['extract-one', 'extract-all', 'queue-one', 'queue-all']) rmSync(out(k), { recursive: true, force: true });
      // The next level starts from an empty queue.
      spawnSync('redis-cli', ['-p', String(port), 'FLUSHALL']);
    }
    b.say(table(rows));
  } finally {
    redis.kill('SIGTERM');
    await new Promise((r) => redis.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
    rmSync(one, { recursive: true, force: true });
  }
}
