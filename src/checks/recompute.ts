/**
 * Recomputation: B/A, the budget-execution score, the total with that item recomputed, the
 * grade the printed score earns, each indicator's `met` and each score item's `score_recomputed`.
 */
import type { FundRow, Indicator, Num, Project, ScoreItem } from '../../schemas/record.js';
import { formatNumber, parseNumber, roundTo } from '../text/numbers.js';
import {
  BUDGET_EXECUTION_ITEM_WORDS,
  BUDGET_EXECUTION_SECTIONS,
  EXECUTION_RATE_DECIMALS,
  FULL_SCORE,
  FUND_TOTAL_ROW_WORDS,
  SCORE_DECIMALS,
} from './rules-data.js';
import { indicatorScore, isMet } from '../rules/targets.js';

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

/** Is a scored row's name budget execution (预算执行率, not an indicator 局预算执行率)? */
function namesBudgetExecution(name: string): boolean {
  return BUDGET_EXECUTION_ITEM_WORDS.includes(nameKey(name));
}

/** Is a section (or 一级指标) one where budget execution is scored as an ordinary row (项目管理, 过程, 投入)? */
function isBudgetExecutionSection(section: string | null | undefined): boolean {
  const k = nameKey(section ?? '');
  return BUDGET_EXECUTION_SECTIONS.some((w) => k.startsWith(w));
}

/** The score item scored by budget execution. */
export function budgetExecutionItem(p: Project): ScoreItem | null {
  const byRole = p.scores.find((s) => s.role === 'budget_execution');
  if (byRole) return byRole;
  // A parser that left the role open: an item named exactly 预算执行率 (not an indicator 局预算执行率).
  const open = p.scores.find((s) => s.role !== 'indicator' && namesBudgetExecution(s.item.value));
  if (open) return open;
  // A 4-section grid scores it as an ordinary row under 项目管理 / 过程 (never under 产出, where
  // an indicator 预算执行率 is scored against its own target).
  return p.scores.find((s) => namesBudgetExecution(s.item.value) && isBudgetExecutionSection(s.section)) ?? null;
}

/** An indicator row that is budget execution scored as an ordinary row (4-section grids), when no score item is. */
export function budgetExecutionIndicator(p: Project): Indicator | null {
  if (budgetExecutionItem(p)) return null;
  return p.indicators.find((i) => namesBudgetExecution(i.name.value) && isBudgetExecutionSection(i.level1?.value)) ?? null;
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
  /** B / A, or null. */
  rate: number | null;
  fundsWeight: Num | null;
  /** weight × min(rate, 1), the rate being B / A or, without A and B, the printed rate (`rateFrom`). */
  fundsScore: number | null;
  /** The printed rate the funds score rests on when A and B are not both printed. */
  rateFrom: Num | null;
}

/** A printed rate as a fraction: `100%`, or a bare `97.5` / `0.975` under a rate column. */
function rateOf(text: string | null | undefined, src: Num['src']): Num | null {
  const n = parseNumber(text);
  if (!n) return null;
  if (n.percent) return { value: n.value, ulp: n.ulp, src };
  if (n.value > 1.5 && n.value <= 150) return { value: n.value / 100, ulp: n.ulp / 100, src };
  return null;
}

/** Unrounded recomputed values, for comparisons. */
export function exactValues(p: Project): Exact {
  const { a, b } = budgetAndExecuted(p);
  const rate = exactRate(a, b);
  const beInd = budgetExecutionIndicator(p);
  const fundsWeight = budgetExecutionItem(p)?.weight ?? beInd?.weight ?? fundTotalRow(p)?.weight ?? null;
  let rateFrom: Num | null = null;
  if (rate == null) {
    rateFrom = (beInd?.actual ? rateOf(beInd.actual.value, beInd.actual.src) : null) ?? p.execution_rate_reported ?? null;
    if (!rateFrom && fundsWeight) {
      const row = budgetExecutionItem(p);
      const ind = row ? findIndicator(p, row) : null;
      if (ind?.actual) rateFrom = rateOf(ind.actual.value, ind.actual.src);
    }
  }
  const r = rate ?? rateFrom?.value ?? null;
  const fundsScore = r != null && fundsWeight ? fundsWeight.value * Math.min(r, 1) : null;
  return { rate, fundsWeight, fundsScore, rateFrom };
}

function findIndicator(p: Project, item: ScoreItem): Indicator | null {
  const k = nameKey(item.item.value);
  return p.indicators.find((i) => nameKey(i.name.value) === k) ?? null;
}

/**
 * A score read from the very cell its weight was read from is a column taken twice, not a
 * score: it counts as unreadable (a flag must rest on values whose column was confirmed). Only
 * boxes tell cells apart (a plain-text line holds both a weight `15` and a score `15`).
 */
function confirmedScore(score: Num | null, weight: Num | null): Num | null {
  if (!score || !weight) return score;
  const a = score.src;
  const b = weight.src;
  const same = a.raw === b.raw && a.page === b.page && a.line === b.line && !!a.box && !!b.box && a.box.join(',') === b.box.join(',');
  return same ? null : score;
}

