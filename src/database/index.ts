/**
 * The database stage: `jixiao.sqlite` (contract v2, "Database"), one table per CSV file of the
 * run with the same table and column names and the same rows in the same order, so an analyst
 * can query a run with SQL, open it in DB Browser, or attach it from Python or R.
 *
 *  - types: numbers REAL or INTEGER, text TEXT, `true`/`false` INTEGER 1/0 (types.ts, by
 *    column name); an empty cell is NULL;
 *  - keys: `doc_id` is NOT NULL everywhere; `documents` PRIMARY KEY (doc_id); `projects` PRIMARY KEY (doc_id, project_seq)
 *    and FOREIGN KEY (doc_id) → documents; every other table with (doc_id, project_seq)
 *    FOREIGN KEY → projects (a NULL project_seq, e.g. a document-level flag, references no
 *    project) and (doc_id) → documents, and likewise (other_doc_id, other_project_seq) →
 *    projects; an index on (doc_id, project_seq) of each such table for joins;
 *  - generic: whatever tables it is given land in the file, so a CSV file added to a run
 *    (e.g. links.csv) only has to be passed in; unknown columns are TEXT.
 *
 * Built in memory with sql.js (SQLite compiled to WebAssembly: no native build, no install
 * script; Node 20, 22, 24) and written atomically. The same tables give the same bytes.
 */
import { join } from 'node:path';
import initSqlJs, { type SqlJsStatic, type SqlValue } from 'sql.js';
import { writeAtomic, type Row } from '../emit/index.js';
import { kindOf, sqlTypeOf, sqlValue } from './types.js';

export { COLUMN_KINDS, COLUMN_KIND_PATTERNS, kindOf, sqlTypeOf, sqlValue, type ColumnKind } from './types.js';

export const DB_FILE = 'jixiao.sqlite';

/** `PRAGMA user_version` of the file: the output contract's version. */
export const DB_USER_VERSION = 2;

/** One table: its name (the CSV file's name without `.csv`), columns in order, rows as in the CSV (cell text, '' for empty). */
export interface Table {
  name: string;
  columns: readonly string[];
  rows: readonly Row[];
}

/** `projects.csv` → `projects`. */
export function tableNameOf(csvFile: string): string {
  return csvFile.replace(/\.csv$/i, '');
}

let sqlJs: Promise<SqlJsStatic> | null = null;
function sql(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The CREATE statements of `tables` (keys as described in the module comment). */
export function schemaSql(tables: readonly Table[]): string[] {
  const names = new Set(tables.map((t) => t.name));
  const out: string[] = [];
  for (const t of tables) {
    const has = (c: string) => t.columns.includes(c);
    const notNull = (c: string) => c === 'doc_id' || (t.name === 'projects' && c === 'project_seq');
    const defs = t.columns.map((c) => `${ident(c)} ${sqlTypeOf(kindOf(c))}${notNull(c) ? ' NOT NULL' : ''}`);
    const keys: string[] = [];
    if (t.name === 'documents' && has('doc_id')) keys.push('PRIMARY KEY ("doc_id")');
    else if (t.name === 'projects' && has('doc_id') && has('project_seq')) {
      keys.push('PRIMARY KEY ("doc_id", "project_seq")');
      if (names.has('documents')) keys.push('FOREIGN KEY ("doc_id") REFERENCES "documents" ("doc_id")');
    } else {
      if (has('doc_id') && has('project_seq') && names.has('projects')) keys.push('FOREIGN KEY ("doc_id", "project_seq") REFERENCES "projects" ("doc_id", "project_seq")');
      if (has('doc_id') && names.has('documents')) keys.push('FOREIGN KEY ("doc_id") REFERENCES "documents" ("doc_id")');
      if (has('other_doc_id') && has('other_project_seq') && names.has('projects'))
        keys.push('FOREIGN KEY ("other_doc_id", "other_project_seq") REFERENCES "projects" ("doc_id", "project_seq")');
      if (has('other_doc_id') && names.has('documents')) keys.push('FOREIGN KEY ("other_doc_id") REFERENCES "documents" ("doc_id")');
    }
    out.push(`CREATE TABLE ${ident(t.name)} (\n  ${[...defs, ...keys].join(',\n  ')}\n)`);
    if (t.name !== 'documents' && t.name !== 'projects' && has('doc_id') && has('project_seq')) {
      out.push(`CREATE INDEX ${ident(`${t.name}_by_project`)} ON ${ident(t.name)} ("doc_id", "project_seq")`);
    }
  }
  return out;
}

/**
 * The bytes of a SQLite database holding `tables` (names must be distinct; columns as in the
 * CSV files; rows in CSV order). Deterministic: the same tables give the same bytes.
 */
export async function databaseBytes(tables: readonly Table[]): Promise<Uint8Array> {
  const seen = new Set<string>();
  for (const t of tables) {
    if (seen.has(t.name)) throw new Error(`table '${t.name}' given twice`);
    seen.add(t.name);
  }
  const SQL = await sql();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA user_version = ${DB_USER_VERSION}`);
    db.run('BEGIN');
    for (const stmt of schemaSql(tables)) db.run(stmt);
    for (const t of tables) {
      if (t.rows.length === 0) continue;
      const kinds = t.columns.map(kindOf);
      const insert = db.prepare(`INSERT INTO ${ident(t.name)} VALUES (${t.columns.map(() => '?').join(', ')})`);
      try {
        for (const row of t.rows) insert.run(t.columns.map((c, i): SqlValue => sqlValue(kinds[i], row[c] ?? '')));
      } finally {
        insert.free();
      }
    }
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

/** Write `<outDir>/jixiao.sqlite` atomically (temporary name in the same folder, then rename). */
export async function writeDatabase(outDir: string, tables: readonly Table[]): Promise<void> {
  await writeAtomic(join(outDir, DB_FILE), await databaseBytes(tables));
}
