/**
 * enqueue + two worker processes + collect write the same folder, byte for byte (run.json
 * aside), as extract; re-enqueuing the done batch runs nothing; SIGTERM stops a worker
 * cleanly; a file that crashes its worker process natively ends as a `failed` row after the
 * bounded attempts, and the batch goes on. Real redis-server, the built CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile } from '../helpers/csv.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { diffFolders, listFiles, spawnCli } from '../batch/batch-helpers.js';
import { bornDigitalBatch, comparable, startWorker } from './queue-helpers.js';

let redis: RedisServer;
const dir = bornDigitalBatch(2, 'jixiao-queue-same-');
const input = join(dir, 'in');

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);

afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('queue', () => {
  it('enqueue + two workers + collect = extract, byte for byte; a done batch is not run again', async () => {
    const extracted = await spawnCli(['extract', input, '--out', join(dir, 'extract'), '--quiet', '--concurrency', '2']).exit;
    expect(extracted.code).toBe(0);

    const out = join(dir, 'queued');
    const enq = await spawnCli(['enqueue', input, '--redis', redis.url, '--out', out]).exit;
    expect(enq.code).toBe(0);
    expect(enq.stderr).toMatch(/8 document\(s\), 8 job\(s\) added, 0 already queued or done/);
    const workers = [startWorker(redis.url, 1), startWorker(redis.url, 1)];
    const collected = await spawnCli(['collect', '--redis', redis.url, '--out', out]).exit;
    expect(collected.code).toBe(0);
    expect(collected.stderr).toMatch(/8\/8 docs: 8 done, 0 failed, 0 running, 0 waiting/);
    expect(comparable(diffFolders(join(dir, 'extract'), out))).toEqual([]);

    // SIGTERM: each worker finishes (nothing to do here) and exits 0.
    for (const w of workers) w.proc.kill('SIGTERM');
    for (const w of workers) expect((await w.exit).code).toBe(0);

    // Again, with no worker running: nothing is added, and --wait returns at once with the same folder.
    const before = statSync(join(out, 'json', 'c1-shaoguan-2023-declaration-yuan.json')).mtimeMs;
    const again = await spawnCli(['enqueue', input, '--redis', redis.url, '--out', out, '--wait']).exit;
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/8 document\(s\), 0 job\(s\) added, 8 already queued or done/);
    expect(statSync(join(out, 'json', 'c1-shaoguan-2023-declaration-yuan.json')).mtimeMs).toBe(before);
    expect(comparable(diffFolders(join(dir, 'extract'), out))).toEqual([]);
  }, 300_000);

  it('a json file lost from the folder: re-enqueue runs that document alone again', async () => {
    const out = join(dir, 'queued');
    rmSync(join(out, 'json', 'c2-suqian-2022-declaration-cidfont.json'));
    const again = await spawnCli(['enqueue', input, '--redis', redis.url, '--out', out]).exit;
    expect(again.stderr).toMatch(/8 document\(s\), 1 job\(s\) added, 7 already queued or done/);
    const w = startWorker(redis.url, 1);
    expect((await spawnCli(['collect', '--redis', redis.url, '--out', out, '--quiet']).exit).code).toBe(0);
    w.proc.kill('SIGTERM');
    expect((await w.exit).code).toBe(0);
    expect(comparable(diffFolders(join(dir, 'extract'), out))).toEqual([]);
  }, 300_000);

  it('a native crash (SIGSEGV) in the worker process: retried, then one failed row; the batch goes on', async () => {
    const crashDir = bornDigitalBatch(1, 'jixiao-queue-segv-', { 'x-dieshere.pdf': 'samples/hongshan-2021-declaration-rebuilt.pdf' });
    const out = join(crashDir, 'out');
    try {
      const w = startWorker(redis.url, 2, { JIXIAO_TEST_FAULT: 'segv:dieshere' });
      const r = await spawnCli(['enqueue', join(crashDir, 'in'), '--redis', redis.url, '--out', out, '--attempts', '2', '--wait']).exit;
      w.proc.kill('SIGTERM');
      const wr = await w.exit;
      expect(wr.code).toBe(0);
      expect(wr.stderr).toMatch(/retrying later: x-dieshere: the worker crashed: signal SIGSEGV \(attempt 1 of 2\)/);
      expect(r.code).toBe(1);
      const docs = readCsvFile(join(out, 'documents.csv')).rows;
      expect(docs.map((d) => d.doc_id)).toEqual(['c1-hongshan-2021-declaration-rebuilt', 'c1-shaoguan-2023-declaration-yuan', 'c1-suqian-2022-declaration-cidfont', 'c1-tianshui-2021-self-eval-table-national', 'x-dieshere']);
      expect(docs.filter((d) => d.status === 'ok').length).toBe(4);
      expect(docs[4]).toMatchObject({ status: 'failed', error: 'the worker crashed: signal SIGSEGV' });
      expect(JSON.parse(readFileSync(join(out, 'json', 'x-dieshere.json'), 'utf8')).status).toBe('failed');
      expect(listFiles(out).filter((f) => /\.tmp-/.test(f))).toEqual([]);
    } finally {
      rmSync(crashDir, { recursive: true, force: true });
    }
  }, 300_000);
});
