/**
 * Which way a scanned page of printed Chinese text lies, from its pixels alone (no recognition),
 * cheaply enough to ask before the text detector runs.
 *
 * Two questions, on the connected components of the page's ink (red channel, so that red seals
 * fade; shrunk to about 150 dpi):
 *  1. Do the text lines run across the image or down it? Characters of a line stand side by side,
 *     lines stand apart: the median gap from a character to its nearest neighbour along the
 *     lines is much smaller than across them (`gapRatio`: gap below / gap to the right).
 *  2. Which side of the lines is their foot? Punctuation and decimal points (，。、. and the
 *     comma of 1,234) sit at the foot of a line, in the gap between two characters; upside down
 *     they sit at its head. Detached strokes inside a character (the dots of 主, 单, 心, 灬) are
 *     not counted: something else of the line lies beside them along the line (`freeDots`).
 *
 * The answer is a quarter turn only when both questions have a clear answer, else `null`: the
 * caller then reads the page as it lies and looks (detect, look, turn). Wrong is worse than slow.
 *
 * Measured on the 38 page images of corpus/scan (150/200/300 dpi, JPEG 40–90, seals, skew up to
 * 2°, phone photos; 8 lie sideways, 5 upside down), each also turned by 90°, 180° and 270° (152
 * images): every turn named was right; the direction of the lines was named on all 152 (gap
 * ratio 2.8–19 across, 0.06–0.36 down); a turn on 101 (as scanned: 7 of the 8 sideways pages,
 * 2 of the 5 upside-down ones, 17 of the 25 upright ones). The largest count of
 * dots on the wrong side was 7 (against 15 on the right one, at 150 dpi, JPEG). Without the
 * faint-stroke test (`inkAcross`) the dots of 广, 户 and 部 over their faint strokes counted:
 * 18 against 16 on that page. At 100 dpi the dots vanish and tables' lines merge (direction lost
 * on 3 pages). Cost: 15–20 ms CPU per page (mean over the 38), against ~560 ms for a detection run.
 */
import type { RgbaImage } from '../index.js';
import { gapRatio, inkAndPaper, labelRuns, planeRowRuns, quantile, type InkComponent } from '../ink.js';

export interface OrientationOptions {
  /** The ink is analysed at about this resolution (the image is shrunk by a whole factor). Default 150. */
  workDpi: number;
  /** Lines run across when gapRatio ≥ this, down when ≤ 1 / this. Default 2.5. */
  minGapRatio: number;
  /** Fewest characters (components of character size) needed to say anything. Default 40. */
  minCharacters: number;
  /** Fewest dots at one side of the lines needed to name the foot. Default 5. */
  minDots: number;
  /** The foot's side must hold this many times the dots of the other. Default 3. */
  dotRatio: number;
}

export const DEFAULT_ORIENTATION_OPTIONS: Readonly<OrientationOptions> = Object.freeze({
  workDpi: 150,
  minGapRatio: 2.5,
  minCharacters: 40,
  minDots: 5,
  dotRatio: 3,
});

export interface OrientationStats {
  /** Components of the ink (all sizes). */
  components: number;
  /** Components of about a character's size. */
  characters: number;
  /** A character's size (upper quartile of component sizes), pixels of the work image. */
  charSize: number;
  /** Median gap to the nearest neighbour below / to the right (+1 each): upright or upside down ≫ 1, sideways ≪ 1. */
  gapRatio: number;
  /** Dots at the top of the lines when they run across, at their left when they run down. */
  dotsBefore: number;
  /** Dots at the bottom of the lines when they run across, at their right when they run down. */
  dotsAfter: number;
  /** Shrink factor to the work image. */
  factor: number;
  ms: number;
}

export interface OrientationFinding {
  /** Quarter turns clockwise that make the page upright (0 when it is), or null when unsure. */
  quarterTurns: 0 | 1 | 2 | 3 | null;
  /** Direction of the text lines in the image, or null when unsure. */
  lines: 'across' | 'down' | null;
  stats: OrientationStats;
}

type Comp = InkComponent;

/**
 * How `img` (at `dpi`) lies. `quarterTurns` is set only when the lines' direction and their foot
 * are both clear (see the module's docstring); `lines` alone when only the direction is.
 */
