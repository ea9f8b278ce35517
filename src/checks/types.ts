/** Types shared by the checks stage. */
import type { Flag, Grade as GradeSchema, Project } from '../../schemas/record.js';
import type { ParsedFiling } from '../forms/types.js';
import type { z } from 'zod';

export type Grade = z.infer<typeof GradeSchema>;

/** What every rule sees: the filing and its projects with `recomputed`, `met` and `score_recomputed` filled. */
export interface RuleContext {
  filing: ParsedFiling;
  projects: Project[];
}

/** One pure function per flag code. */
export type Rule = (ctx: RuleContext) => Flag[];
