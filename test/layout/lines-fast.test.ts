/**
 * The faster line grouping (keys read once, each line's smallest height kept, no collision
 * scan for a word clear of the line) gives exactly the lines of the straightforward version
 * it replaced, kept here as the reference: on crowded random pages (tight line spacing,
 * overlapping words, mixed heights, zero and negative widths, NaN boxes).
 */
import { describe, expect, it } from '@jest/globals';
import { groupWordsIntoLines, DEFAULT_LINE_SETTINGS, type WordLine } from '../../src/layout/lines.js';
import { unionBoxes } from '../../src/model/geometry.js';
import type { Word } from '../../src/model/page.js';

/** The grouping as it was (issue 13's starting point), word for word. */
function reference(words: readonly Word[], settings: Partial<typeof DEFAULT_LINE_SETTINGS> = {}): WordLine[] {
  const s = { ...DEFAULT_LINE_SETTINGS, ...settings };
  const height = (b: Word['box']) => Math.max(0.01, b.y1 - b.y0);
  const sorted = [...words].sort((a, b) => (a.box.y0 + a.box.y1) / 2 - (b.box.y0 + b.box.y1) / 2 || a.box.x0 - b.box.x0);
  const lines: WordLine[] = [];
  for (const w of sorted) {
    let best: WordLine | undefined;
    let bestOv = 0;
    for (let i = lines.length - 1; i >= Math.max(0, lines.length - 4); i--) {
      const l = lines[i];
      const ov = Math.min(l.box.y1, w.box.y1) - Math.max(l.box.y0, w.box.y0);
      const minH = Math.min(height(w.box), ...l.words.map((x) => height(x.box)));
      const ratio = ov / minH;
      if (ratio >= s.lineOverlap && ratio > bestOv) {
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

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPage(seed: number): Word[] {
  const r = rng(seed);
  const n = 5 + Math.floor(r() * 120);
  const words: Word[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = Math.round(r() * 500);
    // rows 12 pt apart with jitter: neighbours often overlap vertically
    const y0 = Math.floor(r() * 30) * 12 + (r() - 0.5) * 8;
    const h = [4, 8, 10, 12, 20][Math.floor(r() * 5)];
    const kind = r();
    const w = kind < 0.05 ? 0 : kind < 0.08 ? -5 : 5 + r() * 80;
    const box = kind > 0.995 ? { x0: NaN, y0, x1: x0 + w, y1: y0 + h } : { x0, y0, x1: x0 + w, y1: y0 + h };
    words.push({ text: `w${i}`, box, fontSize: h });
  }
  return words;
}

const shape = (ls: WordLine[]) => ls.map((l) => ({ words: l.words.map((w) => w.text), box: l.box }));

describe('groupWordsIntoLines (fast) = the reference grouping', () => {
  it('on 400 crowded random pages', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const words = randomPage(seed);
      expect(shape(groupWordsIntoLines(words))).toEqual(shape(reference(words)));
    }
  });

  it('with a table\'s whole settings object passed (only lineOverlap read, as spreading it would)', () => {
    const tableLike = { lineOverlap: 0.3, spaceGapEm: 0.2, streamMinGap: 12, snapTolerance: 3 } as Partial<typeof DEFAULT_LINE_SETTINGS>;
    for (let seed = 1; seed <= 100; seed++) {
      const words = randomPage(seed);
      expect(shape(groupWordsIntoLines(words, tableLike))).toEqual(shape(reference(words, tableLike)));
    }
    const undef = { lineOverlap: undefined } as unknown as Partial<typeof DEFAULT_LINE_SETTINGS>;
    expect(shape(groupWordsIntoLines(randomPage(3), undef))).toEqual(shape(reference(randomPage(3), undef)));
  });

  it('a word overlapping a line only through a zero-width word', () => {
    const words: Word[] = [
      { text: 'a', box: { x0: 10, y0: 0, x1: 40, y1: 10 } },
      { text: 'b', box: { x0: 40, y0: 0, x1: 40, y1: 10 } },
      { text: 'c', box: { x0: 40, y0: 0.5, x1: 70, y1: 10.5 } },
    ];
    expect(shape(groupWordsIntoLines(words))).toEqual(shape(reference(words)));
  });
});
