/** Helpers of the batch tests: a batch folder of sample copies, the built CLI as a child process, folder comparison. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';

/** Born-digital and text samples that are small and fast (not the scans other work adds). */
export const FAST_SAMPLES = [
  'hongshan-2021-declaration.txt',
  'jinzhong-2020-self-eval-table.txt',
  'hongshan-2019-self-eval-report.txt',
  'hongshan-2021-declaration-rebuilt.pdf',
  'shaoguan-2023-declaration-yuan.pdf',
  'suqian-2022-declaration-cidfont.pdf',
  'tianshui-2021-self-eval-table-national.pdf',
];

/** `copies` copies of each fast sample in a new temporary folder; returns the folder. */
export function sampleBatch(copies: number, prefix = 'jixiao-batch-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const inDir = join(dir, 'in');
  mkdirSync(inDir);
  for (let i = 1; i <= copies; i++) {
    for (const s of FAST_SAMPLES) copyFileSync(join(ROOT, 'samples', s), join(inDir, `c${String(i).padStart(3, '0')}-${s}`));
  }
  return dir;
}

export interface Child {
  proc: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): Child {
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js missing: run `npm run build` (npm test does)');
  const proc = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { proc, exit };
}

/** Resolve once `dir` holds at least `n` files (or the process ended). */
export async function waitForFiles(dir: string, n: number, child: Child, timeoutMs = 60_000): Promise<number> {
  let ended = false;
  void child.exit.then(() => (ended = true));
  const start = Date.now();
  for (;;) {
    const count = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).length : 0;
    if (count >= n || ended) return count;
    if (Date.now() - start > timeoutMs) throw new Error(`only ${count} files in ${dir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every file under dir (relative paths, sorted), hidden ones included. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Files that differ between two folders (missing on either side or different bytes). */
export function diffFolders(a: string, b: string): string[] {
  const fa = listFiles(a), fb = listFiles(b);
  const all = [...new Set([...fa, ...fb])].sort();
  return all.filter((f) => !fa.includes(f) || !fb.includes(f) || !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}
