/**
 * The OCR backend: pages whose text layer cannot be used (scans, text drawn as outlines,
 * undecodable or garbled text) are replaced by pages read from their image, in the same
 * `Page` model the pdfjs backend produces (points, top-left origin), so layout,
 * classification and parsing are shared.
 *
 * Per page:
 *  1. image: the embedded image when the page is one full-page image (a scan: no
 *     re-rendering; its own resolution, shrunk to `MAX_IMAGE_DPI` when finer than 1.2 × that),
 *     else pdfjs renders the page at `dpi`;
 *  2. preprocessing (src/image/preprocess/, each switchable): which way the page lies, from its
 *     ink (a page image named turned is read turned first: `turnsToTry`); deskew; ruling lines
 *     found in the pixels become the page's `rules`; red-seal suppression; binarization;
 *  3. recognition: strategy `page` reads the whole page in one pass; strategy `cells` finds
 *     the table grid from the pixel rules with the lattice finder and reads each cell crop
 *     on its own (`block` mode), and the rest of the page (tables blanked) in `page` mode;
 *  4. words: pixel boxes → points (÷ px-per-point), text normalized and repaired
 *     (text-fixes.ts: 一 read as a dash, specks read as dots), `confidence` kept; a word box
 *     crossing a vertical ruling line is clipped or cut at it (splitAtRules).
 *
 * A page that is rendered (not a scan) keeps the ruling lines the PDF draws as vectors when
 * it has some (exact, and what the born-digital path uses); it is not deskewed.
 *
 * Coordinates of an OCR'd page are those of the deskewed image: the page as it was printed,
 * so that rows are level and the rules found in the same image are axis-parallel (what the
 * lattice finder needs). `OcrPageInfo.angle` says how far the scan was turned; `unrotatePoint`
 * maps a point back onto the original image.
 */
import type { Box } from '../model/geometry.js';
import type { IngestedDocument, Page, Rule, Word } from '../model/page.js';
import { findLatticeTables } from '../layout/index.js';
import { normalizeText } from '../text/normalize.js';
import { fixOcrNeighbours, fixOcrText, splitAtRules } from './text-fixes.js';
import { cropImage } from '../image/index.js';
import { openRenderer, type Renderer } from '../render/index.js';
import type { OcrEngine, OcrWord, RgbaImage } from './types.js';
import { suppressRed } from '../image/preprocess/seal.js';
import { deskew, type ValuePlane } from '../image/preprocess/deskew.js';
import { correctPerspective } from '../image/preprocess/perspective.js';
import { evenLight } from '../image/preprocess/light.js';
import { binarize } from '../image/preprocess/binarize.js';
import { detectRules } from '../image/preprocess/rules.js';
import { rotateQuarterTurns, shrinkImage } from '../image/preprocess/image.js';
import { findOrientation, type OrientationFinding } from '../image/preprocess/orientation.js';
import { countReadingCues } from '../vocabulary/reading-cues.js';

export { suppressRed } from '../image/preprocess/seal.js';
export { deskew, estimateSkew, rotateImage, unrotatePoint } from '../image/preprocess/deskew.js';
export { binarize, binarizeGray } from '../image/preprocess/binarize.js';
export { detectRules } from '../image/preprocess/rules.js';
export { correctPerspective } from '../image/preprocess/perspective.js';
export { evenLight } from '../image/preprocess/light.js';
export { fixOcrNeighbours, fixOcrText } from './text-fixes.js';

export interface PreprocessSwitches {
  /** Push strongly red pixels (seals) to paper white, keeping dark text. */
  seal: boolean;
  /** Find and correct small rotations. */
  deskew: boolean;
  /**
   * A photographed sheet on a darker background (phone photo): find its edges and map it
   * flat onto the whole image (preprocess/perspective.ts). Scans whose border is paper are
   * left alone. Embedded page images only, before deskew.
   */
  perspective: boolean;
  /**
   * Paper lit unevenly (a phone photo): divide by the paper's brightness estimated per block
   * (preprocess/light.ts); evenly lit scans are left alone. Embedded page images only.
   */
  light: boolean;
  /** Sauvola binarization before recognition. */
  binarize: boolean;
  /** Ruling lines from pixels → `Page.rules` (needed for lattice tables and strategy `cells`). */
  rules: boolean;
  /**
   * Before anything is detected, ask the page image's ink which way the page lies
   * (preprocess/orientation.ts) and read it turned first when the answer is clear (`turnsToTry`).
   * Embedded page images, strategy `page` only.
   */
  orientation: boolean;
}

