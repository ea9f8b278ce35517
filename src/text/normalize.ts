/**
 * Text normalization applied to every word a backend produces, so that label tables
 * and number parsing see one spelling:
 *  - full-width ASCII (Ｆ, １, ％, ：, （） …) folded to half-width, ideographic space to space;
 *  - ≧/≦ to ≥/≤;
 *  - Kangxi Radicals and CJK Radicals Supplement look-alikes (⽬ for 目, ⻔ for 门), which
 *    Chromium/Skia-printed PDFs put in their text layer, mapped to the unified ideographs;
 *  - runs of white space inside Chinese text removed, other runs collapsed, ends trimmed.
 */
import { CJK_RADICAL_EQUIVALENTS } from './radicals.js';

const SYMBOL_FOLDS: Record<string, string> = {
  '≧': '≥',
  '≦': '≤',
  '\u3000': ' ',
  '\u00a0': ' ',
  '﹪': '%',
  '－': '-',
  '～': '~',
};

/** Fold one character; exported for backends that normalize per glyph. */
export function foldChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0);
  if (code >= 0x2f00 && code <= 0x2fdf) return ch.normalize('NFKC');
  if (code >= 0x2e80 && code <= 0x2eff) return CJK_RADICAL_EQUIVALENTS[code] ?? ch;
  if (code >= 0xf900 && code <= 0xfaff) return ch.normalize('NFKC');
  return SYMBOL_FOLDS[ch] ?? ch;
}

/** Could `foldChar` change this UTF-16 unit's character? (Every range and symbol it folds is in the BMP.) */
function mayFold(c: number): boolean {
  return (
    (c >= 0xff01 && c <= 0xff5e) ||
    (c >= 0x2e80 && c <= 0x2fdf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    c === 0x2267 || c === 0x2266 || c === 0x3000 || c === 0x00a0 || c === 0xfe6a
  );
}

export function foldChars(s: string): string {
  // most text has nothing to fold: returned as it is, without building a copy char by char
  let i = 0;
  while (i < s.length && !mayFold(s.charCodeAt(i))) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (const ch of s.slice(i)) out += foldChar(ch);
  return out;
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef“”‘’、，。：；（）《》【】';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'gu');

/** Remove white space that touches a CJK character, collapse the rest, trim. */
export function squeezeSpaces(s: string): string {
  // every step below only removes or rewrites white space (trim's set is \s's)
  if (!/\s/.test(s)) return s;
  return s
    .replace(SPACE_BETWEEN_CJK, '')
    .replace(/([≥≤<>=])\s+(?=[\d.])/g, '$1')
    .replace(/(\d)\s+%/g, '$1%')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The contract's text normalization. */
export function normalizeText(s: string): string {
  return squeezeSpaces(foldChars(s));
}

/** True when the character is a CJK ideograph (used to join wrapped cell lines). */
export function isCjk(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
}

/**
 * Join the wrapped lines of one cell in reading order: no separator where either side
 * is CJK (Chinese wraps mid-word), one space between Latin words.
 */
export function joinWrapped(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) {
      out = line;
      continue;
    }
    const last = out[out.length - 1];
    const first = line[0];
    const numberBroken = /[\d.]/.test(last) && /[\d.%]/.test(first);
    const glue = isCjk(last) || isCjk(first) || numberBroken || /[-/(（]$/.test(out) ? '' : ' ';
    out += glue + line;
  }
  return normalizeText(out);
}
