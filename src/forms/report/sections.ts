/**
 * Where each project's section of the report begins and ends: under `三、各项目自评情况`
 * (or after the summary table), at headings that name a summary-table project
 * (`1. 机关建设及日常保障经费`), or else at a run of headings numbered 1, 2, 3 in one style.
 */
import type { Block, TextLine } from '../../model/layout.js';
import { normalizeText } from '../../text/normalize.js';
import { bestMatch, nameKey, nameMatch } from './names.js';
import {
  ATTACHMENT_HEADING_RE,
  ATTACHMENT_TITLE_RE,
  CN_DIGITS,
  HEADING_STYLES,
  GENERIC_SUBHEADINGS,
  ITEM_WEIGHT_RE,
  SECTION_WEIGHT_RE,
  MARKER_RE,
  SECTIONS_HEADINGS,
  TOP_HEADING_RE,
} from './patterns.js';

export interface Section {
  /** Index of the heading block; the section runs to `end` (exclusive). */
  start: number;
  end: number;
  heading: TextLine | null;
  /** The heading's text without its numbering. */
  title: string;
  /** Index into the summary rows it matched, or -1. */
  summaryIndex: number;
}

export interface Region {
  start: number;
  end: number;
  /** True when a `各项目自评情况` heading was found. */
  headed: boolean;
}

/** The first attachment's block index (or blocks.length). */
export function firstAttachment(blocks: readonly Block[], from: number): number {
  for (let i = from; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== 'line') continue;
    if (isAttachmentStart(blocks, i)) return i;
  }
  return blocks.length;
}

/** Is the line at `i` an attachment heading (`附件1.1`) or a self-evaluation table's title standing alone? */
export function isAttachmentStart(blocks: readonly Block[], i: number): boolean {
  const b = blocks[i];
  if (!b || b.kind !== 'line') return false;
  const t = normalizeText(b.line.text);
  const m = ATTACHMENT_HEADING_RE.exec(t);
  if (m && t.length <= 60 && !/[。]/.test(t) && !t.includes('》')) return tableFollows(blocks, i);
  if (ATTACHMENT_TITLE_RE.test(t) && !/[《》]/.test(t)) {
    if (!tableFollows(blocks, i)) return false;
    // Not when an attachment heading stands just before it (then that heading starts it).
    for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
      const p = blocks[k];
      if (p.kind === 'line' && ATTACHMENT_HEADING_RE.test(normalizeText(p.line.text))) return false;
      if (p.kind === 'table') break;
    }
    return true;
  }
  return false;
}

/** A table stands within the next few blocks, before another attachment heading. */
function tableFollows(blocks: readonly Block[], i: number): boolean {
  for (let k = i + 1; k < Math.min(blocks.length, i + 7); k++) {
    const b = blocks[k];
    if (b.kind === 'table') return true;
    if (ATTACHMENT_HEADING_RE.test(normalizeText(b.line.text))) return false;
  }
  return false;
}

export function findRegion(blocks: readonly Block[], from: number): Region {
  const attachments = firstAttachment(blocks, from);
  for (let i = from; i < attachments; i++) {
    const b = blocks[i];
    if (b.kind !== 'line') continue;
    const t = normalizeText(b.line.text);
    const body = t.replace(MARKER_RE, '');
    if (body.length <= 20 && SECTIONS_HEADINGS.some((h) => body.includes(h))) {
      let end = attachments;
      for (let k = i + 1; k < attachments; k++) {
        const l = blocks[k];
        if (l.kind === 'line' && TOP_HEADING_RE.test(normalizeText(l.line.text))) {
          end = k;
          break;
        }
      }
      return { start: i + 1, end, headed: true };
    }
  }
  return { start: from, end: attachments, headed: false };
}

function stripMarker(t: string): { marker: string; body: string } {
  const m = MARKER_RE.exec(t);
  return m ? { marker: m[0], body: t.slice(m[0].length).trim() } : { marker: '', body: t };
}

