/**
 * Repairs of OCR text that are safe on Chinese forms, applied to each recognised word after
 * normalization (the forms' label tables hold the slips that need context):
 *  - the character 一 read as a dash: a dash (- — － ‐ ―) before an ideograph at the start of a
 *    word, or between two ideographs, is 一 (`-级指标` → `一级指标`); dashes between digits or
 *    standing alone (an empty cell's —) are left alone;
 *  - specks read as punctuation at a word's edge: leading/trailing middle dots, and a lone
 *    leading `.`/`,`/`'` followed by a space (`. 70000` → `70000`), and words that are
 *    nothing but such a dot (dropped: the empty string); quote marks glued to a number
 *    (`'8`, `3.00 "`); a `.` between ideographs (`绩效指标.(一级)`); a `.` opening a word before
 *    an ideograph or closing one after an ideograph or `%` (`.产出`, `68个.`, `94.64% .`: specks
 *    next to a cell's text on noisy scans, where no form prints a Latin full stop);
 *  - a lone `o`/`O` is 0; whole-word label slips (WORD_SLIPS: `级指标` → `一级指标`);
 *  - comparison symbols (PP-OCR on 150–300 dpi scans, corpus/scan): `≥` read as a Latin
 *    `V` opening a quantity (`V89%`, `V59万元` → `≥89%`); the space PP-OCR puts after a
 *    decimal point (`97. 13%` → `97.13%`). A `V` is only taken for `≥` when it opens the word
 *    and a number with `%` or a unit of one to three ideographs follows, the whole word (no form
 *    prints a Latin V there);
 *  - a measure word read as a symbol right after a number (UNIT_GLYPH_SLIPS: `11↑` → `11个`,
 *    corpus/scan c070): no form prints those symbols after a quantity.
 */
const IDEO = '\\u3400-\\u9fff\\uf900-\\ufaff';
const DASH = '\\-\\u2010\\u2012\\u2013\\u2014\\u2015\\u2212\\uff0d';
const LEADING_DASH = new RegExp(`^[${DASH}](?=[${IDEO}])`);
const INNER_DASH = new RegExp(`(?<=[${IDEO}])[${DASH}](?=[${IDEO}])`, 'g');

const QUOTES = `'"\`\u2018\u2019\u201c\u201d`;
const QUOTE_BEFORE_DIGIT = new RegExp(`^[${QUOTES}]+\\s*(?=\\d)`);
const QUOTE_AFTER_DIGIT = new RegExp(`(?<=[\\d%])\\s*[${QUOTES}]+$`);
/** `V` opening a quantity: number then `%` or an ideograph unit, nothing else. */
const V_AS_GEQ = new RegExp(`^[Vv]\\s*(?=\\d+(?:\\.\\d+)?\\s*(?:%|[${IDEO}]{1,3}$))`);
const SPACE_AFTER_DECIMAL_POINT = /(?<=\d)\.\s+(?=\d)/g;
const DOT_IN_CHINESE = new RegExp(`(?<=[${IDEO}])\\.(?=[${IDEO}(\uff08])`, 'g');
const DOT_OPENING_IDEOGRAPH = new RegExp(`^\\.\\s*(?=[${IDEO}])`);
const DOT_CLOSING = new RegExp(`(?<=[${IDEO}%])\\s*\\.$`);

/**
 * Whole words that are a known slip of a form's label (the stroke of 一 is thin enough for
 * the detector to miss it at 150–200 dpi).
 */
export const WORD_SLIPS: Readonly<Record<string, string>> = Object.freeze({
  '级指标': '一级指标',
});

/**
 * Symbols PP-OCR reads in place of a measure word that follows a number (个 drawn small reads
 * as an arrow). Applied only between a digit and the end of the word or a `/`.
 */
export const UNIT_GLYPH_SLIPS: Readonly<Record<string, string>> = Object.freeze({
  '↑': '个',
});
const UNIT_GLYPH = new RegExp(`(?<=\\d\\s*)[${Object.keys(UNIT_GLYPH_SLIPS).join('')}](?=\\s*(?:$|/))`, 'gu');

