/**
 * What a page's own text layer is worth (`Page.textLayer`), from its operator list and the
 * text pdfjs decoded:
 *  - `undecodable`: text-drawing operators but no decoded character;
 *  - `outlines`: no text, but many filled paths (glyphs drawn as vector outlines);
 *  - `none`: no text drawn (a scan: typically one page-size image);
 *  - `garbled`: text decodes, but to private-use / replacement / control characters or to
 *    characters of an unexpected script (mojibake), or to no CJK at all although the page's
 *    fonts claim to be CJK fonts;
 *  - `ok`: anything else (an empty page is `ok`: there is nothing to read).
 */
import { isCjk } from '../../text/normalize.js';
import { apply, multiply, type Matrix } from '../../model/matrix.js';

export type TextLayer = 'ok' | 'none' | 'outlines' | 'undecodable' | 'garbled';

export interface PageDrawing {
  /** Text-showing operators. */
  textOps: number;
  /** Filled paths (constructPath with a fill paint operator). */
  fills: number;
  /** Filled paths with curves (glyph outlines have them; table borders do not). */
  curvedFills: number;
  /** Images painted. */
  images: number;
  /** Largest share of the page area one image covers (0..1). */
  largestImageCover: number;
}

interface OpsTable {
  [name: string]: number;
}

/** Count what the page draws: text operators, filled (curved) paths, images and their extent. */
export function describeDrawing(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  ops: OpsTable,
  viewport: readonly number[],
  pageWidth: number,
  pageHeight: number,
): PageDrawing {
  const textOps = new Set([ops.showText, ops.showSpacedText, ops.nextLineShowText, ops.nextLineSetSpacingShowText]);
  const fillOps = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const imageOps = new Set([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageXObjectRepeat]);
  const d: PageDrawing = { textOps: 0, fills: 0, curvedFills: 0, images: 0, largestImageCover: 0 };
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const area = Math.max(1, pageWidth * pageHeight);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as any;
    if (textOps.has(fn)) d.textOps++;
    else if (fn === ops.save || fn === ops.paintFormXObjectBegin) {
      stack.push([...ctm] as Matrix);
      if (fn === ops.paintFormXObjectBegin) {
        const m = args?.[0];
        if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = multiply(ctm, Array.from(m as ArrayLike<number>));
      }
    } else if (fn === ops.restore || fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) ctm = multiply(ctm, args as number[]);
    else if (fn === ops.constructPath) {
      const paintOp = args?.[0] as number;
      if (!fillOps.has(paintOp)) continue;
      d.fills++;
      const path: ArrayLike<number> | undefined = args?.[1]?.[0];
      if (path && hasCurve(path)) d.curvedFills++;
    } else if (imageOps.has(fn)) {
      d.images++;
      // an image fills the unit square of the current transform
      const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)].map(([x, y]) => apply(viewport, x, y));
      const xs = corners.map((p) => p[0]), ys = corners.map((p) => p[1]);
      const w = Math.min(pageWidth, Math.max(...xs)) - Math.max(0, Math.min(...xs));
      const h = Math.min(pageHeight, Math.max(...ys)) - Math.max(0, Math.min(...ys));
      if (w > 0 && h > 0) d.largestImageCover = Math.max(d.largestImageCover, (w * h) / area);
    }
  }
  return d;
}

/** Does a pdfjs path (draw codes moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4) hold a curve? */
function hasCurve(path: ArrayLike<number>): boolean {
  let k = 0;
  while (k < path.length) {
    const code = path[k++];
    if (code === 0 || code === 1) k += 2;
    else if (code === 2 || code === 3) return true;
    else if (code !== 4) return false;
  }
  return false;
}

function isIdeograph(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f) || (c >= 0x2e80 && c <= 0x2fdf);
}

