/**
 * pdfjs text items → Words: boxes in page space (top-left origin, via the viewport
 * transform), text normalized, and items that straddle a vertical ruling line split at
 * the rule using an estimated per-character advance.
 */
import type { Box } from '../../model/geometry.js';
import type { Rule, Word } from '../../model/page.js';
import { normalizeText, isCjk } from '../../text/normalize.js';
import { apply } from '../../model/matrix.js';

export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName?: string;
}

/** Fraction of the font size above / below the baseline a glyph box takes. */
const ASCENT = 0.86;
const DESCENT = 0.14;

interface Placed {
  raw: string;
  box: Box;
  fontSize: number;
  fontName?: string;
  /** true when the text runs left-to-right horizontally in page space (splittable). */
  upright: boolean;
}

export function placeItem(item: RawTextItem, viewport: readonly number[], fontName?: string): Placed | null {
  if (!item.str || !item.str.trim()) return null;
  const [a, b, c, d, e, f] = item.transform;
  const dirLen = Math.hypot(a, b) || 1;
  const upLen = Math.hypot(c, d) || 1;
  const fs = item.height > 0 ? item.height : upLen;
  const dx = a / dirLen, dy = b / dirLen;
  const ux = c / upLen, uy = d / upLen;
  const w = item.width;
  const corners: [number, number][] = [];
  for (const along of [0, w]) {
    for (const up of [-DESCENT * fs, ASCENT * fs]) {
      corners.push(apply(viewport, e + dx * along + ux * up, f + dy * along + uy * up));
    }
  }
  const xs = corners.map((p) => p[0]), ys = corners.map((p) => p[1]);
  const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  // direction in page space
  const [ox, oy] = apply(viewport, e, f);
  const [px, py] = apply(viewport, e + dx, f + dy);
  const upright = px - ox > 0.9 && Math.abs(py - oy) < 0.1;
  return { raw: item.str, box, fontSize: round2(fs), fontName: fontName ?? item.fontName, upright };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Nominal advance of a character in ems (CJK full width, Latin about half). */
function nominalEm(ch: string): number {
  if (ch === ' ' || ch === '\u00a0') return 0.3;
  if (ch === '\u3000') return 1;
  if (isCjk(ch)) return 1;
  return 0.55;
}

/**
 * Estimated advance of each character so that they add up to `width`: nominal widths
 * scaled, except that when the item is much wider than its characters and holds spaces
 * (a gap between two cells written as spaces), the spaces take the extra width.
 */
export function advances(chars: readonly string[], width: number, em: number): number[] {
  const nominal = chars.map((ch) => nominalEm(ch) * em);
  const total = nominal.reduce((a, b) => a + b, 0);
  const spaces = chars.filter((ch) => !ch.trim()).length;
  if (spaces > 0 && width > total * 1.15) {
    const solid = nominal.reduce((a, v, i) => a + (chars[i].trim() ? v : 0), 0);
    const each = (width - solid) / spaces;
    return chars.map((ch, i) => (ch.trim() ? nominal[i] : each));
  }
  const scale = total > 0 ? width / total : 1;
  return nominal.map((v) => v * scale);
}

/**
 * Split a placed item at the vertical rules crossing it, at the white space nearest each
 * rule. Character boundaries are estimated from nominal advances scaled to the item's width.
 */
export function splitAtRules(p: Placed, verticals: readonly Rule[]): Placed[] {
  if (!p.upright) return [p];
  const em = p.fontSize || p.box.y1 - p.box.y0;
  const margin = 0.25 * em;
  const midY = (p.box.y0 + p.box.y1) / 2;
  const cuts = verticals
    .filter((r) => r.x0 > p.box.x0 + margin && r.x0 < p.box.x1 - margin && r.y0 <= midY + 1 && r.y1 >= midY - 1)
    .map((r) => r.x0)
    .sort((u, v) => u - v);
  if (cuts.length === 0) return [p];
  const chars = Array.from(p.raw);
  if (chars.length < 2) return [p];
  const adv = advances(chars, p.box.x1 - p.box.x0, em);
  // boundaries[i] = x of the left edge of char i; boundaries[n] = right edge
  const bounds: number[] = [p.box.x0];
  for (let i = 0; i < chars.length; i++) bounds.push(bounds[i] + adv[i]);
  // Cut at the white space nearest the rule (pdfjs writes a space, or starts a new item,
  // where two cells' texts meet). No white space near the rule: the text overflows its
  // cell across the border (a spreadsheet's long label), and stays whole.
  const splitAt: number[] = [];
  for (const x of cuts) {
    let best = -1, bestD = Infinity;
    for (let i = 1; i < chars.length - 1; i++) {
      if (chars[i].trim()) continue;
      const dd = x < bounds[i] ? bounds[i] - x : x > bounds[i + 1] ? x - bounds[i + 1] : 0;
      if (dd < bestD) { bestD = dd; best = i; }
    }
    if (best > 0 && bestD <= 1.5 * em && !splitAt.includes(best)) splitAt.push(best);
  }
  splitAt.sort((u, v) => u - v);
  const out: Placed[] = [];
  let start = 0;
  for (const cut of [...splitAt, chars.length]) {
    const raw = chars.slice(start, cut).join('');
    if (raw.trim()) {
      // shrink the box to the trimmed characters
      let s = start, t = cut;
      while (s < t && !chars[s].trim()) s++;
      while (t > s && !chars[t - 1].trim()) t--;
      out.push({ ...p, raw: chars.slice(s, t).join(''), box: { x0: bounds[s], y0: p.box.y0, x1: bounds[t], y1: p.box.y1 } });
    }
    start = cut;
  }
  return out.length ? out : [p];
}

export function toWord(p: Placed): Word | null {
  const text = normalizeText(p.raw);
  if (!text) return null;
  const w: Word = {
    text,
    box: { x0: round2(p.box.x0), y0: round2(p.box.y0), x1: round2(p.box.x1), y1: round2(p.box.y1) },
    fontSize: p.fontSize,
  };
  if (p.fontName) w.fontName = p.fontName;
  return w;
}

/** Items → Words for one page, splitting items that straddle vertical rules. */
export function itemsToWords(
  items: readonly RawTextItem[],
  viewport: readonly number[],
  rules: readonly Rule[],
  fontNameOf: (id: string | undefined) => string | undefined = (id) => id,
): Word[] {
  const verticals = rules.filter((r) => Math.abs(r.x1 - r.x0) < 0.5 && r.y1 - r.y0 > 2);
  const words: Word[] = [];
  for (const item of items) {
    const placed = placeItem(item, viewport, fontNameOf(item.fontName));
    if (!placed) continue;
    for (const piece of splitAtRules(placed, verticals)) {
      const w = toWord(piece);
      if (w) words.push(w);
    }
  }
  return dropOverprints(words);
}

/**
 * Drop words drawn again over themselves (the same text at nearly the same place), as
 * producers that fake bold by overprinting do; the copy would double the cell's text.
 */
export function dropOverprints(words: readonly Word[], tolerance = 1.5): Word[] {
  const kept: Word[] = [];
  const byText = new Map<string, Word[]>();
  for (const w of words) {
    const same = byText.get(w.text) ?? [];
    const dup = same.some(
      (o) =>
        Math.abs(o.box.x0 - w.box.x0) <= tolerance &&
        Math.abs(o.box.y0 - w.box.y0) <= tolerance &&
        Math.abs(o.box.x1 - w.box.x1) <= tolerance &&
        Math.abs(o.box.y1 - w.box.y1) <= tolerance,
    );
    if (dup) continue;
    same.push(w);
    byText.set(w.text, same);
    kept.push(w);
  }
  return kept;
}