/** The numbering style of a marker and its number: ('num-dot', 2) for `2.`, ('paren-cn', 1) for `（一）`. */
function markerStyle(marker: string): { style: string; n: number } | null {
  const m = marker.trim();
  for (const { style, re } of HEADING_STYLES) {
    const r = re.exec(m);
    if (r) return { style, n: /^\d+$/.test(r[1]) ? Number(r[1]) : cnNumber(r[1]) };
  }
  return null;
}

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20. */
function cnNumber(s: string): number {
  const d = (ch: string) => CN_DIGITS.indexOf(ch) + 1;
  const ten = CN_DIGITS[9];
  if (s.length === 1) return d(s);
  if (s.length === 2) return s[0] === ten ? 10 + d(s[1]) : s[1] === ten ? d(s[0]) * 10 : NaN;
  return s[1] === ten ? d(s[0]) * 10 + d(s[2]) : NaN;
}

function looksLikeHeading(body: string): boolean {
  if (!body || body.length > 40) return false;
  if (SECTION_WEIGHT_RE.test(body) || ITEM_WEIGHT_RE.test(body)) return false;
  if (/[。;；,，]/.test(body)) return false;
  const key = nameKey(body);
  return !GENERIC_SUBHEADINGS.some((g) => key === g || key.endsWith(g));
}

/**
 * Split the region into project sections. With summary-table names, headings are lines
 * naming one of them; otherwise the longest run of same-style headings numbered 1, 2, 3….
 */
export function findSections(blocks: readonly Block[], region: Region, summaryNames: readonly string[]): Section[] {
  const heads: { index: number; line: TextLine; title: string; summaryIndex: number }[] = [];
  const used = new Set<number>();
  if (summaryNames.length > 0) {
    for (let i = region.start; i < region.end; i++) {
      const b = blocks[i];
      if (b.kind !== 'line') continue;
      const t = normalizeText(b.line.text);
      const { marker, body } = stripMarker(t);
      if (!body || body.length > 60 || /[。;；]/.test(body)) continue;
      let best = -1;
      let bestScore = 0;
      summaryNames.forEach((name, k) => {
        if (used.has(k)) return;
        const s = nameMatch(body, name);
        // Without numbering, only an exact heading counts; with it, containment too.
        const ok = marker ? s > 0 && body.length <= nameKey(name).length + 12 : s >= 2;
        if (ok && s > bestScore) {
          best = k;
          bestScore = s;
        }
      });
      if (best >= 0) {
        used.add(best);
        heads.push({ index: i, line: b.line, title: body, summaryIndex: best });
      }
    }
  }
  const numbered = numberedHeadings(blocks, region);
  if (numbered.length > heads.length && (summaryNames.length === 0 || numbered.length <= summaryNames.length)) {
    heads.length = 0;
    const taken = new Set<number>();
    for (const h of numbered) {
      const k = bestMatch(h.title, summaryNames, taken);
      if (k >= 0) taken.add(k);
      heads.push({ ...h, summaryIndex: k });
    }
  }
  heads.sort((a, b) => a.index - b.index);
  return heads.map((h, k) => ({
    start: h.index,
    end: k + 1 < heads.length ? heads[k + 1].index : region.end,
    heading: h.line,
    title: h.title,
    summaryIndex: h.summaryIndex,
  }));
}

function numberedHeadings(blocks: readonly Block[], region: Region): { index: number; line: TextLine; title: string }[] {
  const heads: { index: number; line: TextLine; title: string }[] = [];
  {
    // Numbered headings: group candidates by style, keep the style whose numbers run 1, 2, 3… longest.
    const byStyle = new Map<string, { index: number; line: TextLine; title: string; n: number }[]>();
    for (let i = region.start; i < region.end; i++) {
      const b = blocks[i];
      if (b.kind !== 'line') continue;
      const t = normalizeText(b.line.text);
      const { marker, body } = stripMarker(t);
      if (!marker || !looksLikeHeading(body)) continue;
      const st = markerStyle(marker);
      if (!st || (st.style === 'cn-comma' && !region.headed)) continue;
      const list = byStyle.get(st.style) ?? [];
      list.push({ index: i, line: b.line, title: body, n: st.n });
      byStyle.set(st.style, list);
    }
    let bestRun: { index: number; line: TextLine; title: string; n: number }[] = [];
    for (const list of byStyle.values()) {
      const run: typeof list = [];
      for (const h of list) {
        if (h.n === run.length + 1) run.push(h);
      }
      if (run.length > bestRun.length || (run.length === bestRun.length && run.length > 0 && run[0].index < bestRun[0].index)) bestRun = run;
    }
    for (const h of bestRun) heads.push({ index: h.index, line: h.line, title: h.title });
  }
  return heads;
}
