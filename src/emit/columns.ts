/** The output contract's CSV files and their columns, in the contract's order. */
export const COLUMNS = {
  'documents.csv': ['doc_id', 'source_file', 'sha256', 'status', 'doc_type', 'pages', 'text_source', 'projects', 'flags', 'error'],
  'projects.csv': [
    'doc_id',
    'project_seq',
    'doc_type',
    'fiscal_year',
    'unit',
    'department',
    'project_name',
    'budget_wan',
    'executed_wan',
    'execution_rate_reported',
    'execution_rate_recomputed',
    'score_reported',
    'score_recomputed',
    'grade_reported',
    'grade_expected',
    'flags',
    // v2 additions follow the v1 columns (contract v2: department_code, then budget_initial_wan)
    'department_code',
    'budget_initial_wan',
  ],
  'indicators.csv': ['doc_id', 'project_seq', 'level1', 'level2', 'name', 'target', 'actual', 'weight', 'score_reported', 'met', 'note'],
  'budget_lines.csv': ['doc_id', 'project_seq', 'kind', 'name', 'amount_wan'],
  'scores.csv': ['doc_id', 'project_seq', 'section', 'item', 'weight', 'score_reported', 'score_recomputed'],
  'flags.csv': ['doc_id', 'project_seq', 'code', 'severity', 'field', 'reported', 'expected', 'message', 'page', 'other_doc_id', 'corrected'],
  // v2: cross-document links (src/links)
  'links.csv': ['doc_id', 'project_seq', 'other_doc_id', 'other_project_seq', 'relation', 'score', 'matched_on'],
} as const;

export type CsvFile = keyof typeof COLUMNS;
export const CSV_FILES = Object.keys(COLUMNS) as CsvFile[];

/** One CSV row: column name → cell text ('' for null). */
export type Row = Record<string, string>;
