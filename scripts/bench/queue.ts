/**
 * npm run bench, part "queue": throughput of the same born-digital batch through the Redis
 * queue (`enqueue` + 1, 2 and 4 `worker` processes of concurrency 1 + `collect`) against
 * `extract --concurrency` 1, 2 and 4, so that the queue's overhead per document is known
 * (target ≤ 5% of the per-document time at the same concurrency). Starts its own
 * redis-server (Debian's) on a free port with no persistence; skipped when there is none.
 * Workers are started and ready before the clock starts (they are long-lived in use); the
 * clock runs from `enqueue` to the end of `collect`. Noisy on a shared machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string; wallS: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    p.stderr!.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stderr, wallS: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
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
  b.say(`\nqueue: ${b.docs} born-digital PDFs, ${b.pages} pages; enqueue + N workers (each --concurrency 1) + collect, against extract --concurrency N (redis-server on 127.0.0.1)`);
  const rows: string[][] = [['concurrency', 'extract s', 'extract docs/s', 'queue s', 'queue docs/s', 'overhead per doc ms', 'overhead %']];
  try {
    for (const n of levels) {
      const ex = await run([b.cli, 'extract', b.batch, '--out', join(b.work, `q-extract-${n}`), '--quiet', '--concurrency', String(n), '--no-report', '--no-xlsx']);
      const workers = Array.from({ length: n }, () => spawn(process.execPath, [b.cli, 'worker', '--redis', url, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] }));
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
      const out = join(b.work, `q-queue-${n}`);
      const started = process.hrtime.bigint();
      const enq = await run([b.cli, 'enqueue', b.batch, '--redis', url, '--out', out, '--quiet', '--no-report', '--no-xlsx']);
      const col = await run([b.cli, 'collect', '--redis', url, '--out', out, '--quiet']);
      const qS = Number(process.hrtime.bigint() - started) / 1e9;
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((r) => w.on('exit', r))));
      const same = readFileSync(join(out, 'documents.csv')).equals(readFileSync(join(b.work, `q-extract-${n}`, 'documents.csv')));
      if (enq.code !== 0 || col.code !== 0 || !same) b.say(`  (queue run at ${n}: enqueue ${enq.code}, collect ${col.code}, documents.csv ${same ? 'same' : 'DIFFERENT'})`);
      const perDoc = ((qS - ex.wallS) / b.docs) * 1000;
      rows.push([String(n), ex.wallS.toFixed(1), (b.docs / ex.wallS).toFixed(1), qS.toFixed(1), (b.docs / qS).toFixed(1), perDoc.toFixed(1), `${(((qS - ex.wallS) / ex.wallS) * 100).toFixed(1)}%`]);
      rmSync(out, { recursive: true, force: true });
      rmSync(join(b.work, `q-extract-${n}`), { recursive: true, force: true });
      // The next level starts from an empty queue.
      spawnSync('redis-cli', ['-p', String(port), 'FLUSHALL']);
    }
    b.say(table(rows));
  } finally {
    redis.kill('SIGTERM');
    await new Promise((r) => redis.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
