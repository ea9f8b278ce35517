/**
 * PDF ingest backend on PDFium (WebAssembly): the same `IngestedDocument` / `Page` model as
 * `ingestPdf` (pdf.js), opt-in through `pdfEngine: 'pdfium'`.
 *
 *  - Words: PDFium's characters (FPDFText_*) grouped into runs the way pdf.js builds its text
 *    items (a new run at a change of PDFium font object — Chromium's PDFs give each glyph its
 *    own, so their items are single characters where pdf.js joins some — or of size, a line change, a gap wider than 0.6 em or a
 *    step back of more than 0.2 em; a gap of 0.102–0.6 em becomes a space inside the run;
 *    PDFium's generated spaces and line breaks are ignored, the geometry decides). Each run
 *    becomes a pdf.js-shaped text item (origin, direction, advance width, font size) and goes
 *    through the pdf.js backend's own `itemsToWords` (placement, `splitAtRules`,
 *    `dropOverprints`).
 *  - Rules and the text-layer facts: the page's objects (FPDFPage_GetObject, into form
 *    XObjects) are written out as a pdf.js-shaped operator list (save/transform/colour/
 *    constructPath/showText/paintImageXObject/restore) and read by the same `extractRules`
 *    and `describeDrawing`, so rules and `textLayer` follow the same rules as with pdf.js.
 *  - Page size and rotation: pdf.js' viewport transform built from the page's bounding box
 *    (crop box ∩ media box) and /Rotate, so coordinates are upright points, top-left origin.
 *  - Form fields: text widgets whose /V is a string on the widget itself (a value held only by
 *    a parent field is not read: that needs PDFium's form-fill environment).
 *
 * Errors as `ingestPdf`: 'encrypted PDF: …', 'cannot open PDF: …', the page limit,
 * `IngestTimeoutError` (checked between pages: PDFium's calls are synchronous).
 */
import type { IngestedDocument, Page, Rule, Word } from '../../model/page.js';
import { normalizeText } from '../../text/normalize.js';
import type { Matrix } from '../../model/matrix.js';
import { extractRules } from './rules.js';
import type { RawTextItem } from './words.js';
import { describeDrawing } from './text-layer.js';
import { free, heap, malloc, openPdfiumDocument, pageViewport, type Pdfium } from '../../pdf/pdfium.js';
import { MAX_IMAGE_PIXELS } from '../../pdf/pdfjs.js';
import { IngestTimeoutError, pageBox, pageText, round2, roundRule, type PdfIngestOptions } from './index.js';

/** pdf.js' viewport transform for a view box and rotation (src/pdf/pdfium.ts, shared with the PDFium renderer). */
export { viewportTransform } from '../../pdf/pdfium.js';

/** Operator codes of the synthetic operator list (any distinct numbers: the readers take the table). */
const OPS = {
  save: 1,
  restore: 2,
  transform: 3,
  setStrokeRGBColor: 4,
  setFillRGBColor: 5,
  constructPath: 6,
  endPath: 7,
  stroke: 8,
  closeStroke: 9,
  fill: 10,
  eoFill: 11,
  fillStroke: 12,
  eoFillStroke: 13,
  closeFillStroke: 14,
  closeEOFillStroke: 15,
  showText: 16,
  showSpacedText: 17,
  nextLineShowText: 18,
  nextLineSetSpacingShowText: 19,
  paintImageXObject: 20,
  paintInlineImageXObject: 21,
  paintImageXObjectRepeat: 22,
  paintFormXObjectBegin: 23,
  paintFormXObjectEnd: 24,
};

/** Page object types (fpdf_edit.h). */
const OBJ_TEXT = 1, OBJ_PATH = 2, OBJ_IMAGE = 3, OBJ_FORM = 5;
/** Path segment types. */
const SEG_LINETO = 0, SEG_BEZIERTO = 1, SEG_MOVETO = 2;
const ANNOT_WIDGET = 20;
const ANNOT_FLAG_HIDDEN = 2;
const OBJECT_STRING = 3;

/** pdf.js' thresholds for text items, in ems (evaluator.js buildTextContentItem). */
const SPACE_IN_FLOW_MIN = 0.102;
const SPACE_IN_FLOW_MAX = 0.6;
const NEGATIVE_SPACE_MAX = -0.2;
const VERTICAL_SHIFT_RATIO = 0.25;

