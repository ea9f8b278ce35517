/**
 * Repairs of OCR text that are safe on Chinese forms, applied to each recognised word after
 * normalization (the forms' label tables hold the slips that need context):
 *  - the character 一 read as a dash: a dash (- — － ‐ ―) before an ideograph at the start of a
 *    word, or between two ideographs, is 一 (`-级指标` → `一级指标`); dashes between digits or
 *    standing alone (an empty cell's —) are left alone;
 *  - specks read as punctuation at a word's edge: leading/trailing middle dots, and a lone
 *    leading `.`/`,`/`'` followed by a space (`. 70000` → `70000`), and words that are
 *    nothing but such a dot (dropped: the empty string); quote marks glued to a number
 *    (`'8`, `3.00 "`); a `.` between ideographs (`绩效指标.(一级)`);
 *  - a lone `o`/`O` is 0; whole-word label slips (WORD_SLIPS: `级指标` → `一级指标`);
 *  - comparison symbols (PP-OCR on 150–300 dpi scans, corpus/scan): `≥` read as a Latin
 *    `V` opening a quantity (`V89%`, `V59万元` → `≥89%`); the space PP-OCR puts after a
 *    decimal point (`97. 13%` → `97.13%`). A `V` is only taken for `≥` when it opens the word
 *    and a number with `%` or a unit of one to three ideographs follows, the whole word (no form
 *    prints a Latin V there).
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

/**
 * Whole words that are a known slip of a form's label (the stroke of 一 is thin enough for
 * the detector to miss it at 150–200 dpi).
 */
export const WORD_SLIPS: Readonly<Record<string, string>> = Object.freeze({
  '级指标': '一级指标',
});

export function fixOcrText(text: string): string {
  let t = text.trim();
  // a lone o/O is a zero (no Chinese form prints a lone Latin o)
  if (t === 'o' || t === 'O') return '0';
  t = t.replace(/^[·•]+|[·•]+$/g, '').trim();
  t = t.replace(/^[.,'`]\s+(?=\S)/, '');
  t = t.replace(LEADING_DASH, '一').replace(INNER_DASH, '一');
  t = t.replace(V_AS_GEQ, '≥').replace(SPACE_AFTER_DECIMAL_POINT, '.');
  t = t.replace(QUOTE_BEFORE_DIGIT, '').replace(QUOTE_AFTER_DIGIT, '').replace(DOT_IN_CHINESE, '');
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
