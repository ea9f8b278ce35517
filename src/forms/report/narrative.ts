/**
 * The prose of one project's section → Narrative: funding figures, the unit and project
 * names it quotes as the project's holder, section weights, per-indicator scores, the
 * total score and grade.
 */
import type { TextLine } from '../../model/layout.js';
import type { Narrative, Num, Text } from '../../../schemas/record.js';
import { normalizeText } from '../../text/normalize.js';
import { numValue } from '../../model/values.js';
import { isPageFurniture } from './grid.js';
import {
  ARRIVAL_RATE_RE,
  BUDGET_WORDS,
  EXECUTED_WORDS,
  EXECUTION_RATE_WORDS,
  FULL_SCORE_RE,
  FUNDING_SENTENCE_WORDS,
  GRADE_AFTER_TOTAL_RE,
  GRADE_RE,
  ITEM_NAME_END_RE,
  ITEM_SCORE_RE,
  ITEM_WEIGHT_RE,
  KNOWN_SECTION_WEIGHT_RE,
  MARKER_RE,
  MONEY,
  MULTI_LEVEL_HEADING_RE,
  MULTI_LEVEL_PREFIX_RE,
  ORG_LEADING_WORDS,
  ORG_SUFFIXES,
  PARAGRAPH_END_RE,
  PERCENT,
  PHRASE_FILL,
  QUOTED_PROJECT_WORDS_RE,
  QUOTE_PAIRS,
  RESET_HEADING_WORDS,
  SECTION_WEIGHT_RE,
  SELF_REFERENCES,
  SELF_REFERENCE_PREFIX_RE,
  TOTAL_SCORE_RE,
  TOTAL_SCORE_WEAK_RE,
  TOTAL_WORDS,
  YEAR_IN_PROSE_RE,
} from './patterns.js';
import { Prose, execAt, groupStart, proseMoney, proseNum } from './prose.js';

type LineKind = 'section' | 'item' | 'reset' | 'plain';

interface ItemLines {
  section: string | null;
  lines: TextLine[];
}

interface SectionLines {
  name: Text;
  weight: Num;
  /** The heading line and the prose under it before its first indicator. */
  lines: TextLine[];
  /** Offset in the heading line's text where the prose after the weight begins. */
  after: number;
}

interface Classified {
  sections: SectionLines[];
  items: ItemLines[];
  other: TextLine[];
}

function markerOf(t: string): string {
  const m = MARKER_RE.exec(t) ?? MULTI_LEVEL_PREFIX_RE.exec(t);
  return m ? m[0] : '';
}

function isReset(t: string, body: string, marker: string): boolean {
  if (ITEM_WEIGHT_RE.test(body)) return false;
  if (MULTI_LEVEL_HEADING_RE.test(t)) return true;
  if (TOTAL_WORDS.some((w) => t.includes(w))) return true;
  const short = body.length <= 30 && !/[。,，;；]/.test(body);
  return short && (marker !== '' || body.length <= 12) && RESET_HEADING_WORDS.some((w) => body.includes(w));
}

/** The previous line ended its paragraph (a sentence end, a heading, a score). */
function paragraphEnded(prev: string): boolean {
  return prev === '' || PARAGRAPH_END_RE.test(prev);
}

/** `政策宣传活动次数（10 分）：…` without numbering: a name of 3–30 characters, then its weight. */
function unmarkedItem(body: string): boolean {
  const m = ITEM_WEIGHT_RE.exec(body);
  return !!m && m[1].length >= 3 && m[1].length <= 30 && !/[。,，;；:：]/.test(m[1]);
}

/** Sort the section's lines into indicator sections, indicator paragraphs and the rest. */
export function classifyLines(lines: readonly TextLine[]): Classified {
  const out: Classified = { sections: [], items: [], other: [] };
  let inIndicators = false;
  let section: string | null = null;
  let item: ItemLines | null = null;
  let current: SectionLines | null = null;
  let prevText = '';
  for (const line of lines) {
    if (isPageFurniture(line.text)) continue;
    const t = normalizeText(line.text);
    if (!t) continue;
    const marker = markerOf(t);
    const body = t.slice(marker.length);
    let kind: LineKind = 'plain';
    const sw = SECTION_WEIGHT_RE.exec(body) ?? KNOWN_SECTION_WEIGHT_RE.exec(body);
    if (sw) kind = 'section';
    else if (marker && ITEM_WEIGHT_RE.test(body)) kind = 'item';
    else if (isReset(t, body, marker)) kind = 'reset';
    else if (marker && inIndicators && !MULTI_LEVEL_PREFIX_RE.test(t)) kind = 'item';
    else if (!marker && inIndicators && paragraphEnded(prevText) && unmarkedItem(body)) kind = 'item';
    // A scored paragraph outside the indicator sections ends with its paragraph.
    if (kind === 'plain' && item && !inIndicators && paragraphEnded(prevText)) item = null;
    prevText = t;

    if (kind === 'section' && sw) {
      const p = new Prose([line]);
      const nameAt = t.indexOf(sw[1]);
      const weightAt = t.indexOf(sw[2], nameAt + sw[1].length);
      const weight = proseNum(p, sw[2], weightAt);
      section = sw[1];
      inIndicators = true;
      item = null;
      current = null;
      if (weight) {
        current = { name: p.textAt(nameAt, nameAt + sw[1].length), weight, lines: [line], after: weightAt + sw[2].length };
        out.sections.push(current);
      }
      out.other.push(line);
    } else if (kind === 'reset') {
      inIndicators = false;
      section = null;
      item = null;
      current = null;
      out.other.push(line);
    } else if (kind === 'item') {
      item = { section, lines: [line] };
      current = null;
      out.items.push(item);
    } else if (item) {
      item.lines.push(line);
    } else {
      current?.lines.push(line);
      out.other.push(line);
    }
  }
  return out;
}