/**
 * Read a PDF's text layer with PDFium: one `Page` per PDF page (words and rules in points,
 * top-left origin, upright), `pageCount`, warnings (owner password, undecodable or garbled
 * pages). Options as `ingestPdf` (`document` is ignored: there is no pdf.js document to share).
 * Errors: 'encrypted PDF: …', 'cannot open PDF: …', more pages than `maxPages`,
 * `IngestTimeoutError`, and with `requireText` a page whose text cannot be decoded.
 */
export async function ingestPdfium(bytes: Uint8Array, options: PdfIngestOptions = {}): Promise<IngestedDocument> {
  const started = Date.now();
  const opened = await openPdfiumDocument(bytes);
  const { P, doc, pageCount } = opened;
  const scratch = malloc(P, 64);
  const warnings: string[] = [];
  try {
    if (options.maxPages !== undefined && pageCount > options.maxPages) {
      throw new Error(`PDF has ${pageCount} pages, more than the limit of ${options.maxPages}`);
    }
    if (P.FPDF_GetSecurityHandlerRevision(doc) !== -1) warnings.push('encrypted PDF (no user password): text extracted');
    const pages: Page[] = [];
    for (let n = 1; n <= pageCount; n++) {
      const page = P.FPDF_LoadPage(doc, n - 1);
      if (!page) throw new Error(`cannot open PDF: page ${n} cannot be loaded`);
      try {
        pages.push(readPage(P, page, n, scratch, warnings, options));
      } finally {
        P.FPDF_ClosePage(page);
      }
      if (options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs) {
        throw new IngestTimeoutError(`PDF ingest timed out after ${options.timeoutMs} ms`);
      }
    }
    return { pages, pageCount, warnings };
  } finally {
    free(P, scratch);
    opened.close();
  }
}

function readPage(P: Pdfium, page: number, n: number, scratch: number, warnings: string[], options: PdfIngestOptions): Page {
  const vp = pageViewport(P, page, scratch);
  const vt = vp.transform;

  const ops = pageOperators(P, page, scratch);
  const rules: Rule[] = extractRules(ops.fn, ops.args, OPS, vt).map(roundRule);
  const drawing = describeDrawing(ops.fn, ops.args, OPS, vt, vp.width, vp.height);

  const { words, textLayer } = pageText(n, textItems(P, page, scratch), drawing, vt, rules, options, warnings);
  words.push(...formFieldWords(P, page, vt, scratch));
  return { number: n, width: round2(vp.width), height: round2(vp.height), words, rules, source: 'pdf_text', textLayer };
}

/** An object's matrix (FS_MATRIX, six floats). */
function objectMatrix(P: Pdfium, obj: number, scratch: number): Matrix {
  if (!P.FPDFPageObj_GetMatrix(obj, scratch)) return [1, 0, 0, 1, 0, 0];
  const f = new Float32Array(heap(P), scratch, 6);
  return [f[0], f[1], f[2], f[3], f[4], f[5]];
}

function color(P: Pdfium, get: 'FPDFPageObj_GetStrokeColor' | 'FPDFPageObj_GetFillColor', obj: number, scratch: number): string | null {
  if (!P[get](obj, scratch, scratch + 4, scratch + 8, scratch + 12)) return null;
  const u = new Uint32Array(heap(P), scratch, 3);
  return '#' + [u[0], u[1], u[2]].map((v) => (v & 255).toString(16).padStart(2, '0')).join('');
}

/**
 * The page's objects as a pdf.js-shaped operator list: paths in their own space under a
 * `transform` by the object's matrix, form XObjects bracketing their objects, one showText
 * per text object, one paintImageXObject per image (an image fills the unit square of its matrix).
 */
