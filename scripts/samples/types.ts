/** The shape of samples/expected/<doc_id>.json (docs/expected-format.md) and of one sample. */
import type { OdfDoc } from './fodt.js';

export type DocType = 'declaration' | 'self_eval_table' | 'self_eval_report' | 'unknown';
export type LineKind = 'funding_source' | 'expense_item' | 'sub_project';

export interface ExpBudgetLine {
  kind: LineKind;
  name: string;
  amount_wan: number | null;
}

export interface ExpIndicator {
  level1?: string | null;
  level2?: string | null;
  name: string;
  target?: string | null;
  actual?: string | null;
  weight?: number | null;
  score_reported?: number | null;
}

export interface ExpScore {
  section: string;
  item: string;
  weight?: number | null;
  score_reported?: number | null;
}

export interface ExpProject {
  project_seq: number;
  fiscal_year?: number | null;
  unit?: string | null;
  department?: string | null;
  project_name?: string | null;
  budget_wan?: number | null;
  executed_wan?: number | null;
  execution_rate_reported?: number | null;
  execution_rate_recomputed?: number | null;
  score_reported?: number | null;
  score_recomputed?: number | null;
  grade_reported?: string | null;
  grade_expected?: string | null;
  prior_year_budgets?: { year: number; amount_wan: number }[];
  budget_lines?: ExpBudgetLine[];
  indicators?: ExpIndicator[];
  scores?: ExpScore[];
}

export interface ExpFlag {
  code: string;
  project_seq: number | null;
}

export interface Expected {
  doc_id: string;
  doc_type: DocType;
  projects: ExpProject[];
  flags: ExpFlag[];
}

/** One file of samples/: a copied seed, an office-suite PDF (from ODF) or a PDF written byte by byte. */
export type Sample =
  | { docId: string; kind: 'seed'; seed: string; expected: Expected }
  | { docId: string; kind: 'odf'; doc: () => OdfDoc; expected: Expected }
  | { docId: string; kind: 'raw'; bytes: () => Uint8Array; expected: Expected };

/** 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60 */
export function gradeOf(score: number): '优' | '良' | '中' | '差' {
  return score >= 90 ? '优' : score >= 80 ? '良' : score >= 60 ? '中' : '差';
}

export const round = (x: number, d: number): number => Math.round(x * 10 ** d + 1e-9) / 10 ** d;
export const fix = (x: number, d = 2): string => round(x, d).toFixed(d);