/**
 * Defaults chosen by measurement on the scanned samples (scripts/ocr-eval.ts, PP-OCR; key
 * figures right / 292, strings of the twin found exactly / 604; samples/README.md):
 *  - deskew: on (without it 152/294 and 565/604; the 1.2° scan's grid is not found at all);
 *  - rules from pixels: on (without them 83/292, no lattice table on any scan);
 *  - seal suppression: on (key figures equal, 292/292 both; strings 588 vs 586, and no seal
 *    text read into the cells under it);
 *  - binarization: off (on: 269/297 and 558/604; it breaks thin strokes at 150 dpi);
 *  - orientation before detection: on (corpus/scan, 28 scans, 38 page images of which 13 lie
 *    turned: detection runs 51 → 41, the same output files byte for byte; see `turnsToTry`).
 */
export const DEFAULT_PREPROCESS: Readonly<PreprocessSwitches> = Object.freeze({
  seal: true,
  deskew: true,
  perspective: true,
  light: true,
  binarize: false,
  rules: true,
  orientation: true,
});

export type OcrStrategy = 'page' | 'cells';

/**
 * The strategy that won on the scanned samples: whole-page recognition, 292/292 key figures
 * and 588/604 strings, against 175/308 and 451/604 for cell crops in line/block mode.
 */
export const DEFAULT_STRATEGY: OcrStrategy = 'page';

/**
 * The resolution finer embedded scans are read at (`OcrOptions.maxImageDpi`, default): detection
 * works on the page scaled to 1600 px and recognition on lines scaled to 48 px high either way,
 * while deskew, rules, seals, the line finder and the detector's input cost per pixel.
 * Measured (extract of every scan set, 300 dpi pages shrunk to 200 dpi, then read):
 *  - corpus/scan (4 of its 28 twins at 300 dpi) and the second and third scan sets (11 and 24
 *    page readings at 300 dpi): every CSV row the same as at full resolution;
 *  - the scanned samples: the same rows; CPU of the three 11.2 → 10.7 s at concurrency 2;
 *  - the two noisy copies of corpus/scan (`make-corpus --scan --noise 8-14 --specks 50|100`):
 *    one figure misread more (`161万元` → `0161万元`, a twin whose fonts that run could not draw)
 *    and one flag there an `error` instead of a low-confidence `warning` (a true flag).
 * Not the default before: then the 300 dpi sample went to the detection network (its specks,
 * see lines.ts `maxSpecks`), and at 200 dpi one amount was misread and a false BUDGET_SUM error
 * raised. `maxImageDpi: Infinity` reads every scan at its own resolution.
 */
export const MAX_IMAGE_DPI = 200;

/** Resolution used when a page has to be rendered (outlines, undecodable text). */
export const DEFAULT_OCR_DPI = 200;

export interface OcrOptions {
  /** `auto`: pages whose textLayer is not `ok`; `always`: every page. */
  mode: 'auto' | 'always';
  engine: OcrEngine;
  /** Rendering resolution for pages without an embedded full-page image. Default 200. */
  dpi?: number;
  strategy?: OcrStrategy;
  preprocess?: Partial<PreprocessSwitches>;
  /**
   * Embedded page images finer than this are shrunk to it before anything else (default
   * `MAX_IMAGE_DPI`, 200; Infinity: every image at its own resolution); images up to 1.2 × this
   * are kept as they are.
   */
  maxImageDpi?: number;
  /** Called after each OCR'd page (progress, timing). */
  onPage?: (info: OcrPageInfo) => void;
  /** Pages another worker may read meanwhile (`PageLending`); default: every page is read here. */
  lending?: PageLending;
}

/** What `ocrPage` needs of a page, and what a lent page carries to the worker that reads it. */
export type LendablePage = Pick<Page, 'number' | 'width' | 'height'> & { rules?: Rule[] };

/**
 * Pages of one document that another worker may read while this one reads the rest (the pool's
 * idle workers at the end of a batch, src/pipeline/page-lending.ts). A lent page comes back as
 * the Page `ocrPage` would have made here (the same code on the same bytes and page), or as null
 * when the other worker failed: the page is then read here. Which pages were lent never changes
 * the document's record.
 */
export interface PageLending {
  /** The pages to read, in order, and the OCR mode, told once before the first is started. */
  open(pages: LendablePage[], mode: OcrOptions['mode']): void;
  /** Before page `n` is read here: false when it was lent (`result(n)` then gives it). */
  claim(n: number): boolean;
  /** A lent page as read elsewhere, or null when it must be read here. */
  result(n: number): Promise<Page | null>;
  /** No more pages to lend (the loop ended, or failed). */
  close(): void;
}