export function fixOcrText(text: string): string {
  let t = text.trim();
  // a lone o/O is a zero (no Chinese form prints a lone Latin o)
  if (t === 'o' || t === 'O') return '0';
  t = t.replace(/^[·•]+|[·•]+$/g, '').trim();
  t = t.replace(/^[.,'`]\s+(?=\S)/, '');
  t = t.replace(LEADING_DASH, '一').replace(INNER_DASH, '一');
  t = t.replace(V_AS_GEQ, '≥').replace(SPACE_AFTER_DECIMAL_POINT, '.');
  t = t.replace(UNIT_GLYPH, (g) => UNIT_GLYPH_SLIPS[g]);
  t = t.replace(QUOTE_BEFORE_DIGIT, '').replace(QUOTE_AFTER_DIGIT, '').replace(DOT_IN_CHINESE, '');
  t = t.replace(DOT_OPENING_IDEOGRAPH, '').replace(DOT_CLOSING, '');
  // a word that is only a speck's dot, comma or quote carries nothing
  if (/^[.,'`"\u2018\u2019\u201c\u201d·•]+$/.test(t)) return '';
  return WORD_SLIPS[t] ?? t;
}

/** A positioned word as the OCR backend builds it (points or pixels, top-left origin). */
export interface PlacedText {
  text: string;
  box: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * Repairs that need the word's neighbour on its line: a word that is only a Latin `V` (how
 * PP-OCR reads `≥` when it boxes the symbol apart, `V` `89` `%`) is `≥` when the nearest word
 * to its right on its line starts with a digit and begins within `V_GAP_HEIGHTS` line heights
 * of it (the symbol is often set apart by a space: gaps of 2.4 heights measured). Returns a new
 * array (same order); words are copied only when changed. Source: corpus/scan twins (c010, c145).
 */
export const V_GAP_HEIGHTS = 3;

export function fixOcrNeighbours<T extends PlacedText>(words: readonly T[]): T[] {
  return words.map((w) => {
    if (w.text !== 'V' && w.text !== 'v') return w;
    const h = w.box.y1 - w.box.y0;
    let next: T | null = null;
    for (const o of words) {
      if (o === w || o.box.x0 < w.box.x0 + 0.5 * (w.box.x1 - w.box.x0)) continue;
      if (Math.min(o.box.y1, w.box.y1) - Math.max(o.box.y0, w.box.y0) <= 0.5 * Math.min(h, o.box.y1 - o.box.y0)) continue;
      if (!next || o.box.x0 < next.box.x0) next = o;
    }
    return next && /^\d/.test(next.text) && next.box.x0 - w.box.x1 <= V_GAP_HEIGHTS * h ? { ...w, text: '≥' } : w;
  });
}

/** A ruling line (points): vertical when x0 = x1. */
export interface RuleLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Width of a character in a line of Chinese print, in ideograph widths (Latin, digits, ASCII signs: about half). */
function charWidth(ch: string): number {
  return /[\u2e80-\u9fff\uf900-\ufaff\uff01-\uff60\u3000-\u303f]/u.test(ch) ? 1 : 0.55;
}

/**
 * Words whose box a vertical ruling line crosses. The detector's box of a cell's text sometimes
 * reaches over the cell's border by most of a character (its margin around the text), and it
 * sometimes boxes two neighbouring cells' texts as one (`15.64` | `…延期,下年度加`); either way the
 * layout put the reading in the wrong cell and read the row's values one column off. Where a
 * rule runs through a word's vertical middle:
 *  - when the part on one side is narrower than one character (the box's width over its
 *    characters, an ideograph counting one, a Latin letter, digit or sign 0.55), the box is
 *    clipped at the rule (that part is margin, not text);
 *  - else the text is cut at the character boundary nearest the rule's share of the box, each
 *    part keeping the word's confidence.
 * Pure; returns a new array (words the rules miss are kept as they are). Source: corpus/scan
 * twin c135 (`资金拨付及时率` boxed 8.6 pt into the 二级指标 cell: the row's values were read one
 * column off, and the one clean scan with an error flag, TOTAL_SCORE, came from it).
 */
export function splitAtRules<T extends PlacedText>(words: readonly T[], rules: readonly RuleLine[]): T[] {
  const vertical = rules.filter((r) => Math.abs(r.x1 - r.x0) < 1.5).map((r) => ({ x: (r.x0 + r.x1) / 2, y0: Math.min(r.y0, r.y1), y1: Math.max(r.y0, r.y1) }));
  if (!vertical.length) return [...words];
  const out: T[] = [];
  const cut = (w: T): void => {
    const mid = (w.box.y0 + w.box.y1) / 2;
    const chars = [...w.text];
    const widths = chars.map(charWidth);
    const total = widths.reduce((a, b) => a + b, 0);
    const pitch = (w.box.x1 - w.box.x0) / Math.max(1, total);
    const rule = vertical.find((r) => r.y0 <= mid && r.y1 >= mid && r.x > w.box.x0 + 0.5 && r.x < w.box.x1 - 0.5);
    if (!rule) {
      out.push(w);
      return;
    }
    const L = rule.x - w.box.x0, R = w.box.x1 - rule.x;
    if (Math.min(L, R) < pitch || chars.length < 2) {
      // margin over the border: keep the text, clip the box to the side that holds it
      cut({ ...w, box: L >= R ? { ...w.box, x1: rule.x } : { ...w.box, x0: rule.x } });
      return;
    }
    const want = (L / (L + R)) * total;
    let k = 1, best = Infinity;
    for (let i = 0, a = 0; i < chars.length - 1; i++) {
      a += widths[i];
      if (Math.abs(a - want) < best) {
        best = Math.abs(a - want);
        k = i + 1;
      }
    }
    const left = chars.slice(0, k).join('').trim(), right = chars.slice(k).join('').trim();
    if (!left || !right) {
      out.push(w);
      return;
    }
    out.push({ ...w, text: left, box: { ...w.box, x1: rule.x } });
    cut({ ...w, text: right, box: { ...w.box, x0: rule.x } });
  };
  for (const w of words) cut(w);
  return out;
}
