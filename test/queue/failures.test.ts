/**
 * A worker killed with SIGKILL mid-batch, and Redis restarted mid-batch (persistence on):
 * the batch still completes with nothing lost or doubled, the same folder as extract.
 * Real redis-server, the built CLI; workers with a 2 s lock so stalled jobs come back fast.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile } from '../helpers/csv.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { diffFolders, spawnCli, waitForFiles } from '../batch/batch-helpers.js';
import { bornDigitalBatch, comparable, startWorker } from './queue-helpers.js';

const dir = bornDigitalBatch(4, 'jixiao-queue-fail-'); // 16 documents
const input = join(dir, 'in');
const extracted = join(dir, 'extract');

beforeAll(async () => {
  expect((await spawnCli(['extract', input, '--out', extracted, '--quiet', '--concurrency', '2']).exit).code).toBe(0);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectWhole(out: string): void {
  const ids = readCsvFile(join(out, 'documents.csv')).rows.map((d) => d.doc_id);
  expect(ids.length).toBe(16);
  expect(new Set(ids).size).toBe(16); // nothing doubled
  expect(comparable(diffFolders(extracted, out))).toEqual([]); // nothing lost, same bytes
}

describe('queue failures', () => {
  let redis: RedisServer;
  afterAll(async () => redis?.stop());

  it('a worker killed with SIGKILL mid-batch: its jobs run again elsewhere, the batch completes', async () => {
    redis = await startRedis();
    const out = join(dir, 'killed');
    expect((await spawnCli(['enqueue', input, '--redis', redis.url, '--out', out, '--quiet']).exit).code).toBe(0);
    const victim = startWorker(redis.url, 2);
    await waitForFiles(join(out, 'json'), 3, victim, 120_000);
    victim.proc.kill('SIGKILL');
    expect((await victim.exit).signal).toBe('SIGKILL');
    const survivor = startWorker(redis.url, 2);
    const r = await spawnCli(['collect', '--redis', redis.url, '--out', out]).exit;
    survivor.proc.kill('SIGTERM');
    expect((await survivor.exit).code).toBe(0);
    expect(r.code).toBe(0);
    expectWhole(out);
  }, 300_000);

  it('Redis restarted mid-batch (append-only file on): the workers reconnect, the batch completes', async () => {
    const persistent = await startRedis({ persist: true });
    try {
      const out = join(dir, 'restarted');
      expect((await spawnCli(['enqueue', input, '--redis', persistent.url, '--out', out, '--quiet']).exit).code).toBe(0);
      const w = startWorker(persistent.url, 2);
      await waitForFiles(join(out, 'json'), 4, w, 120_000);
      await persistent.restart();
      const r = await spawnCli(['collect', '--redis', persistent.url, '--out', out]).exit;
      w.proc.kill('SIGTERM');
      expect((await w.exit).code).toBe(0);
      expect(r.code).toBe(0);
      expectWhole(out);
    } finally {
      await persistent.stop();
    }
  }, 300_000);
});