export interface OcrPageInfo {
  page: number;
  /** Where the image came from. */
  image: 'embedded' | 'rendered';
  /** Resolution of the image read. */
  dpi: number;
  /** Skew found and corrected, degrees (positive: the scan was turned clockwise). */
  angle: number;
  /** Quarter turns (clockwise) the page image was given before reading: 0 when it was upright. */
  quarterTurns: number;
  /** Turns read first because the orientation test named them (`turnsToTry`), in order; absent when none. */
  guessedTurns?: number[];
  words: number;
  rules: number;
  /** Tables found in the pixels (strategy `cells`). */
  tables: number;
  ms: number;
}

/** Does this page go to OCR? */
export function needsOcr(page: Page, mode: 'auto' | 'always'): boolean {
  if (page.source === 'plain_text') return false;
  if (mode === 'always') return true;
  return page.textLayer !== undefined && page.textLayer !== 'ok';
}

/**
 * Replace every page that needs OCR with an OCR'd page. Pages that do not keep their words;
 * the document's warnings are kept and get one line per OCR'd page kind.
 * The engine is not terminated (the caller owns it).
 *
 * `renderer`: one over the document ingest read (`rendererFor`), left open; pages ingest kept
 * (`PdfIngestOptions.retain`) give their page image without decoding it again. Default: the
 * PDF is opened again from `pdfBytes` (every page image decoded a second time) and closed.
 */
export async function ocrDocument(pdfBytes: Uint8Array, ingested: IngestedDocument, options: OcrOptions, renderer?: Renderer): Promise<IngestedDocument> {
  const todo = ingested.pages.filter((p) => needsOcr(p, options.mode));
  if (todo.length === 0) return ingested;
  const r = renderer ?? (await openRenderer(pdfBytes));
  const replaced = new Map<number, Page>();
  const lending = options.lending;
  try {
    lending?.open(todo.map((p) => ({ number: p.number, width: p.width, height: p.height, ...(p.rules ? { rules: p.rules } : {}) })), options.mode);
    const lent = [];
    for (const page of todo) {
      if (lending && !lending.claim(page.number)) lent.push(page);
      else replaced.set(page.number, await ocrPage(r, page, options));
    }
    for (const page of lent) replaced.set(page.number, (await lending!.result(page.number)) ?? (await ocrPage(r, page, options)));
  } finally {
    lending?.close();
    if (!renderer) await r.close();
  }
  const kinds = new Map<string, number[]>();
  for (const p of todo) {
    const k = options.mode === 'always' && p.textLayer === 'ok' ? 'ocr always' : (p.textLayer ?? 'unknown');
    kinds.set(k, [...(kinds.get(k) ?? []), p.number]);
  }
  const notes = [...kinds].map(([k, pages]) => `OCR (${options.engine.name}) read page${pages.length > 1 ? 's' : ''} ${pages.join(', ')} (text layer: ${k})`);
  for (const t of todo) {
    const p = replaced.get(t.number)!;
    if (p.turned) notes.push(`page ${p.number} was scanned turned: read after turning it ${p.turned}° clockwise`);
  }
  return {
    ...ingested,
    pages: ingested.pages.map((p) => replaced.get(p.number) ?? p),
    warnings: [...ingested.warnings, ...notes],
  };
}

/**
 * A page's reading is taken as upright when it holds at least this many cue words
 * (`READING_CUES`), or when its words read with this mean confidence and lie flat (wider
 * than tall). Otherwise the page is read again turned (90°/270° when its words stand on end,
 * 180° first when they lie flat, then 90°/270° if the page holds at least `minWordsToTurn` words:
 * a sideways table page can yield a few words of one character each, flat as they lie) and the
 * reading with the most cue words wins. Measured on the sideways and upside-down scans of
 * test/ocr/orientation.test.ts and corpus/scan (a sideways Shanxi scoring page, page 2 of a
 * c100 twin made with --per-family 5, read as 18 one-character words and kept as it lay).
 */
export const ORIENTATION = Object.freeze({
  minCues: 3,
  minConfidence: 0.85,
  tallShare: 0.5,
  probeWords: 8,
  minWordsToTurn: 5,
  /** `standsOnEnd`: a box this many times longer one way than the other is a line (2+ characters). */
  lineAspect: 1.5,
  /** `standsOnEnd`: at least this many standing lines. */
  minStandingLines: 5,
  /** `readsAsNothing`: lines recognised first (the largest), when the page has more. */
  sampleLines: 16,
  /** `readsAsNothing`: share of the sampled lines that must give a word for the page to be read as it lies. */
  sampleReadShare: 0.25,
});

/**
 * Gaps (pixels) bridged inside a ruling line on a photographed page (perspective corrected):
 * its thin rules come out broken. Measured on the phone-photo twins of corpus/scan (fields
 * right on c022: gap 1 → 5/79, 3 → 8/79, 4 → 47/82, 5 → 53/84; the others unchanged).
 * Flatbed scans keep a gap of 1.
 */