export function findOrientation(img: RgbaImage, dpi: number, options: Partial<OrientationOptions> = {}): OrientationFinding {
  const started = process.hrtime.bigint();
  const o = { ...DEFAULT_ORIENTATION_OPTIONS, ...options };
  const factor = Math.max(1, Math.floor(dpi / o.workDpi + 0.25));
  const { plane, hist } = redPlane(img, factor);
  const { threshold: t, paper } = inkAndPaper(hist);
  const comps = labelRuns(planeRowRuns(plane.data, plane.stride, plane.width, plane.height, t));
  const stats: OrientationStats = { components: comps.length, characters: 0, charSize: 0, gapRatio: 0, dotsBefore: 0, dotsAfter: 0, factor, ms: 0 };
  const done = (quarterTurns: OrientationFinding['quarterTurns'], lines: OrientationFinding['lines']): OrientationFinding => {
    stats.ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { quarterTurns, lines, stats };
  };
  const speck = Math.max(2, Math.round((dpi / factor) / 100));
  const sized = comps.filter((c) => side(c) > speck);
  const S = quantile(sized.map(side), 0.75);
  stats.charSize = S;
  if (!(S > 0)) return done(null, null);
  // characters (and the larger parts of characters): neither specks nor rules nor blobs
  const chars = sized.filter((c) => {
    const a = side(c), b = Math.min(c.x1 - c.x0, c.y1 - c.y0);
    return a >= 0.5 * S && a <= 1.5 * S && b >= 0.3 * S;
  });
  stats.characters = chars.length;
  if (chars.length < o.minCharacters) return done(null, null);
  stats.gapRatio = gapRatio(chars, 3 * S);
  const lines = stats.gapRatio >= o.minGapRatio ? 'across' : stats.gapRatio <= 1 / o.minGapRatio ? 'down' : null;
  if (!lines) return done(null, null);
  // faint strokes: ink lighter than the threshold, halfway to the paper
  const faint = Math.round(t + 0.5 * Math.max(0, paper - t));
  const { before, after } = freeDots(sized, S, lines === 'down', speck, { plane, faint });
  stats.dotsBefore = before;
  stats.dotsAfter = after;
  // the lines' foot at the bottom or right (after), or at the top or left (before)
  let footAfter: boolean | null = null;
  if (after >= o.minDots && after >= o.dotRatio * before) footAfter = true;
  else if (before >= o.minDots && before >= o.dotRatio * after) footAfter = false;
  if (footAfter === null) return done(null, lines);
  // across: foot at the bottom → upright, at the top → upside down. Down: a page turned a
  // quarter clockwise has its top at the right and its foot at the left → three more quarters;
  // turned a quarter anticlockwise, its foot at the right → one quarter.
  if (lines === 'across') return done(footAfter ? 0 : 2, lines);
  return done(footAfter ? 1 : 3, lines);
}

/**
 * The red channel (as the engine reads the page: red seals fade, black and blue print stays
 * dark), shrunk by `f` (block means), as a plane: the value of pixel i is `data[i * stride]`.
 * At `f` = 1 the image's own bytes (no copy). With a histogram of every `HIST_STEP`-th pixel
 * (enough for Otsu's threshold; counting every pixel cost more than the rest of the shrink).
 */
function redPlane(img: RgbaImage, f: number): { plane: Plane; hist: Uint32Array } {
  const sw = img.width, d = img.data;
  const w = Math.floor(sw / f), h = Math.floor(img.height / f);
  const hist = new Uint32Array(256);
  if (f === 1) {
    for (let i = 0; i < w * h; i += HIST_STEP) hist[d[i * 4]]++;
    return { plane: { data: d, width: w, height: h, stride: 4 }, hist };
  }
  const grey = new Uint8Array(w * h);
  if (f === 2) {
    // 300 dpi scans: two source rows per output row, read side by side
    const rowBytes = sw * 4;
    for (let y = 0, i = 0; y < h; y++) {
      let j = 2 * y * rowBytes;
      for (let x = 0; x < w; x++, i++, j += 8) grey[i] = (d[j] + d[j + 4] + d[j + rowBytes] + d[j + rowBytes + 4]) >> 2;
    }
    for (let i = 0; i < grey.length; i += HIST_STEP) hist[grey[i]]++;
    return { plane: { data: grey, width: w, height: h, stride: 1 }, hist };
  }
  const sums = new Uint32Array(w);
  const n = f * f;
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let dy = 0; dy < f; dy++) {
      let j = (y * f + dy) * sw * 4;
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < f; dx++, j += 4) s += d[j];
        sums[x] += s;
      }
    }
    const row = y * w;
    for (let x = 0; x < w; x++) grey[row + x] = (sums[x] / n) | 0;
  }
  for (let i = 0; i < grey.length; i += HIST_STEP) hist[grey[i]]++;
  return { plane: { data: grey, width: w, height: h, stride: 1 }, hist };
}

/** Pixels counted for the histogram: every this many (an odd step, so that columns are mixed). */
const HIST_STEP = 7;

/** A grey plane: pixel i's value is `data[i * stride]`. */
interface Plane {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  stride: number;
}

/**
 * Dots (components 0.08–0.35 of a character's size, about as wide as high) that stand alone in a
 * line's gap between two characters, counted by the side of the line they sit on. `down`: the
 * lines run down the image (then "along" is y, and `before` counts the dots at the left). A dot counts when no
 * other component lies beside it along the line (overlapping it along the line, less than 0.6
 * of a character's size away across it: it would be part of a character, as the dots of 主 or
 * 单), when a character (across the line 0.5–1.5 of a character's size) is next to it within a
 * character's size along the line, the dot within its extent across, and when its centre is in
 * the outer third of its neighbours' extent across the line. Ruling lines (long and thin) are
 * not components here.
 */
