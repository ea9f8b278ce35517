/**
 * foldChars and squeezeSpaces return text with nothing to fold or squeeze as it is (no copy
 * built char by char): the same strings as the char-by-char versions they replaced, on every
 * character they treat specially and on random mixes of them.
 */
import { describe, expect, it } from '@jest/globals';
import { foldChar, foldChars, normalizeText, squeezeSpaces } from '../../src/text/normalize.js';

const referenceFold = (s: string) => {
  let out = '';
  for (const ch of s) out += foldChar(ch);
  return out;
};

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef“”‘’、，。：；（）《》【】';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'gu');
const referenceSqueeze = (s: string) =>
  s
    .replace(SPACE_BETWEEN_CJK, '')
    .replace(/([≥≤<>=])\s+(?=[\d.])/g, '$1')
    .replace(/(\d)\s+%/g, '$1%')
    .replace(/\s+/g, ' ')
    .trim();

/** Every BMP code point, plus astral ones and lone surrogates. */
function specials(): string[] {
  const out: string[] = [];
  for (let c = 0; c < 0x10000; c++) out.push(String.fromCharCode(c));
  out.push('𠀀', '😀', '\ud800', '\udc00');
  return out;
}

describe('fast text normalization = the char-by-char one', () => {
  it('foldChars on every single character', () => {
    for (const ch of specials()) expect(foldChars(ch)).toBe(referenceFold(ch));
  });

  it('foldChars and squeezeSpaces on random mixes', () => {
    const pool = ['项', '目', '⽬', '⻔', '１', '％', '：', '（', '）', '≧', '≦', '\u3000', '\u00a0', '﹪', '－', '～', ' ', '\t', '\n', 'a', '5', '.', '%', '≥', '\ufeff', '\u2028', '𠀀', '\ud800', '豈'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const n = Math.floor(next() * 12);
      for (let k = 0; k < n; k++) s += pool[Math.floor(next() * pool.length)];
      expect(foldChars(s)).toBe(referenceFold(s));
      expect(squeezeSpaces(s)).toBe(referenceSqueeze(s));
      expect(normalizeText(s)).toBe(referenceSqueeze(referenceFold(s)));
    }
  });

  it('text with nothing to change comes back as it is', () => {
    expect(foldChars('项目名称')).toBe('项目名称');
    expect(squeezeSpaces('项目名称')).toBe('项目名称');
    expect(squeezeSpaces('')).toBe('');
  });
});
