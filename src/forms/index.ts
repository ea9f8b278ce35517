/** Dispatch a classified document to its form parser. */
import type { LaidOutDocument } from '../model/layout.js';
import type { Classification } from '../classify/types.js';
import { parseDeclaration } from './declaration/index.js';
import { parseSelfEvalTable } from './self-eval-table/index.js';
import { parseReport } from './report/index.js';
import type { FormParser, ParsedFiling } from './types.js';

export const PARSERS: Record<Exclude<Classification['doc_type'], 'unknown'>, FormParser> = {
  declaration: parseDeclaration,
  self_eval_table: parseSelfEvalTable,
  self_eval_report: parseReport,
};

export function parseFiling(doc: LaidOutDocument, classification: Classification): ParsedFiling {
  if (classification.doc_type === 'unknown') {
    return {
      doc_type: 'unknown',
      variant: null,
      title: null,
      money_unit: null,
      projects: [],
      summary_table: null,
      missing: [],
      warnings: [],
    };
  }
  return PARSERS[classification.doc_type](doc, classification);
}
