import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PpOcrEngine } from '../../../src/ocr/engines/ppocr/index.js';
import { KEEP_FILES, cachedModel, modelCacheDir } from '../../../src/ocr/engines/ppocr/model-cache.js';
import { loadFixture } from './fixtures.js';

describe('PP-OCR model cache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jixiao-model-cache-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('the folder: JIXIAO_CACHE_DIR, else XDG_CACHE_HOME/jixiao, else ~/.cache/jixiao; empty turns it off', () => {
    expect(modelCacheDir({ JIXIAO_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(modelCacheDir({ JIXIAO_CACHE_DIR: '' })).toBeNull();
    expect(modelCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/jixiao');
    expect(modelCacheDir({})).toMatch(/\.cache\/jixiao$/);
  });

  test('made once, then read back; other options or other bytes are other files', async () => {
    const source = new Uint8Array([1, 2, 3]);
    let made = 0;
    const make = () => {
      made++;
      return new Uint8Array([9, 8, 7, made]);
    };
    const first = await cachedModel(source, { a: 1 }, make, dir);
    const again = await cachedModel(source, { a: 1 }, make, dir);
    expect(first.from).toBe('made');
    expect(again.from).toBe('cache');
    expect([...again.model]).toEqual([...first.model]);
    expect(made).toBe(1);
    expect((await cachedModel(source, { a: 2 }, make, dir)).from).toBe('made');
    expect((await cachedModel(new Uint8Array([1, 2, 4]), { a: 1 }, make, dir)).from).toBe('made');
    // whole files only: no temporary file left behind
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // at most KEEP_FILES files: the newest kept
    for (let k = 0; k < KEEP_FILES + 2; k++) await cachedModel(new Uint8Array([5, k]), {}, make, dir);
    expect((await readdir(dir)).filter((f) => f.endsWith('.onnx')).length).toBe(KEEP_FILES);
    // a folder that cannot be made (under a file, as on a read-only home): made in memory, nothing thrown
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const blocked = await cachedModel(source, { a: 1 }, make, join(file, 'cache'));
    expect(blocked.from).toBe('made');
    expect((await cachedModel(source, { a: 1 }, make, join(file, 'cache'))).from).toBe('made');
    // no folder: made in memory every time
    expect((await cachedModel(source, { a: 1 }, make, null)).from).toBe('made');
  });

  test('an engine over a cache file onnxruntime refuses makes the model again and reads the same', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'jixiao-model-cache-engine-'));
    const saved = process.env.JIXIAO_CACHE_DIR;
    process.env.JIXIAO_CACHE_DIR = cache;
    try {
      const image = await loadFixture('form-scan.png');
      const read = async (): Promise<string[]> => {
        const engine = await PpOcrEngine.create();
        try {
          return (await engine.recognize(image, { mode: 'page', dpi: 150 })).map((w) => `${w.text} ${JSON.stringify(w.box)}`);
        } finally {
          await engine.terminate();
        }
      };
      const fresh = await read();
      const files = (await readdir(cache)).filter((f) => f.endsWith('.onnx'));
      expect(files).toHaveLength(2);
      for (const f of files) await writeFile(join(cache, f), 'not a model');
      expect(await read()).toEqual(fresh);
      for (const f of files) expect((await readdir(cache)).includes(f)).toBe(true);
      expect(await read()).toEqual(fresh);
    } finally {
      if (saved === undefined) delete process.env.JIXIAO_CACHE_DIR;
      else process.env.JIXIAO_CACHE_DIR = saved;
      await rm(cache, { recursive: true, force: true });
    }
  });
});
