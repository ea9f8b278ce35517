/**
 * jixiao.sqlite against the CSV files, read by a second SQLite implementation (Debian's
 * `sqlite3` command line, not the sql.js that wrote it): every table of every CSV file, same
 * columns in order, declared types, keys, the same rows cell by cell (empty ↔ NULL, numbers
 * stored as numbers, text as text, formula guard undone), foreign keys consistent, the
 * README's example queries run and agree with the CSV files; the same inputs give the same
 * bytes; --no-db writes none; a failed document is a row too.
 * .ci/run installs `sqlite3` (apt-get) when it is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';
import { readCsvFile } from '../helpers/csv.js';
import { unguardCell } from '../../src/emit/csv.js';
import { DB_FILE, kindOf, sqlTypeOf } from '../../src/database/index.js';

const SQLITE3 = '/usr/bin/sqlite3';
const CSV_NAMES = ['documents', 'projects', 'indicators', 'budget_lines', 'scores', 'flags', 'links'];

let tmp: string;
let out: string;
let db: string;

type Cell = string | number | null;
/** Rows of a query, through the sqlite3 command line (-json). */
function query(file: string, sql: string): Record<string, Cell>[] {
  const text = execFileSync(SQLITE3, ['-json', '-bail', file, sql], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return text.trim() ? (JSON.parse(text) as Record<string, Cell>[]) : [];
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(SQLITE3)) throw new Error(`${SQLITE3} missing: apt-get install -y sqlite3 (.ci/run does)`);
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js missing: run `npm run build` (npm test does)');
  tmp = mkdtempSync(join(tmpdir(), 'jixiao-db-'));
  // born-digital PDFs and text (the scans add nothing here but time), plus one broken file
  const inputs = join(tmp, 'in');
  mkdirSync(inputs);
  for (const f of readdirSync(join(ROOT, 'samples'))) if (/\.txt$/.test(f) || (/\.pdf$/.test(f) && !/scan|outlined/.test(f))) copyFileSync(join(ROOT, 'samples', f), join(inputs, f));
  writeFileSync(join(inputs, 'broken.pdf'), '%PDF-1.7\nnot really a pdf\n');
  out = join(tmp, 'out');
  const r = cli(['extract', inputs, '--out', out, '--quiet', '--no-report', '--no-xlsx', '--concurrency', '2']);
  expect(r.code).toBe(1); // broken.pdf failed, the others are written
  db = join(out, DB_FILE);
}, 600_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('jixiao.sqlite', () => {
  it('has one table per CSV file, same columns in order, declared types, user_version 2', () => {
    const tables = query(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    expect(tables).toEqual([...CSV_NAMES].sort());
    expect(query(db, 'PRAGMA user_version')[0].user_version).toBe(2);
    for (const t of CSV_NAMES) {
      const header = readCsvFile(join(out, `${t}.csv`)).header;
      const info = query(db, `PRAGMA table_info("${t}")`);
      expect(info.map((c) => c.name)).toEqual(header);
      for (const c of info) expect(c.type).toBe(sqlTypeOf(kindOf(String(c.name))));
    }
    // a few types spelled out (not only "as the code says")
    const types = Object.fromEntries(query(db, 'PRAGMA table_info("projects")').map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ doc_id: 'TEXT', project_seq: 'INTEGER', fiscal_year: 'INTEGER', budget_wan: 'REAL', execution_rate_recomputed: 'REAL', score_reported: 'REAL', unit: 'TEXT', flags: 'INTEGER' });
  });

  it('has primary keys on documents (doc_id) and projects (doc_id, project_seq), and foreign keys that hold', () => {
    const pk = (t: string) =>
      query(db, `PRAGMA table_info("${t}")`)
        .filter((c) => Number(c.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((c) => c.name);
    expect(pk('documents')).toEqual(['doc_id']);
    expect(pk('projects')).toEqual(['doc_id', 'project_seq']);
    for (const t of ['indicators', 'budget_lines', 'scores', 'flags']) {
      const fks = query(db, `PRAGMA foreign_key_list("${t}")`);
      const toProjects = fks.filter((f) => f.table === 'projects').map((f) => `${f.from}->${f.to}`).sort();
      expect(toProjects).toEqual(['doc_id->doc_id', 'project_seq->project_seq']);
      expect(fks.some((f) => f.table === 'documents' && f.from === 'doc_id')).toBe(true);
    }
    expect(query(db, 'PRAGMA foreign_key_list("projects")').map((f) => `${f.table}.${f.to}`)).toEqual(['documents.doc_id']);
    expect(query(db, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(query(db, 'PRAGMA integrity_check')[0].integrity_check).toBe('ok');
  });

  it('holds the same rows as every CSV file, cell by cell', () => {
    let cells = 0;
    for (const t of CSV_NAMES) {
      const csv = readCsvFile(join(out, `${t}.csv`));
      const cols = csv.header;
      // storage class of each cell as well as its value
      const sel = cols.map((c) => `"${c}", typeof("${c}") AS "${c}__type"`).join(', ');
      const rows = query(db, `SELECT ${sel} FROM "${t}" ORDER BY rowid`);
      expect(rows.length).toBe(csv.rows.length);
      csv.rows.forEach((csvRow, i) => {
        for (const c of cols) {
          const want = unguardCell(csvRow[c]);
          const got = rows[i][c];
          const type = rows[i][`${c}__type`];
          const kind = kindOf(c);
          const where = `${t} row ${i + 1} ${c}: csv '${csvRow[c]}', db ${JSON.stringify(got)} (${type})`;
          if (want === '') {
            expect([where, got]).toEqual([where, null]);
          } else if (kind === 'TEXT') {
            expect([where, type, got]).toEqual([where, 'text', want]);
          } else if (kind === 'BOOLEAN') {
            expect([where, type, got]).toEqual([where, 'integer', want === 'true' ? 1 : 0]);
          } else {
            expect([where, type]).toEqual([where, kind === 'INTEGER' && Number.isInteger(Number(want)) ? 'integer' : 'real']);
            expect([where, Math.abs(Number(got) - Number(want)) <= 1e-12 * Math.max(1, Math.abs(Number(want)))]).toEqual([where, true]);
          }
          cells++;
        }
      });
    }
    expect(cells).toBeGreaterThan(1000);
    // the failed document is a row with its error, and has no projects
    const broken = query(db, "SELECT status, error, pages, projects FROM documents WHERE doc_id = 'broken'");
    expect(broken).toHaveLength(1);
    expect(broken[0].status).toBe('failed');
    expect(String(broken[0].error)).not.toBe('');
    expect(broken[0].projects).toBe(0);
  });

  it("runs the README's example queries, and they agree with the CSV files", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- example queries: run by test\/database\/database\.test\.ts -->\s*```sql\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const queries = block![1]
      .split(/;\s*\n/)
      .map((q) => q.replace(/^--.*$/gm, '').trim())
      .filter(Boolean);
    expect(queries.length).toBeGreaterThanOrEqual(2);
    const results = queries.map((q) => query(db, q));

    const projects = readCsvFile(join(out, 'projects.csv')).rows;
    const flags = readCsvFile(join(out, 'flags.csv')).rows;
    // 1: flags by unit and year: every flag of a project, counted once
    const byUnitYear = results[0];
    expect(byUnitYear.reduce((a, r) => a + Number(r.flags), 0)).toBe(flags.filter((f) => f.project_seq !== '').length);
    expect(byUnitYear.length).toBeGreaterThan(0);
    for (const r of byUnitYear) expect(Object.keys(r)).toEqual(['unit', 'fiscal_year', 'code', 'flags']);
    // 2: projects whose recomputed score differs from the reported one, as the CSV says
    const differ = projects
      .filter((p) => p.score_reported !== '' && p.score_recomputed !== '' && Math.abs(Number(p.score_reported) - Number(p.score_recomputed)) > 0.005)
      .map((p) => `${p.doc_id}#${p.project_seq}`)
      .sort();
    expect(differ.length).toBeGreaterThan(0);
    expect(results[1].map((r) => `${r.doc_id}#${r.project_seq}`).sort()).toEqual(differ);
    // 3: indicators not met
    if (results[2]) {
      const notMet = readCsvFile(join(out, 'indicators.csv')).rows.filter((i) => i.met === 'false').length;
      expect(results[2].length).toBe(notMet);
    }
  });

  it('is byte-identical for the same inputs, and --no-db writes none', () => {
    const again = join(tmp, 'again');
    const r = cli(['extract', join(tmp, 'in'), '--out', again, '--quiet', '--no-report', '--no-xlsx', '--concurrency', '1']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(again, DB_FILE)).equals(readFileSync(db))).toBe(true);
    const none = join(tmp, 'none');
    const n = cli(['extract', join(ROOT, 'samples', 'hongshan-2021-declaration.txt'), '--out', none, '--quiet', '--no-report', '--no-xlsx', '--no-db']);
    expect(n.code).toBe(0);
    expect(existsSync(join(none, 'projects.csv'))).toBe(true);
    expect(existsSync(join(none, DB_FILE))).toBe(false);
    expect(readdirSync(none).filter((f) => /\.tmp-\d+$/.test(f))).toEqual([]);
  });
});

describe('databaseBytes on any tables (a CSV file added later lands too)', () => {
  it('makes a links table with both project references, types by column name, unknown columns TEXT', async () => {
    const { databaseBytes } = await import('../../src/database/index.js');
    const bytes = await databaseBytes([
      { name: 'documents', columns: ['doc_id', 'pages'], rows: [{ doc_id: 'a', pages: '2' }, { doc_id: 'b', pages: '' }] },
      { name: 'projects', columns: ['doc_id', 'project_seq', 'budget_wan'], rows: [{ doc_id: 'a', project_seq: '1', budget_wan: '12.5' }, { doc_id: 'b', project_seq: '1', budget_wan: '' }] },
      {
        name: 'links',
        columns: ['doc_id', 'project_seq', 'other_doc_id', 'other_project_seq', 'relation', 'score', 'matched_on', 'remark'],
        rows: [{ doc_id: 'b', project_seq: '1', other_doc_id: 'a', other_project_seq: '1', relation: 'declared_in', score: '0.97', matched_on: 'unit+project_name', remark: '=1+1' }],
      },
      { name: 'empty', columns: ['doc_id', 'x'], rows: [] },
    ]);
    const file = join(tmp, 'generic.sqlite');
    writeFileSync(file, bytes);
    const types = Object.fromEntries(query(file, 'PRAGMA table_info("links")').map((c) => [c.name, c.type]));
    expect(types).toEqual({ doc_id: 'TEXT', project_seq: 'INTEGER', other_doc_id: 'TEXT', other_project_seq: 'INTEGER', relation: 'TEXT', score: 'REAL', matched_on: 'TEXT', remark: 'TEXT' });
    const fks = query(file, 'PRAGMA foreign_key_list("links")').map((f) => `${f.table}:${f.from}->${f.to}`).sort();
    expect(fks).toEqual(
      ['documents:doc_id->doc_id', 'documents:other_doc_id->doc_id', 'projects:doc_id->doc_id', 'projects:other_doc_id->doc_id', 'projects:other_project_seq->project_seq', 'projects:project_seq->project_seq'].sort(),
    );
    expect(query(file, 'SELECT score, typeof(score) AS t, remark FROM links')).toEqual([{ score: 0.97, t: 'real', remark: '=1+1' }]);
    expect(query(file, 'SELECT doc_id, pages FROM documents ORDER BY rowid')).toEqual([{ doc_id: 'a', pages: 2 }, { doc_id: 'b', pages: null }]);
    expect(query(file, 'SELECT count(*) AS n FROM empty')).toEqual([{ n: 0 }]);
    expect(query(file, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(Buffer.from(await databaseBytes([{ name: 'documents', columns: ['doc_id'], rows: [{ doc_id: 'a' }] }])).equals(Buffer.from(await databaseBytes([{ name: 'documents', columns: ['doc_id'], rows: [{ doc_id: 'a' }] }])))).toBe(true);
    await expect(databaseBytes([{ name: 't', columns: ['doc_id'], rows: [] }, { name: 't', columns: ['doc_id'], rows: [] }])).rejects.toThrow(/twice/);
  });
});
