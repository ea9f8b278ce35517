/**
 * tesseract.js 7 (WASM, LSTM only) with the `chi_sim` 4.0.0_best_int model from the
 * `@tesseract.js-data/chi_sim` package, read from node_modules: never downloaded, never cached.
 *
 * One engine holds `workers` tesseract.js workers (worker threads); each is recreated after
 * `recycleAfterPages` recognitions because its WASM heap only grows.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import Tesseract from 'tesseract.js';
import type { OcrEngine, OcrMode, OcrWord, RgbaImage } from '../../types.js';
import { sortReadingOrder } from '../reading-order.js';

export interface TesseractOptions {
  /** Number of tesseract.js workers (each one thread); default 1. */
  workers?: number;
  /** Recreate a worker after this many recognitions (default 50; no growth was measured over 27 pages, but upstream reports it). */
  recycleAfterPages?: number;
  /**
   * Page segmentation mode for 'page': 11 (SPARSE_TEXT, default) or 3 (AUTO). On the scanned
   * samples, key figures read: PSM 11 73%, PSM 3 66% with ruling lines whitened (3 uses the rules
   * to separate columns; without whitening 72%, and PSM 11 71%).
   */
  pagePsm?: 3 | 11;
  /** Default resolution when `recognize` is not told one. */
  dpi?: number;
  /**
   * Adjacent tesseract words of one line closer than this many line heights are joined into one
   * word (tesseract splits Chinese text into many short words). Default 0.8.
   */
  joinGap?: number;
  /**
   * Whiten table ruling lines before recognition (default true): tesseract reads them as `|`
   * and its layout analysis joins the cells of a row around them.
   */
  removeRules?: boolean;
  /** Dark runs at least this long (inches, at the given dpi) count as ruling lines. Default 0.3. */
  ruleMinInches?: number;
  /** Read the image through its red channel (default true): red seals nearly vanish. */
  dropRed?: boolean;
}

const require = createRequire(import.meta.url);

