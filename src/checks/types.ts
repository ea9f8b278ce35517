/** Types shared by the checks stage. */
import type { DocumentRecord, Flag, Project } from '../../schemas/record.js';

export type { Grade } from '../rules/scoring.js';

/**
 * What the checks read of a filing: the record model's own fields (schemas/), not how a parser
 * produced them. A parser's ParsedFiling and a DocumentRecord (as `recheck` reloads it) both fit.
 */
export type CheckedFiling = Pick<DocumentRecord, 'doc_type' | 'projects' | 'summary_table'> & {
  money_unit?: DocumentRecord['money_unit'];
};

/** What every rule sees: the filing and its projects with `recomputed`, `met` and `score_recomputed` filled. */
export interface RuleContext {
  filing: CheckedFiling;
  projects: Project[];
  /**
   * Notes for the record's `warnings` (`project N: …`): what a rule declined to flag because the
   * values it would rest on look misread (a row read twice, a row under the wrong 一级指标).
   */
  notes?: string[];
}

/** One pure function per flag code. */
export type Rule = (ctx: RuleContext) => Flag[];
