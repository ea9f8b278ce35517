/**
 * End to end on samples/: the built CLI over the whole folder, the contract, the issue's
 * expectations for the seeds (as .txt and as rebuilt PDFs), every sample against its
 * expected record, determinism, and a batch with bad files in it.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractProblems } from '../helpers/contract.js';
import { readCsvFile } from '../helpers/csv.js';
import { ROOT, runCli, SHARED_CHECKER } from '../helpers/cli.js';
import { evaluate } from '../../scripts/eval.js';

const OUT = join(ROOT, 'test-output', 'e2e-samples');
let run: ReturnType<typeof runCli>;

type Rows = Record<string, string>[];
const csv = (file: string): Rows => readCsvFile(join(OUT, file)).rows;
const of = (rows: Rows, docId: string, seq?: string) => rows.filter((r) => r.doc_id === docId && (seq === undefined || r.project_seq === seq));
const num = (s: string) => (s === '' ? null : Number(s));

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  run = runCli(['extract', 'samples', '--out', OUT, '--quiet']);
});

describe('jixiao extract samples', () => {
  it('reads every sample as ok and exits 0', () => {
    const docs = csv('documents.csv');
    const notOk = docs.filter((d) => d.status !== 'ok').map((d) => `${d.doc_id}: ${d.status} ${d.error}`);
    expect(notOk).toEqual([]);
    expect(run.code).toBe(0);
    const samples = readdirSync(join(ROOT, 'samples')).filter((f) => /\.(pdf|txt)$/.test(f));
    expect(docs.length).toBe(samples.length);
  });

  it('writes output that conforms to the contract (own checks)', () => {
    expect(contractProblems(OUT)).toEqual([]);
  });

  const shared = existsSync(SHARED_CHECKER);
  (shared ? it : it.skip)('is accepted by ../shared/tools/check-contract.mjs (skipped when ../shared is absent)', () => {
    const r = spawnSync(process.execPath, [SHARED_CHECKER, OUT], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/contract: OK/);
    expect(r.status).toBe(0);
  });

  it('matches every expected record in samples/expected field by field', () => {
    const res = evaluate(OUT, join(ROOT, 'samples', 'expected'));
    const wrong = res.documents.flatMap((d) => d.wrong.map((w) => `${w.doc_id} ${w.path}: expected ${w.expected}, got ${w.got}`));
    expect(wrong).toEqual([]);
    expect(res.documents.length).toBeGreaterThanOrEqual(10);
  });
});

describe.each([['hongshan-2021-declaration'], ['hongshan-2021-declaration-rebuilt']])('%s', (id) => {
  it('is the 2021 declaration of 打击欺诈骗取医保 with its money and indicators, no flag', () => {
    const [doc] = of(csv('documents.csv'), id);
    // its own flags: none; the rebuilt twin is the same filing again (a cross-document DUPLICATE)
    const cross = of(csv('flags.csv'), id).filter((f) => f.other_doc_id !== '');
    expect(cross.map((f) => [f.code, f.other_doc_id])).toEqual(id === 'hongshan-2021-declaration' ? [] : [['DUPLICATE', 'hongshan-2021-declaration']]);
    expect(doc).toMatchObject({ doc_type: 'declaration', projects: '1', flags: String(cross.length) });
    const [p] = of(csv('projects.csv'), id);
    expect(p).toMatchObject({ fiscal_year: '2021', unit: '武汉市洪山区医疗保障局', project_name: '打击欺诈骗取医保', budget_wan: '72.35', executed_wan: '' });
    const lines = of(csv('budget_lines.csv'), id);
    const items = lines.filter((l) => l.kind === 'expense_item');
    expect(items.length).toBe(6);
    expect(items[0]).toMatchObject({ name: '举报奖励费', amount_wan: '15' });
    expect(items[5]).toMatchObject({ name: '每年参与国家局、省局、市局各类检查', amount_wan: '2' });
    expect(items.reduce((s, l) => s + Number(l.amount_wan), 0)).toBeCloseTo(72.35, 6);
    expect(lines.filter((l) => l.kind === 'funding_source')).toEqual([
      expect.objectContaining({ name: '一般公共预算财政拨款收入', amount_wan: '72.35' }),
    ]);
    const ind = of(csv('indicators.csv'), id);
    expect(ind.length).toBe(5);
    expect(ind[0]).toMatchObject({ name: '政策宣传活动次数', target: '≥2次' });
    expect(ind[4]).toMatchObject({ name: '群众对医疗保障工作的满意度', target: '≥90%' });
    const json = JSON.parse(readFileSync(join(OUT, 'json', `${id}.json`), 'utf8'));
    expect(json.projects[0].prior_year_budgets.map((b: { year: number; amount_wan: { value: number } }) => [b.year, b.amount_wan.value])).toEqual([
      [2019, 27.56],
      [2020, 30.1],
    ]);
    expect(of(csv('flags.csv'), id).filter((f) => f.other_doc_id === '')).toEqual([]);
  });
});

describe.each([
  ['jinzhong-2020-self-eval-table', false],
  ['jinzhong-2020-self-eval-table-rebuilt', true],
])('%s', (id, scoresPrinted) => {
  it('is the Shanxi self-evaluation with a GRADE contradiction', () => {
    const [p] = of(csv('projects.csv'), id);
    expect(p).toMatchObject({
      doc_type: 'self_eval_table',
      fiscal_year: '2020',
      unit: '晋中市医疗保障局',
      project_name: '打击欺诈骗保工作经费',
      budget_wan: '20',
      executed_wan: '13.5',
      execution_rate_recomputed: '0.675',
      score_reported: '99.03',
      grade_reported: '中',
      grade_expected: '优',
    });
    if (scoresPrinted) expect(num(p.score_recomputed)).toBeCloseTo(99.025, 3);
    else expect(p.score_recomputed).toBe('');
    const ind = of(csv('indicators.csv'), id);
    expect(ind.length).toBe(14);
    expect(ind.every((i) => i.target !== '' && i.actual !== '')).toBe(true);
    expect(ind.find((i) => i.name.includes('宣传费'))).toMatchObject({ target: '70000', actual: '47190' });
    const scores = of(csv('scores.csv'), id);
    expect(scores.length).toBe(21);
    expect(scores.reduce((s, r) => s + Number(r.weight), 0)).toBe(100);
    const flags = of(csv('flags.csv'), id);
    expect(flags.map((f) => f.code)).toContain('GRADE');
    expect(flags.find((f) => f.code === 'GRADE')).toMatchObject({ reported: '中', expected: '优', severity: 'error' });
  });
});

describe.each([['hongshan-2019-self-eval-report'], ['hongshan-2019-self-eval-report-rebuilt']])('%s', (id) => {
  it('holds two projects with their figures, ENTITY and TARGET_MISSED flags only', () => {
    const projects = of(csv('projects.csv'), id);
    expect(projects.map((p) => [p.project_name, p.budget_wan, p.executed_wan, p.execution_rate_reported, p.score_reported, p.grade_reported])).toEqual([
      ['机关建设及日常保障经费', '40', '39.96', '0.999', '90.98', '优'],
      ['打击欺诈骗取医保基金专项经费', '27.56', '27.34', '0.992', '92.84', '优'],
    ]);
    expect(projects.every((p) => p.fiscal_year === '2019' && p.doc_type === 'self_eval_report')).toBe(true);
    const subs = of(csv('budget_lines.csv'), id, '1').filter((l) => l.kind === 'sub_project');
    expect(subs.length).toBe(5);
    expect(subs.reduce((s, l) => s + Number(l.amount_wan), 0)).toBeCloseTo(40, 6);
    expect(of(csv('indicators.csv'), id, '1').length).toBe(4);
    expect(of(csv('indicators.csv'), id, '2').length).toBe(5);
    const flags = of(csv('flags.csv'), id);
    const codes = new Set(flags.map((f) => f.code));
    for (const absent of ['BUDGET_SUM', 'EXEC_RATE', 'FUNDS_SCORE', 'TOTAL_SCORE', 'GRADE']) expect(codes.has(absent)).toBe(false);
    expect(flags.filter((f) => f.code === 'ENTITY').map((f) => f.project_seq).sort()).toEqual(['1', '2']);
    const missed = flags.filter((f) => f.code === 'TARGET_MISSED');
    expect(missed.length).toBeGreaterThanOrEqual(2);
    expect(missed.every((f) => f.severity === 'warning')).toBe(true);
  });
});

describe('determinism and bad input', () => {
  it('gives byte-identical output for the same inputs', () => {
    const again = join(ROOT, 'test-output', 'e2e-samples-again');
    rmSync(again, { recursive: true, force: true });
    runCli(['extract', 'samples', '--out', again, '--quiet', '--concurrency', '1']);
    const files = (dir: string) => [
      ...readdirSync(dir).filter((f) => f.endsWith('.csv')),
      ...readdirSync(join(dir, 'json')).map((f) => `json/${f}`),
    ].sort();
    expect(files(again)).toEqual(files(OUT));
    for (const f of files(OUT)) expect(readFileSync(join(again, f)).equals(readFileSync(join(OUT, f)))).toBe(true);
  });

  it('finishes a batch with bad files in it: one-line errors, exit 1, the good file intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-bad-'));
    copyFileSync(join(ROOT, 'samples', 'hongshan-2021-declaration.txt'), join(dir, 'good.txt'));
    writeFileSync(join(dir, 'empty.pdf'), '');
    writeFileSync(join(dir, 'not-a-pdf.pdf'), 'GIF89a not really');
    writeFileSync(join(dir, 'truncated.pdf'), readFileSync(join(ROOT, 'samples', 'hongshan-2021-declaration-rebuilt.pdf')).subarray(0, 2000));
    writeFileSync(join(dir, 'recipe.txt'), '番茄炒蛋\n鸡蛋两个，番茄一个。\n');
    const out = join(dir, 'out');
    const r = runCli(['extract', dir, '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    const docs = Object.fromEntries(readCsvFile(join(out, 'documents.csv')).rows.map((d) => [d.doc_id, d]));
    expect(docs.good).toMatchObject({ status: 'ok', doc_type: 'declaration' });
    for (const bad of ['empty', 'not-a-pdf', 'truncated']) {
      expect(docs[bad].status).toBe('failed');
      expect(docs[bad].error).toMatch(/\S/);
      expect(docs[bad].error).not.toMatch(/\n/);
    }
    expect(docs.recipe).toMatchObject({ doc_type: 'unknown' });
    expect(contractProblems(out)).toEqual([]);
    expect(readdirSync(out).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('exits 2 on bad usage', () => {
    expect(runCli(['extract', 'samples']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['extract', 'no/such/folder', '--out', join(tmpdir(), 'x')]).code).toBe(2);
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/jixiao extract <file-or-folder>/);
  });
});

describe('--pdf-engine pdfium', () => {
  it('gives the same CSV files as pdf.js on the born-digital samples', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdfium-'));
    try {
      const files = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.pdf') && !/-(scan|outlined)\.pdf$/.test(f));
      expect(files.length).toBeGreaterThanOrEqual(6);
      for (const f of files) copyFileSync(join(ROOT, 'samples', f), join(dir, f));
      const outs: Record<string, string> = {};
      for (const engine of ['pdfjs', 'pdfium']) {
        outs[engine] = join(dir, `out-${engine}`);
        const r = runCli(['extract', dir, '--out', outs[engine], '--quiet', '--ocr', 'never', '--no-report', '--no-xlsx', '--no-db', '--pdf-engine', engine]);
        expect(r.code).toBe(0);
      }
      for (const f of readdirSync(outs.pdfjs).filter((n) => n.endsWith('.csv'))) {
        expect([f, readFileSync(join(outs.pdfium, f), 'utf8')]).toEqual([f, readFileSync(join(outs.pdfjs, f), 'utf8')]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
