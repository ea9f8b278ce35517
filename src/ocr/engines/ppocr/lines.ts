/**
 * Classical text-line finding (no network): the text lines of a deskewed, evenly lit page of
 * printed text, as the DB detector would box them, or a refusal when the page is not one this
 * can read safely (then the caller runs the detector).
 *
 * Steps: grey (the red channel when the image is read that way) → global Otsu threshold →
 * ruling lines removed (dark runs of at least `ruleInches` along a row or a column; the
 * vertical ones kept as barriers) → connected components (run-length, 8-connected) → specks
 * and blobs set aside → components linked into lines (vertical overlap, horizontal gap up to
 * `joinGap` × the line's height, never across a vertical rule) → pieces of one line (the
 * strokes of 三 before its line grew) merged → boxes grown by a margin like DB's unclip.
 *
 * The refusal (`LineFinding.declined`) is the point: a page with much noise, text standing on
 * end, lines that touch, ink that is neither text nor rules, or a line a ruling line runs
 * through (`unsure`: a glyph printed over a rule, a line grown across a table's rule, a rule
 * broken short of a line that spans its column) goes to the network. A box's margin stops at
 * the vertical rules beside its line (`walls`). Those two came from a second set of 27 scan
 * twins the finder had not been tuned on (`10` read as `101`, `100.00%` as `100.009`, `99.91` as
 * `99.`); they decline 2 of 47 page readings on corpus/scan and 5 of 43 on that set.
 *
 * Measured on the 28 scan twins of corpus/scan (44 pages, 57 page readings with the turned
 * ones; 150/200/300 dpi, JPEG 40–90, seals, skew, phone photos, outlined text):
 *  - the finder took 49 of the 57 readings; it declined the 8 readings of pages lying sideways
 *    (`not upright`: gap ratio 0.05–0.23 there, 5.7–18.8 on every upright or upside-down page);
 *  - 3751 of its lines matched the network's boxes one to one (of 3827 network boxes on the
 *    pages it took); most of the rest are lone dashes the network does not box, two cells'
 *    texts the network boxed as one, and the 一 of 一级指标 the network leaves out;
 *  - 40–160 ms CPU per page (most at 300 dpi) against 0.6–0.7 s for the network at 1600 px;
 *  - specks: at most 2.3 per square inch on those pages, 2.8 on the two other scan sets.
 *
 * Noise (`maxSpecks`): scans made as the samples' scans are (grey noise ±8–14, 2×2 specks at 50
 * and 100 per megapixel: `make-corpus --scan --noise 8-14 --specks 50|100 --speck-side 2`, the
 * 28 twins of corpus/scan) have up to 4.3 and 8.5 specks per square inch (most at 300 dpi,
 * where specks per pixel make more per inch). With a limit of 4 the network read those pages
 * (12 and 17 detection runs); with no limit the finder read them all (7 and 12), and the eval
 * of the 23 twins that are not ReportLab's (whose fonts that run could not draw) was the same on
 * the first set and better on the second (lo-writer fields 97.9 → 98.7%, one more CID twin ok).
 * The rest of those sets' misreadings are the noise's, whichever reads the lines. The
 * limit is now just above what was measured (9): noisier pages still go to the network. (The
 * pages of samples/hongshan-2021-declaration-rebuilt-scan.pdf, 300 dpi, have 4.1–4.2: each took a
 * detection run before, about 0.6 s of CPU, and reads the same now.)
 *
 * Box agreement with the network at 1600 px (its 3865 boxes on the 49 readings taken; matched
 * at IoU > 0.5): 3773 matched, 3669 of them (97.2%) read the same. Edges of the matched boxes,
 * these minus the network's, px (median, interquartile): top +0.1 (−1.2…+1.4), bottom −0.6
 * (−2.0…+0.9), left −0.9 (−2.3…+0.3), right −1.1 (−2.3…+0.2). No geometry from ink can do much
 * better: the network's box around ink of one height varies by several pixels with the content
 * (ink 22 px high at 200 dpi: boxes 32–38 px high on one page), and a least-squares fit of each
 * edge to the line's ink height, length and the map's scale leaves ±0.85 px interquartile
 * (56% within 1 px); with those fitted margins 3674 of 3780 matched boxes read the same, as
 * with `margin`. And the recogniser itself flips on sub-pixel changes: the network's own boxes,
 * every edge moved by at most 0.5 px (1 px), read differently in 2.3% (3.3%) of 4525 boxes,
 * signs and decimal points among them (`≥1143人次` → `>1143人次`, `99.77` → `99.7`). Tried as
 * well: the network at 960 px (183 ms CPU per page) with each box refined from the ink around
 * its centre and grown by the fitted margins: 94.9% read the same, 8% of boxes unmatched.
 */
