/**
 * PDF ingest backend: pdfjs-dist (legacy build, Node) text items → Words and operator-list
 * paths → Rules, one Page per PDF page, coordinates in points with a top-left origin
 * (rotated and landscape pages come out upright through the viewport transform).
 *
 * Failure modes made explicit:
 *  - a PDF that needs a password → Error('encrypted PDF: …');
 *  - a page that draws text but yields no text items (fonts that cannot be decoded,
 *    e.g. CID fonts without their CMaps) → `textLayer: 'undecodable'` and a warning (the
 *    pipeline decides: OCR, or an Error with `requireText`), never a silently empty page;
 *  - more pages than `maxPages`, or slower than `timeoutMs` → Error.
 * Values typed into fillable form fields (text widgets) are added as words too. Every page
 * gets `textLayer` (see text-layer.ts): `ok`, `none` (a scan), `outlines` (text drawn as
 * paths), `undecodable`, `garbled` (private-use/replacement characters or mojibake: the
 * text layer is garbage although the page looks fine; a warning says so) — what OCR in
 * `auto` mode replaces.
 */
import type { IngestedDocument, Page, Rule, Word } from '../../model/page.js';
import { normalizeText } from '../../text/normalize.js';
import { extractRules } from './rules.js';
import { apply } from '../../model/matrix.js';
import { itemsToWords, type RawTextItem } from './words.js';
import { documentParams, loadPdfJs, type OpenPdf } from '../../pdf/pdfjs.js';
import { classifyTextLayer, describeDrawing, type PageDrawing, type TextLayer } from './text-layer.js';
import type { Box } from '../../model/geometry.js';

export { classifyTextLayer, describeDrawing, textQuality, claimsCjk, type TextLayer, type PageDrawing } from './text-layer.js';
export { loadPdfJs, documentParams, dirOf, openPdfDocument, type PdfJs, type OpenPdf } from '../../pdf/pdfjs.js';

export interface PdfIngestOptions {
  /** Refuse documents with more pages than this. */
  maxPages?: number;
  /** Give up (and free pdfjs) after this many milliseconds. */
  timeoutMs?: number;
  /**
   * Throw on a page whose text is drawn but cannot be decoded (what `--ocr never` wants:
   * nothing else could read it). Default false: the page is marked `textLayer: 'undecodable'`.
   */
  requireText?: boolean;
  /**
   * A document already opened from these bytes (`openPdfDocument`), so later steps of the
   * same thread (the report's page crops) reuse it; the caller destroys it. Default: the
   * PDF is opened here and freed before returning.
   */
  document?: OpenPdf;
  /**
   * With `document`: pages for which this returns true are not cleaned up after ingest. What
   * pdf.js made for them stays with the document (their operator list, and a scan's decoded
   * page image, which pdf.js decodes when it builds the operator list), so that the next reader
   * of the page in the same thread (the OCR step's renderer, `rendererFor`) gets them without
   * decoding again; that reader, or destroying the document, frees them. Called once per page,
   * in page order, with the finished page. Default: every page is cleaned up.
   */
  retain?: (page: Page) => boolean;
}

/** The document took longer than `timeoutMs`. */
export class IngestTimeoutError extends Error {}

export async function ingestPdf(bytes: Uint8Array, options: PdfIngestOptions = {}): Promise<IngestedDocument> {
  const pdfjs = await loadPdfJs();
  const started = Date.now();
  const timeoutMs = options.timeoutMs;
  const loadingTask = options.document ? null : pdfjs.getDocument(documentParams(bytes));

  let timer: NodeJS.Timeout | undefined;
  const timeout =
    timeoutMs !== undefined
      ? new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new IngestTimeoutError(`PDF ingest timed out after ${timeoutMs} ms`)), timeoutMs);
        })
      : undefined;
  const within = <T>(p: Promise<T>): Promise<T> => (timeout ? Promise.race([p, timeout]) : p);
  timeout?.catch(() => undefined);

  const warnings: string[] = [];
  try {
    let doc;
    try {
      doc = options.document ? options.document.doc : await within(loadingTask!.promise);
    } catch (err) {
      const e = err as { name?: string; message?: string };
      if (e?.name === 'PasswordException') throw new Error('encrypted PDF: a password is required to open it');
      if (err instanceof IngestTimeoutError) throw err;
      throw new Error(`cannot open PDF: ${e?.message ?? String(err)}`);
    }
    const pageCount = doc.numPages;
    if (options.maxPages !== undefined && pageCount > options.maxPages) {
      throw new Error(`PDF has ${pageCount} pages, more than the limit of ${options.maxPages}`);
    }
    try {
      const meta = await within(doc.getMetadata());
      if ((meta?.info as { EncryptFilterName?: string } | undefined)?.EncryptFilterName) {
        warnings.push('encrypted PDF (no user password): text extracted');
      }
    } catch (err) {
      if (err instanceof IngestTimeoutError) throw err;
    }
    const OPS = pdfjs.OPS as unknown as Record<string, number>;
    const pages: Page[] = [];
    for (let n = 1; n <= pageCount; n++) {
      const page = await within(doc.getPage(n));
      let keep = false;
      try {
        const viewport = page.getViewport({ scale: 1 });
        const vt = viewport.transform as number[];
        const opList = await within(page.getOperatorList());
        const rules: Rule[] = extractRules(opList.fnArray, opList.argsArray, OPS, vt).map(roundRule);
        const tc = await within(page.getTextContent());
        const items = tc.items.filter((it): it is RawTextItem & typeof it => 'str' in it) as unknown as RawTextItem[];
        const drawing = describeDrawing(opList.fnArray, opList.argsArray, OPS, vt, viewport.width, viewport.height);
        const fontNameOf = (id: string | undefined): string | undefined => {
          if (!id) return undefined;
          try {
            if (page.commonObjs.has(id)) {
              const f = page.commonObjs.get(id) as { name?: string } | undefined;
              if (f?.name) return f.name;
            }
          } catch {
            /* font object not available: keep the id */
          }
          return id;
        };
        const { words, textLayer } = pageText(n, items, drawing, vt, rules, options, warnings, fontNameOf);
        words.push(...(await within(formFieldWords(page, vt))));
        pages.push({
          number: n,
          width: round2(viewport.width),
          height: round2(viewport.height),
          words,
          rules,
          source: 'pdf_text',
          textLayer,
        });
        keep = !!options.document && !!options.retain?.(pages[pages.length - 1]);
      } finally {
        if (!keep) page.cleanup();
      }
      if (timeoutMs !== undefined && Date.now() - started > timeoutMs) {
        throw new IngestTimeoutError(`PDF ingest timed out after ${timeoutMs} ms`);
      }
    }
    return { pages, pageCount, warnings };
  } finally {
    if (timer) clearTimeout(timer);
    await loadingTask?.destroy().catch(() => undefined);
  }
}

