/** Helpers of the queue tests: a batch of born-digital samples, the CLI's queue commands as child processes. */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { spawnCli, type Child } from '../batch/batch-helpers.js';

/** The born-digital sample PDFs (fast; no OCR). */
export const BORN_DIGITAL = [
  'hongshan-2021-declaration-rebuilt.pdf',
  'shaoguan-2023-declaration-yuan.pdf',
  'suqian-2022-declaration-cidfont.pdf',
  'tianshui-2021-self-eval-table-national.pdf',
];

/** `copies` copies of each born-digital sample in <tmp>/in; returns <tmp>. */
export function bornDigitalBatch(copies: number, prefix: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'in'));
  for (let i = 1; i <= copies; i++) for (const s of BORN_DIGITAL) copyFileSync(join(ROOT, 'samples', s), join(dir, 'in', `c${i}-${s}`));
  for (const [name, from] of Object.entries(extra)) copyFileSync(join(ROOT, from), join(dir, 'in', name));
  return dir;
}

/** A `jixiao worker` process; lock duration short so a dead worker's jobs come back fast. */
export function startWorker(redisUrl: string, concurrency = 2, env: NodeJS.ProcessEnv = {}): Child {
  return spawnCli(['worker', '--redis', redisUrl, '--concurrency', String(concurrency)], { JIXIAO_QUEUE_LOCK_MS: '2000', ...env });
}

/** The folder's files that differ from extract's, run.json aside (it records how the run went). */
export function comparable(files: string[]): string[] {
  return files.filter((f) => f !== 'run.json');
}
