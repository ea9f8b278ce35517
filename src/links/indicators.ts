/**
 * Indicators of two linked projects matched by name, the tolerant way names are matched
 * (numbering, punctuation, full-width and OCR slips aside): exact reduced names first, then
 * the most similar pairs at or above `INDICATOR_NAME_MIN`, each indicator used once.
 */
import type { Indicator } from '../../schemas/record.js';
import { INDICATOR_NAME_MIN } from './data.js';
import { indicatorKey, nameSimilarity } from './names.js';
import { targetChanged } from './targets.js';

export interface IndicatorRow {
  /** The declared indicator (null: added in the self-evaluation). */
  declared: Indicator | null;
  /** The evaluated indicator (null: dropped from the self-evaluation). */
  evaluated: Indicator | null;
  /** Name similarity 0..1 (1 for the same reduced name; 0 when one side is missing). */
  score: number;
  /** True when both targets are quantitative and differ in meaning; null when not decided. */
  target_changed: boolean | null;
}

/**
 * Rows in the declaration's order, then the evaluation's additions in its order.
 * Deterministic for the same inputs.
 */
export function matchIndicators(declared: readonly Indicator[], evaluated: readonly Indicator[]): IndicatorRow[] {
  const dk = declared.map((i) => indicatorKey(i.name.value));
  const ek = evaluated.map((i) => indicatorKey(i.name.value));
  const pairOf = new Array<number>(declared.length).fill(-1);
  const scoreOf = new Array<number>(declared.length).fill(0);
  const usedE = new Set<number>();
  // exact reduced names first
  for (let d = 0; d < declared.length; d++) {
    if (!dk[d]) continue;
    const e = ek.findIndex((k, j) => !usedE.has(j) && k === dk[d]);
    if (e >= 0) {
      pairOf[d] = e;
      scoreOf[d] = 1;
      usedE.add(e);
    }
  }
  // then the most similar remaining pairs
  const cands: { d: number; e: number; s: number }[] = [];
  for (let d = 0; d < declared.length; d++) {
    if (pairOf[d] >= 0 || !dk[d]) continue;
    for (let e = 0; e < evaluated.length; e++) {
      if (usedE.has(e) || !ek[e]) continue;
      const s = nameSimilarity(dk[d], ek[e]);
      if (s >= INDICATOR_NAME_MIN) cands.push({ d, e, s });
    }
  }
  cands.sort((x, y) => y.s - x.s || x.d - y.d || x.e - y.e);
  for (const c of cands) {
    if (pairOf[c.d] >= 0 || usedE.has(c.e)) continue;
    pairOf[c.d] = c.e;
    scoreOf[c.d] = c.s;
    usedE.add(c.e);
  }
  const rows: IndicatorRow[] = declared.map((ind, d) => {
    const ev = pairOf[d] >= 0 ? evaluated[pairOf[d]] : null;
    return {
      declared: ind,
      evaluated: ev,
      score: Math.round(scoreOf[d] * 10000) / 10000,
      target_changed: ev ? targetChanged(ind.target?.value, ev.target?.value) : null,
    };
  });
  evaluated.forEach((ev, e) => {
    if (!usedE.has(e)) rows.push({ declared: null, evaluated: ev, score: 0, target_changed: null });
  });
  return rows;
}