/** The folder holding `chi_sim.traineddata.gz` (best_int, LSTM only). */
export function chiSimLangPath(): string {
  const dir = join(dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');
  if (!existsSync(join(dir, 'chi_sim.traineddata.gz'))) {
    throw new Error(`chi_sim language data not found in ${dir}`);
  }
  return dir;
}

interface Slot {
  worker: Tesseract.Worker | null;
  pages: number;
  busy: boolean;
}

const PSM_OF_MODE: Record<Exclude<OcrMode, 'page'>, string> = { line: '7', block: '6' };

export class TesseractEngine implements OcrEngine {
  readonly name = 'tesseract' as const;
  private readonly slots: Slot[];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private readonly recycleAfter: number;
  private readonly pagePsm: string;
  private readonly dpi: number;
  private readonly joinGap: number;
  private readonly langPath: string;
  private readonly removeRules: boolean;
  private readonly ruleMinInches: number;
  private readonly dropRed: boolean;
  private terminated = false;
  private terminating: Promise<void> | undefined;
  private readonly pending = new Set<Promise<OcrWord[]>>();

  private constructor(options: TesseractOptions, langPath: string) {
    const n = Math.max(1, Math.floor(options.workers ?? 1));
    this.slots = Array.from({ length: n }, () => ({ worker: null, pages: 0, busy: false }));
    this.recycleAfter = Math.max(1, options.recycleAfterPages ?? 50);
    this.pagePsm = String(options.pagePsm ?? 11);
    this.dpi = options.dpi ?? 200;
    this.joinGap = options.joinGap ?? 0.8;
    this.langPath = langPath;
    this.removeRules = options.removeRules ?? true;
    this.ruleMinInches = options.ruleMinInches ?? 0.3;
    this.dropRed = options.dropRed ?? true;
  }

  /** Creates the engine and starts its first worker (so that a missing model fails here). */
  static async create(options: TesseractOptions = {}): Promise<TesseractEngine> {
    const engine = new TesseractEngine(options, chiSimLangPath());
    engine.slots[0].worker = await engine.spawn();
    return engine;
  }

  private async spawn(): Promise<Tesseract.Worker> {
    return Tesseract.createWorker('chi_sim', Tesseract.OEM.LSTM_ONLY, {
      langPath: this.langPath,
      gzip: true,
      cacheMethod: 'none',
      // no progress messages; errors are thrown from the calls
      logger: () => undefined,
      errorHandler: () => undefined,
    });
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  async recognize(image: RgbaImage, options: { mode?: OcrMode; dpi?: number } = {}): Promise<OcrWord[]> {
    if (this.terminated) throw new Error('tesseract engine used after terminate()');
    if (!(image.width > 0 && image.height > 0) || image.data.length < image.width * image.height * 4) {
      throw new Error(`not an RGBA image: ${image.width}×${image.height}, ${image.data.length} bytes`);
    }
    const job = this.run(image, options);
    this.pending.add(job);
    try {
      return await job;
    } finally {
      this.pending.delete(job);
    }
  }

  private async run(image: RgbaImage, options: { mode?: OcrMode; dpi?: number }): Promise<OcrWord[]> {
    const mode = options.mode ?? 'page';
    const slot = await this.acquire();
    try {
      if (this.terminated) throw new Error('tesseract engine used after terminate()');
      if (slot.worker && slot.pages >= this.recycleAfter) {
        const old = slot.worker;
        slot.worker = null;
        await old.terminate();
      }
      if (!slot.worker) {
        const fresh = await this.spawn();
        if (this.terminated) {
          await fresh.terminate();
          throw new Error('tesseract engine used after terminate()');
        }
        slot.worker = fresh;
        slot.pages = 0;
      }
      const worker = slot.worker;
      slot.pages++;
      await worker.setParameters({
        tessedit_pageseg_mode: (mode === 'page' ? this.pagePsm : PSM_OF_MODE[mode]) as Tesseract.PSM,
        user_defined_dpi: String(Math.round(options.dpi ?? this.dpi)),
        preserve_interword_spaces: '1',
      });
      const dpi = options.dpi ?? this.dpi;
      const pgm = toPgm(image, this.dropRed);
      if (this.removeRules) whitenRules(pgm.subarray(pgm.length - image.width * image.height), image.width, image.height, Math.max(24, Math.round(dpi * this.ruleMinInches)));
      // `debug: true` sends tesseract's own messages ("Detected 48 diacritics", "Empty page!!") to
      // the result instead of the console
      const result = await worker.recognize(pgm, {}, { blocks: true, text: false, hocr: false, tsv: false, debug: true });
      return sortReadingOrder(wordsOfPage(result.data, image, this.joinGap));
    } finally {
      this.release(slot);
    }
  }

  /** Lets recognitions under way finish (queued ones fail), then terminates every worker. */
  terminate(): Promise<void> {
    this.terminating ??= this.stop();
    return this.terminating;
  }

  private async stop(): Promise<void> {
    this.terminated = true;
    await Promise.allSettled([...this.pending]);
    const workers = this.slots.map((s) => s.worker).filter((w): w is Tesseract.Worker => w !== null);
    for (const s of this.slots) s.worker = null;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Binary PGM (P5) of the image's luminance, or of its red channel (`redOnly`): Leptonica reads it
 * without a decoder library, and tesseract works on grey anyway.
 */
export function toPgm(image: RgbaImage, redOnly = false): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  const out = Buffer.allocUnsafe(header.length + image.width * image.height);
  header.copy(out, 0);
  const d = image.data;
  for (let i = 0, o = header.length; i < image.width * image.height; i++, o++) {
    out[o] = redOnly ? d[i * 4] : (d[i * 4] * 77 + d[i * 4 + 1] * 150 + d[i * 4 + 2] * 29) >> 8;
  }
  return out;
}

/**
 * Whitens dark runs at least `minRun` pixels long along rows and columns (ruling lines), in place.
 * A pixel counts as part of a vertical run when it or a horizontal neighbour is dark (and the other
 * way round), so a line tilted by a degree still forms one run.
 */
export function whitenRules(grey: Uint8Array, width: number, height: number, minRun: number, darkBelow = 140): void {
  const dark = new Uint8Array(width * height);
  for (let i = 0; i < dark.length; i++) dark[i] = grey[i] < darkBelow ? 1 : 0;
  const erase = new Uint8Array(width * height);
  // vertical runs
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const i = y * width + x;
      const on = y < height && (dark[i] === 1 || (x > 0 && dark[i - 1] === 1) || (x + 1 < width && dark[i + 1] === 1));
      if (on && start < 0) start = y;
      if (!on && start >= 0) {
        if (y - start >= minRun) for (let yy = start; yy < y; yy++) erase[yy * width + x] = 1;
        start = -1;
      }
    }
  }
  // horizontal runs
  for (let y = 0; y < height; y++) {
    let start = -1;
    const row = y * width;
    for (let x = 0; x <= width; x++) {
      const i = row + x;
      const on = x < width && (dark[i] === 1 || (y > 0 && dark[i - width] === 1) || (y + 1 < height && dark[i + width] === 1));
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        if (x - start >= minRun) for (let xx = start; xx < x; xx++) erase[row + xx] = 1;
        start = -1;
      }
    }
  }
  // the blurred fringe of a line (2 pixels around it) goes too, else its ghost is read as `|`
  const fringe = 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (erase[y * width + x] !== 1) continue;
      for (let yy = Math.max(0, y - fringe); yy <= Math.min(height - 1, y + fringe); yy++) {
        for (let xx = Math.max(0, x - fringe); xx <= Math.min(width - 1, x + fringe); xx++) {
          if (grey[yy * width + xx] < 230) grey[yy * width + xx] = 255;
        }
      }
    }
  }
}