/**
 * A page's words and text-layer verdict from what a backend read of it (pdf.js or PDFium: its
 * text items and drawing, `vt` its viewport transform), by one rule for both: text drawn but
 * none decoded → a warning (an Error with `requireText`); the items placed as words
 * (`itemsToWords`); a warning when much of the text is private-use, replacement or control
 * characters, or when `classifyTextLayer` calls it garbled. Warnings go to `warnings`.
 */
export function pageText(
  n: number,
  items: readonly RawTextItem[],
  drawing: PageDrawing,
  vt: readonly number[],
  rules: readonly Rule[],
  options: Pick<PdfIngestOptions, 'requireText'>,
  warnings: string[],
  fontNameOf?: (id: string | undefined) => string | undefined,
): { words: Word[]; textLayer: TextLayer } {
  if (drawing.textOps > 0 && !items.some((it) => it.str.trim())) {
    const msg = `page ${n}: text is drawn but none can be decoded (fonts without a usable Unicode map or CMap)`;
    if (options.requireText) throw new Error(msg);
    warnings.push(msg);
  }
  const words = itemsToWords(items, vt, rules, fontNameOf);
  const text = words.map((w) => w.text).join('');
  const garbled = garbledShare(text);
  if (garbled > 0.3) {
    warnings.push(
      `page ${n}: ${Math.round(garbled * 100)}% of the text is private-use, replacement or control characters (a font without a Unicode map?)`,
    );
  }
  const textLayer = classifyTextLayer(drawing, text, [...new Set(words.map((w) => w.fontName))]);
  if (textLayer === 'garbled' && garbled <= 0.3) {
    warnings.push(`page ${n}: the text layer does not decode to sensible Chinese (mojibake or a font without a Unicode map?)`);
  }
  return { words, textLayer };
}

/** A rectangle [x0, y0, x1, y1] in PDF user space as an upright box in page space (through `vt`), in points rounded to 0.01. */
export function pageBox(vt: readonly number[], x0: number, y0: number, x1: number, y1: number): Box {
  const [ax, ay] = apply(vt, x0, y0);
  const [bx, by] = apply(vt, x1, y1);
  return { x0: round2(Math.min(ax, bx)), y0: round2(Math.min(ay, by)), x1: round2(Math.max(ax, bx)), y1: round2(Math.max(ay, by)) };
}

/** Share of characters that cannot be real text: private use, U+FFFD, C0/C1 controls. */
export function garbledShare(text: string): number {
  let bad = 0, all = 0;
  for (const ch of text) {
    if (!ch.trim()) continue;
    all++;
    const c = ch.codePointAt(0)!;
    if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || c < 0x20 || (c >= 0x7f && c < 0xa0) || c >= 0xf0000) bad++;
  }
  return all ? bad / all : 0;
}

interface WidgetAnnotation {
  subtype?: string;
  fieldType?: string;
  fieldValue?: unknown;
  rect?: number[];
  hidden?: boolean;
  defaultAppearanceData?: { fontSize?: number };
}

/**
 * Values typed into fillable form fields (AcroForm text widgets) live in annotations, not
 * in the page's text: one Word per non-empty text field, placed at the field's rectangle.
 */
async function formFieldWords(
  page: { getAnnotations(params?: { intent?: string }): Promise<unknown[]> },
  vt: readonly number[],
): Promise<Word[]> {
  let annots: WidgetAnnotation[];
  try {
    annots = (await page.getAnnotations({ intent: 'display' })) as WidgetAnnotation[];
  } catch {
    return [];
  }
  const out: Word[] = [];
  for (const a of annots) {
    if (a.subtype !== 'Widget' || a.fieldType !== 'Tx' || a.hidden || !a.rect) continue;
    const raw = Array.isArray(a.fieldValue) ? a.fieldValue.join(' ') : typeof a.fieldValue === 'string' ? a.fieldValue : '';
    const text = normalizeText(raw);
    if (!text) continue;
    const [x0, y0, x1, y1] = a.rect;
    const w: Word = { text, box: pageBox(vt, x0, y0, x1, y1) };
    const fs = a.defaultAppearanceData?.fontSize;
    if (fs) w.fontSize = fs;
    out.push(w);
  }
  return out;
}

/** A length in points rounded to 0.01 (page sizes, boxes, rules of both backends). */
export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** A rule with its ends rounded to 0.01 pt. */
export function roundRule(r: Rule): Rule {
  return { x0: round2(r.x0), y0: round2(r.y0), x1: round2(r.x1), y1: round2(r.y1) };
}
