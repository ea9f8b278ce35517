/**
 * Which kind of filing a laid-out document is, and which template variant, from titles and
 * labels (data in `rules.ts` and `vocabulary/variants.ts`). Scored: a document with too
 * little evidence is `unknown`, an honest outcome.
 */
import type { LaidOutDocument } from '../model/layout.js';
import type { Classification } from './types.js';
import { foldChars } from '../text/normalize.js';
import { fixOcrSlips } from '../vocabulary/ocr.js';
import { editDistance, matchLabel, normalizeLabel } from '../vocabulary/match.js';
import { SELF_EVAL_VARIANTS, type Evidence } from '../vocabulary/variants.js';
import { documentRows, ownCells, isPageNoise, type Row } from '../tables/index.js';
import {
  FUZZY_TITLE_FACTOR,
  FUZZY_TITLE_MIN_LENGTH,
  MIN_TYPE_SCORE,
  MIN_VARIANT_SCORE,
  NAV_MIN_WORDS,
  PAGE_CHROME,
  REPORT_STRUCTURE,
  TITLE_AREA_ROWS,
  TITLE_LINE_MAX,
  TYPE_RULES,
  type TypeRule,
} from './rules.js';

/** Text with spaces removed, full-width folded, OCR slips fixed: for substring evidence. */
function compact(s: string): string {
  return fixOcrSlips(foldChars(s).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')'));
}

interface DocText {
  rows: Row[];
  /** Normalized labels of every cell and line (and line starts before a colon). */
  labels: string[];
  /** All text, compacted. */
  all: string;
  /** The title area (chrome and page noise skipped), compacted. */
  head: string;
  headLines: string[];
}

function docText(doc: LaidOutDocument): DocText {
  const rows = documentRows(doc.blocks);
  const labels: string[] = [];
  const parts: string[] = [];
  const headParts: string[] = [];
  let headRows = 0;
  let seenTable = false;
  const beforeTable: Row[] = [];
  for (const row of rows) {
    const own = ownCells(row);
    for (const c of own) {
      labels.push(c.text);
      const colon = /[:：]/.exec(c.text);
      if (colon && colon.index > 0) labels.push(c.text.slice(0, colon.index));
      parts.push(c.text);
    }
    if (!row.table && (row.line?.page ?? 1) === 1 && !seenTable) beforeTable.push(row);
    if (row.table) seenTable = true;
    if (own.length && !isPageNoise(row) && !isChrome(row) && headRows < TITLE_AREA_ROWS) {
      headRows++;
      headParts.push(own.map((c) => c.text).join(''));
    }
  }
  // chrome not recognised may push the title out of the first rows: a short line standing alone
  // above the form's first table on page 1 still belongs to the title area
  if (headRows >= TITLE_AREA_ROWS) {
    for (const row of beforeTable) {
      const t = ownCells(row).map((c) => c.text).join('');
      if (t.length <= TITLE_LINE_MAX && !headParts.includes(t) && !isChrome(row)) headParts.push(t);
    }
  }
  return { rows, labels, all: compact(parts.join('\n')), head: compact(headParts.join('\n')), headLines: headParts.map(compact) };
}

/** A line of web-page or viewer chrome (banner, breadcrumb, navigation, publication line, footer). */
export function isChrome(row: Row): boolean {
  if (row.table) return false;
  const t = ownCells(row).map((c) => c.text).join(' ').trim();
  if (!t) return false;
  // a line naming a form is its title, however it is spaced or framed
  const c = compact(t);
  if (TYPE_RULES.some((r) => r.titles.some((e) => c.includes(compact(e.label))))) return false;
  if (PAGE_CHROME.some((re) => re.test(t))) return true;
  const words = t.split(/\s+/);
  return words.length >= NAV_MIN_WORDS && words.every((w) => /^[^\d:：]{2,8}$/u.test(w));
}

/** Does some window of `line` lie within one edit of `title`? (An OCR slip in a title.) */
function nearTitle(line: string, title: string): boolean {
  const chars = [...line];
  const n = [...title].length;
  for (let len = n - 1; len <= n + 1; len++) {
    for (let i = 0; i + len <= chars.length; i++) {
      if (editDistance(chars.slice(i, i + len).join(''), title, 1) <= 1) return true;
    }
  }
  return false;
}

function titleScore(t: DocText, titles: readonly Evidence[], evidence: string[], fuzzy = false): number {
  let best = 0;
  let why = '';
  for (const e of titles) {
    const s = compact(e.label);
    let w = 0;
    if (t.head.includes(s)) w = e.weight;
    else if (t.all.includes(s)) w = e.weight / 2;
    else if (fuzzy && [...s].length >= FUZZY_TITLE_MIN_LENGTH && t.headLines.some((l) => l.length <= 60 && nearTitle(l, s))) {
      w = e.weight * FUZZY_TITLE_FACTOR;
      if (w > best) {
        best = w;
        why = `title:${e.label} (one slip)`;
      }
      continue;
    }
    if (w > best) {
      best = w;
      why = `title:${e.label}${t.head.includes(s) ? '' : ' (not in title area)'}`;
    }
  }
  if (why) evidence.push(why);
  return best;
}

/**
 * One synonym list per evidence label, the same array for every document: matchLabel finds
 * its index by identity and keeps its memo of cell texts across documents (a list built per
 * call is looked up by its joined content each time).
 */
