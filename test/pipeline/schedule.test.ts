import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scheduleOrder } from '../../src/pipeline/run.js';

describe('scheduleOrder', () => {
  it('hands out the largest files first, ties and unreadable files in input order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-schedule-'));
    const file = (name: string, bytes: number) => {
      writeFileSync(join(dir, name), Buffer.alloc(bytes));
      return { path: join(dir, name), docId: name };
    };
    const inputs = [file('a', 10), file('b', 300), { path: join(dir, 'missing'), docId: 'missing' }, file('c', 10), file('d', 5000)];
    expect(scheduleOrder(inputs)).toEqual([4, 1, 0, 3, 2]);
  });
});