export const PHOTO_RULE_GAP = 5;

/**
 * The image a page is read from and its scale (image pixels per point): the embedded image when
 * the page is one full-page image (a scan), shrunk first to `options.maxImageDpi` when finer than
 * 1.2 × that (every step after costs per pixel; the decoded original is not kept), else the page
 * rendered at `options.dpi`.
 */
async function pageImageFor(renderer: Renderer, pageNumber: number, options: OcrOptions): Promise<{ image: RgbaImage; scale: number; embedded: boolean }> {
  const found = await renderer.pageImage(pageNumber);
  if (!found) {
    const rendered = await renderer.renderPage(pageNumber, { dpi: options.dpi ?? DEFAULT_OCR_DPI });
    return { image: rendered.image, scale: rendered.scale, embedded: false };
  }
  const maxDpi = options.maxImageDpi ?? MAX_IMAGE_DPI;
  const dpiIn = found.scale * 72;
  if (dpiIn <= maxDpi * 1.2) return { image: found.image, scale: found.scale, embedded: true };
  const image = shrinkImage(found.image, maxDpi / dpiIn);
  return { image, scale: found.scale * ((image.width / found.image.width + image.height / found.image.height) / 2), embedded: true };
}

/**
 * The image a page is read from, flattened (a phone photo) and evenly lit, with its scale
 * (image pixels per point) and the gap bridged in its ruling lines. Only the final image is
 * returned: the decoded original and the steps' copies are unreachable once this returns (a
 * 300 dpi page is 35 MB per copy, and the detector's peak comes later).
 */
async function preparedImage(
  renderer: Renderer,
  pageNumber: number,
  options: OcrOptions,
  pre: PreprocessSwitches,
): Promise<{ image: RgbaImage; scale: number; embedded: boolean; ruleGap: number }> {
  const src = await pageImageFor(renderer, pageNumber, options);
  const { embedded, scale } = src;
  // a phone photo: the sheet flattened onto the whole image before anything else
  const flat = embedded && pre.perspective ? correctPerspective(src.image) : { image: src.image, corrected: false };
  // a photographed sheet's rules come out broken (resampling, faint ink in uneven light)
  const ruleGap = flat.corrected ? PHOTO_RULE_GAP : 1;
  const image = embedded && pre.light ? evenLight(flat.image).image : flat.image;
  return { image, scale, embedded, ruleGap };
}

