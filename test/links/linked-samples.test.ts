/**
 * The linked samples (samples-linked/, written by scripts/samples/linked/): a run over the folder
 * finds every expected link and cross-document flag and no other; unrelated filings of the same
 * unit and year are not linked; the output conforms to the contract (v2 checker when present).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readCsvFile } from '../helpers/csv.js';
import { ROOT, runCli, SHARED_CHECKER } from '../helpers/cli.js';

const OUT = join(ROOT, 'test-output', 'linked-samples');
const PAIR = new Set(['TARGET_CHANGED', 'INDICATOR_DROPPED', 'BUDGET_CHANGED', 'PRIOR_YEAR', 'DUPLICATE']);
const expected = JSON.parse(readFileSync(join(ROOT, 'samples-linked', 'expected-links.json'), 'utf8')) as {
  links: Record<string, string | number>[];
  flags: Record<string, string | number | null>[];
  unrelated: [string, string][];
};
let code: number | null;

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  code = runCli(['extract', 'samples-linked', '--out', OUT, '--quiet', '--no-xlsx']).code;
});

const linkKey = (l: Record<string, unknown>) => `${l.doc_id}#${l.project_seq} → ${l.other_doc_id}#${l.other_project_seq} ${l.relation}`;
const flagKey = (f: Record<string, unknown>) => `${f.doc_id}#${f.project_seq ?? ''} ${f.code} ${f.field} ↔ ${f.other_doc_id}`;

describe('linked samples', () => {
  it('reads every filing', () => {
    expect(code).toBe(0);
  });

  it('finds every expected link and no other (precision and recall 1)', () => {
    const got = readCsvFile(join(OUT, 'links.csv')).rows.map(linkKey).sort();
    const want = expected.links.map(linkKey).sort();
    expect(got).toEqual(want);
    const rows = readCsvFile(join(OUT, 'links.csv')).rows;
    for (const r of rows) {
      expect(Number(r.score)).toBeGreaterThanOrEqual(0.8);
      expect(Number(r.score)).toBeLessThanOrEqual(1);
      expect(r.matched_on).toMatch(/project_name|sha256/);
    }
  });

  it('raises every expected cross-document flag and no other, each naming the other document', () => {
    const flags = readCsvFile(join(OUT, 'flags.csv')).rows;
    const got = flags.filter((f) => PAIR.has(f.code)).map((f) => flagKey({ ...f, project_seq: f.project_seq || null })).sort();
    expect(got).toEqual(expected.flags.map(flagKey).sort());
    for (const f of flags) expect(f.other_doc_id !== '').toBe(PAIR.has(f.code));
    for (const f of flags.filter((x) => PAIR.has(x.code))) expect(f.message).toContain(f.other_doc_id);
  });

  it('links no unrelated filings of the same unit and year', () => {
    const rows = readCsvFile(join(OUT, 'links.csv')).rows;
    for (const [a, b] of expected.unrelated) {
      expect(rows.filter((r) => (r.doc_id === a && r.other_doc_id === b) || (r.doc_id === b && r.other_doc_id === a))).toEqual([]);
    }
  });

  it('the target compared by meaning: full-width and spaced notation raise nothing, lowered and raised ones do', () => {
    const flags = readCsvFile(join(OUT, 'flags.csv')).rows.filter((f) => f.code === 'TARGET_CHANGED');
    const fields = flags.map((f) => f.field);
    expect(fields).not.toContain('target:居民电子健康档案建档率'); // ≧９０％ vs ≥90%
    expect(fields).not.toContain('target:救助对象满意度'); // ≥ 95 % vs ≥95%
    const lowered = flags.find((f) => f.field === 'target:适龄儿童国家免疫规划疫苗接种率')!;
    expect([lowered.reported, lowered.expected, lowered.severity]).toEqual(['≥90%', '≥95%', 'error']);
  });

  const shared = existsSync(SHARED_CHECKER);
  (shared ? it : it.skip)('is accepted by ../shared/tools/check-contract.mjs --v2 apart from department_code/budget_initial_wan (other issues)', () => {
    const r = spawnSync(process.execPath, [SHARED_CHECKER, '--v2', OUT], { encoding: 'utf8' });
    const problems = (r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('contract: ') && !/FAILED|OK/.test(l));
    expect(problems.filter((l) => !/department_code|budget_initial_wan/.test(l))).toEqual([]);
  });
});
