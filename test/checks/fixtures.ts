/** Small hand-built filings for the rule tests. */
import type { DocumentRecord, Narrative, Num, Project, Text } from '../../schemas/record.js';
import { runChecks } from '../../src/checks/index.js';
import { emptyProject, type ParsedFiling } from '../../src/forms/types.js';
import type { SourceRef } from '../../src/model/layout.js';
import { numFrom, textValue } from '../../src/model/values.js';

let line = 1;
/** A fresh source reference on page 1 (a different box each time), optionally OCR'd. */
export function ref(page = 1, confidence?: number): SourceRef {
  const y = line++ * 10;
  return { page, box: { x0: 10, y0: y, x1: 60, y1: y + 8 }, ...(confidence !== undefined ? { confidence } : {}) };
}

/** A number as printed ("99.9%", "19.98", "40"). */
export function n(raw: string, page = 1, confidence?: number): Num {
  const v = numFrom(raw, ref(page, confidence));
  if (!v) throw new Error(`not a number: ${raw}`);
  return v;
}

export function t(value: string, page = 1): Text {
  return textValue(value, ref(page));
}

export function project(seq: number, patch: Partial<Project> = {}): Project {
  return { ...emptyProject(seq), parts: ['form'], ...patch };
}

export function narrative(patch: Partial<Narrative> = {}): Narrative {
  return {
    budget_wan: null,
    executed_wan: null,
    execution_rate: null,
    arrival_rate: null,
    total_score: null,
    grade: null,
    section_weights: [],
    indicator_scores: [],
    quoted_project_names: [],
    named_units: [],
    ...patch,
  };
}

export function filing(projects: Project[], patch: Partial<ParsedFiling> = {}): ParsedFiling {
  return {
    doc_type: 'self_eval_table',
    variant: null,
    title: null,
    money_unit: '万元',
    projects,
    summary_table: null,
    missing: [],
    warnings: [],
    ...patch,
  };
}

/**
 * A whole document record around projects: the checks run on them, the rest are plain
 * self-evaluation-table defaults, overridden by `patch`.
 */
export function checkedRecord(docId: string, projects: Project[], patch: Partial<DocumentRecord> = {}): DocumentRecord {
  const checked = runChecks(filing(projects));
  return {
    schema_version: 1,
    doc_id: docId,
    source_file: `${docId}.txt`,
    sha256: '0'.repeat(64),
    status: 'ok',
    error: null,
    doc_type: 'self_eval_table',
    variant: null,
    pages: null,
    text_source: 'plain_text',
    title: null,
    money_unit: '万元',
    projects: checked.projects,
    summary_table: null,
    flags: checked.flags,
    warnings: [],
    ...patch,
  };
}
