/**
 * Issue 10 (memory at concurrency 2): PP-OCR's detection runs behind a gate shared by the
 * workers, and may free its session's memory after each run. Neither may change what is read;
 * the gate must let one run in at a time, in the order asked, and survive a member that dies
 * holding it.
 */
import { describe, expect, test } from '@jest/globals';
import { createOcrEngine } from '../../../src/ocr/engines/index.js';
import { GateKeeper, gateClient, type GateRequest } from '../../../src/pipeline/detect-gate.js';
import type { MemoryGate } from '../../../src/ocr/types.js';
import { loadFixture } from './fixtures.js';

describe('detection gate (parent side)', () => {
  test('one holder at a time, the rest in the order they asked; a dead holder hands it on', () => {
    const granted: string[] = [];
    const keeper = new GateKeeper<string>((m) => granted.push(m));
    keeper.acquire('a');
    keeper.acquire('b');
    keeper.acquire('c');
    expect(granted).toEqual(['a']);
    keeper.release('b'); // not the holder: nothing happens
    expect(granted).toEqual(['a']);
    keeper.release('a');
    expect(granted).toEqual(['a', 'b']);
    keeper.drop('b'); // b died holding it
    expect(granted).toEqual(['a', 'b', 'c']);
    keeper.drop('c');
    expect(keeper.held).toBe(false);
  });
});

describe('detection gate (child side) over a message channel', () => {
  test('two clients share one keeper: their runs never overlap', async () => {
    let keeper!: GateKeeper<number>;
    const clients = [0, 1].map((id) => {
      const c = gateClient((msg: GateRequest) => queueMicrotask(() => (msg.op === 'acquire' ? keeper.acquire(id) : keeper.release(id))));
      return c;
    });
    keeper = new GateKeeper<number>((id) => queueMicrotask(() => clients[id].granted()));
    let inside = 0;
    let most = 0;
    const run = async (gate: MemoryGate): Promise<void> => {
      const letNext = await gate();
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 5));
      inside--;
      letNext();
      letNext(); // a second call is harmless
    };
    await Promise.all([0, 1, 2].flatMap(() => clients.map((c) => run(c.gate))));
    expect(most).toBe(1);
    expect(keeper.held).toBe(false);
  });
});

describe('PP-OCR detection behind a gate, its session released after each run', () => {
  test('reads exactly what the plain engine reads, and asks the gate once per page', async () => {
    const image = await loadFixture('form-scan.png');
    // the network on every page (the classical line finder would spare it on a page it takes)
    const plain = await createOcrEngine('ppocr', { lineFinder: 'network' });
    let asked = 0;
    const gate: MemoryGate = async () => {
      asked++;
      return () => undefined;
    };
    const gated = await createOcrEngine('ppocr', { detectGate: gate, releaseDetector: true, lineFinder: 'network' });
    try {
      const want = await plain.recognize(image, { mode: 'page', dpi: 150 });
      // twice: the second run creates the released session again
      for (let i = 0; i < 2; i++) expect(await gated.recognize(image, { mode: 'page', dpi: 150 })).toEqual(want);
      expect(asked).toBe(2);
    } finally {
      await Promise.all([plain.terminate(), gated.terminate()]);
    }
    await expect(gated.recognize(image, { mode: 'page' })).rejects.toThrow(/terminate/);
  });
});

describe('PP-OCR with classical lines behind a gate', () => {
  test('a page the line finder takes never asks the gate (the network does not run)', async () => {
    const image = await loadFixture('form.png');
    let asked = 0;
    const gate: MemoryGate = async () => {
      asked++;
      return () => undefined;
    };
    const engine = await createOcrEngine('ppocr', { detectGate: gate, releaseDetector: true, lineFinder: 'auto' });
    try {
      expect((await engine.recognize(image, { mode: 'page', dpi: 150 })).length).toBeGreaterThan(0);
      expect(asked).toBe(0);
    } finally {
      await engine.terminate();
    }
  });
});
