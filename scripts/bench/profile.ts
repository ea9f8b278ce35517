/**
 * The bench's CPU profile: one run of the built CLI under `node --cpu-prof`, which the CLI
 * passes on to the worker processes it forks (runner.ts `profilingArgs`). Node writes one
 * .cpuprofile per process: the CLI's with the end-of-run writers (links, CSV/JSON, database,
 * report, workbook) and each worker's with the documents it read (recycled workers write
 * theirs when they stop). Summed by function, as the top functions by self time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface SelfTime {
  /** `function file:line` (paths shortened to the package or the project file). */
  name: string;
  ms: number;
  /** Share of all sampled time of all processes, idle excluded. */
  share: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function shortUrl(url: string): string {
  return url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '').replace(/^file:\/\//, '');
}

/** Sum self time by function over every .cpuprofile in `dir`; the `top` largest, idle left out. */
export function topSelfTime(dir: string, top = 10): { top: SelfTime[]; totalMs: number; threads: number } {
  const self = new Map<string, number>();
  let total = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
    const byNode = new Map<number, number>();
    for (let i = 0; i < p.samples.length; i++) byNode.set(p.samples[i], (byNode.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
    for (const n of p.nodes) {
      const us = byNode.get(n.id) ?? 0;
      if (!us) continue;
      const cf = n.callFrame;
      if (cf.functionName === '(idle)') continue;
      const name = cf.url ? `${cf.functionName || '(anonymous)'} ${shortUrl(cf.url)}:${cf.lineNumber + 1}` : cf.functionName || '(anonymous)';
      self.set(name, (self.get(name) ?? 0) + us);
      total += us;
    }
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { top: rows.map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 })), totalMs: total / 1000, threads: files.length };
}

/** Run `node --cpu-prof <cli> args` in `cwd`, profiles under `scratch`, and summarize them (removed afterwards). */
export async function profileCli(cli: string, args: string[], cwd: string, scratch: string, top = 10): Promise<ReturnType<typeof topSelfTime>> {
  const dir = mkdtempSync(join(scratch, 'prof-'));
  try {
    await new Promise<void>((resolve) => {
      const p = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, cli, ...args], { cwd, stdio: 'ignore' });
      p.on('exit', () => resolve());
      p.on('error', () => resolve());
    });
    return topSelfTime(dir, top);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
