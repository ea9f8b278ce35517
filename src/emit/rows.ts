/**
 * Row mapping: a DocumentRecord → the rows of each contract CSV. Numbers via formatNumber,
 * null → empty cell. The formula guard is applied when the file is written, not here.
 */
import type { DocumentRecord, Num, Text } from '../../schemas/record.js';
import { formatNumber } from '../text/numbers.js';
import type { Row } from './columns.js';
import { gradeOf } from '../rules/scoring.js';

export function num(v: Num | number | null | undefined): string {
  if (v == null) return '';
  return formatNumber(typeof v === 'number' ? v : v.value);
}

export function text(v: Text | string | null | undefined): string {
  if (v == null) return '';
  return typeof v === 'string' ? v : v.value;
}

export function documentRow(r: DocumentRecord): Row {
  return {
    doc_id: r.doc_id,
    source_file: r.source_file,
    sha256: r.sha256,
    status: r.status,
    doc_type: r.doc_type,
    pages: num(r.pages),
    text_source: r.text_source,
    projects: String(r.projects.length),
    flags: String(r.flags.length),
    error: oneLine(r.error ?? ''),
  };
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function projectRows(r: DocumentRecord): Row[] {
  return r.projects.map((p) => ({
    doc_id: r.doc_id,
    project_seq: String(p.seq),
    doc_type: r.doc_type,
    fiscal_year: num(p.fiscal_year),
    unit: text(p.unit),
    department: text(p.department),
    project_name: text(p.project_name),
    budget_wan: num(p.budget_wan),
    budget_initial_wan: num(p.initial_budget_wan),
    executed_wan: num(p.executed_wan),
    execution_rate_reported: num(p.execution_rate_reported),
    execution_rate_recomputed: num(p.recomputed.execution_rate),
    score_reported: num(p.score_reported),
    score_recomputed: num(p.recomputed.score),
    // the CSV holds one of 优/良/中/差 (优秀 → 优); the JSON keeps the grade as printed
    grade_reported: gradeOf(p.grade_reported?.value) ?? '',
    grade_expected: p.recomputed.grade_expected ?? '',
    flags: String(r.flags.filter((f) => f.project_seq === p.seq).length),
    department_code: text(p.department_code ?? null),
    budget_page: p.budget_wan?.src.page != null ? String(p.budget_wan.src.page) : '',
    score_page: p.score_reported?.src.page != null ? String(p.score_reported.src.page) : '',
  }));
}

export function indicatorRows(r: DocumentRecord): Row[] {
  return r.projects.flatMap((p) =>
    p.indicators.map((i) => ({
      doc_id: r.doc_id,
      project_seq: String(p.seq),
      level1: text(i.level1),
      level2: text(i.level2),
      name: text(i.name),
      target: text(i.target),
      actual: text(i.actual),
      weight: num(i.weight),
      score_reported: num(i.score_reported),
      met: i.met == null ? '' : String(i.met),
      note: text(i.note),
      page: i.name.src.page != null ? String(i.name.src.page) : '',
    })),
  );
}

export function budgetLineRows(r: DocumentRecord): Row[] {
  return r.projects.flatMap((p) =>
    p.budget_lines.map((l) => ({
      doc_id: r.doc_id,
      project_seq: String(p.seq),
      kind: l.kind,
      name: text(l.name),
      amount_wan: num(l.amount_wan),
      page: l.name.src.page != null ? String(l.name.src.page) : '',
    })),
  );
}

export function scoreRows(r: DocumentRecord): Row[] {
  return r.projects.flatMap((p) =>
    p.scores.map((s) => ({
      doc_id: r.doc_id,
      project_seq: String(p.seq),
      section: s.section,
      item: text(s.item),
      weight: num(s.weight),
      score_reported: num(s.score_reported),
      score_recomputed: num(s.score_recomputed),
      role: s.role,
    })),
  );
}

export function flagRows(r: DocumentRecord): Row[] {
  return r.flags.map((f) => ({
    doc_id: r.doc_id,
    project_seq: f.project_seq == null ? '' : String(f.project_seq),
    code: f.code,
    severity: f.severity,
    field: f.field,
    reported: f.reported ?? '',
    expected: f.expected ?? '',
    message: f.message,
    page: f.page == null ? '' : String(f.page),
    other_doc_id: f.other_doc_id ?? '',
    corrected: f.corrected || f.refs.some((ref) => ref.corrected_from !== undefined) ? 'true' : 'false',
    low_confidence: f.low_confidence ? 'true' : 'false',
    alternative_reading: f.alternative_reading ?? '',
  }));
}

/** v2: links.csv, one row per link of the record (src/links); score to 4 decimals. */
export function linkRows(r: DocumentRecord): Row[] {
  return (r.links ?? []).map((l) => ({
    doc_id: r.doc_id,
    project_seq: l.project_seq == null ? '' : String(l.project_seq),
    other_doc_id: l.other_doc_id,
    other_project_seq: l.other_project_seq == null ? '' : String(l.other_project_seq),
    relation: l.relation,
    score: formatNumber(l.score, 4),
    matched_on: l.matched_on,
  }));
}

/** Columns each file carries after the contract's ones. */
export const EXTRA_COLUMNS = {
  'documents.csv': [],
  'projects.csv': ['budget_page', 'score_page'],
  'indicators.csv': ['page'],
  'budget_lines.csv': ['page'],
  'scores.csv': ['role'],
  'flags.csv': ['low_confidence', 'alternative_reading'],
  'links.csv': [],
} as const;
