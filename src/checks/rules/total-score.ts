/**
 * TOTAL_SCORE: the printed total (自评得分 / 综合得分) or a printed section subtotal differs
 * from the sum of its printed parts. Only when every part is readable and, for the total,
 * the items make a whole scheme.
 */
import type { Flag } from '../../../schemas/record.js';
import { disagrees, sumOf, weightsDiffer } from '../compare.js';
import { FULL_SCORE } from '../rules-data.js';
import { fmt, makeFlag } from '../flag.js';
import { scoredParts } from '../recompute.js';
import type { RuleContext } from '../types.js';

export function totalScore(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    const parts = scoredParts(p);
    const sum = sumOf(parts.map((x) => x.reported));
    // The items must be the whole scheme: weights adding up to 100 when all are printed,
    // otherwise at least two items (one stray item is an extraction gap, not a contradiction).
    const weights = sumOf(parts.map((x) => x.weight));
    const complete = weights ? !weightsDiffer(weights.value, FULL_SCORE) : parts.length >= 2;
    if (complete && p.score_reported && sum && disagrees(p.score_reported, sum.value, sum.ulp)) {
      flags.push(
        makeFlag({
          code: 'TOTAL_SCORE',
          project_seq: p.seq,
          field: 'score_reported',
          reported: p.score_reported,
          expected: sum.value,
          message: `自评总分 ${fmt(p.score_reported.value)} 与各评分项得分之和 ${fmt(sum.value)} 不符，请核对总分或各项得分。`,
          involved: parts.map((x) => x.reported),
        }),
      );
    }
    for (const st of p.section_totals) {
      if (!st.score_reported) continue;
      const items = p.scores.filter((s) => s.section === st.section);
      const s = sumOf(items.map((i) => i.score_reported));
      if (s && disagrees(st.score_reported, s.value, s.ulp)) {
        flags.push(
          makeFlag({
            code: 'TOTAL_SCORE',
            project_seq: p.seq,
            field: `score_reported:${st.section}`,
            reported: st.score_reported,
            expected: s.value,
            message: `“${st.section}”部分得分小计 ${fmt(st.score_reported.value)} 与其各项得分之和 ${fmt(s.value)} 不符。`,
            involved: items.map((i) => i.score_reported),
          }),
        );
      }
    }
  }
  return flags;
}