function pageOperators(P: Pdfium, page: number, scratch: number): { fn: number[]; args: unknown[] } {
  const fn: number[] = [];
  const args: unknown[] = [];
  const op = (f: number, a: unknown = null) => { fn.push(f); args.push(a); };
  const walk = (count: number, get: (i: number) => number) => {
    for (let i = 0; i < count; i++) {
      const obj = get(i);
      if (!obj) continue;
      const type = P.FPDFPageObj_GetType(obj);
      if (type === OBJ_TEXT) {
        op(OPS.showText);
      } else if (type === OBJ_IMAGE) {
        // as pdf.js (maxImageSize): an image over the pixel limit is never painted
        if (P.FPDFImageObj_GetImagePixelSize(obj, scratch, scratch + 4)) {
          const px = new Uint32Array(heap(P), scratch, 2);
          if (px[0] * px[1] > MAX_IMAGE_PIXELS) continue;
        }
        op(OPS.save);
        op(OPS.transform, objectMatrix(P, obj, scratch));
        op(OPS.paintImageXObject);
        op(OPS.restore);
      } else if (type === OBJ_FORM) {
        op(OPS.paintFormXObjectBegin, [objectMatrix(P, obj, scratch)]);
        walk(P.FPDFFormObj_CountObjects(obj), (k) => P.FPDFFormObj_GetObject(obj, k));
        op(OPS.paintFormXObjectEnd);
      } else if (type === OBJ_PATH) {
        const paint = pathPaintOp(P, obj, scratch);
        const path = pathCodes(P, obj, scratch);
        if (!path.length) continue;
        op(OPS.save);
        op(OPS.transform, objectMatrix(P, obj, scratch));
        op(OPS.setStrokeRGBColor, [color(P, 'FPDFPageObj_GetStrokeColor', obj, scratch)]);
        op(OPS.setFillRGBColor, [color(P, 'FPDFPageObj_GetFillColor', obj, scratch)]);
        op(OPS.constructPath, [paint, [path], null]);
        op(OPS.restore);
      }
    }
  };
  walk(P.FPDFPage_CountObjects(page), (i) => P.FPDFPage_GetObject(page, i));
  return { fn, args };
}

/** FPDFPath_GetDrawMode → the pdf.js paint operator (fill mode 0 none, 1 even-odd, 2 winding). */
function pathPaintOp(P: Pdfium, obj: number, scratch: number): number {
  if (!P.FPDFPath_GetDrawMode(obj, scratch, scratch + 4)) return OPS.endPath;
  const h = new Int32Array(heap(P), scratch, 2);
  const fill = h[0], stroke = h[1] !== 0;
  if (fill === 1) return stroke ? OPS.eoFillStroke : OPS.eoFill;
  if (fill === 2) return stroke ? OPS.fillStroke : OPS.fill;
  return stroke ? OPS.stroke : OPS.endPath;
}

/** A path object's segments as pdf.js draw codes (moveTo 0, lineTo 1, curveTo 2 + 6 numbers, closePath 4), in the object's space. */
function pathCodes(P: Pdfium, obj: number, scratch: number): number[] {
  const out: number[] = [];
  const n = P.FPDFPath_CountSegments(obj);
  let bezier: number[] = [];
  for (let i = 0; i < n; i++) {
    const seg = P.FPDFPath_GetPathSegment(obj, i);
    if (!seg || !P.FPDFPathSegment_GetPoint(seg, scratch, scratch + 4)) continue;
    const f = new Float32Array(heap(P), scratch, 2);
    const x = f[0], y = f[1];
    const type = P.FPDFPathSegment_GetType(seg);
    if (type === SEG_MOVETO) out.push(0, x, y);
    else if (type === SEG_LINETO) out.push(1, x, y);
    else if (type === SEG_BEZIERTO) {
      bezier.push(x, y);
      if (bezier.length === 6) { out.push(2, ...bezier); bezier = []; }
    } else continue;
    if (P.FPDFPathSegment_GetClose(seg)) out.push(4);
  }
  return out;
}

/**
 * The page's characters grouped into pdf.js-like text items (see the module comment), in
 * PDF user space: transform [fs·cos, fs·sin, −fs·sin, fs·cos, originX, originY], width the
 * advance along the baseline, height the font size, fontName the font's base name.
 */