import type { EngineImage, TextBox } from './detect.js';
import {
  clearColumnRun, clearRowRun, columnRuns, gapRatio as inkGapRatio, inkAndPaper, labelRuns, maskBelow, maskRowRuns, quantile, rowRuns,
  type InkComponent, type InkMask, type InkRun,
} from '../../../image/ink.js';

export interface LineFinderOptions {
  /** The ink threshold: Otsu's, moved this share of the way towards the paper's grey. */
  lighter: number;
  /** Components within this many inches of the image's edge are not text (scanner borders, punch holes). */
  edgeInches: number;
  /** Shortest ruling line, inches (default 0.3: longer than a stroke of a 20 pt character). */
  ruleInches: number;
  /** Runs at least this long (inches) are ruling lines wherever they end; shorter ones must end on long ones. */
  longRuleInches: number;
  /** Gaps bridged inside a ruling line, pixels (default 2). */
  ruleGap: number;
  /** Components are linked into one line across a gap of at most this × the line's height. */
  joinGap: number;
  /**
   * Margin added around a line's ink on every side, × the ink's height (what DB's unclip does).
   * DB's own margin, measured against the ink of the same lines on corpus/scan (3751 boxes
   * matched one to one, medians): 0.26 of the ink's height on long lines (ink 4+ times as long
   * as high), 0.37 on short ones (up to 1.5 times). What the recogniser reads best: the strings
   * of the born-digital twins found exactly among the words of their 28 scans, 3002 of 4419
   * with the network's boxes, 3010–3013 with these lines at margins 0.20, 0.26 + 0.11 on short
   * lines, 0.30 and 0.36 (no difference); the scan eval then gave 99.5% fields / F1 0.987 at 0.30,
   * 99.4% / 0.983 at 0.26 + 0.11 and 99.5% / 0.983 at 0.30 + 0.07 (single readings of signs and
   * decimal points flipping either way; at 0.30 one decimal point of a held-out scanned sample
   * was read as a comma): 0.30, and the network stays the engine's default (`PpOcrOptions.lineFinder`).
   */
  margin: number;
  /** Added to `margin` for a short line (ink at most 1.5 times as long as high), in part up to 4 times (default 0). */
  shortMargin: number;
  /** Refuse when there are more specks than this per square inch (noise). */
  maxSpecks: number;
  /** Refuse unless upright text: median vertical gap / median horizontal gap between neighbours at least this. */
  minGapRatio: number;
  /** Refuse when more than this share of the lines are taller than `tallLine` × the median and hold two rows of ink. */
  maxMergedShare: number;
  /** Refuse when more than this share of the ink (text + blobs) is in blobs. */
  maxBlobShare: number;
  /** Refuse pages with fewer lines. */
  minLines: number;
  /** Refuse pages with more lines than this whose ink a ruling line crosses or touches (default 0; see `unsure`). */
  maxUnsure: number;
}

export const DEFAULT_LINE_OPTIONS: Readonly<LineFinderOptions> = Object.freeze({
  lighter: 0.25,
  edgeInches: 0.15,
  ruleInches: 0.3,
  longRuleInches: 0.9,
  ruleGap: 2,
  joinGap: 1.5,
  margin: 0.3,
  shortMargin: 0,
  maxSpecks: 9,
  minGapRatio: 1.6,
  maxMergedShare: 0.0,
  maxBlobShare: 0.05,
  minLines: 3,
  maxUnsure: 0,
});

/** What the finder saw on a page (for the refusal and for measurement). */
export interface LineStats {
  components: number;
  specks: number;
  /** Specks per square inch. */
  speckDensity: number;
  blobs: number;
  lines: number;
  /** Median line height (ink), pixels. */
  lineHeight: number;
  /** Median vertical / median horizontal gap to the nearest neighbour (upright text: well above 1). */
  gapRatio: number;
  /** Lone dashes left out. */
  dashes: number;
  /** Lines that hold two rows of ink. */
  merged: number;
  /** Lines whose ink a ruling line crosses or touches, or that cross a gap in a vertical rule (see `unsure`). */
  unsure: number;
  blobShare: number;
  ms: number;
}