function freeDots(comps: Comp[], S: number, down: boolean, speck: number, ink: { plane: Plane; faint: number }): { before: number; after: number } {
  // the frame where lines run along u and across v
  type R = { u0: number; u1: number; v0: number; v1: number };
  const rs: R[] = [];
  for (const c of comps) {
    const r = down ? { u0: c.y0, u1: c.y1, v0: c.x0, v1: c.x1 } : { u0: c.x0, u1: c.x1, v0: c.y0, v1: c.y1 };
    const lu = r.u1 - r.u0, lv = r.v1 - r.v0;
    if (Math.max(lu, lv) <= speck) continue;
    if (Math.min(lu, lv) <= 0.2 * S && Math.max(lu, lv) >= 3 * S) continue; // a ruling line
    if (lv > 3 * S) continue; // a blob, or a vertical rule with its text
    rs.push(r);
  }
  // a grid of cells S × S: each component listed in every cell it covers
  const cell = Math.max(1, S);
  let maxU = 0, maxV = 0;
  for (const r of rs) {
    if (r.u1 > maxU) maxU = r.u1;
    if (r.v1 > maxV) maxV = r.v1;
  }
  const gu = Math.ceil(maxU / cell) + 1, gv = Math.ceil(maxV / cell) + 1;
  const grid: number[][] = Array.from({ length: gu * gv }, () => []);
  rs.forEach((r, k) => {
    for (let a = Math.floor(r.u0 / cell); a <= Math.floor((r.u1 - 1) / cell); a++) {
      for (let b = Math.floor(r.v0 / cell); b <= Math.floor((r.v1 - 1) / cell); b++) grid[a * gv + b].push(k);
    }
  });
  const minDot = Math.max(speck + 1, 0.08 * S), maxDot = 0.35 * S;
  let atLow = 0, atHigh = 0;
  const seen = new Int32Array(rs.length).fill(-1);
  for (let i = 0; i < rs.length; i++) {
    const d = rs[i];
    const du = d.u1 - d.u0, dv = d.v1 - d.v0;
    const size = Math.max(du, dv);
    if (size < minDot || size > maxDot || du > 2.5 * dv || dv > 2.5 * du) continue;
    let before: R | null = null, after: R | null = null;
    let beside = false;
    const a0 = Math.max(0, Math.floor((d.u0 - S) / cell)), a1 = Math.min(gu - 1, Math.floor((d.u1 + S) / cell));
    const b0 = Math.max(0, Math.floor((d.v0 - S) / cell)), b1 = Math.min(gv - 1, Math.floor((d.v1 + S) / cell));
    for (let a = a0; a <= a1 && !beside; a++) {
      for (let b = b0; b <= b1 && !beside; b++) {
        for (const k of grid[a * gv + b]) {
          if (k === i || seen[k] === i) continue;
          seen[k] = i;
          const c = rs[k];
          const vGap = Math.max(c.v0 - d.v1, d.v0 - c.v1);
          if (c.u0 < d.u1 && c.u1 > d.u0) {
            if (vGap < 0.6 * S) {
              beside = true;
              break;
            }
            continue;
          }
          const cv = c.v1 - c.v0;
          if (cv < 0.5 * S || cv > 1.5 * S) continue;
          if (d.v0 < c.v0 - 0.2 * S || d.v1 > c.v1 + 0.2 * S) continue;
          if (c.u1 <= d.u0 && d.u0 - c.u1 <= S) {
            if (!before || c.u1 > before.u1) before = c;
          } else if (c.u0 >= d.u1 && c.u0 - d.u1 <= S) {
            if (!after || c.u0 < after.u0) after = c;
          }
        }
      }
    }
    if (beside || (!before && !after)) continue;
    const v0 = Math.min(before?.v0 ?? Infinity, after?.v0 ?? Infinity);
    const v1 = Math.max(before?.v1 ?? -Infinity, after?.v1 ?? -Infinity);
    if (v1 - v0 < 2.5 * size) continue;
    // nothing else across the line band above or below the dot, not even a faint stroke
    if (inkAcross(ink, down, d, v0, v1)) continue;
    const p = ((d.v0 + d.v1) / 2 - v0) / (v1 - v0);
    if (p >= 2 / 3) atHigh++;
    else if (p <= 1 / 3) atLow++;
  }
  return { before: atLow, after: atHigh };
}

/** Any pixel darker than `ink.faint` in the dot's columns (along u) across the band v0..v1, outside the dot's own rows ± 1? */
function inkAcross(ink: { plane: Plane; faint: number }, down: boolean, d: { u0: number; u1: number; v0: number; v1: number }, v0: number, v1: number): boolean {
  const { data, width, stride } = ink.plane;
  const faint = ink.faint;
  for (let v = v0; v < v1; v++) {
    if (v >= d.v0 - 1 && v < d.v1 + 1) continue;
    for (let u = d.u0; u < d.u1; u++) {
      if (data[(down ? u * width + v : v * width + u) * stride] < faint) return true;
    }
  }
  return false;
}

/** A component's longer side (module-level, not made per call: see docs/ARCHITECTURE.md, "Hot loops"). */
function side(c: Comp): number {
  return Math.max(c.x1 - c.x0, c.y1 - c.y0);
}
