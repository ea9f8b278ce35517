/** Run the built CLI (npm test builds first) as a child process. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = process.cwd();
export const CLI = join(ROOT, 'dist', 'src', 'cli.js');
export const SHARED_CHECKER = join(ROOT, '..', 'shared', 'tools', 'check-contract.mjs');

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js missing: run `npm run build` (npm test does)');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