export interface LineFinding {
  /** Boxes in source pixels (angle 0), or null when refused. */
  boxes: TextBox[] | null;
  /** Why refused. */
  declined?: string;
  stats: LineStats;
}

type Comp = InkComponent;

interface Line {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  comps: Comp[];
  dead?: boolean;
}

interface Barrier {
  x: number;
  y0: number;
  y1: number;
}

/**
 * The text lines of `image` at `dpi`. Source pixels in, `TextBox` (angle 0, score 1) out, in
 * no particular order.
 */
export function findTextLines(image: EngineImage, dpi: number, options: Partial<LineFinderOptions> = {}): LineFinding {
  const started = process.hrtime.bigint();
  const o = { ...DEFAULT_LINE_OPTIONS, ...options };
  const { width: w, height: h } = image;
  const { plane, step } = greyPlane(image);
  const { threshold: otsuT, paper } = inkAndPaper(histogram(plane, step, w * h));
  // faint print (JPEG, 150 dpi) breaks into pieces at Otsu's threshold: read a little lighter
  const t = Math.round(otsuT + o.lighter * Math.max(0, paper - otsuT));
  const mask = maskBelow(plane, step, 0, w, h, t);
  const minRule = Math.max(20, Math.round(o.ruleInches * dpi));
  const rules = removeRules(mask, minRule, Math.max(minRule, Math.round(o.longRuleInches * dpi)), o.ruleGap);
  const barriers = [...rules.vertical];
  const all = labelRuns(maskRowRuns(mask));

  const stats: LineStats = { components: all.length, specks: 0, speckDensity: 0, blobs: 0, lines: 0, lineHeight: 0, gapRatio: 0, dashes: 0, merged: 0, blobShare: 0, unsure: 0, ms: 0 };
  const done = (boxes: TextBox[] | null, declined?: string): LineFinding => {
    stats.ms = Number(process.hrtime.bigint() - started) / 1e6;
    return declined ? { boxes: null, declined, stats } : { boxes, stats };
  };

  // specks: smaller than a full stop at 5 pt
  const speckSide = Math.max(2, Math.round(dpi / 100));
  const sized = all.filter((c) => Math.max(c.x1 - c.x0, c.y1 - c.y0) > speckSide);
  stats.specks = all.length - sized.length;
  stats.speckDensity = stats.specks / ((w * h) / (dpi * dpi));
  if (all.length === 0) return done(null, 'no text');
  if (stats.speckDensity > o.maxSpecks) return done(null, 'noise');
  // the height of characters: the upper quartile of component heights (parts of characters are lower)
  const H = quantile(sized.map((c) => c.y1 - c.y0), 0.75);
  if (!(H > 0)) return done(null, 'no text');
  // thin tall pieces are bits of vertical rules (barriers); long thin ones bits of horizontal rules
  const text: Comp[] = [];
  let blobInk = 0, textInk = 0;
  const edge = Math.round(o.edgeInches * dpi);
  for (const c of sized) {
    const cw = c.x1 - c.x0, ch = c.y1 - c.y0;
    if (c.x1 <= edge || c.y1 <= edge || c.x0 >= w - edge || c.y0 >= h - edge) continue;
    if (ch >= 1.3 * H && cw <= Math.max(3, 0.2 * H)) {
      barriers.push({ x: (c.x0 + c.x1 - 1) / 2, y0: c.y0, y1: c.y1 });
      continue;
    }
    if (cw >= 3 * H && ch <= Math.max(3, 0.15 * H)) continue;
    if (ch > 3 * H || (cw > 6 * H && ch > 1.5 * H)) {
      stats.blobs++;
      blobInk += c.area;
      continue;
    }
    textInk += c.area;
    text.push(c);
  }
  stats.blobShare = blobInk / Math.max(1, blobInk + textInk);
  if (stats.blobShare > o.maxBlobShare) return done(null, 'blobs');

  stats.gapRatio = gapRatio(text, H);
  if (!(stats.gapRatio >= o.minGapRatio)) return done(null, 'not upright');

  const { lines, lineH } = linkLines(text, barriers, o.joinGap, H);
  stats.lines = lines.length;
  if (lines.length < o.minLines) return done(null, 'few lines');
  stats.lineHeight = quantile(lines.map((l) => l.y1 - l.y0), 0.5);
  stats.merged = lines.filter((l) => l.y1 - l.y0 > 1.6 * stats.lineHeight && twoRows(l)).length;
  if (stats.merged > o.maxMergedShare * lines.length) return done(null, 'merged lines');

  // a lone dash (a cell's "—"): the network boxes few of them and reads those it boxes as 1 or
  // -; boxed here, most read as 1 (measured on corpus/scan: 5 of its pages), a figure that is not there
  const kept = lines.filter((l) => !(l.comps.length === 1 && l.y1 - l.y0 <= 0.25 * lineH && l.x1 - l.x0 <= 2 * lineH));
  stats.dashes = lines.length - kept.length;
  const doubtful = kept.map((l) => unsure(l, rules.horizontal, barriers, lineH));
  for (const i of cutByRule(kept, barriers, (x, y) => plane[(y * w + x) * step] < t, lineH)) doubtful[i] = true;
  stats.unsure = doubtful.filter(Boolean).length;
  if (stats.unsure > o.maxUnsure) return done(null, 'lines on rules');
  const boxes: TextBox[] = kept.map((l) => {
    // a line much lower than the page's text (a lone dash, 一) is boxed as a character would be
    const lh = Math.max(l.y1 - l.y0, 0.8 * lineH);
    const aspect = (l.x1 - l.x0) / lh;
    const m = o.margin + o.shortMargin * Math.min(1, Math.max(0, (4 - aspect) / 2.5));
    const mx = m * lh, my = m * lh;
    const cy = (l.y0 + l.y1) / 2;
    const y0 = Math.max(0, cy - lh / 2 - my), y1 = Math.min(h, cy + lh / 2 + my);
    // a narrow glyph (1, a lone sign) is boxed at least 1/1.4 as wide as high: the recogniser
    // reads a box over 1.5 times taller than wide as a column of stacked characters (a lone 1
    // in a cell was read as 11)
    const half = Math.max((l.x1 - l.x0) / 2 + mx, (y1 - y0) / 2 / 1.4);
    const cx = (l.x0 + l.x1) / 2;
    const wall = walls(l, barriers, w);
    const x0 = Math.max(wall.from, cx - half), x1 = Math.min(wall.to, cx + half);
    return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0, angle: 0, score: 1 };
  });
  return done(boxes);
}