function textItems(P: Pdfium, page: number, scratch: number): RawTextItem[] {
  const tp = P.FPDFText_LoadPage(page);
  if (!tp) return [];
  const items: RawTextItem[] = [];
  const fontNames = new Map<number, string | undefined>();
  try {
    const count = P.FPDFText_CountChars(tp);
    let cur: Run | null = null;
    const flush = () => {
      if (cur && cur.str.trim()) {
        const { fs, cos, sin } = cur;
        items.push({ str: cur.str, transform: [fs * cos, fs * sin, -fs * sin, fs * cos, cur.ox, cur.oy], width: cur.width, height: fs, fontName: cur.fontName });
      }
      cur = null;
    };
    // first pass: the characters PDFium read from the content (its generated spaces and line breaks left out)
    const chars: Char[] = [];
    for (let i = 0; i < count; i++) {
      if (P.FPDFText_IsGenerated(tp, i) === 1) continue;
      const u = P.FPDFText_GetUnicode(tp, i);
      if (u === 0xd || u === 0xa) continue;
      if (!P.FPDFText_GetCharOrigin(tp, i, scratch, scratch + 8)) continue;
      const o = new Float64Array(heap(P), scratch, 2);
      const x = o[0], y = o[1];
      if (!P.FPDFText_GetLooseCharBox(tp, i, scratch + 16)) continue;
      const r = new Float32Array(heap(P), scratch + 16, 4); // left, top, right, bottom
      // baseline direction from the character's matrix (FPDFText_GetCharAngle measures clockwise, y down)
      // and the font size in page space: FPDFText_GetFontSize is the Tf size, the matrix scales it (Chromium: 0.75)
      let cos = 1, sin = 0, scale = 1;
      if (P.FPDFText_GetMatrix(tp, i, scratch + 32)) {
        const m = new Float32Array(heap(P), scratch + 32, 4);
        const len = Math.hypot(m[0], m[1]);
        if (len > 0) { cos = Math.round((m[0] / len) * 1e6) / 1e6; sin = Math.round((m[1] / len) * 1e6) / 1e6; }
        scale = Math.hypot(m[2], m[3]) || 1;
      }
      // advance: the loose box's far edge along the baseline direction, from the origin
      const far = Math.max(r[0] * cos + r[1] * sin, r[2] * cos + r[1] * sin, r[0] * cos + r[3] * sin, r[2] * cos + r[3] * sin);
      const obj = P.FPDFText_GetTextObject(tp, i);
      const font = obj ? P.FPDFTextObj_GetFont(obj) : 0;
      let fontName = fontNames.get(font);
      if (!fontNames.has(font)) {
        fontName = font ? baseFontName(P, font) : undefined;
        fontNames.set(font, fontName);
      }
      chars.push({ u, x, y, cos, sin, adv: Math.max(0, far - (x * cos + y * sin)), fs: P.FPDFText_GetFontSize(tp, i) * scale, obj, font, fontName });
    }
    // The loose box can be wider than the advance (a substituted font's glyph for a
    // non-embedded one): the next character of the same text object, further along the
    // same baseline, starts where this one's advance (plus character spacing) ends.
    for (let i = 0; i + 1 < chars.length; i++) {
      const c = chars[i], d = chars[i + 1];
      if (d.obj !== c.obj || d.cos !== c.cos || d.sin !== c.sin) continue;
      const along = (d.x - c.x) * c.cos + (d.y - c.y) * c.sin;
      const across = -(d.x - c.x) * c.sin + (d.y - c.y) * c.cos;
      if (along > 0 && along < c.adv && Math.abs(across) < 0.01 * c.fs) c.adv = along;
    }
    for (const { u, x, y, cos, sin, adv, fs, font, fontName } of chars) {
      const ch = u ? String.fromCodePoint(u) : '';
      // like pdf.js, a blank only moves the pen: it adds a space between two non-blank characters
      // of the item, and gaps are measured from the last non-blank character (several blanks
      // in a row are a gap, and may end the item); a blank in another font or size ends it
      if (!ch.trim()) {
        if (cur && (font !== cur.font || Math.abs(fs - cur.fs) > 0.01)) flush();
        else if (cur) cur.space = true;
        continue;
      }
      if (cur !== null) {
        const c: Run = cur;
        // position in the run's frame: along the baseline from the run's origin, and across it
        const dx = x - c.ox, dy = y - c.oy;
        const along = dx * c.cos + dy * c.sin;
        const across = -dx * c.sin + dy * c.cos;
        const gap = along - c.width;
        if (font !== c.font || Math.abs(fs - c.fs) > 0.01 || Math.abs(cos - c.cos) > 1e-3 || Math.abs(sin - c.sin) > 1e-3 ||
            Math.abs(across) > c.fs * VERTICAL_SHIFT_RATIO || gap > SPACE_IN_FLOW_MAX * c.fs || gap < NEGATIVE_SPACE_MAX * c.fs) {
          flush();
        } else {
          if (c.space || gap > SPACE_IN_FLOW_MIN * c.fs) c.str += ' ';
          c.space = false;
          c.str += ch;
          c.width = Math.max(c.width, along + adv);
          continue;
        }
      }
      cur = { str: ch, ox: x, oy: y, cos, sin, fs, font, width: adv, space: false, fontName };
    }
    flush();
  } finally {
    P.FPDFText_ClosePage(tp);
  }
  return items;
}