export interface IndicatorProse {
  section: string | null;
  name: Text;
  weight: Num | null;
  score: Num | null;
}

/** One indicator's paragraph: name, weight `（15 分）`, score `该指标得分为 15 分`. */
export function parseItem(item: ItemLines): IndicatorProse | null {
  const prose = new Prose(item.lines);
  const text = prose.text;
  const start = markerOf(text).length;
  const rest = text.slice(start);
  let name: Text | null = null;
  let weight: Num | null = null;
  let after = start;
  const wm = ITEM_WEIGHT_RE.exec(rest);
  if (wm) {
    const rawName = wm[1].replace(/[。,，;；:：\s]+$/, '');
    if (rawName) name = prose.textAt(start, start + rawName.length);
    const weightAt = start + wm[0].lastIndexOf(wm[2]);
    weight = proseNum(prose, wm[2], weightAt);
    after = start + wm[0].length;
  } else {
    const end = rest.search(ITEM_NAME_END_RE);
    const len = end < 0 ? Math.min(rest.length, 40) : end;
    if (len > 0 && len <= 40) name = prose.textAt(start, start + len);
    after = start + Math.max(len, 0);
  }
  if (!name) return null;
  let score: Num | null = null;
  const sm = execAt(ITEM_SCORE_RE, text, after);
  const full = execAt(FULL_SCORE_RE, text, after);
  if (sm && (!full || sm.index <= full.index)) score = proseNum(prose, sm[1], groupStart(sm, 1));
  else if (full && weight) score = numValue({ value: weight.value, ulp: weight.ulp, percent: false }, prose.refAt(full.index), full[0]);
  return { section: item.section, name, weight, score };
}

function firstByPriority(prose: Prose, words: readonly string[], tail: 'money' | 'percent'): Num | null {
  for (const w of words) {
    const re =
      tail === 'money'
        ? new RegExp(String.raw`${w}${PHRASE_FILL}${MONEY}`)
        : new RegExp(String.raw`${w}${PHRASE_FILL}${PERCENT}`);
    const m = execAt(re, prose.text);
    if (!m) continue;
    const at = groupStart(m, 1);
    if (tail === 'money') return proseMoney(prose, m[1], m[2], at);
    return proseNum(prose, m[1] + '%', at);
  }
  return null;
}

/** Replace 《…》 spans with blanks of the same length, so that titles of documents are not searched. */
function blankBookTitles(s: string): string {
  return s.replace(/《[^》]*》/g, (m) => '□'.repeat(m.length));
}

function sentenceRanges(s: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if ('。;；!！?？\n'.includes(s[i])) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  if (start < s.length) out.push([start, s.length]);
  return out;
}

const CJK_RE = /[\u4e00-\u9fff]/;

/** The organisation name that ends right before `at` in `s`, or null. */
function orgBefore(s: string, at: number): [number, number] | null {
  let b = at;
  while (b > 0 && CJK_RE.test(s[b - 1])) b--;
  const run = s.slice(b, at);
  if (run.length < 3 || !ORG_SUFFIXES.some((x) => run.endsWith(x))) return null;
  let cut = 0;
  for (const w of ORG_LEADING_WORDS) {
    const i = run.lastIndexOf(w);
    if (i >= 0 && i + w.length <= run.length - 3) cut = Math.max(cut, i + w.length);
  }
  const org = run.slice(cut);
  if (org.length < 3 || org.length > 24) return null;
  if (SELF_REFERENCES.includes(org) || SELF_REFERENCE_PREFIX_RE.test(org)) return null;
  return [b + cut, at];
}