/** Counts of each grey level over `n` pixels, one every `step` bytes (a loop of its own: see docs/ARCHITECTURE.md, "Hot loops"). */
function histogram(plane: Uint8Array | Uint8ClampedArray, step: number, n: number): Uint32Array {
  const counts = new Uint32Array(256);
  for (let i = 0, end = n * step; i < end; i += step) counts[plane[i]]++;
  return counts;
}

/**
 * The grey plane the finder thresholds: the red channel read in place (step 4) when the image is
 * read through it, else BT.601 luma (a grey copy, step 1).
 */
function greyPlane(image: EngineImage): { plane: Uint8Array | Uint8ClampedArray; step: number } {
  if (image.redOnly) return { plane: image.data, step: 4 };
  const n = image.width * image.height;
  const d = image.data;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) out[i] = (d[j] * 77 + d[j + 1] * 150 + d[j + 2] * 29) >> 8;
  return { plane: out, step: 1 };
}

/**
 * Clears ruling lines from `mask` and returns the vertical ones as barriers. A ruling line is a
 * dark run along a row or a column (gaps up to `maxGap` bridged, the mask read one pixel wider
 * across the run so that a residual tilt of a pixel does not break it) of at least `longLen`, or
 * of at least `minLen` with both ends on a long run of the other direction (a short border
 * ends on borders): the aligned strokes of a bold title's characters, bridged across the narrow
 * gaps between them, make runs as long as a short border (measured on corpus/scan c019: its
 * title cut into upper and lower halves when every run of 0.3 in was a rule).
 */