/** One page: image, preprocessing, recognition (turned upright if need be), words in points. */
export async function ocrPage(
  renderer: Renderer,
  page: Pick<Page, 'number' | 'width' | 'height'> & { rules?: Rule[] },
  options: OcrOptions,
): Promise<Page> {
  const started = Date.now();
  const pre = { ...DEFAULT_PREPROCESS, ...(options.preprocess ?? {}) };
  const { image, scale, embedded, ruleGap } = await preparedImage(renderer, page.number, options, pre);
  // A rendered page (outlines, undecodable or garbled text) is drawn upright from vectors and
  // its ruling lines are already known exactly from the PDF: keep them, no deskew, no turning.
  const vectorRules = !embedded && (page.rules?.length ?? 0) >= 4 ? page.rules! : null;
  // Turned readings are made once each, whichever step asks first.
  const turnedReadings = new Map<number, Promise<ImageReading>>();
  const readTurned = (q: number): Promise<ImageReading> => {
    let r = turnedReadings.get(q);
    if (!r) turnedReadings.set(q, (r = readImage(rotateQuarterTurns(image, q), q, scale, page, null, options, ruleGap)));
    return r;
  };
  // A page image whose ink says it lies turned is read turned first; each such reading stops
  // early (`partial`) when it plainly does not lie upright either, and the first that looks
  // upright is kept. None does (or no turn was named): the page is read as it lies, as below.
  const guessed = embedded && pre.orientation && (options.strategy ?? DEFAULT_STRATEGY) === 'page' ? turnsToTry(findOrientation(image, scale * 72)) : [];
  let guessedReading: ImageReading | undefined;
  // a guess that read upside down: the next guess, its half turn, starts from its prepared image
  let last: { q: number; prepared: PreparedImage } | undefined;
  for (const q of guessed) {
    const from = last && (last.q + 2) % 4 === q ? halfTurn(last.prepared, scale) : undefined;
    last = undefined;
    const r = await readImage(from?.image ?? rotateQuarterTurns(image, q), q, scale, page, null, options, ruleGap, true, from);
    if (r.partial) {
      if (r.prepared) last = { q, prepared: r.prepared };
      continue;
    }
    turnedReadings.set(q, Promise.resolve(r));
    if (looksUpright(r)) {
      guessedReading = r;
      break;
    }
  }
  // The first reading stops early when the page plainly does not lie upright (`partial`): its
  // text lines stand on end (after detection), or its largest lines read as nothing (after
  // those). The likely turns are then read first, and the first that looks upright is kept.
  let reading = guessedReading ?? (await readImage(image, 0, scale, page, vectorRules, options, ruleGap, !vectorRules));
  if (reading.partial) {
    const guesses = reading.standing ? await sidewaysOrderOfBoxes(image, reading.standing, scale, options.engine) : [2];
    // upside down: the first reading's deskewed, seal-free image and its rules, turned by half
    // (measured on the 3 upside-down pages of corpus/scan that reach here: the same words, boxes
    // within 0.04 pt; 130–300 ms less CPU per page than preparing the turned page image again)
    const halfTurned = reading.prepared && !turnedReadings.has(2) ? halfTurn(reading.prepared, scale) : undefined;
    reading.prepared = undefined; // not held while the turned page is read
    if (halfTurned) turnedReadings.set(2, readImage(halfTurned.image, 2, scale, page, null, options, ruleGap, false, halfTurned));
    let upright: ImageReading | undefined;
    for (const q of guesses) {
      const r = await readTurned(q);
      if (looksUpright(r)) {
        upright = r;
        break;
      }
    }
    // no guess looks upright: the page read upright in full, and the choice made as below
    reading = upright ?? (await readImage(image, 0, scale, page, null, options, ruleGap));
  }
  if (!vectorRules && reading.quarterTurns === 0 && !looksUpright(reading)) {
    // words standing on end: sideways first; lying flat: upside down first, then sideways (a
    // sideways page can yield few words, most of one character, so that they need not stand)
    const turns = reading.tallShare >= ORIENTATION.tallShare
      ? await sidewaysOrder(image, reading.words, scale, options.engine)
      : reading.words.length >= ORIENTATION.minWordsToTurn ? [2, ...(await sidewaysOrder(image, reading.words, scale, options.engine))] : [2];
    for (const q of turns) {
      const turned = await readTurned(q);
      if (turned.cues > reading.cues) reading = turned;
      if (looksUpright(reading)) break;
    }
  }
  options.onPage?.({
    page: page.number,
    image: embedded ? 'embedded' : 'rendered',
    dpi: Math.round(scale * 72),
    angle: reading.angle,
    quarterTurns: reading.quarterTurns,
    ...(guessed.length ? { guessedTurns: guessed } : {}),
    words: reading.words.length,
    rules: reading.rules.length,
    tables: reading.tables,
    ms: Date.now() - started,
  });
  return {
    number: page.number,
    width: reading.width,
    height: reading.height,
    words: reading.words,
    rules: reading.rules,
    source: 'ocr',
    ...(reading.quarterTurns ? { turned: reading.quarterTurns * 90 } : {}),
  };
}

/**
 * The turns to read a page at before reading it as it lies, most likely first, from what its ink
 * says (`findOrientation`, before any detection): none when it lies upright or the test is unsure
 * of its lines' direction; the named turn when the test names one (measured on the 38 page
 * images of corpus/scan, each also turned by 90°, 180° and 270°: 152 images, 101 turns named,
 * every one right; as scanned, 7 of the 8 sideways and 2 of the 5 upside-down pages named); both
 * sideways turns when the lines run down the image but their foot is unclear, the side with more
 * dots first (on a tie, 270° first). Each guess only decides what is read first: its reading
 * must look upright, and stops after detection or the sampled lines when it does not
 * (`readImage`'s `stopEarly`), so a wrong guess costs what a turned page cost before the test
 * (one detection, 16 lines), never the result.
 */
export function turnsToTry(found: OrientationFinding): number[] {
  const { quarterTurns: q, lines, stats } = found;
  if (lines === 'down') {
    const first = q === 1 || q === 3 ? q : stats.dotsAfter > stats.dotsBefore ? 1 : 3;
    return [first, 4 - first];
  }
  return q === 2 ? [2] : [];
}

/**
 * Which way to turn a page whose words stand on end, most likely first: [1, 3] or [3, 1]
 * (quarter turns clockwise). A few of the largest standing words are cut out of the image,
 * turned each way and read as single lines; the turn whose readings are the more confident
 * (summed over their characters) goes first. It only orders the full readings that follow
 * (each still has to look upright), so a wrong guess costs time, never the result; a right
 * one saves a whole reading of the page (a sideways page was read three times when the first
 * guess was wrong). Measured on corpus/scan: the sideways twins are the turned-90 kind.
 */
export async function sidewaysOrder(image: RgbaImage, words: Word[], scale: number, engine: OcrEngine): Promise<number[]> {
  return sidewaysOrderOfBoxes(image, words.filter((w) => w.text.length >= 2 && w.box.y1 - w.box.y0 > w.box.x1 - w.box.x0).map((w) => w.box), scale, engine);
}

