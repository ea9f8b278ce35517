/**
 * TOTAL_SCORE: the printed total (自评得分 / 综合得分) or a printed section subtotal differs
 * from the sum of its printed parts; or, when some parts are unreadable, the printed total lies
 * outside what the readable parts and the unreadable parts' weights allow (readable 80 + an
 * unreadable item of weight 10 cannot make 95). The items must make a whole scheme: weights
 * adding up to 100 or more when all are printed (more than 100 cannot be a partial list), else at
 * least two items. Where the values look misread (one item name twice: a row read twice or under
 * the wrong 一级指标; a printed total outside 0–100) no flag is raised and the record's warnings
 * say so.
 */
import type { Flag, Num } from '../../../schemas/record.js';
import { disagrees, sumOf } from '../compare.js';
import { FULL_SCORE } from '../rules-data.js';
import { fmt, makeFlag } from '../flag.js';
import { nameKey, scoredParts, type ScoredPart } from '../recompute.js';
import type { RuleContext } from '../types.js';

/** A doubt about which rows the parts are: the same item name twice. */
export function repeatedItem(parts: readonly Pick<ScoredPart, 'label'>[]): string | null {
  const seen = new Set<string>();
  for (const x of parts) {
    const k = nameKey(x.label.replace(/^.*\//, ''));
    if (!k) continue;
    if (seen.has(k)) return x.label.replace(/^.*\//, '');
    seen.add(k);
  }
  return null;
}

export function totalScore(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    const parts = scoredParts(p);
    const weights = sumOf(parts.map((x) => x.weight));
    const complete = weights ? weights.value >= FULL_SCORE - 1e-6 : parts.length >= 2;
    const total = p.score_reported;
    // Values that look misread are not flagged: the record says why in its warnings.
    const doubt = repeatedItem(parts);
    if (total && complete && doubt) {
      ctx.notes?.push(`project ${p.seq}: TOTAL_SCORE not checked: score item “${doubt}” read twice (a row read twice or under the wrong 一级指标)`);
      continue;
    }
    if (total && complete && (total.value < 0 || total.value > FULL_SCORE + 1e-6)) {
      ctx.notes?.push(`project ${p.seq}: TOTAL_SCORE not checked: the printed total ${fmt(total.value)} is no score of a ${FULL_SCORE}-point scheme (probably misread)`);
      continue;
    }
    const sum = sumOf(parts.map((x) => x.reported));
    if (complete && total && sum && disagrees(total, sum.value, sum.ulp)) {
      flags.push(
        makeFlag({
          code: 'TOTAL_SCORE',
          severity: 'error',
          project_seq: p.seq,
          field: 'score_reported',
          reported: total,
          expected: sum.value,
          message: `自评总分 ${fmt(total.value)} 与各评分项得分之和 ${fmt(sum.value)} 不符，请核对总分或各项得分。`,
          involved: parts.map((x) => x.reported),
        }),
      );
    } else if (complete && total && !sum && weights) {
      // Some parts unreadable: the total must lie between the readable parts and those plus the unreadable parts' weights.
      const readable = parts.filter((x) => x.reported);
      const missing = parts.filter((x) => !x.reported);
      const low = sumOf(readable.map((x) => x.reported));
      const high = low && sumOf([...readable.map((x) => x.reported), ...missing.map((x) => x.weight)]);
      const lowV = low?.value ?? 0;
      const ulp = low?.ulp ?? 0;
      const highV = high ? high.value : lowV + missing.reduce((t, x) => t + (x.weight?.value ?? 0), 0);
      const over = total.value > highV && disagrees(total, highV, ulp);
      const under = total.value < lowV && disagrees(total, lowV, ulp);
      if (over || under) {
        const names = missing.map((x) => `“${x.label.replace(/^.*\//, '')}”（分值 ${fmt(x.weight?.value)}）`).join('、');
        flags.push(
          makeFlag({
            code: 'TOTAL_SCORE',
            severity: 'error',
            project_seq: p.seq,
            field: 'score_reported',
            reported: total,
            expected: over ? highV : lowV,
            message: over
              ? `自评总分 ${fmt(total.value)} 超过可能的最高分 ${fmt(highV)}：可读各项得分之和 ${fmt(lowV)}，加上得分无法读取的 ${names} 的满分，也达不到该总分。`
              : `自评总分 ${fmt(total.value)} 低于可读各项得分之和 ${fmt(lowV)}。`,
            involved: [...readable.map((x) => x.reported), ...missing.map((x) => x.weight)],
          }),
        );
      }
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
            involved: items.map((i) => i.score_reported as Num),
          }),
        );
      }
    }
  }
  return flags;
}