function removeRules(mask: InkMask, minLen: number, longLen: number, maxGap: number): { vertical: Barrier[]; horizontal: InkRun[] } {
  const horizontal = rowRuns(mask, minLen, maxGap);
  const vertical = columnRuns(mask, minLen, maxGap);
  const longH = horizontal.filter((r) => r.to - r.from >= longLen);
  const longV = vertical.filter((r) => r.to - r.from >= longLen);
  const tol = 3;
  const meets = (end: number, at: number, others: InkRun[]) => others.some((o) => Math.abs(o.at - end) <= tol && at >= o.from - tol && at <= o.to + tol);
  const rule = (r: InkRun, others: InkRun[]) => r.to - r.from >= longLen || (meets(r.from, r.at, others) && meets(r.to - 1, r.at, others));
  const hRules = horizontal.filter((r) => rule(r, longV));
  const vRules = vertical.filter((r) => rule(r, longH));
  for (const r of hRules) clearRowRun(mask, r);
  for (const r of vRules) clearColumnRun(mask, r);
  return { vertical: vRules.map((r) => ({ x: r.at, y0: r.from, y1: r.to })), horizontal: hRules };
}

/**
 * A line whose box cannot be trusted to read as the network's would: a table's horizontal rule
 * runs through its ink (seal remnants or specks joined to text across a rule), or a vertical rule
 * runs through its ink (ink on both sides of it: the % of `100.00%` printed over a column's rule),
 * or a vertical rule ends within 1.5 line heights above or below a line that spans its column with
 * no horizontal rule between (a rule broken by a seal or by fading, its pieces joined to the text).
 * Seen on a second set of 27 scan twins the finder was not tuned on: `100.00%` read as `100.009`
 * (the rule through the %), `99.91` as `99.` (a line grown over a seal's remnants, across two
 * rules). The network boxes these from the whole picture: the page goes to it.
 */
function unsure(l: Line, horizontal: InkRun[], vertical: Barrier[], lineH: number): boolean {
  const width = l.x1 - l.x0;
  for (const r of horizontal) {
    if (r.at <= l.y0 || r.at >= l.y1 - 1) continue;
    const along = Math.min(r.to, l.x1) - Math.max(r.from, l.x0);
    // a table's rule runs on beyond the line (aligned strokes of one line's characters do not)
    if (along >= Math.min(lineH, 0.5 * width) && (r.from < l.x0 - lineH || r.to > l.x1 + lineH)) return true;
  }
  const reach = 1.5 * lineH;
  // a horizontal rule across column x between rows a and b: the vertical rule ends on it (a
  // header spanning the columns below it), not short of the line
  const closed = (x: number, a: number, b: number) => horizontal.some((r) => r.at >= a - 3 && r.at <= b + 3 && r.from <= x + 3 && r.to >= x - 3);
  const mid = (l.y0 + l.y1) / 2;
  for (const v of vertical) {
    // strictly inside the ink: ink on both sides of the rule's column
    if (v.x <= l.x0 + 1 || v.x >= l.x1 - 2) continue;
    if (v.y0 >= l.y1 + reach || v.y1 <= l.y0 - reach) continue;
    if (v.y0 <= mid && v.y1 >= mid) return true;
    if (v.y1 <= mid && closed(v.x, v.y1, l.y0)) continue;
    if (v.y0 >= mid && closed(v.x, l.y1, v.y0)) continue;
    return true;
  }
  return false;
}

/**
 * The lines (indices into `lines`) of a glyph printed over a vertical rule: the rule's removal
 * leaves its halves in two lines, each touching the rule from its side on the same row, one of
 * them a sliver narrower than 0.6 line heights (`100.00%` read as `100.009` on a scan, the right
 * half of the % a line of its own). A rule band is the rule read a pixel wider on each side and
 * cleared, so ink touching the rule or a pixel short of it ends at the band's first column or
 * starts right after its last; it touches when the band's outer column is ink (`dark`, the page
 * before clearing) on at least two of the line's rows. Two cells' texts that come within a
 * pixel of the rule between them are no such pair: neither is a sliver.
 */
