/**
 * PDF ingest backend: pdfjs-dist (legacy build, Node) text items → Words and operator-list
 * paths → Rules, one Page per PDF page, coordinates in points with a top-left origin
 * (rotated and landscape pages come out upright through the viewport transform).
 *
 * Failure modes made explicit:
 *  - a PDF that needs a password → Error('encrypted PDF: …');
 *  - a page that draws text but yields no text items (fonts that cannot be decoded,
 *    e.g. CID fonts without their CMaps) → Error, never an empty page;
 *  - more pages than `maxPages`, or slower than `timeoutMs` → Error.
 * Values typed into fillable form fields (text widgets) are added as words too. A page whose
 * text is mostly private-use/replacement characters gets a warning (its text layer is
 * likely garbage although the page looks fine: a candidate for OCR).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IngestedDocument, Page, Rule, Word } from '../../model/page.js';
import { normalizeText } from '../../text/normalize.js';
import { apply, extractRules } from './rules.js';
import { itemsToWords, type RawTextItem } from './words.js';

export interface PdfIngestOptions {
  /** Refuse documents with more pages than this. */
  maxPages?: number;
  /** Give up (and free pdfjs) after this many milliseconds. */
  timeoutMs?: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<PdfJs> | undefined;

/** Load pdfjs once, with its worker code on the main thread (no worker thread in Node). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    // pdfjs looks for `globalThis.pdfjsWorker.WorkerMessageHandler` before spawning a
    // "fake worker"; importing it here avoids pdfjs' own dynamic import by path.
    const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    if (!g.pdfjsWorker) g.pdfjsWorker = await import(workerModule);
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsPromise;
}

function pdfjsDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

/** A folder of the pdfjs-dist package as a plain path ending in '/' (what pdfjs wants in Node; a file:// URL only warns). */
const dirOf = (sub: string) => path.join(pdfjsDir(), sub) + '/';

class TimeoutError extends Error {}

export async function ingestPdf(bytes: Uint8Array, options: PdfIngestOptions = {}): Promise<IngestedDocument> {
  const pdfjs = await loadPdfJs();
  const started = Date.now();
  const timeoutMs = options.timeoutMs;
  const data = bytes instanceof Uint8Array && bytes.constructor === Uint8Array ? bytes.slice() : new Uint8Array(bytes);
  const loadingTask = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    cMapUrl: dirOf('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dirOf('standard_fonts'),
    wasmUrl: dirOf('wasm'),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });

  let timer: NodeJS.Timeout | undefined;
  const timeout =
    timeoutMs !== undefined
      ? new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new TimeoutError(`PDF ingest timed out after ${timeoutMs} ms`)), timeoutMs);
        })
      : undefined;
  const within = <T>(p: Promise<T>): Promise<T> => (timeout ? Promise.race([p, timeout]) : p);
  timeout?.catch(() => undefined);

  const warnings: string[] = [];
  try {
    let doc;
    try {
      doc = await within(loadingTask.promise);
    } catch (err) {
      const e = err as { name?: string; message?: string };
      if (e?.name === 'PasswordException') throw new Error('encrypted PDF: a password is required to open it');
      if (err instanceof TimeoutError) throw err;
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
      if (err instanceof TimeoutError) throw err;
    }
    const OPS = pdfjs.OPS as unknown as Record<string, number>;
    const textOps = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
    const pages: Page[] = [];
    for (let n = 1; n <= pageCount; n++) {
      const page = await within(doc.getPage(n));
      try {
        const viewport = page.getViewport({ scale: 1 });
        const vt = viewport.transform as number[];
        const opList = await within(page.getOperatorList());
        const rules: Rule[] = extractRules(opList.fnArray, opList.argsArray, OPS, vt).map(roundRule);
        const tc = await within(page.getTextContent());
        const items = tc.items.filter((it): it is RawTextItem & typeof it => 'str' in it) as unknown as RawTextItem[];
        const hasTextOps = opList.fnArray.some((f) => textOps.has(f));
        if (hasTextOps && !items.some((it) => it.str.trim())) {
          throw new Error(`page ${n}: text is drawn but none can be decoded (fonts without a usable Unicode map or CMap)`);
        }
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
        const words = itemsToWords(items, vt, rules, fontNameOf);
        const garbled = garbledShare(words.map((w) => w.text).join(''));
        if (garbled > 0.3) {
          warnings.push(
            `page ${n}: ${Math.round(garbled * 100)}% of the text is private-use, replacement or control characters (a font without a Unicode map?)`,
          );
        }
        words.push(...(await within(formFieldWords(page, vt))));
        pages.push({
          number: n,
          width: round2(viewport.width),
          height: round2(viewport.height),
          words,
          rules,
          source: 'pdf_text',
        });
      } finally {
        page.cleanup();
      }
      if (timeoutMs !== undefined && Date.now() - started > timeoutMs) {
        throw new Error(`PDF ingest timed out after ${timeoutMs} ms`);
      }
    }
    return { pages, pageCount, warnings };
  } finally {
    if (timer) clearTimeout(timer);
    await loadingTask.destroy().catch(() => undefined);
  }
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
    const [ax, ay] = apply(vt, x0, y0);
    const [bx, by] = apply(vt, x1, y1);
    const box = { x0: round2(Math.min(ax, bx)), y0: round2(Math.min(ay, by)), x1: round2(Math.max(ax, bx)), y1: round2(Math.max(ay, by)) };
    const w: Word = { text, box };
    const fs = a.defaultAppearanceData?.fontSize;
    if (fs) w.fontSize = fs;
    out.push(w);
  }
  return out;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function roundRule(r: Rule): Rule {
  return { x0: round2(r.x0), y0: round2(r.y0), x1: round2(r.x1), y1: round2(r.y1) };
}