/** `sidewaysOrder` over the boxes (points) of standing words or text lines, whatever they read. */
export async function sidewaysOrderOfBoxes(image: RgbaImage, boxes: Box[], scale: number, engine: OcrEngine): Promise<number[]> {
  const standing = [...boxes]
    .sort((a, b) => (b.y1 - b.y0) * (b.x1 - b.x0) - (a.y1 - a.y0) * (a.x1 - a.x0))
    .slice(0, ORIENTATION.probeWords)
    .map((box) => ({ box }));
  if (standing.length === 0) return [1, 3];
  const score = async (q: number): Promise<number> => {
    let sum = 0;
    for (const w of standing) {
      const m = 2 * scale;
      const crop = cropImage(image, { x0: w.box.x0 * scale - m, y0: w.box.y0 * scale - m, x1: w.box.x1 * scale + m, y1: w.box.y1 * scale + m });
      for (const r of await engine.recognize(rotateQuarterTurns(crop, q), { mode: 'line' })) sum += r.confidence * [...r.text].length;
    }
    return sum;
  };
  return (await score(3)) > (await score(1)) ? [3, 1] : [1, 3];
}

interface ImageReading {
  words: Word[];
  rules: Rule[];
  tables: number;
  /** Small skew corrected, degrees. */
  angle: number;
  /** Quarter turns clockwise applied before reading. */
  quarterTurns: number;
  /** Page size in points as read (swapped when turned by 90° or 270°). */
  width: number;
  height: number;
  cues: number;
  meanConfidence: number;
  /** Share of multi-character words taller than wide. */
  tallShare: number;
  /**
   * Set when the reading stopped early (`readImage`'s `stopEarly`): the page does not lie
   * upright; `words` are then those of the sampled lines only, or none.
   */
  partial?: boolean;
  /** Set when it stopped because the page's text lines stand on end (`standsOnEnd`): their boxes, points. */
  standing?: Box[];
  /** Set when it stopped after its sampled lines read as nothing: the image as read (deskewed, seals faded) and its rules. */
  prepared?: PreparedImage;
}

/** A page image after deskew, rules from pixels and seal fading (what `readImage` detects on). */
interface PreparedImage {
  image: RgbaImage;
  angle: number;
  rules: Rule[];
}

/**
 * A prepared image turned by half (exact: pixels moved), with its rules moved alike, for the
 * reading of an upside-down page after the reading as it lay found it so. What deskew, the rule
 * finder and seal fading give on the half-turned page image is the same up to rounding: a turn
 * about the image's centre commutes with the half turn, the skew of a line is the same either way
 * up, and the rule finder and seal fading treat both directions of a row or column alike.
 */
function halfTurn(p: PreparedImage, scale: number): PreparedImage {
  const w = p.image.width / scale, h = p.image.height / scale;
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const turned = (r: Rule): Rule => ({ x0: r2(w - r.x1), y0: r2(h - r.y1), x1: r2(w - r.x0), y1: r2(h - r.y0) });
  // in the order the rule finder gives them: horizontal ones top to bottom, then vertical ones
  // left to right (each group's order reverses with the half turn)
  const flat = p.rules.filter((r) => r.y0 === r.y1);
  const upright = p.rules.filter((r) => r.y0 !== r.y1);
  return {
    image: rotateQuarterTurns(p.image, 2),
    angle: p.angle,
    rules: [...flat.reverse(), ...upright.reverse()].map(turned),
  };
}

/**
 * Do the texts of a page's largest lines (`ORIENTATION.sampleLines`, recognised before the rest)
 * read as nothing: no cue word, and fewer than `ORIENTATION.sampleReadShare` of the lines gave a
 * word of two characters or more (the others read below the engine's confidence floor, or as a
 * lone glyph: a line upside down reads as a bracket or one character here and there, which says
 * nothing either way)? Measured on the 30 pages of corpus/scan that the test reaches (16 lines
 * each): the 25 upright pages gave 16 words and 9–49 cue words each; the 5 pages scanned upside
 * down gave 0–4 words and no cue. The one with 4 (`）`, `目`, `（`, `）`) passed while lone glyphs
 * counted, and was recognised in full as it lay before its half turn.
 */
export function readsAsNothing(texts: string[]): boolean {
  const read = texts.filter((t) => [...t.trim()].length >= 2).length;
  return countReadingCues(texts) === 0 && read < ORIENTATION.sampleReadShare * ORIENTATION.sampleLines;
}