const RULE_TEXT = /^[|丨｜]+|[|丨｜]+$/g;

const PUNCTUATION_ONLY = /^[\p{P}\p{S}]+$/u;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Joins two pieces of text, with a space only between two non-CJK characters. */
function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const last = a[a.length - 1];
  const first = b[0];
  return CJK.test(last) || CJK.test(first) ? a + b : `${a} ${b}`;
}

/** Words from tesseract's block tree, runs of close words of a line joined, confidences 0..1. */
export function wordsOfPage(page: Tesseract.Page, image: RgbaImage, joinGap: number): OcrWord[] {
  const out: OcrWord[] = [];
  const clip = (v: number, max: number): number => Math.max(0, Math.min(max, v));
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const lineHeight = Math.max(1, line.bbox.y1 - line.bbox.y0);
        let run: { text: string; box: OcrWord['box']; confSum: number; chars: number } | null = null;
        const flush = (): void => {
          if (run && run.text) {
            out.push({ text: run.text, box: run.box, confidence: Math.max(0, Math.min(1, run.confSum / run.chars / 100)) });
          }
          run = null;
        };
        for (const word of line.words) {
          const text = word.text.replace(/\s+/g, ' ').replace(RULE_TEXT, '').trim();
          if (!text || (PUNCTUATION_ONLY.test(text) && word.confidence < 60)) {
            // a ruling line read as `|`, or punctuation imagined in the gap between two cells,
            // separates two cells
            if (word.text.trim()) flush();
            continue;
          }
          const box = {
            x0: clip(word.bbox.x0, image.width),
            y0: clip(word.bbox.y0, image.height),
            x1: clip(word.bbox.x1, image.width),
            y1: clip(word.bbox.y1, image.height),
          };
          const chars = [...text].length;
          const current = run as { text: string; box: OcrWord['box']; confSum: number; chars: number } | null;
          if (current && box.x0 - current.box.x1 <= joinGap * lineHeight) {
            current.text = joinText(current.text, text);
            current.box = {
              x0: Math.min(current.box.x0, box.x0),
              y0: Math.min(current.box.y0, box.y0),
              x1: Math.max(current.box.x1, box.x1),
              y1: Math.max(current.box.y1, box.y1),
            };
            current.confSum += word.confidence * chars;
            current.chars += chars;
          } else {
            flush();
            run = { text, box, confSum: word.confidence * chars, chars };
          }
        }
        flush();
      }
    }
  }
  return out;
}