/** A text item being built: origin and direction, font, where its last non-blank character ends along the baseline (`width`), a blank seen since. */
interface Run { str: string; ox: number; oy: number; cos: number; sin: number; fs: number; font: number; width: number; space: boolean; fontName?: string }

/** One character as PDFium read it: code point, origin and direction (page space), advance, font size, text object, font (handle: a new item at each font change, as pdf.js) and its /BaseFont without the subset tag. */
interface Char { u: number; x: number; y: number; cos: number; sin: number; adv: number; fs: number; obj: number; font: number; fontName?: string }

/** A font's /BaseFont (FPDFFont_GetBaseFontName, UTF-8). */
function baseFontName(P: Pdfium, font: number): string | undefined {
  const len = P.FPDFFont_GetBaseFontName(font, 0, 0);
  if (len <= 1) return undefined;
  const buf = malloc(P, len);
  try {
    P.FPDFFont_GetBaseFontName(font, buf, len);
    return new TextDecoder().decode(new Uint8Array(heap(P), buf, len - 1));
  } finally {
    free(P, buf);
  }
}

/** An annotation's string value for `key` (UTF-16LE), or undefined. */
function annotString(P: Pdfium, annot: number, key: string): string | undefined {
  const len = P.FPDFAnnot_GetStringValue(annot, key, 0, 0);
  if (len <= 2) return len === 2 ? '' : undefined;
  const buf = malloc(P, len);
  try {
    P.FPDFAnnot_GetStringValue(annot, key, buf, len);
    return new TextDecoder('utf-16le').decode(new Uint8Array(heap(P), buf, len - 2));
  } finally {
    free(P, buf);
  }
}

/** Values of fillable text fields held on their widgets (see the module comment), one Word per field at its rectangle. */
function formFieldWords(P: Pdfium, page: number, vt: readonly number[], scratch: number): Word[] {
  const out: Word[] = [];
  const count = P.FPDFPage_GetAnnotCount(page);
  for (let i = 0; i < count; i++) {
    const annot = P.FPDFPage_GetAnnot(page, i);
    if (!annot) continue;
    try {
      if (P.FPDFAnnot_GetSubtype(annot) !== ANNOT_WIDGET) continue;
      if (P.FPDFAnnot_GetFlags(annot) & ANNOT_FLAG_HIDDEN) continue;
      if (P.FPDFAnnot_GetValueType(annot, 'V') !== OBJECT_STRING) continue;
      const ft = annotString(P, annot, 'FT');
      if (ft !== undefined && ft !== 'Tx') continue;
      const text = normalizeText(annotString(P, annot, 'V') ?? '');
      if (!text || !P.FPDFAnnot_GetRect(annot, scratch)) continue;
      const f = new Float32Array(heap(P), scratch, 4); // left, top, right, bottom
      const w: Word = { text, box: pageBox(vt, f[0], f[3], f[2], f[1]) };
      const fs = /([\d.]+)\s+Tf/.exec(annotString(P, annot, 'DA') ?? '')?.[1];
      if (fs && Number(fs) > 0) w.fontSize = Number(fs);
      out.push(w);
    } finally {
      P.FPDFPage_CloseAnnot(annot);
    }
  }
  return out;
}

