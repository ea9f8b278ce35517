/**
 * matchLabel through its index (normalize once, exact and prefix lookups, edit distance only
 * on candidates, memoized) gives the same score as the reference: every synonym compared in
 * turn (the implementation before the index, copied here). Cells: every line and token of the
 * text samples, every vocabulary label with each character dropped, replaced or doubled, its
 * prefixes, decorated with weights and numbering; against every synonym list of the
 * vocabulary and lists of one label, under all four option combinations, asked twice (memo).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COLUMN_LABELS,
  editDistance,
  HEADER_FIELDS,
  LEVEL1_CATEGORIES,
  LEVEL2_CATEGORIES,
  matchLabel,
  MATCH_EXACT,
  MATCH_FUZZY,
  MATCH_PREFIX,
  normalizeLabel,
  ROW_LABELS,
  SCORE_ITEM_NAMES,
  STOP_LABELS,
  type MatchOptions,
} from '../../src/vocabulary/index.js';

/** The reference: matchLabel as it was before the index. */
function referenceEditDistance(a: string, b: string, max = 2): number {
  const ca = [...a];
  const cb = [...b];
  if (Math.abs(ca.length - cb.length) > max) return max + 1;
  let prev = Array.from({ length: cb.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ca.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= cb.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca[i - 1] === cb[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[cb.length];
}

function referenceMatch(text: string | null | undefined, synonyms: readonly string[], options: MatchOptions = {}): number {
  const t = normalizeLabel(text);
  if (!t) return 0;
  const fuzzy = options.fuzzy !== false;
  const prefix = options.prefix !== false;
  let best = 0;
  const tl = [...t].length;
  for (const syn of synonyms) {
    const s = normalizeLabel(syn);
    if (!s) continue;
    if (t === s) return MATCH_EXACT;
    const sl = [...s].length;
    if (fuzzy && best < MATCH_FUZZY && Math.min(tl, sl) >= 4 && referenceEditDistance(t, s, 1) <= 1) best = MATCH_FUZZY;
    if (prefix && best < MATCH_PREFIX && tl >= 3 && tl < sl && tl >= sl * 0.6 && s.startsWith(t)) best = MATCH_PREFIX;
  }
  return best;
}

const lists: (readonly string[])[] = [
  ...Object.values(HEADER_FIELDS),
  ...Object.values(COLUMN_LABELS),
  ...Object.values(ROW_LABELS),
  STOP_LABELS,
  LEVEL1_CATEGORIES,
  LEVEL2_CATEGORIES,
  SCORE_ITEM_NAMES,
  ['合计', '总计', '合计金额', '小计'],
  [],
  [''],
].map((l) => l as readonly string[]);
const labels = [...new Set(lists.flat())];

function cells(): string[] {
  const out = new Set<string>(['', ' ', '：', '（20分）', 'A', '1.', '项', '项目', '𠀀𠀁𠀂𠀃', '⽬标']);
  for (const f of readdirSync('samples').filter((f) => f.endsWith('.txt'))) {
    for (const line of readFileSync(join('samples', f), 'utf8').split(/\r?\n/)) {
      out.add(line.trim());
      for (const tok of line.split(/[\s|│┃]+/)) if (tok) out.add(tok);
    }
  }
  const other = '目资金额预算分值';
  for (const l of labels) {
    const cps = [...l];
    out.add(l);
    out.add(`${l}（20分）`);
    out.add(`1.${l}`);
    out.add(`${l}：`);
    out.add(cps.join(' '));
    for (let i = 0; i < cps.length; i++) {
      out.add([...cps.slice(0, i), ...cps.slice(i + 1)].join('')); // one dropped
      out.add([...cps.slice(0, i), other[i % other.length], ...cps.slice(i + 1)].join('')); // one replaced
      out.add([...cps.slice(0, i), cps[i], ...cps.slice(i)].join('')); // one doubled
      out.add([...cps.slice(0, i), 'X', 'Y', ...cps.slice(i + 1)].join('')); // two edits
      out.add(cps.slice(0, i + 1).join('')); // prefixes
      out.add(cps.slice(i).join('')); // suffixes
    }
  }
  return [...out];
}

describe('matchLabel through its index', () => {
  const all = cells();
  const optionSets: MatchOptions[] = [{}, { fuzzy: false }, { prefix: false }, { fuzzy: false, prefix: false }];

  it('scores every cell as comparing with each synonym in turn does', () => {
    expect(all.length).toBeGreaterThan(5000);
    const seen = new Set<number>();
    let checked = 0;
    const mismatches: string[] = [];
    for (const round of [1, 2]) {
      for (const list of [...lists, ...labels.slice(0, 40).map((l) => [l])]) {
        for (const o of optionSets) {
          for (const c of all) {
            const want = referenceMatch(c, list, o);
            const got = matchLabel(c, list, o);
            seen.add(want);
            checked++;
            if (got !== want && mismatches.length < 10) mismatches.push(`round ${round} ${JSON.stringify(c)} vs ${JSON.stringify(list)} ${JSON.stringify(o)}: ${got}, want ${want}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // every kind of answer was exercised
    expect([...seen].sort()).toEqual([0, MATCH_PREFIX, MATCH_FUZZY, MATCH_EXACT].sort());
    expect(checked).toBeGreaterThan(1_000_000);
  });

  it('answers the same for a list built afresh on every call and for a list changed in place', () => {
    const list = ['项目资金', '年度预算'];
    expect(matchLabel('项目资余', list)).toBe(MATCH_FUZZY);
    list.push('项目资余');
    expect(matchLabel('项目资余', list)).toBe(MATCH_EXACT);
    expect(matchLabel('项目资余', [...['项目资金'], '年度预算'])).toBe(MATCH_FUZZY);
  });

  it('keeps editDistance exact', () => {
    const words = labels.slice(0, 60).concat(all.slice(0, 200));
    for (const a of words) for (const b of words.slice(0, 40)) for (const max of [0, 1, 2, 5]) expect(editDistance(a, b, max)).toBe(referenceEditDistance(a, b, max));
  });
});
