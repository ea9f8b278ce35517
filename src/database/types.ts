/**
 * SQL types of the output columns (contract v2, "Database": numbers as REAL or INTEGER, text
 * as TEXT). Data, keyed by column name, because a column name means the same thing in every
 * file (`project_seq`, `weight`, `page`, …). A column named nowhere here is TEXT, so a column
 * added to a CSV file later lands in the database unchanged as text until it is listed.
 */

/** How a CSV cell is stored: BOOLEAN cells (`true` / `false`) become INTEGER 1 / 0. */
export type ColumnKind = 'INTEGER' | 'REAL' | 'BOOLEAN' | 'TEXT';

/** Columns with a fixed kind, whatever file they are in. */
export const COLUMN_KINDS: Readonly<Record<string, ColumnKind>> = {
  // counts, ordinals, years, pages
  project_seq: 'INTEGER',
  other_project_seq: 'INTEGER',
  pages: 'INTEGER',
  projects: 'INTEGER',
  flags: 'INTEGER',
  fiscal_year: 'INTEGER',
  page: 'INTEGER',
  budget_page: 'INTEGER',
  score_page: 'INTEGER',
  // rates (fractions), scores, weights, match scores
  execution_rate_reported: 'REAL',
  execution_rate_recomputed: 'REAL',
  score_reported: 'REAL',
  score_recomputed: 'REAL',
  weight: 'REAL',
  score: 'REAL',
  // true / false
  met: 'BOOLEAN',
  low_confidence: 'BOOLEAN',
  corrected: 'BOOLEAN',
};

/** Name patterns with a kind: every money column ends in `_wan` (万元). */
export const COLUMN_KIND_PATTERNS: readonly (readonly [RegExp, ColumnKind])[] = [[/_wan$/, 'REAL']];

/** The kind of a column (TEXT unless listed above). */
export function kindOf(column: string): ColumnKind {
  const k = COLUMN_KINDS[column];
  if (k) return k;
  for (const [re, kind] of COLUMN_KIND_PATTERNS) if (re.test(column)) return kind;
  return 'TEXT';
}

/** The declared SQL type of a kind (SQLite has no boolean type: 0 / 1 INTEGER). */
export function sqlTypeOf(kind: ColumnKind): 'INTEGER' | 'REAL' | 'TEXT' {
  return kind === 'BOOLEAN' ? 'INTEGER' : kind;
}

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * The SQL value of one CSV cell of a column of `kind`: '' → NULL; numbers as numbers;
 * `true`/`false` → 1/0. A cell that does not read as its kind (which would be a bug
 * upstream) is kept as the text it is rather than lost.
 */
export function sqlValue(kind: ColumnKind, cell: string): number | string | null {
  if (cell === '') return null;
  switch (kind) {
    case 'TEXT':
      return cell;
    case 'BOOLEAN':
      return cell === 'true' ? 1 : cell === 'false' ? 0 : cell;
    default:
      return NUMBER.test(cell) ? Number(cell) : cell;
  }
}
