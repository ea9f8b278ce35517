/**
 * Kinds 1 and 2 end to end: the declaration parser keeps its text blocks in the record, and the
 * checks read them. Inputs: the Hubei declaration seed with one figure or one name changed.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/index.js';

const seed = readFileSync(join('samples', 'hongshan-2021-declaration.txt'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-prose-'));
function variant(name: string, from: string, to: string): string {
  expect(seed.includes(from)).toBe(true);
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, seed.replace(from, to));
  return file;
}

describe('text blocks of a declaration, end to end', () => {
  it('keeps 项目申请理由 / 主要内容 / 变动情况 and flags a budget and a unit stated in them', async () => {
    const [budget, unit, clean] = await extract([
      variant('budget', '2021年预算为7\t2.35万元', '2021年预算为65.20万元'),
      variant('unit', '2.现实意义: 医保基金是', '2.现实意义: 洪山区司法局“2021年普法宣传项目”实施以来，医保基金是'),
      join('samples', 'hongshan-2021-declaration.txt'),
    ]);
    expect(budget.projects[0].texts?.map((x) => x.label)).toEqual(['项目申请理由', '项目主要内容', '项目前两年预算及当年预算变动情况']);
    // the variants are copies of the seed: the links stage may call one a DUPLICATE of it; only
    // each document's own flags are pinned here
    const own = (r: typeof budget) => r.flags.filter((f) => !f.other_doc_id);
    expect(own(budget).map((f) => [f.code, f.severity, f.reported, f.expected])).toEqual([['CROSS_REF', 'error', '65.2', '72.35']]);
    expect(own(unit).map((f) => [f.code, f.severity, f.reported])).toEqual([['ENTITY', 'warning', '洪山区司法局']]);
    // the seed itself (2021年预算为7 | 2.35万元 torn over two cells) raises nothing
    expect(own(clean)).toEqual([]);
  });
});
