/**
 * Words → text lines: words whose vertical extents overlap enough are one line, read
 * left to right; lines are ordered top to bottom.
 */
import type { Box } from '../model/geometry.js';
import { unionBoxes } from '../model/geometry.js';
import type { TextLine } from '../model/layout.js';
import type { Word } from '../model/page.js';
import { isCjk, normalizeText } from '../text/normalize.js';

export interface LineSettings {
  /** Two words are on one line when their vertical overlap is at least this fraction of the smaller height. */
  lineOverlap: number;
  /** Gap (in ems of the smaller font) between two Latin words above which a space is inserted. */
  spaceGapEm: number;
}

export const DEFAULT_LINE_SETTINGS: LineSettings = { lineOverlap: 0.5, spaceGapEm: 0.15 };

/** `settings[key]` when `settings` has it as its own property (undefined included), else the default: what spreading the two would give. */
function setting<K extends keyof LineSettings>(settings: Partial<LineSettings>, key: K): LineSettings[K] {
  return Object.prototype.propertyIsEnumerable.call(settings, key) ? (settings[key] as LineSettings[K]) : DEFAULT_LINE_SETTINGS[key];
}

/** A line under construction: its words (left to right) and box. */
export interface WordLine {
  words: Word[];
  box: Box;
}

function height(b: Box): number {
  return Math.max(0.01, b.y1 - b.y0);
}

/**
 * Words by vertical centre, then left edge (a stable sort, ties kept in input order): the
 * same order as sorting the words with that comparator, the keys read once per word.
 */
function byCentreThenLeft(words: readonly Word[]): Word[] {
  const n = words.length;
  const cy = new Float64Array(n);
  const x0 = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const b = words[i].box;
    cy[i] = (b.y0 + b.y1) / 2;
    x0[i] = b.x0;
    order[i] = i;
  }
  order.sort((i, j) => cy[i] - cy[j] || x0[i] - x0[j]);
  const out = new Array<Word>(n);
  for (let k = 0; k < n; k++) out[k] = words[order[k]];
  return out;
}

/** Does `b` overlap one of `words` horizontally by more than half the narrower of the two? */
function collides(words: readonly Word[], b: Box): boolean {
  for (const x of words) {
    if (Math.min(x.box.x1, b.x1) - Math.max(x.box.x0, b.x0) > 0.5 * Math.min(x.box.x1 - x.box.x0, b.x1 - b.x0)) return true;
  }
  return false;
}

/** Group words into lines (top to bottom), each line's words left to right. */
export function groupWordsIntoLines(words: readonly Word[], settings: Partial<LineSettings> = {}): WordLine[] {
  // the one setting read here, as `{ ...DEFAULT_LINE_SETTINGS, ...settings }` would give it
  // (callers pass a table's whole settings object, per cell: no copy of it per call)
  const s = { lineOverlap: setting(settings, 'lineOverlap') };
  const sorted = byCentreThenLeft(words);
  const lines: WordLine[] = [];
  // the smallest word height of each line (same index), kept as words join it
  const minHeights: number[] = [];
  // whether every word of the line has x1 ≥ x0 (then a word clear of the line's box collides with none)
  const upright: boolean[] = [];
  for (const w of sorted) {
    let best = -1;
    let bestOv = 0;
    const wb = w.box;
    const wh = height(wb);
    // only the last few lines can overlap a word sorted by its centre
    for (let i = lines.length - 1; i >= Math.max(0, lines.length - 4); i--) {
      const l = lines[i];
      const lb = l.box;
      const ov = Math.min(lb.y1, wb.y1) - Math.max(lb.y0, wb.y0);
      const ratio = ov / Math.min(wh, minHeights[i]);
      if (ratio >= s.lineOverlap && ratio > bestOv) {
        // a word overlapping horizontally with one already in the line belongs to another line
        // (a tight line spacing); only accept it when it does not collide. A word clear of the
        // line's box overlaps none of its words.
        const clear = upright[i] && wb.x1 >= wb.x0 && (wb.x0 >= lb.x1 || wb.x1 <= lb.x0);
        if (!clear && collides(l.words, wb)) continue;
        best = i;
        bestOv = ratio;
      }
    }
    if (best >= 0) {
      const l = lines[best];
      l.words.push(w);
      l.box = unionBoxes([l.box, wb])!;
      minHeights[best] = Math.min(minHeights[best], wh);
      if (!(wb.x1 >= wb.x0)) upright[best] = false;
    } else {
      lines.push({ words: [w], box: { ...wb } });
      minHeights.push(wh);
      upright.push(wb.x1 >= wb.x0);
    }
  }
  for (const l of lines) l.words.sort((a, b) => a.box.x0 - b.box.x0);
  lines.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  return lines;
}

/** The text of words on one line: CJK runs glued, Latin words separated by a space when apart. */
export function joinLineWords(words: readonly Word[], settings: Partial<LineSettings> = {}): string {
  const s = { spaceGapEm: setting(settings, 'spaceGapEm') };
  let out = '';
  let prev: Word | undefined;
  for (const w of words) {
    if (!prev) {
      out = w.text;
    } else {
      const gap = w.box.x0 - prev.box.x1;
      const em = Math.min(prev.fontSize ?? height(prev.box), w.fontSize ?? height(w.box));
      const last = out[out.length - 1] ?? '';
      const first = w.text[0] ?? '';
      const glue = isCjk(last) || isCjk(first) ? '' : gap > s.spaceGapEm * em ? ' ' : '';
      out += glue + w.text;
    }
    prev = w;
  }
  return normalizeText(out);
}

function meanConfidence(words: readonly Word[]): number | undefined {
  const cs = words.map((w) => w.confidence).filter((c): c is number => c !== undefined);
  return cs.length ? cs.reduce((a, b) => a + b, 0) / cs.length : undefined;
}

/** Words of one page → TextLines in reading order (top to bottom). */
export function wordsToLines(words: readonly Word[], page: number, settings: Partial<LineSettings> = {}): TextLine[] {
  return groupWordsIntoLines(words, settings).map((l) => toTextLine(l, page, settings));
}

export function toTextLine(l: WordLine, page: number, settings: Partial<LineSettings> = {}): TextLine {
  const t: TextLine = { text: joinLineWords(l.words, settings), page, box: l.box };
  const lineNo = l.words.find((w) => w.line !== undefined)?.line;
  if (lineNo !== undefined) t.line = lineNo;
  const c = meanConfidence(l.words);
  if (c !== undefined) t.confidence = c;
  return t;
}

export { meanConfidence };
