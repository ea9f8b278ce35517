/**
 * The output contract (v2: department_code, budget_initial_wan, links.csv, other_doc_id), pinned in the project's own tests (users' clones have no ../shared):
 * files, columns in order, enumerations, plain numbers, the formula guard, one JSON per
 * readable document. Returns the problems found (empty = conforms).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile } from './csv.js';

export const CONTRACT_COLUMNS: Record<string, string[]> = {
  'documents.csv': ['doc_id', 'source_file', 'sha256', 'status', 'doc_type', 'pages', 'text_source', 'projects', 'flags', 'error'],
  'projects.csv': ['doc_id', 'project_seq', 'doc_type', 'fiscal_year', 'unit', 'department', 'project_name', 'budget_wan', 'executed_wan',
    'execution_rate_reported', 'execution_rate_recomputed', 'score_reported', 'score_recomputed', 'grade_reported', 'grade_expected', 'flags',
    // v2
    'department_code', 'budget_initial_wan'],
  'indicators.csv': ['doc_id', 'project_seq', 'level1', 'level2', 'name', 'target', 'actual', 'weight', 'score_reported', 'met', 'note'],
  'budget_lines.csv': ['doc_id', 'project_seq', 'kind', 'name', 'amount_wan'],
  'scores.csv': ['doc_id', 'project_seq', 'section', 'item', 'weight', 'score_reported', 'score_recomputed'],
  'flags.csv': ['doc_id', 'project_seq', 'code', 'severity', 'field', 'reported', 'expected', 'message', 'page', 'other_doc_id', 'corrected'],
  'links.csv': ['doc_id', 'project_seq', 'other_doc_id', 'other_project_seq', 'relation', 'score', 'matched_on'],
};

const ENUMS: Record<string, string[]> = {
  status: ['ok', 'partial', 'failed'],
  doc_type: ['declaration', 'self_eval_table', 'self_eval_report', 'unknown'],
  text_source: ['pdf_text', 'ocr', 'mixed', 'plain_text'],
  kind: ['funding_source', 'expense_item', 'sub_project'],
  severity: ['error', 'warning'],
  grade_reported: ['优', '良', '中', '差'],
  grade_expected: ['优', '良', '中', '差'],
  met: ['true', 'false'],
  code: ['BUDGET_SUM', 'EXEC_RATE', 'FUNDS_SCORE', 'TOTAL_SCORE', 'SCORE_OVER_WEIGHT', 'GRADE', 'CROSS_REF', 'ENTITY', 'TARGET_MISSED',
    'TARGET_CHANGED', 'INDICATOR_DROPPED', 'BUDGET_CHANGED', 'PRIOR_YEAR', 'DUPLICATE'],
  relation: ['declared_in', 'prior_year', 'duplicate'],
  corrected: ['true', 'false'],
};
const NUMERIC = new Set(['pages', 'projects', 'flags', 'project_seq', 'fiscal_year', 'budget_wan', 'executed_wan', 'execution_rate_reported',
  'execution_rate_recomputed', 'score_reported', 'score_recomputed', 'weight', 'amount_wan', 'page', 'other_project_seq', 'score', 'budget_initial_wan']);

export function contractProblems(outDir: string): string[] {
  const problems: string[] = [];
  const docIds = new Set<string>();
  for (const [file, columns] of Object.entries(CONTRACT_COLUMNS)) {
    const path = join(outDir, file);
    if (!existsSync(path)) {
      problems.push(`${file}: missing`);
      continue;
    }
    let csv;
    try {
      csv = readCsvFile(path);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    if (JSON.stringify(csv.header.slice(0, columns.length)) !== JSON.stringify(columns)) {
      problems.push(`${file}: header ${csv.header.join(',')} does not start with the contract's columns`);
    }
    csv.rows.forEach((row, n) => {
      for (const [col, v] of Object.entries(row)) {
        if (v === '') continue;
        if (ENUMS[col] && !ENUMS[col].includes(v)) problems.push(`${file}:${n + 2}: ${col}='${v}'`);
        if (NUMERIC.has(col) && !/^-?\d+(\.\d+)?$/.test(v)) problems.push(`${file}:${n + 2}: ${col}='${v}' not a plain number`);
        if (!NUMERIC.has(col) && /^[=+\-@\t\r]/.test(v) && !/^[+-]?\d+(\.\d+)?%?$/.test(v)) problems.push(`${file}:${n + 2}: ${col} formula`);
      }
      if (file === 'documents.csv') {
        docIds.add(row.doc_id);
        if (row.status !== 'failed' && !existsSync(join(outDir, 'json', `${row.doc_id}.json`))) problems.push(`json/${row.doc_id}.json missing`);
        if (row.status !== 'ok' && !row.error) problems.push(`${row.doc_id}: ${row.status} without error`);
      } else if (!docIds.has(row.doc_id)) problems.push(`${file}:${n + 2}: doc_id ${row.doc_id} not in documents.csv`);
    });
  }
  return problems;
}
