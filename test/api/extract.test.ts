import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DocumentRecord, extract } from '../../src/index.js';

describe('library API: extract()', () => {
  it('returns validated records for files and folders, in input order, without writing', async () => {
    const records = await extract(
      [join('samples', 'jinzhong-2020-self-eval-table.txt'), join('samples', 'hongshan-2021-declaration-rebuilt.pdf')],
      { concurrency: 2 },
    );
    expect(records.map((r) => [r.doc_id, r.doc_type, r.status])).toEqual([
      ['jinzhong-2020-self-eval-table', 'self_eval_table', 'ok'],
      ['hongshan-2021-declaration-rebuilt', 'declaration', 'ok'],
    ]);
    for (const r of records) expect(() => DocumentRecord.parse(r)).not.toThrow();
    const decl = records[1].projects[0];
    expect(decl.budget_wan?.value).toBe(72.35);
    expect(decl.budget_wan?.src.page).toBeGreaterThanOrEqual(1);
    expect(decl.budget_wan?.src.box).toHaveLength(4);
    expect(records[0].projects[0].budget_wan?.src.line).toBeGreaterThanOrEqual(1);
  });
});