function cutByRule(lines: Line[], vertical: Barrier[], dark: (x: number, y: number) => boolean, lineH: number): number[] {
  const out: number[] = [];
  const mid = (l: Line) => (l.y0 + l.y1) / 2;
  const touches = (x: number, l: Line) => {
    let n = 0;
    for (let y = l.y0; y < l.y1; y++) if (dark(x, y)) n++;
    return n >= 2;
  };
  for (const band of ruleBands(vertical)) {
    const on = (l: Line) => band.y0 <= mid(l) && band.y1 >= mid(l);
    const left = lines.filter((l) => l.x1 >= band.x0 && l.x1 <= band.x0 + 1 && on(l));
    if (!left.length) continue;
    const right = lines.filter((l) => l.x0 >= band.x1 && l.x0 <= band.x1 + 1 && on(l));
    for (const a of left) {
      for (const b of right) {
        const y0 = Math.max(a.y0, b.y0), y1 = Math.min(a.y1, b.y1);
        if (y1 - y0 < 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0)) continue;
        const sliver = Math.min(a.x1 - a.x0, b.x1 - b.x0) < 0.6 * lineH;
        if (sliver && touches(band.x0, a) && touches(band.x1, b)) out.push(lines.indexOf(a), lines.indexOf(b));
      }
    }
  }
  return out;
}

/** Vertical rules side by side (one rule's columns, read a pixel wider on each side) as one band, x1 its last column. */
function ruleBands(vertical: Barrier[]): { x0: number; x1: number; y0: number; y1: number }[] {
  const sorted = [...vertical].sort((a, b) => a.x - b.x || a.y0 - b.y0);
  const bands: { x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const v of sorted) {
    const b = bands.find((b) => v.x - b.x1 <= 1 && v.x >= b.x0 && v.y0 < b.y1 && v.y1 > b.y0);
    if (b) {
      b.x1 = Math.max(b.x1, v.x);
      b.y0 = Math.min(b.y0, v.y0);
      b.y1 = Math.max(b.y1, v.y1);
    } else bands.push({ x0: v.x, x1: v.x, y0: v.y0, y1: v.y1 });
  }
  return bands;
}

/**
 * The span [from, to) a line's box may take along the row: up to the nearest vertical rule on
 * each side that runs past the line's middle row. A box grown by its margin over a cell's rule
 * reads the rule as a character (`10` as `101`, measured on the second scan set); the network's
 * boxes stop short of the rule.
 */
function walls(l: Line, vertical: Barrier[], w: number): { from: number; to: number } {
  let from = 0, to = w;
  const mid = (l.y0 + l.y1) / 2;
  for (const v of vertical) {
    if (v.y0 > mid || v.y1 < mid) continue;
    if (v.x < l.x0 && v.x + 1 > from) from = v.x + 1;
    if (v.x >= l.x1 - 1 && v.x < to) to = v.x;
  }
  return { from, to };
}

/**
 * `inkGapRatio` over the components at least half a character high and 0.3 of one wide, gaps
 * capped at 3 characters' height.
 */
function gapRatio(comps: Comp[], H: number): number {
  return inkGapRatio(comps.filter((c) => c.y1 - c.y0 >= 0.5 * H && c.x1 - c.x0 >= 0.3 * H), 3 * H);
}

/** Is a vertical rule between x = a and x = b (a < b) over rows y0..y1? */
function blocked(barriers: Barrier[], a: number, b: number, y0: number, y1: number): boolean {
  for (const r of barriers) {
    if (r.x > a && r.x < b && r.y0 < y1 && r.y1 > y0) return true;
  }
  return false;
}

/** Components linked into lines, left to right; then pieces of one line merged. */
function linkLines(comps: Comp[], barriers: Barrier[], joinGap: number, H: number): { lines: Line[]; lineH: number } {
  const lines = chainComponents(comps, barriers, joinGap);
  // the height of a line of text: lines of several pieces, upper quartile
  const multi = lines.filter((l) => l.comps.length >= 3).map((l) => l.y1 - l.y0);
  const lineH = Math.max(H, quantile(multi, 0.75));
  // pieces of one line: lying inside another line's band, or above/below it where both
  // together are no taller than a line (faint print broken into upper and lower halves)
  mergePieces(lines, barriers, joinGap, lineH);
  return { lines: lines.filter((l) => !l.dead), lineH };
}

