/**
 * `jixiao recheck`: the seeds' prior-year link (Hubei declaration 2019 = 27.56, the report's
 * second project 27.56: no PRIOR_YEAR), a correction of that figure raising one, only the
 * affected flags changing, a second recheck byte-identical, a bad line refused with its line
 * number and nothing written, and recheck without corrections identical to extract.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../helpers/csv.js';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-recheck-'));
const input = join(dir, 'in');
const out = join(dir, 'out');

function snapshot(folder: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else m.set(`${rel}${e.name}`, readFileSync(join(d, e.name)).toString('base64'));
    }
  };
  walk(folder, '');
  return m;
}

const flagLines = (folder: string) => readFileSync(join(folder, 'flags.csv'), 'utf8').split('\r\n').slice(1).filter(Boolean);

beforeAll(() => {
  mkdirSync(input);
  for (const f of ['hongshan-2021-declaration.txt', 'hongshan-2019-self-eval-report.txt', 'jinzhong-2020-self-eval-table.txt']) copyFileSync(join(ROOT, 'samples', f), join(input, f));
  expect(runCli(['extract', input, '--out', out, '--quiet']).code).toBe(0);
});

describe('the seeds link', () => {
  it('the Hubei declaration’s 2019 budget to the report’s second project, with no PRIOR_YEAR', () => {
    const links = readCsvFile(join(out, 'links.csv')).rows;
    expect(links.map((l) => [l.doc_id, l.project_seq, l.other_doc_id, l.other_project_seq, l.relation])).toEqual([
      ['hongshan-2021-declaration', '1', 'hongshan-2019-self-eval-report', '2', 'prior_year'],
    ]);
    expect(readCsvFile(join(out, 'flags.csv')).rows.filter((f) => f.code === 'PRIOR_YEAR')).toEqual([]);
    const json = JSON.parse(readFileSync(join(out, 'json', 'hongshan-2021-declaration.json'), 'utf8'));
    expect(json.projects[0].prior_year_budgets[0].amount_wan.value).toBe(27.56);
    expect(json.projects[0].prior_year_budgets[0].amount_wan.src.raw).toContain('2019年预算为27.56万元');
  });
});

describe('jixiao recheck', () => {
  it('without corrections rewrites every file byte-identical to extract', () => {
    const before = snapshot(out);
    const r = runCli(['recheck', out, '--quiet']);
    expect(r.code).toBe(0);
    const after = snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of before) expect([k, after.get(k) === v]).toEqual([k, true]);
  });

  it('refuses a bad correction line with its line number and writes nothing', () => {
    const before = snapshot(out);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '\uFEFFdoc_id,project_seq,field,value,note\nhongshan-2021-declaration,1,budget_wan,70,ok\nhongshan-2021-declaration,1,indicator:不存在的指标:target,≥1次,x\n');
    const r = runCli(['recheck', out, '--corrections', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/line 3/);
    expect(snapshot(out)).toEqual(before);
    writeFileSync(bad, 'doc_id,project_seq,field,value,note\nno-such-doc,1,budget_wan,1,x\n');
    expect(runCli(['recheck', out, '--corrections', bad]).stderr).toMatch(/line 2: no document 'no-such-doc'/);
    writeFileSync(bad, 'doc_id,project_seq,field,value,note\nhongshan-2021-declaration,1,score_recomputed,1,x\n');
    expect(runCli(['recheck', out, '--corrections', bad]).stderr).toMatch(/line 2: .*computed/);
    expect(snapshot(out)).toEqual(before);
  });

  it('a corrected prior-year figure raises PRIOR_YEAR, only the affected flags change, a second recheck is byte-identical', () => {
    const before = flagLines(out);
    const corr = join(dir, 'corrections.csv');
    writeFileSync(corr, 'doc_id,project_seq,field,value,note\nhongshan-2021-declaration,1,prior_year_budget:2019,28.56,复核：原件为28.56\n');
    expect(runCli(['recheck', out, '--corrections', corr, '--quiet']).code).toBe(0);
    const after = flagLines(out);
    const added = after.filter((l) => !before.includes(l));
    const removed = before.filter((l) => !after.includes(l));
    expect(removed).toEqual([]);
    expect(added).toHaveLength(1);
    const flag = readCsvFile(join(out, 'flags.csv')).rows.find((f) => f.code === 'PRIOR_YEAR')!;
    expect([flag.doc_id, flag.project_seq, flag.reported, flag.expected, flag.other_doc_id, flag.corrected]).toEqual([
      'hongshan-2021-declaration', '1', '28.56', '27.56', 'hongshan-2019-self-eval-report', 'true',
    ]);
    const json = JSON.parse(readFileSync(join(out, 'json', 'hongshan-2021-declaration.json'), 'utf8'));
    expect(json.projects[0].prior_year_budgets[0].amount_wan.src).toMatchObject({ corrected_from: '27.56', correction_note: '复核：原件为28.56' });
    expect(json.corrections).toEqual([{ project_seq: 1, field: 'prior_year_budget:2019', value: '28.56', previous: '27.56', note: '复核：原件为28.56' }]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('复核：原件为28.56');

    const first = snapshot(out);
    expect(runCli(['recheck', out, '--corrections', corr, '--quiet']).code).toBe(0);
    expect(snapshot(out)).toEqual(first);
  });

  it('correcting the other side (the report’s budget) raises it too, and the report’s own flags follow the corrected figure', () => {
    const corr = join(dir, 'corrections2.csv');
    writeFileSync(corr, 'doc_id,project_seq,field,value,note\nhongshan-2019-self-eval-report,2,budget_wan,30.56,误读\n');
    expect(runCli(['recheck', out, '--corrections', corr, '--quiet']).code).toBe(0);
    const flags = readCsvFile(join(out, 'flags.csv')).rows;
    const prior = flags.filter((f) => f.code === 'PRIOR_YEAR');
    expect(prior.map((f) => [f.reported, f.expected, f.corrected])).toEqual([['28.56', '30.56', 'true']]);
    // B/A with the corrected A: the printed 99.2% no longer agrees
    expect(flags.some((f) => f.doc_id === 'hongshan-2019-self-eval-report' && f.code === 'EXEC_RATE' && f.corrected === 'true')).toBe(true);
  });
  it('a corrected score takes its stale check note out of the record’s warnings and adds none twice', () => {
    const jsonPath = join(out, 'json', 'hongshan-2019-self-eval-report.json');
    const note = (w: string) => w.startsWith('project 2: score_recomputed:') && w.includes('培训参与率');
    const before = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(before.warnings.filter(note)).toHaveLength(1);
    const corr = join(dir, 'corrections3.csv');
    writeFileSync(corr, 'doc_id,project_seq,field,value,note\nhongshan-2019-self-eval-report,2,indicator:培训参与率:score_reported,8,原件得分8\n');
    expect(runCli(['recheck', out, '--corrections', corr, '--quiet']).code).toBe(0);
    const after = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(after.warnings.filter(note)).toEqual([]);
    // the score item that is the same printed figure follows the indicator
    const item = after.projects[1].scores.find((x: { item: { value: string } }) => x.item.value === '培训参与率');
    expect(item.score_reported).toMatchObject({ value: 8, src: { correction_note: '原件得分8' } });
    // every other warning is kept, once
    const others = before.warnings.filter((w: string) => !note(w));
    expect(after.warnings.filter((w: string) => others.includes(w))).toEqual(others);
    expect(new Set(after.warnings).size).toBe(after.warnings.length);
  });
});