/** Unit and project names the funding analysis names as the project's holder. */
function holders(prose: Prose): { units: Text[]; quoted: Text[] } {
  const units: Text[] = [];
  const quoted: Text[] = [];
  const s = blankBookTitles(prose.text);
  const seenUnits = new Set<string>();
  const seenQuoted = new Set<string>();
  const addUnit = (r: [number, number] | null) => {
    if (!r) return;
    const t = prose.textAt(r[0], r[1]);
    if (!seenUnits.has(t.value)) {
      seenUnits.add(t.value);
      units.push(t);
    }
  };
  for (const [a, b] of sentenceRanges(s)) {
    const sentence = s.slice(a, b);
    if (!FUNDING_SENTENCE_WORDS.some((w) => sentence.includes(w))) continue;
    const anchors: number[] = [];
    for (const [open, close] of QUOTE_PAIRS) {
      let i = sentence.indexOf(open);
      while (i >= 0) {
        const j = sentence.indexOf(close, i + 1);
        if (j < 0) break;
        const inner = sentence.slice(i + 1, j);
        if (inner.length >= 4 && QUOTED_PROJECT_WORDS_RE.test(inner)) {
          anchors.push(a + i);
          const t = prose.textAt(a + i + 1, a + j);
          if (!seenQuoted.has(t.value)) {
            seenQuoted.add(t.value);
            quoted.push(t);
          }
        }
        i = sentence.indexOf(open, j + 1);
      }
    }
    for (const m of sentence.matchAll(YEAR_IN_PROSE_RE)) anchors.push(a + m.index!);
    for (const w of BUDGET_WORDS) {
      const i = sentence.indexOf(w);
      if (i >= 0) anchors.push(a + i);
    }
    for (const at of anchors.sort((x, y) => x - y)) addUnit(orgBefore(s, at));
  }
  return { units, quoted };
}

/** A section's score stated in its own prose (`(1)产出指标(50分):…该部分得分46.58分`). */
export interface SectionScore {
  section: Text;
  weight: Num;
  score: Num | null;
}

function sectionScore(s: SectionLines): SectionScore {
  const prose = new Prose(s.lines);
  const m = execAt(ITEM_SCORE_RE, prose.text, s.after);
  return { section: s.name, weight: s.weight, score: m ? proseNum(prose, m[1], groupStart(m, 1)) : null };
}

/** Parse a project section's prose lines (tables excluded). */
export function parseNarrative(lines: readonly TextLine[]): Narrative {
  return parseNarrativeParts(lines).narrative;
}

/** The Narrative and the section scores the prose states (which the Narrative has no place for). */
export function parseNarrativeParts(lines: readonly TextLine[]): { narrative: Narrative; sectionScores: SectionScore[] } {
  const c = classifyLines(lines);
  const other = new Prose(c.other);
  const all = new Prose(lines.filter((l) => !isPageFurniture(l.text)));

  const budget = firstByPriority(other, BUDGET_WORDS, 'money');
  const executed = firstByPriority(other, EXECUTED_WORDS, 'money');
  const rate = firstByPriority(other, EXECUTION_RATE_WORDS, 'percent');
  let arrival: Num | null = null;
  const am = execAt(ARRIVAL_RATE_RE, other.text);
  if (am) arrival = proseNum(other, am[1] + '%', groupStart(am, 1));

  let total: Num | null = null;
  let grade: Text | null = null;
  for (const p of [other, all]) {
    for (const re of [TOTAL_SCORE_RE, TOTAL_SCORE_WEAK_RE]) {
      if (total) break;
      const m = execAt(re, p.text);
      if (m) total = proseNum(p, m[1], groupStart(m, 1));
    }
    if (!grade) {
      const m = execAt(GRADE_RE, p.text);
      if (m) grade = p.textAt(groupStart(m, 1), groupStart(m, 1) + m[1].length);
    }
    if (!grade) {
      const t = execAt(TOTAL_SCORE_RE, p.text) ?? execAt(TOTAL_SCORE_WEAK_RE, p.text);
      const after = t ? t.index + t[0].length : -1;
      const m = t ? GRADE_AFTER_TOTAL_RE.exec(p.text.slice(after)) : null;
      if (m) {
        const at = after + m[0].length - m[1].length;
        grade = p.textAt(at, at + m[1].length);
      }
    }
  }

  const indicator_scores = c.items
    .map(parseItem)
    .filter((x): x is IndicatorProse => x !== null)
    .map((x) => ({ section: x.section, name: x.name, weight: x.weight, score: x.score }));

  const h = holders(other);
  const narrative: Narrative = {
    budget_wan: budget,
    executed_wan: executed,
    execution_rate: rate,
    arrival_rate: arrival,
    total_score: total,
    grade,
    section_weights: c.sections.map((s) => ({ section: s.name, weight: s.weight })),
    indicator_scores,
    quoted_project_names: h.quoted,
    named_units: h.units,
  };
  return { narrative, sectionScores: c.sections.map(sectionScore) };
}