/**
 * Do these text boxes (detection, before recognition; image pixels) stand on end? At least
 * `ORIENTATION.minStandingLines` of them are `lineAspect` times taller than wide, and they make at
 * least `ORIENTATION.tallShare` of the boxes so elongated either way (text lines of two
 * characters or more; single characters are square and say nothing). The same test the full
 * reading's `tallShare` makes, taken before recognition, so that a sideways page is not first
 * recognised as it lies (measured on corpus/scan: 8 of its 13 turned pages are sideways).
 */
export function standsOnEnd(boxes: OcrWord['box'][]): boolean {
  let standing = 0, lying = 0;
  for (const b of boxes) {
    const w = b.x1 - b.x0, h = b.y1 - b.y0;
    if (h >= ORIENTATION.lineAspect * w) standing++;
    else if (w >= ORIENTATION.lineAspect * h) lying++;
  }
  return standing >= ORIENTATION.minStandingLines && standing >= ORIENTATION.tallShare * (standing + lying);
}

function looksUpright(r: ImageReading): boolean {
  if (r.cues >= ORIENTATION.minCues) return true;
  return r.words.length > 0 && r.meanConfidence >= ORIENTATION.minConfidence && r.tallShare < ORIENTATION.tallShare;
}

/**
 * Preprocess and recognise one page image (already turned by `quarterTurns`). With `stopEarly`
 * (strategy `page` only, engines that detect first), a page that plainly does not lie upright
 * is not recognised in full and the reading comes back `partial`: when its detected text lines
 * stand on end (`standsOnEnd`; no line recognised, `standing` set), or when its
 * `ORIENTATION.sampleLines` largest lines, recognised first, read as nothing (`readsAsNothing`;
 * upside down, as measured on corpus/scan).
 */
async function readImage(
  image: RgbaImage,
  quarterTurns: number,
  scale: number,
  page: Pick<Page, 'number' | 'width' | 'height'>,
  vectorRules: Rule[] | null,
  options: OcrOptions,
  ruleGap = 1,
  stopEarly = false,
  prepared?: PreparedImage,
): Promise<ImageReading> {
  const pre = { ...DEFAULT_PREPROCESS, ...(options.preprocess ?? {}) };
  const strategy = options.strategy ?? DEFAULT_STRATEGY;
  const dpi = scale * 72;
  const width = quarterTurns % 2 ? page.height : page.width;
  const height = quarterTurns % 2 ? page.width : page.height;
  let img = image;
  let angle = 0;
  let rules: Rule[];
  if (prepared) ({ image: img, angle, rules } = prepared);
  else {
    const wantRules = !vectorRules && (pre.rules || strategy === 'cells');
    // a page deskew leaves as it was: the rules are found on the brightest channel the angle was
    // found on (not computed twice)
    let kept: ValuePlane | undefined;
    if (pre.deskew && !vectorRules) ({ image: img, angle, value: kept } = deskew(img, { keepValue: wantRules }));
    // rules before seal suppression: thin rules under a seal would fade with it
    rules = vectorRules ? [...vectorRules] : wantRules ? detectRules(img, { scale, maxGap: ruleGap, value: kept }) : [];
    // the deskewed image is this reading's own copy: seals are taken out of it in place
    if (pre.seal) img = suppressRed(img, { inPlace: img !== image }).image;
  }
  const readImg = pre.binarize ? binarize(img, { dpi }) : img;

  let ocrWords: OcrWord[];
  let tables = 0;
  let partial = false;
  if (strategy === 'cells') {
    const found = findLatticeTables(page.number, [], rules);
    tables = found.tables.length;
    const cellBoxes: Box[] = found.tables.flatMap((t) => t.table.cells.map((c) => c.ref.box).filter((b): b is Box => !!b));
    ocrWords = await recognizeCells(options.engine, readImg, cellBoxes, scale, dpi);
    // the rest of the page with the tables blanked out
    const rest = blank(readImg, found.tables.map((t) => t.box), scale);
    ocrWords.push(...(await options.engine.recognize(rest, { mode: 'page', dpi })));
  } else {
    let standing: Box[] | undefined;
    let upsideDown = false;
    const proceed = (boxes: OcrWord['box'][]): boolean => {
      if (!standsOnEnd(boxes)) return true;
      standing = boxes.filter((b) => b.y1 - b.y0 >= ORIENTATION.lineAspect * (b.x1 - b.x0)).map((b) => ({ x0: b.x0 / scale, y0: b.y0 / scale, x1: b.x1 / scale, y1: b.y1 / scale }));
      return false;
    };
    const sample = {
      boxes: ORIENTATION.sampleLines,
      proceed: (sampled: OcrWord[]): boolean => {
        upsideDown = readsAsNothing(sampled.map((w) => fixOcrText(normalizeText(w.text))));
        return !upsideDown;
      },
    };
    ocrWords = await options.engine.recognize(readImg, { mode: 'page', dpi, ...(stopEarly ? { proceed, sample } : {}) });
    if (standing) {
      return { words: [], rules, tables, angle, quarterTurns, width, height, cues: 0, meanConfidence: 0, tallShare: 1, partial: true, standing };
    }
    if (upsideDown) partial = true;
  }
  const preparedHere = partial ? { image: img, angle, rules } : undefined;

  const words: Word[] = [];
  let confidence = 0, multi = 0, tall = 0;
  for (const w of ocrWords) {
    const text = fixOcrText(normalizeText(w.text));
    if (!text) continue;
    const box = {
      x0: round2(Math.max(0, w.box.x0 / scale)),
      y0: round2(Math.max(0, w.box.y0 / scale)),
      x1: round2(Math.min(width, w.box.x1 / scale)),
      y1: round2(Math.min(height, w.box.y1 / scale)),
    };
    if (box.x1 <= box.x0 || box.y1 <= box.y0) continue;
    words.push({ text, box, fontSize: round2(box.y1 - box.y0), confidence: Math.round(w.confidence * 1000) / 1000 });
    confidence += w.confidence;
    if (text.length >= 2) {
      multi++;
      if (box.y1 - box.y0 > box.x1 - box.x0) tall++;
    }
  }
  return {
    words: fixOcrNeighbours(splitAtRules(words, rules)),
    rules,
    tables,
    angle,
    quarterTurns,
    width,
    height,
    cues: countReadingCues(words.map((w) => w.text)),
    meanConfidence: words.length ? confidence / words.length : 0,
    tallShare: multi ? tall / multi : 0,
    ...(partial ? { partial } : {}),
    ...(preparedHere ? { prepared: preparedHere } : {}),
  };
}