const singleLabelLists = new Map<string, readonly string[]>();
function singleLabelList(label: string): readonly string[] {
  let list = singleLabelLists.get(label);
  if (!list) singleLabelLists.set(label, (list = [label]));
  return list;
}

function labelScore(t: DocText, labels: readonly Evidence[], evidence: string[]): number {
  let sum = 0;
  for (const e of labels) {
    const list = singleLabelList(e.label);
    const asLabel = t.labels.some((l) => matchLabel(l, list, { prefix: false }) >= 0.8);
    if (asLabel) {
      sum += e.weight;
      evidence.push(`label:${e.label}`);
    } else if (t.all.includes(compact(normalizeLabel(e.label)))) {
      sum += e.weight / 2;
      evidence.push(`text:${e.label}`);
    }
  }
  return sum;
}

function reportStructureScore(t: DocText, evidence: string[]): number {
  let sum = 0;
  const headings = new Set<string>();
  for (const row of t.rows) {
    const own = ownCells(row);
    if (own.length !== 1) continue;
    const m = REPORT_STRUCTURE.sectionHeading.exec(own[0].text);
    if (m) headings.add(m[0][0]);
  }
  if (headings.size >= REPORT_STRUCTURE.sectionMin) {
    sum += REPORT_STRUCTURE.sectionWeight;
    evidence.push(`sections:${[...headings].join('')}`);
  }
  const summary = t.rows.some((row) => {
    const texts = ownCells(row).map((c) => c.text);
    const has = (l: string) => texts.some((x) => matchLabel(x, singleLabelList(l), { prefix: false }) >= 0.8);
    return REPORT_STRUCTURE.summaryRequired.every(has) && REPORT_STRUCTURE.summaryAnyOf.some(has);
  });
  if (summary) {
    sum += REPORT_STRUCTURE.summaryWeight;
    evidence.push('summary_table');
  }
  return sum;
}

/** The self-evaluation variant best supported by the text, with its evidence. */
export function detectVariant(t: { all: string }): { variant: string | null; evidence: string[]; score: number } {
  let best: { variant: string | null; evidence: string[]; score: number } = { variant: null, evidence: [], score: 0 };
  for (const v of SELF_EVAL_VARIANTS) {
    const ev: string[] = [];
    let score = 0;
    for (const e of v.evidence) {
      if (t.all.includes(compact(e.label))) {
        score += e.weight;
        ev.push(e.label);
      }
    }
    if (score > best.score) best = { variant: v.id, evidence: ev, score };
  }
  if (best.score < MIN_VARIANT_SCORE) return { variant: null, evidence: [], score: best.score };
  return best;
}

/** Variant of a run of blocks (an attachment of a report), by the same evidence. */
export function detectVariantOfText(text: string): string | null {
  return detectVariant({ all: compact(text) }).variant;
}

/** The type named by the first line of the title area that names a form (its longest title wins); null when none does. */
function titledType(t: DocText): TypeRule['docType'] | null {
  for (const l of t.headLines) {
    let best: { type: TypeRule['docType']; len: number } | null = null;
    for (const rule of TYPE_RULES) {
      for (const e of rule.titles) {
        const s = compact(e.label);
        if (l.includes(s) && (!best || s.length > best.len)) best = { type: rule.docType, len: s.length };
      }
    }
    if (best) return best.type;
  }
  return null;
}

export function classify(doc: LaidOutDocument): Classification {
  const t = docText(doc);
  // a title read with one OCR slip counts only where no title is printed right
  const fuzzy = !TYPE_RULES.some((r) => r.titles.some((e) => t.all.includes(compact(e.label))));
  const scored = TYPE_RULES.map((rule) => {
    const evidence: string[] = [];
    let score = titleScore(t, rule.titles, evidence, fuzzy) + labelScore(t, rule.labels, evidence);
    if (rule.docType === 'self_eval_report') score += reportStructureScore(t, evidence);
    return { docType: rule.docType, score, evidence };
  }).sort((a, b) => b.score - a.score);
  // the document's own title (the first line of the title area naming a form) decides over labels,
  // which an attached form of another type (a report's 附件 tables) brings in numbers
  // (the document is a filing at all when any type has the evidence; its title says which)
  const own = titledType(t);
  const titled = own && scored[0].score >= MIN_TYPE_SCORE ? scored.find((s) => s.docType === own) : undefined;
  if (titled && titled !== scored[0]) titled.evidence.unshift(`own title names ${titled.docType}`);
  const top = titled ?? scored[0];
  const scores = scored.map((s) => `${s.docType}=${s.score}`).join(' ');
  if (!top || (top !== titled && top.score < MIN_TYPE_SCORE)) {
    return { doc_type: 'unknown', variant: null, evidence: [`scores: ${scores}`, ...(top?.evidence ?? [])] };
  }
  let variant: string | null = null;
  const evidence = [`scores: ${scores}`, ...top.evidence];
  if (top.docType === 'self_eval_table' || top.docType === 'self_eval_report') {
    const v = detectVariant(t);
    variant = v.variant;
    if (variant) evidence.push(`variant ${variant}: ${v.evidence.join(', ')}`);
  }
  return { doc_type: top.docType, variant, evidence };
}
