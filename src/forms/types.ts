/**
 * The boundary between layout+classify and the checks: a form parser turns a laid-out
 * document into typed projects. Parsers fill what the filing prints; the checks stage
 * fills `recomputed`, indicators' `met` and scores' `score_recomputed`, and the flags.
 */
import type { DocumentRecord, Project, Text } from '../../schemas/record.js';
import type { LaidOutDocument } from '../model/layout.js';
import type { Classification } from '../classify/types.js';

export interface ParsedFiling {
  doc_type: DocumentRecord['doc_type'];
  variant: string | null;
  title: Text | null;
  money_unit: DocumentRecord['money_unit'];
  projects: Project[];
  summary_table: DocumentRecord['summary_table'];
  /** Parts that were expected but not found ("no 项目资金 table"): a document with any is `partial`. */
  missing: string[];
  warnings: string[];
}

export type FormParser = (doc: LaidOutDocument, classification: Classification) => ParsedFiling;

/** A project with nothing read yet. */
export function emptyProject(seq: number): Project {
  return {
    seq,
    parts: [],
    fiscal_year: null,
    unit: null,
    department: null,
    project_name: null,
    header: {},
    total_budget_wan: null,
    initial_budget_wan: null,
    budget_wan: null,
    executed_wan: null,
    execution_rate_reported: null,
    prior_year_budgets: [],
    fund_rows: [],
    budget_lines: [],
    budget_line_totals: { funding_source: null, expense_item: null, sub_project: null },
    goal: null,
    goal_achieved: null,
    indicators: [],
    scores: [],
    section_totals: [],
    score_reported: null,
    grade_reported: null,
    narrative: null,
    summary_row: null,
    recomputed: { execution_rate: null, funds_score: null, score: null, grade_expected: null },
  };
}