/** One part of the total: a score item, an indicator row, or the 年度资金总额 row. */
export interface ScoredPart {
  reported: Num | null;
  weight: Num | null;
  budgetExecution: boolean;
  label: string;
  /** The section (一级指标) it is scored under, '' when none is printed. */
  section: string;
  /** The indicator row it scores, when one is found (for `met`). */
  indicator: Indicator | null;
}

/**
 * The parts the total is the sum of: every score item, plus the 年度资金总额 row when no item
 * stands for budget execution and the row's weight completes the items' weights to 100. A form
 * that scores its indicator rows without listing score items: the weighted indicator rows and the
 * 年度资金总额 row.
 */
export function scoredParts(p: Project): ScoredPart[] {
  const be = budgetExecutionItem(p);
  const row = fundTotalRow(p);
  if (!p.scores.length) {
    const rows = p.indicators.filter((i) => i.weight);
    if (!rows.length || !rows.some((i) => i.score_reported)) return [];
    const beInd = budgetExecutionIndicator(p);
    const parts: ScoredPart[] = rows.map((i) => ({
      reported: confirmedScore(i.score_reported, i.weight),
      weight: i.weight,
      budgetExecution: i === beInd,
      label: `${i.level1?.value ?? ''}/${i.name.value}`,
      section: i.level1?.value ?? '',
      indicator: i,
    }));
    if (!beInd && row?.weight) parts.push({ reported: row.score, weight: row.weight, budgetExecution: true, label: row.name.value, section: '', indicator: null });
    return parts;
  }
  const parts: ScoredPart[] = p.scores.map((s) => ({
    reported: confirmedScore(s.score_reported, s.weight),
    weight: s.weight,
    budgetExecution: s === be,
    label: `${s.section}/${s.item.value}`,
    section: s.section,
    indicator: s.role === 'indicator' || s.role === 'other' ? findIndicator(p, s) : null,
  }));
  if (!be && row?.weight && parts.length && parts.every((x) => x.weight)) {
    const sum = parts.reduce((t, x) => t + x.weight!.value, 0) + row.weight.value;
    if (Math.abs(sum - FULL_SCORE) < 1e-6) parts.push({ reported: row.score, weight: row.weight, budgetExecution: true, label: row.name.value, section: '', indicator: null });
  }
  return parts;
}

/**
 * The total recomputed: the sum of the parts, budget execution recomputed (weight × min(B/A, 1)).
 * A part whose score is unreadable is filled, in this order, from its section's printed score
 * (投入 19.84, 产出 40: the whole section then counts as printed), or, for an indicator whose
 * quantitative target is met, from its full weight (FORMS.md: a met target earns the full
 * weight). Otherwise the total stays null. `notes` say which fallback was used.
 */
export function recomputeTotal(p: Project, ex: Exact = exactValues(p)): { score: number | null; notes: string[] } {
  const parts = scoredParts(p);
  if (!parts.length) return { score: null, notes: [] };
  const notes: string[] = [];
  // Sections with an unreadable item and a printed score count at that score.
  const bySection = new Map<string, number>();
  for (const part of parts) {
    if (part.budgetExecution || part.reported || !part.section) continue;
    const k = nameKey(part.section);
    const st = p.section_totals.find((x) => x.score_reported && nameKey(x.section) === k);
    if (st?.score_reported && !bySection.has(k)) {
      bySection.set(k, st.score_reported.value);
      notes.push(`“${part.section}” counted at its printed score ${formatNumber(st.score_reported.value)} (“${part.label}” score unreadable)`);
    }
  }
  let sum = 0;
  for (const v of bySection.values()) sum += v;
  for (const part of parts) {
    if (part.budgetExecution) {
      const v = ex.fundsScore ?? part.reported?.value ?? null;
      if (v == null) return { score: null, notes: [] };
      sum += v;
    } else if (bySection.has(nameKey(part.section))) {
      continue;
    } else if (part.reported) {
      sum += part.reported.value;
    } else if (part.indicator && part.weight && isMet(part.indicator) === true) {
      sum += part.weight.value;
      notes.push(`“${part.label}” counted at its full weight ${formatNumber(part.weight.value)}: its score is unreadable and its target ${part.indicator.target?.value ?? ''} is met by ${part.indicator.actual?.value ?? ''}`);
    } else return { score: null, notes: [] };
  }
  return { score: roundTo(sum, SCORE_DECIMALS), notes };
}

export function recomputeProject(p: Project): Project {
  return recomputeProjectWithNotes(p).project;
}

/** recomputeProject, with notes on how an unreadable part of the total was filled (for the record's warnings). */
export function recomputeProjectWithNotes(p: Project): { project: Project; notes: string[] } {
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

  const total = recomputeTotal(p, ex);
  const score = total.score;

  const project: Project = {
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
  return { project, notes: total.notes };
}
