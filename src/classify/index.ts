/**
 * Which kind of filing a laid-out document is, and which template variant, from titles and
 * labels (data in `rules.ts` and `vocabulary/variants.ts`). Scored: a document with too
 * little evidence is `unknown`, an honest outcome.
 */
import type { LaidOutDocument } from '../model/layout.js';
import type { Classification } from './types.js';
import { foldChars } from '../text/normalize.js';
import { fixOcrSlips } from '../vocabulary/ocr.js';
import { matchLabel, normalizeLabel } from '../vocabulary/match.js';
import { SELF_EVAL_VARIANTS, type Evidence } from '../vocabulary/variants.js';
import { documentRows, ownCells, isPageNoise, type Row } from '../tables/index.js';
import { MIN_TYPE_SCORE, MIN_VARIANT_SCORE, REPORT_STRUCTURE, TITLE_AREA_ROWS, TYPE_RULES } from './rules.js';

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
  /** The title area, compacted. */
  head: string;
}

function docText(doc: LaidOutDocument): DocText {
  const rows = documentRows(doc.blocks);
  const labels: string[] = [];
  const parts: string[] = [];
  const headParts: string[] = [];
  let headRows = 0;
  for (const row of rows) {
    const own = ownCells(row);
    for (const c of own) {
      labels.push(c.text);
      const colon = /[:：]/.exec(c.text);
      if (colon && colon.index > 0) labels.push(c.text.slice(0, colon.index));
      parts.push(c.text);
    }
    if (own.length && !isPageNoise(row) && headRows < TITLE_AREA_ROWS) {
      headRows++;
      headParts.push(own.map((c) => c.text).join(''));
    }
  }
  return { rows, labels, all: compact(parts.join('\n')), head: compact(headParts.join('\n')) };
}

function titleScore(t: DocText, titles: readonly Evidence[], evidence: string[]): number {
  let best = 0;
  let why = '';
  for (const e of titles) {
    const s = compact(e.label);
    let w = 0;
    if (t.head.includes(s)) w = e.weight;
    else if (t.all.includes(s)) w = e.weight / 2;
    if (w > best) {
      best = w;
      why = `title:${e.label}${t.head.includes(s) ? '' : ' (not in title area)'}`;
    }
  }
  if (why) evidence.push(why);
  return best;
}

function labelScore(t: DocText, labels: readonly Evidence[], evidence: string[]): number {
  let sum = 0;
  for (const e of labels) {
    const asLabel = t.labels.some((l) => matchLabel(l, [e.label], { prefix: false }) >= 0.8);
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
    const has = (l: string) => texts.some((x) => matchLabel(x, [l], { prefix: false }) >= 0.8);
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

export function classify(doc: LaidOutDocument): Classification {
  const t = docText(doc);
  const scored = TYPE_RULES.map((rule) => {
    const evidence: string[] = [];
    let score = titleScore(t, rule.titles, evidence) + labelScore(t, rule.labels, evidence);
    if (rule.docType === 'self_eval_report') score += reportStructureScore(t, evidence);
    return { docType: rule.docType, score, evidence };
  }).sort((a, b) => b.score - a.score);
  const top = scored[0];
  const scores = scored.map((s) => `${s.docType}=${s.score}`).join(' ');
  if (!top || top.score < MIN_TYPE_SCORE) {
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