/** Components linked into lines, left to right (each loop of the finder a function of its own: see docs/ARCHITECTURE.md, "Hot loops"). */
function chainComponents(comps: Comp[], barriers: Barrier[], joinGap: number): Line[] {
  const sorted = [...comps].sort(byLeftThenTop);
  const lines: Line[] = [];
  let active: Line[] = [];
  let maxH = 0;
  for (const c of sorted) {
    const ch = c.y1 - c.y0;
    maxH = Math.max(maxH, ch);
    // lines ended further left than any join could reach
    if (active.length > 64) active = active.filter((l) => c.x0 - l.x1 <= joinGap * Math.max(maxH, l.y1 - l.y0));
    let best: Line | null = null;
    let bestScore = -Infinity;
    for (const l of active) {
      const lh = l.y1 - l.y0;
      const gap = c.x0 - l.x1;
      if (gap > joinGap * Math.max(lh, ch)) continue;
      const ov = Math.min(c.y1, l.y1) - Math.max(c.y0, l.y0);
      if (ov <= 0 || ov < 0.5 * Math.min(ch, lh)) continue;
      const uh = Math.max(c.y1, l.y1) - Math.min(c.y0, l.y0);
      if (uh > 1.5 * Math.max(ch, lh)) continue;
      if (gap > 0 && blocked(barriers, l.x1 - 1, c.x0, Math.max(c.y0, l.y0), Math.min(c.y1, l.y1))) continue;
      const score = ov / Math.min(ch, lh) - gap / (1000 * Math.max(lh, ch));
      if (score > bestScore) {
        bestScore = score;
        best = l;
      }
    }
    if (best) {
      best.comps.push(c);
      best.x0 = Math.min(best.x0, c.x0);
      best.x1 = Math.max(best.x1, c.x1);
      best.y0 = Math.min(best.y0, c.y0);
      best.y1 = Math.max(best.y1, c.y1);
    } else {
      const l: Line = { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, comps: [c] };
      lines.push(l);
      active.push(l);
    }
  }
  return lines;
}

/** Pieces of one line (see linkLines) merged into the taller; the merged-away lines marked dead. */
function mergePieces(lines: Line[], barriers: Barrier[], joinGap: number, lineH: number): void {
  let changed = true;
  while (changed) {
    changed = false;
    const live = lines.filter(isLive).sort(byHeightDown);
    for (const a of live) {
      if (a.dead) continue;
      const ah = a.y1 - a.y0;
      for (const b of live) {
        if (b === a || b.dead) continue;
        const bh = b.y1 - b.y0;
        if (bh > ah) continue;
        const tol = 0.2 * ah;
        const inside = b.y0 >= a.y0 - tol && b.y1 <= a.y1 + tol;
        const uh = Math.max(a.y1, b.y1) - Math.min(a.y0, b.y0);
        const gap = Math.max(b.x0 - a.x1, a.x0 - b.x1);
        if (inside) {
          if (gap > joinGap * ah || uh > 1.3 * ah) continue;
        } else {
          // halves: overlapping along the line by most of the shorter one, together one line high
          const along = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
          if (along < 0.5 * Math.min(a.x1 - a.x0, b.x1 - b.x0) || uh > 1.15 * lineH) continue;
        }
        if (gap > 0) {
          const [l, r] = a.x1 <= b.x0 ? [a, b] : [b, a];
          if (blocked(barriers, l.x1 - 1, r.x0, Math.max(a.y0, b.y0), Math.min(a.y1, b.y1))) continue;
        }
        a.comps.push(...b.comps);
        a.x0 = Math.min(a.x0, b.x0);
        a.x1 = Math.max(a.x1, b.x1);
        a.y0 = Math.min(a.y0, b.y0);
        a.y1 = Math.max(a.y1, b.y1);
        b.dead = true;
        changed = true;
      }
    }
  }
}

/** Does a line's ink fall into two rows with a clear band between them (two lines caught in one)? */
function twoRows(l: Line): boolean {
  const h = l.y1 - l.y0;
  const rows = new Float64Array(h);
  for (const c of l.comps) for (let y = c.y0; y < c.y1; y++) rows[y - l.y0] += c.x1 - c.x0;
  const peak = Math.max(...rows);
  for (let y = Math.floor(0.25 * h); y < Math.ceil(0.75 * h); y++) if (rows[y] < 0.05 * peak) return true;
  return false;
}

// comparators and predicates of the loops above: module-level, not made per call (docs/ARCHITECTURE.md, "Hot loops")
function byLeftThenTop(a: Comp, b: Comp): number {
  return a.x0 - b.x0 || a.y0 - b.y0;
}
function isLive(l: Line): boolean {
  return !l.dead;
}
function byHeightDown(a: Line, b: Line): number {
  return b.y1 - b.y0 - (a.y1 - a.y0);
}