/** Private use, U+FFFD, C0/C1 controls, supplementary private use. */
function isBad(c: number): boolean {
  return (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || c < 0x20 || (c >= 0x7f && c < 0xa0) || c >= 0xf0000;
}

/**
 * Characters a Chinese filing is made of: ASCII, CJK ideographs and radicals, CJK and
 * general punctuation, full-width forms, math signs (≥ ≤), Latin-1 punctuation and signs.
 */
function isExpected(ch: string, c: number): boolean {
  if (c < 0x7f) return true;
  if (isCjk(ch)) return true;
  if (c >= 0xa0 && c <= 0xbf) return true; // Latin-1 signs (° ± · …)
  if (c === 0xd7 || c === 0xf7) return true; // × ÷
  if (c >= 0x2000 && c <= 0x2bff) return true; // punctuation, letterlike, arrows, math, box drawing, shapes
  if (c >= 0x2e80 && c <= 0x2fdf) return true; // CJK and Kangxi radicals
  if (c >= 0x3000 && c <= 0x33ff) return true; // CJK symbols, kana, enclosed, compatibility
  if (c >= 0x3400 && c <= 0x9fff) return true;
  if (c >= 0xf900 && c <= 0xfaff) return true;
  if (c >= 0xfe30 && c <= 0xfe4f) return true;
  if (c >= 0xff00 && c <= 0xffef) return true;
  if (c >= 0x20000 && c <= 0x3134f) return true;
  return false;
}

const CONT = '\\u0080-\\u00bf\\u20ac\\u201a\\u0192\\u201e\\u2026\\u2020\\u2021\\u02c6\\u2030\\u0160\\u2039\\u0152\\u017d\\u2018\\u2019\\u201c\\u201d\\u2022\\u2013\\u2014\\u02dc\\u2122\\u0161\\u203a\\u0153\\u017e\\u0178';
const MOJIBAKE = new RegExp(`[\\u00e0-\\u00ef][${CONT}]{2}`, 'g');

export interface TextQuality {
  /** Non-space characters. */
  chars: number;
  /** Share of private-use, replacement and control characters. */
  bad: number;
  /** Share of characters outside the scripts a Chinese filing uses (mojibake: Ã¦Â…, Cyrillic, Arabic…). */
  unexpected: number;
  /** Share of CJK ideographs. */
  cjk: number;
}

export function textQuality(text: string): TextQuality {
  let all = 0, bad = 0, unexpected = 0, cjk = 0;
  for (const ch of text) {
    if (!ch.trim()) continue;
    all++;
    const c = ch.codePointAt(0)!;
    if (isBad(c)) bad++;
    else if (!isExpected(ch, c)) unexpected++;
    if (isIdeograph(c)) cjk++;
  }
  if (!all) return { chars: 0, bad: 0, unexpected: 0, cjk: 0 };
  // UTF-8 of a CJK character read as Latin-1 / Windows-1252: a lead byte à–ï then two
  // continuation bytes (0x80–0xBF, which Windows-1252 shows as € ‚ … ™ Š œ or ¡–¿)
  const triples = text.replace(/\s+/g, '').match(MOJIBAKE) ?? [];
  const moji = (3 * triples.length) / all;
  return { chars: all, bad: bad / all, unexpected: Math.max(unexpected / all, moji), cjk: cjk / all };
}

/** Font names that claim Chinese (or other CJK) glyphs. */
const CJK_FONT = /song|hei|kai|fang|simsun|mincho|gothic|ming|cjk|sourcehan|source\s*han|noto\s*s(an|erif)s?\s*(sc|tc|jp|kr)|yahei|dengxian|stsong|stkaiti|adobe-?gb|gb2312|gbk|uni(gb|cns|jis|ks)|[\u4e00-\u9fff]/i;

export function claimsCjk(fontName: string | undefined): boolean {
  return !!fontName && CJK_FONT.test(fontName);
}

/** Thresholds of the classification. */
export const TEXT_LAYER_LIMITS = {
  /** Share of private-use/replacement/control characters above which text is garbled. */
  maxBad: 0.3,
  /** Share of unexpected-script characters above which text is garbled. */
  maxUnexpected: 0.3,
  /** Filled curved paths (and no text) from which a page is text drawn as outlines. */
  minOutlineFills: 40,
  /** An image covering at least this share of the page makes a text-less page a scan. */
  minScanCover: 0.5,
  /** With CJK fonts and at least this many characters, a page without one CJK character is garbled. */
  minCharsForCjkClaim: 8,
};

export function classifyTextLayer(drawing: PageDrawing, text: string, fontNames: readonly (string | undefined)[]): TextLayer {
  const q = textQuality(text);
  if (drawing.textOps > 0 && q.chars === 0) return 'undecodable';
  if (q.chars === 0) {
    if (drawing.curvedFills >= TEXT_LAYER_LIMITS.minOutlineFills) return 'outlines';
    if (drawing.images > 0) return 'none';
    return 'ok';
  }
  if (q.bad > TEXT_LAYER_LIMITS.maxBad || q.unexpected > TEXT_LAYER_LIMITS.maxUnexpected) return 'garbled';
  if (q.cjk === 0 && q.chars >= TEXT_LAYER_LIMITS.minCharsForCjkClaim && fontNames.some(claimsCjk)) return 'garbled';
  return 'ok';
}
