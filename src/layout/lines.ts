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

/** A line under construction: its words (left to right) and box. */
export interface WordLine {
  words: Word[];
  box: Box;
}

function height(b: Box): number {
  return Math.max(0.01, b.y1 - b.y0);
}

/** Group words into lines (top to bottom), each line's words left to right. */
export function groupWordsIntoLines(words: readonly Word[], settings: Partial<LineSettings> = {}): WordLine[] {
  const s = { ...DEFAULT_LINE_SETTINGS, ...settings };
  const sorted = [...words].sort((a, b) => (a.box.y0 + a.box.y1) / 2 - (b.box.y0 + b.box.y1) / 2 || a.box.x0 - b.box.x0);
  const lines: WordLine[] = [];
  for (const w of sorted) {
    let best: WordLine | undefined;
    let bestOv = 0;
    // only the last few lines can overlap a word sorted by its centre
    for (let i = lines.length - 1; i >= Math.max(0, lines.length - 4); i--) {
      const l = lines[i];
      const ov = Math.min(l.box.y1, w.box.y1) - Math.max(l.box.y0, w.box.y0);
      const minH = Math.min(height(w.box), ...l.words.map((x) => height(x.box)));
      const ratio = ov / minH;
      if (ratio >= s.lineOverlap && ratio > bestOv) {
        // a word overlapping horizontally with one already in the line belongs to another line
        // (a tight line spacing); only accept it when it does not collide.
        const collides = l.words.some((x) => Math.min(x.box.x1, w.box.x1) - Math.max(x.box.x0, w.box.x0) > 0.5 * Math.min(x.box.x1 - x.box.x0, w.box.x1 - w.box.x0));
        if (collides) continue;
        best = l;
        bestOv = ratio;
      }
    }
    if (best) {
      best.words.push(w);
      best.box = unionBoxes([best.box, w.box])!;
    } else {
      lines.push({ words: [w], box: { ...w.box } });
    }
  }
  for (const l of lines) l.words.sort((a, b) => a.box.x0 - b.box.x0);
  lines.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  return lines;
}

/** The text of words on one line: CJK runs glued, Latin words separated by a space when apart. */
export function joinLineWords(words: readonly Word[], settings: Partial<LineSettings> = {}): string {
  const s = { ...DEFAULT_LINE_SETTINGS, ...settings };
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
