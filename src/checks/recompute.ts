/**
 * Recomputation: B/A, the budget-execution score, the total with that item recomputed, the
 * grade the printed score earns, each indicator's `met` and each score item's `score_recomputed`.
 */
import type { FundRow, Indicator, Num, Project, ScoreItem } from '../../schemas/record.js';
import { roundTo } from '../text/numbers.js';
import {
  BUDGET_EXECUTION_ITEM_WORDS,
  EXECUTION_RATE_DECIMALS,
  FULL_SCORE,
  FUND_TOTAL_ROW_WORDS,
  SCORE_DECIMALS,
} from './rules-data.js';
import { indicatorScore, isMet } from './targets.js';

import { gradeFor } from '../rules/scoring.js';

export { gradeFor, capFor, gradeOf } from '../rules/scoring.js';

/** Loose key for matching names printed in different places (spaces, punctuation, numbering dropped). */
export function nameKey(s: string): string {
  return s
    .replace(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$/, '')
    .replace(/^\s*(?:[①-⑳]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）])/, '')
    .replace(/[\s，,。:：;；、()（）“”"'《》【】\[\]]/g, '');
}

/** The 年度资金总额 row of a 项目资金 table (or its only row). */
export function fundTotalRow(p: Project): FundRow | null {
  const byName = p.fund_rows.find((r) => FUND_TOTAL_ROW_WORDS.some((w) => r.name.value.includes(w)));
  if (byName) return byName;
  return p.fund_rows.length === 1 ? p.fund_rows[0] : null;
}

/** The 其中 rows of a 项目资金 table. */
export function fundPartRows(p: Project): FundRow[] {
  const total = fundTotalRow(p);
  return p.fund_rows.filter((r) => r !== total);
}

/** The score item scored by budget execution. */
export function budgetExecutionItem(p: Project): ScoreItem | null {
  const byRole = p.scores.find((s) => s.role === 'budget_execution');
  if (byRole) return byRole;
  // A parser that left the role open: an item named exactly 预算执行率 (not an indicator 局预算执行率).
  return p.scores.find((s) => s.role !== 'indicator' && BUDGET_EXECUTION_ITEM_WORDS.includes(nameKey(s.item.value))) ?? null;
}

/** A and B of the project (the total fund row's when the header did not give them). */
export function budgetAndExecuted(p: Project): { a: Num | null; b: Num | null } {
  const row = fundTotalRow(p);
  return { a: p.budget_wan ?? row?.budget_wan ?? null, b: p.executed_wan ?? row?.executed_wan ?? null };
}

/** B / A unrounded, or null. */
export function exactRate(a: Num | null, b: Num | null): number | null {
  if (!a || !b || a.value <= 0) return null;
  return b.value / a.value;
}

export interface Exact {
  rate: number | null;
  fundsWeight: Num | null;
  fundsScore: number | null;
}

/** Unrounded recomputed values, for comparisons. */
export function exactValues(p: Project): Exact {
  const { a, b } = budgetAndExecuted(p);
  const rate = exactRate(a, b);
  const fundsWeight = budgetExecutionItem(p)?.weight ?? fundTotalRow(p)?.weight ?? null;
  const fundsScore = rate != null && fundsWeight ? fundsWeight.value * Math.min(rate, 1) : null;
  return { rate, fundsWeight, fundsScore };
}

function findIndicator(p: Project, item: ScoreItem): Indicator | null {
  const k = nameKey(item.item.value);
  return p.indicators.find((i) => nameKey(i.name.value) === k) ?? null;
}

/**
 * The parts the total is the sum of: every score item, plus the 年度资金总额 row when no item
 * stands for budget execution and the row's weight completes the items' weights to 100.
 */
export function scoredParts(p: Project): { reported: Num | null; weight: Num | null; budgetExecution: boolean; label: string }[] {
  const be = budgetExecutionItem(p);
  const parts = p.scores.map((s) => ({ reported: s.score_reported, weight: s.weight, budgetExecution: s === be, label: `${s.section}/${s.item.value}` }));
  const row = fundTotalRow(p);
  if (!be && row?.weight && parts.length && parts.every((x) => x.weight)) {
    const sum = parts.reduce((t, x) => t + x.weight!.value, 0) + row.weight.value;
    if (Math.abs(sum - FULL_SCORE) < 1e-6) parts.push({ reported: row.score, weight: row.weight, budgetExecution: true, label: row.name.value });
  }
  return parts;
}

export function recomputeProject(p: Project): Project {
  const ex = exactValues(p);
  const be = budgetExecutionItem(p);
  const fundsScore = ex.fundsScore == null ? null : roundTo(ex.fundsScore, SCORE_DECIMALS);

  const indicators = p.indicators.map((i) => ({ ...i, met: isMet(i) }));
  const scores = p.scores.map((s) => {
    let rec: number | null = null;
    if (s === be) rec = fundsScore;
    else if (s.role === 'indicator') {
      const ind = findIndicator(p, s);
      const w = s.weight ?? ind?.weight ?? null;
      if (ind && w) {
        const v = indicatorScore(ind, w.value);
        rec = v == null ? null : roundTo(v, SCORE_DECIMALS);
      }
    }
    return { ...s, score_recomputed: rec };
  });

  let score: number | null = null;
  const parts = scoredParts(p);
  if (parts.length) {
    let sum = 0;
    for (const part of parts) {
      const v = part.budgetExecution ? (ex.fundsScore ?? part.reported?.value ?? null) : (part.reported?.value ?? null);
      if (v == null) {
        sum = Number.NaN;
        break;
      }
      sum += v;
    }
    score = Number.isNaN(sum) ? null : roundTo(sum, SCORE_DECIMALS);
  }

  return {
    ...p,
    indicators,
    scores,
    recomputed: {
      execution_rate: ex.rate == null ? null : roundTo(ex.rate, EXECUTION_RATE_DECIMALS),
      funds_score: fundsScore,
      score,
      grade_expected: p.score_reported ? gradeFor(p.score_reported.value) : null,
    },
  };
}