/**
 * Read each cell crop alone. A crop is the cell shrunk by a border margin (so the ruling
 * lines are not read as 1 or |); tall cells are read in `block` mode, one-line cells in
 * `line` mode. Empty crops (no dark pixel) are skipped.
 */
async function recognizeCells(engine: OcrEngine, img: RgbaImage, cells: Box[], scale: number, dpi: number): Promise<OcrWord[]> {
  const out: OcrWord[] = [];
  const inset = Math.max(2, Math.round(1.5 * scale));
  const pad = Math.round(4 * scale);
  for (const c of cells) {
    const box = { x0: c.x0 * scale + inset, y0: c.y0 * scale + inset, x1: c.x1 * scale - inset, y1: c.y1 * scale - inset };
    if (box.x1 - box.x0 < 4 || box.y1 - box.y0 < 4) continue;
    const crop = cropImage(img, box);
    if (!hasInk(crop)) continue;
    const padded = padImage(crop, pad);
    const tall = (c.y1 - c.y0) > 24;
    const words = await engine.recognize(padded, { mode: tall ? 'block' : 'line', dpi });
    const ox = Math.max(0, Math.floor(box.x0)) - pad, oy = Math.max(0, Math.floor(box.y0)) - pad;
    for (const w of words) {
      out.push({ ...w, box: { x0: w.box.x0 + ox, y0: w.box.y0 + oy, x1: w.box.x1 + ox, y1: w.box.y1 + oy } });
    }
  }
  return out;
}

/** Any pixel clearly darker than paper? */
function hasInk(img: RgbaImage): boolean {
  const d = img.data;
  let n = 0;
  for (let j = 0; j < d.length; j += 4) if (d[j] + d[j + 1] + d[j + 2] < 3 * 110 && ++n >= 6) return true;
  return false;
}

/** White margin around a crop (recognisers read text touching the edge badly). */
function padImage(img: RgbaImage, pad: number): RgbaImage {
  const w = img.width + 2 * pad, h = img.height + 2 * pad;
  const out = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < img.height; y++) {
    out.set(img.data.subarray(y * img.width * 4, (y + 1) * img.width * 4), ((y + pad) * w + pad) * 4);
  }
  return { width: w, height: h, data: out };
}

/** A copy with the given boxes (points) painted white. */
function blank(img: RgbaImage, boxes: Box[], scale: number): RgbaImage {
  const out = new Uint8ClampedArray(img.data.length);
  out.set(img.data);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x0 * scale) - 2), x1 = Math.min(img.width, Math.ceil(b.x1 * scale) + 2);
    const y0 = Math.max(0, Math.floor(b.y0 * scale) - 2), y1 = Math.min(img.height, Math.ceil(b.y1 * scale) + 2);
    for (let y = y0; y < y1; y++) out.fill(255, (y * img.width + x0) * 4, (y * img.width + x1) * 4);
  }
  return { width: img.width, height: img.height, data: out };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
