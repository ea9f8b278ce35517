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
import { repeatedItem } from './total-score.js';
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
    // Each section's printed weight minus its items' weights.
    const gaps = p.section_totals.map((st) => {
      const items = p.scores.filter((s) => s.section === st.section);
      const sum = sumOf(items.map((i) => i.weight));
      return { st, items, sum, gap: st.weight && sum ? st.weight.value - sum.value : 0 };
    });
    for (const { st, items, sum, gap } of gaps) {
      sectionWeights.push(st.weight);
      if (!st.weight || !sum || !weightsDiffer(st.weight.value, sum.value)) continue;
      // One row counted under the wrong 一级指标 shows as two sections off by the same weight,
      // in opposite directions, with a row of that weight in the one over: a misreading, likely.
      const mirror = gaps.find((g) => g.st !== st && g.sum && !weightsDiffer(g.gap, -gap));
      const over = gap < 0 ? items : (mirror?.items ?? []);
      const misplaced = mirror ? over.find((i) => i.weight && !weightsDiffer(i.weight.value, Math.abs(gap))) : undefined;
      if (misplaced && mirror) {
        ctx.notes?.push(
          `project ${p.seq}: SCORE_OVER_WEIGHT not raised: “${st.section}” and “${mirror.st.section}” weights are off by ${fmt(Math.abs(gap))} in opposite directions; “${misplaced.item.value}” is probably read under the wrong 一级指标`,
        );
        continue;
      }
      // The section's rows read twice (or more): items weighing a multiple of the section, or a name repeated.
      const k = sum.value / st.weight.value;
      const repeated = repeatedItem(items.map((i) => ({ label: i.item.value })));
      if ((st.weight.value > 0 && k >= 2 - 1e-9 && Math.abs(k - Math.round(k)) < 1e-9) || repeated) {
        ctx.notes?.push(`project ${p.seq}: SCORE_OVER_WEIGHT not raised for “${st.section}”: its rows look read more than once (items weigh ${fmt(sum.value)} against ${fmt(st.weight.value)})`);
        continue;
      }
      flags.push(
        makeFlag({
          code: 'SCORE_OVER_WEIGHT',
          severity: misplaced ? 'warning' : 'error',
          project_seq: p.seq,
          field: `weight:${st.section}`,
          reported: st.weight,
          expected: sum.value,
          message:
            `“${st.section}”部分分值 ${fmt(st.weight.value)} 与其各项分值之和 ${fmt(sum.value)} 不符。` +
            (misplaced && mirror ? `“${mirror.st.section}”相差 ${fmt(Math.abs(gap))} 分、方向相反：评分项“${misplaced.item.value}”可能被归入了错误的一级指标，请先核对读取。` : ''),
          involved: items.map((i) => i.weight),
        }),
      );
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
    // Weights of every part printed and adding up to more than 100: no partial list does that.
    if (!full && itemWeights && parts.length >= 2 && itemWeights.value > FULL_SCORE + 1e-6) {
      full = { ...itemWeights, what: '各评分项分值', involved: parts.map((x) => x.weight) };
    }
    if (full && weightsDiffer(full.value, FULL_SCORE)) {
      const doubt = full.what === '各评分项分值' ? repeatedItem(parts) : null;
      if (doubt) {
        ctx.notes?.push(`project ${p.seq}: SCORE_OVER_WEIGHT not raised for the weights' sum ${fmt(full.value)}: score item “${doubt}” read twice`);
        continue;
      }
      flags.push(
        makeFlag({
          code: 'SCORE_OVER_WEIGHT',
          project_seq: p.seq,
          field: 'weight',
          reported: full.value,
          expected: FULL_SCORE,
          severity: doubt ? 'warning' : 'error',
          message: `${full.what}之和为 ${fmt(full.value)}，不是满分 ${FULL_SCORE}。` + (doubt ? `评分项“${doubt}”出现两次，可能是同一行读取两次，请先核对读取。` : ''),
          involved: full.involved,
        }),
      );
    }
  }
  return flags;
}
