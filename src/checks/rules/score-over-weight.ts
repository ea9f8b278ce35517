/**
 * SCORE_OVER_WEIGHT: an item's score above its weight (score items, indicators, 项目资金 rows);
 * item weights that do not sum to their section's printed weight; section weights, or the
 * weights of a complete set of items, that do not sum to 100.
 */
import type { Flag, Num } from '../../../schemas/record.js';
import { agrees } from '../../text/numbers.js';
import { sumOf, weightsDiffer } from '../compare.js';
import { fmt, makeFlag, sameProvenance } from '../flag.js';
import { scoredParts } from '../recompute.js';
import { FLOAT_EPS, FULL_SCORE } from '../rules-data.js';
import type { RuleContext } from '../types.js';

/** A weight is nominal (分值 3 means exactly 3): any score above it is over. */
function over(score: Num, weight: Num): boolean {
  return score.value > weight.value + FLOAT_EPS;
}

export function scoreOverWeight(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    const seen: Num[] = [];
    const item = (label: string, score: Num | null, weight: Num | null) => {
      if (!score || !weight || !over(score, weight)) return;
      if (seen.some((s) => s.value === score.value && sameProvenance(s.src, score.src))) return;
      seen.push(score);
      flags.push(
        makeFlag({
          code: 'SCORE_OVER_WEIGHT',
          project_seq: p.seq,
          field: `score_reported:${label}`,
          reported: score,
          expected: weight,
          message: `“${label}”得分 ${fmt(score.value)} 超过其分值 ${fmt(weight.value)}。`,
          involved: [],
        }),
      );
    };
    for (const s of p.scores) item(s.item.value, s.score_reported, s.weight);
    for (const i of p.indicators) item(i.name.value, i.score_reported, i.weight);
    for (const r of p.fund_rows) item(r.name.value, r.score, r.weight);

    const sectionWeights: (Num | null)[] = [];
    for (const st of p.section_totals) {
      sectionWeights.push(st.weight);
      if (!st.weight) continue;
      const items = p.scores.filter((s) => s.section === st.section);
      const sum = sumOf(items.map((i) => i.weight));
      if (sum && weightsDiffer(st.weight.value, sum.value)) {
        flags.push(
          makeFlag({
            code: 'SCORE_OVER_WEIGHT',
            project_seq: p.seq,
            field: `weight:${st.section}`,
            reported: st.weight,
            expected: sum.value,
            message: `“${st.section}”部分分值 ${fmt(st.weight.value)} 与其各项分值之和 ${fmt(sum.value)} 不符。`,
            involved: items.map((i) => i.weight),
          }),
        );
      }
    }
    // The full scheme must weigh 100. A list is known to be the full scheme when its printed
    // scores add up to the printed total: section subtotals first, else the items.
    const sectionScores = sumOf(p.section_totals.map((st) => st.score_reported));
    const sections = sumOf(sectionWeights);
    const parts = scoredParts(p);
    const itemWeights = sumOf(parts.map((x) => x.weight));
    const itemScores = sumOf(parts.map((x) => x.reported));
    const total = p.score_reported;
    const isWhole = (s: { value: number; ulp: number } | null) => !!s && !!total && agrees(total.value, total.ulp, s.value, s.ulp);
    let full: { value: number; ulp: number; what: string; involved: (Num | null)[] } | null = null;
    if (sections && sectionWeights.length >= 2 && isWhole(sectionScores)) {
      full = { ...sections, what: '各部分分值', involved: sectionWeights };
    } else if (itemWeights && parts.length >= 2 && isWhole(itemScores)) {
      full = { ...itemWeights, what: '各评分项分值', involved: parts.map((x) => x.weight) };
    }
    if (full && weightsDiffer(full.value, FULL_SCORE)) {
      flags.push(
        makeFlag({
          code: 'SCORE_OVER_WEIGHT',
          project_seq: p.seq,
          field: 'weight',
          reported: full.value,
          expected: FULL_SCORE,
          message: `${full.what}之和为 ${fmt(full.value)}，不是满分 ${FULL_SCORE}。`,
          involved: full.involved,
        }),
      );
    }
  }
  return flags;
}
