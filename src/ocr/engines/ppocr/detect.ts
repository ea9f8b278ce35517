/**
 * DB text detection (PP-OCRv4 det) post-processing: probability map → text boxes.
 *
 * The network returns, per pixel of the (resized) input, the probability of lying in a text
 * region's shrunken core. We threshold it, label connected components, fit a rectangle to each
 * (rotated by the component's principal axis when it is visibly tilted), score it by the mean
 * probability over its pixels, and grow it by DB's unclip distance (area × ratio / perimeter).
 */
import type { RgbaImage } from '../../types.js';

/**
 * An image as the engine reads it: with `redOnly`, every pixel is read as grey of its red
 * channel (what a copy with G and B set to R would give, without the copy: a 300 dpi page
 * is 35 MB). Red seals nearly vanish in the red channel.
 */
export type EngineImage = RgbaImage & { redOnly?: boolean };

/** Offset of channel c (0 R, 1 G, 2 B) within a pixel as `image` is read. */
function channelStep(image: EngineImage): number {
  return image.redOnly ? 0 : 1;
}

/** A text box in source-image pixels: centre, size along/across the text, angle (radians). */
export interface TextBox {
  cx: number;
  cy: number;
  /** Along the text direction. */
  w: number;
  /** Across the text direction. */
  h: number;
  /** Rotation of the text direction from the x axis, radians, y down (positive = clockwise). */
  angle: number;
  score: number;
}

export interface DetectOptions {
  /** Longest side the page is scaled down to before detection (memory and time bound). */
  maxSide: number;
  /** Pixels of the probability map counted as text. */
  binaryThreshold: number;
  /** Boxes whose mean probability is below this are dropped. */
  boxThreshold: number;
  /** DB unclip ratio: offset = area × ratio / perimeter. */
  unclipRatio: number;
  /** Boxes thinner than this many source pixels (after unclip) are dropped. */
  minSize: number;
  /**
   * Run the network only on the inked part of the page (plus `inkMargin` map pixels), at the
   * scale the whole page would get (`inkWindow`). The network's cost grows with its input's
   * pixels, and a filing's page is about half white margin and empty space below its last row.
   * Off by default: the readings change (the network's squeeze-excitation blocks average over
   * the whole input), both ways — on the 28 scan twins of corpus/scan, ~10% less CPU but
   * fields 89.3% → 89.6% (margin 32) / 88.0% (margin 128), one expected flag lost and more
   * flags raised on figures misread.
   */
  cropToInk: boolean;
  /** White kept around the inked part, map pixels (default 32: one step of the network's coarsest level). */
  inkMargin: number;
}

export const DEFAULT_DETECT_OPTIONS: DetectOptions = {
  maxSide: 1600,
  binaryThreshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.6,
  minSize: 5,
  cropToInk: false,
  inkMargin: 32,
};

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** Detection input: planar float32 CHW (BGR, as PaddleOCR's cv2 pipeline), with its scale. */
export interface DetInput {
  data: Float32Array;
  width: number;
  height: number;
  /** map pixel = source pixel × scale (per axis, since both sides are rounded to 32). */
  scaleX: number;
  scaleY: number;
  /**
   * Where this input's top-left pixel lies in the map of the whole page (map pixels; 0 when
   * the whole page is the input): a map pixel (x, y) of this input is (x + offsetX, y + offsetY)
   * of the whole page's map.
   */
  offsetX?: number;
  offsetY?: number;
}

/** A window of the whole page's detection map, map pixels; width and height multiples of 32. */
export interface MapWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Size of the whole page's detection map and its scale (what `prepareDetInput` uses). */
export function detMapSize(sw: number, sh: number, maxSide: number, minSide = 32): { width: number; height: number; scaleX: number; scaleY: number } {
  let s = Math.min(1, maxSide / Math.max(sw, sh));
  // very small crops (a cell, a line) are scaled up a little: DB needs some context
  if (Math.max(sw, sh) * s < 64) s = 64 / Math.max(sw, sh);
  const width = Math.max(minSide, Math.round((sw * s) / 32) * 32);
  const height = Math.max(minSide, Math.round((sh * s) / 32) * 32);
  return { width, height, scaleX: width / sw, scaleY: height / sh };
}

/**
 * The window of the page's detection map (size `mapWidth` × `mapHeight`) that holds its ink,
 * or `null` when the page has no ink or the window would not be smaller than the map.
 *
 * Every `step`-th source pixel each way is sampled; a sample darker than `dark` (R+G+B) is
 * ink. Samples are counted per band of `band` map columns and per band of `band` map rows; a
 * band holds ink when its count reaches `minInk` plus three times the count of the emptiest
 * tenth of the bands (scanner noise: isolated specks all over the page). The window spans the
 * first to the last inked band each way, grown by `margin` map pixels, then to multiples of
 * 32 within the map. A scan with dark borders or dense noise gets the whole map (costs time,
 * never text). Source pixels → map pixels by the map's per-axis scale.
 */
export function inkWindow(
  image: EngineImage,
  mapWidth: number,
  mapHeight: number,
  margin: number,
  { step = 2, band = 8, minInk = 8, dark = 3 * 160 }: { step?: number; band?: number; minInk?: number; dark?: number } = {},
): MapWindow | null {
  const { width: sw, height: sh, data } = image;
  const cs = channelStep(image);
  const sx = mapWidth / sw / band;
  const sy = mapHeight / sh / band;
  const cols = new Uint32Array(Math.ceil(mapWidth / band));
  const rows = new Uint32Array(Math.ceil(mapHeight / band));
  for (let y = 0; y < sh; y += step) {
    const r = Math.min(rows.length - 1, Math.floor(y * sy));
    let i = y * sw * 4;
    for (let x = 0; x < sw; x += step, i += 4 * step) {
      if (data[i] + data[i + cs] + data[i + 2 * cs] <= dark) {
        cols[Math.min(cols.length - 1, Math.floor(x * sx))]++;
        rows[r]++;
      }
    }
  }
  const extent = (counts: Uint32Array): [number, number] | null => {
    const floor = [...counts].sort((p, q) => p - q)[Math.floor(counts.length / 10)];
    const need = minInk + 3 * floor;
    let lo = -1;
    let hi = -1;
    counts.forEach((v, k) => {
      if (v < need) return;
      if (lo < 0) lo = k;
      hi = k;
    });
    return lo < 0 ? null : [lo * band, (hi + 1) * band];
  };
  const ex = extent(cols);
  const ey = extent(rows);
  if (!ex || !ey) return null;
  const span = ([lo, hi]: [number, number], size: number): [number, number] => {
    let a = Math.max(0, lo - margin);
    let b = Math.min(size, hi + margin);
    const want = Math.min(size, Math.ceil((b - a) / 32) * 32);
    // grow to a multiple of 32, to the right/bottom first, then to the left/top
    b = Math.min(size, a + want);
    a = b - want;
    return [a, b - a];
  };
  const [x, width] = span(ex, mapWidth);
  const [y, height] = span(ey, mapHeight);
  if (width * height >= mapWidth * mapHeight) return null;
  return { x, y, width, height };
}

/**
 * Resizes (area-averaging when shrinking, bilinear when growing) and normalises an image.
 * With `window` (a window of the whole page's map, `inkWindow`), only that window of the
 * map is produced, pixel for pixel the values the whole map would hold there.
 *
 * Source columns and rows (and their bilinear fractions) are worked out once per column and
 * per row, and an image read through one channel (`redOnly`) is sampled once per pixel for
 * the three planes; the values are those of sampling every channel of every pixel with
 * `makeSampler`'s arithmetic (same operations in the same order: the same floats; compared
 * bit for bit on random images, windows and sizes). Measured (red channel, 1600 px map): a
 * 200 dpi A4 page 66 → 20 ms, a 300 dpi one 56 → 34 ms.
 *
 * `scratch`: a buffer to write into when it holds at least 3 × width × height values (the
 * result's `data` is then a view of its start), else a new one is made. A caller that detects
 * page after page passes the last page's buffer back: no fresh 22 MB (1600 × 1152 map) to be
 * zeroed and faulted in per run, and no external-memory pressure on V8's collector.
 */
export function prepareDetInput(image: EngineImage, maxSide: number, minSide = 32, window: MapWindow | null = null, scratch?: Float32Array): DetInput {
  const { width: sw, height: sh, data: src } = image;
  const cs = channelStep(image);
  const full = detMapSize(sw, sh, maxSide, minSide);
  const { scaleX, scaleY } = full;
  const ox = window?.x ?? 0;
  const oy = window?.y ?? 0;
  const width = window?.width ?? full.width;
  const height = window?.height ?? full.height;
  const plane = width * height;
  // every value is written below: a reused buffer needs no clearing
  const out = scratch && scratch.length >= plane * 3 ? scratch.subarray(0, plane * 3) : new Float32Array(plane * 3);
  const a0 = 1 / (255 * STD[2]), a1 = 1 / (255 * STD[1]), a2 = 1 / (255 * STD[0]);
  const b0 = -MEAN[2] / STD[2], b1 = -MEAN[1] / STD[1], b2 = -MEAN[0] / STD[0];
  const px = [0, 0, 0];
  // box filter footprint when shrinking, bilinear when enlarging
  const fx = 1 / scaleX;
  const fy = 1 / scaleY;
  const put = (o: number, r: number, g: number, bl: number): void => {
    // BGR planes
    out[o] = bl * a0 + b0;
    out[plane + o] = g * a1 + b1;
    out[2 * plane + o] = r * a2 + b2;
  };
  if (fx > 1.5 || fy > 1.5) {
    // each map pixel: the mean of the source pixels of its footprint (integer sums: exact)
    const xs0 = new Int32Array(width), xs1 = new Int32Array(width);
    for (let wx = 0; wx < width; wx++) {
      const x = wx + ox;
      xs0[wx] = Math.floor(x * fx);
      xs1[wx] = Math.min(sw, Math.max(xs0[wx] + 1, Math.floor((x + 1) * fx)));
    }
    for (let wy = 0; wy < height; wy++) {
      const y = wy + oy;
      const y0 = Math.floor(y * fy);
      const y1 = Math.min(sh, Math.max(y0 + 1, Math.floor((y + 1) * fy)));
      for (let wx = 0; wx < width; wx++) {
        const x0 = xs0[wx], x1 = xs1[wx];
        const n = (x1 - x0) * (y1 - y0);
        const o = wy * width + wx;
        if (cs === 0) {
          let r = 0;
          for (let yy = y0; yy < y1; yy++) for (let i = (yy * sw + x0) * 4, end = (yy * sw + x1) * 4; i < end; i += 4) r += src[i];
          const v = r / n;
          put(o, v, v, v);
        } else {
          let r = 0, g = 0, bl = 0;
          for (let yy = y0; yy < y1; yy++) {
            for (let i = (yy * sw + x0) * 4, end = (yy * sw + x1) * 4; i < end; i += 4) {
              r += src[i];
              g += src[i + 1];
              bl += src[i + 2];
            }
          }
          put(o, r / n, g / n, bl / n);
        }
      }
    }
    return { data: out, width, height, scaleX, scaleY, offsetX: ox, offsetY: oy };
  }
  // bilinear: the sample point, its top-left source pixel and fractions per column and per row
  const cx0 = new Int32Array(width), cfx = new Float64Array(width), cgx = new Float64Array(width);
  for (let wx = 0; wx < width; wx++) {
    const sx = (wx + ox + 0.5) * fx - 0.5;
    cx0[wx] = Math.floor(sx);
    cfx[wx] = sx - cx0[wx];
    cgx[wx] = 1 - cfx[wx];
  }
  for (let wy = 0; wy < height; wy++) {
    const sy = (wy + oy + 0.5) * fy - 0.5;
    const y0 = Math.floor(sy);
    const fyy = sy - y0, gy = 1 - fyy;
    const rowInside = y0 >= 0 && y0 + 1 < sh;
    for (let wx = 0; wx < width; wx++) {
      const x0 = cx0[wx];
      const o = wy * width + wx;
      if (!rowInside || x0 < 0 || x0 + 1 >= sw) {
        // at the image's edge: white outside, as makeSampler
        bilinear(src, cs, sw, sh, (wx + ox + 0.5) * fx - 0.5, sy, px);
        put(o, px[0], px[1], px[2]);
        continue;
      }
      const fxx = cfx[wx], gx = cgx[wx];
      const w0 = gx * gy, w1 = fxx * gy, w2 = gx * fyy, w3 = fxx * fyy;
      const i0 = (y0 * sw + x0) * 4, i2 = i0 + sw * 4;
      // a zero weight adds +0: the sums are those of makeSampler, which skips such terms
      if (cs === 0) {
        const v = src[i0] * w0 + src[i0 + 4] * w1 + src[i2] * w2 + src[i2 + 4] * w3;
        put(o, v, v, v);
      } else {
        put(
          o,
          src[i0] * w0 + src[i0 + 4] * w1 + src[i2] * w2 + src[i2 + 4] * w3,
          src[i0 + 1] * w0 + src[i0 + 5] * w1 + src[i2 + 1] * w2 + src[i2 + 5] * w3,
          src[i0 + 2] * w0 + src[i0 + 6] * w1 + src[i2 + 2] * w2 + src[i2 + 6] * w3,
        );
      }
    }
  }
  return { data: out, width, height, scaleX, scaleY, offsetX: ox, offsetY: oy };
}

/**
 * `makeSampler`'s bilinear sample at (x, y) written into `out`, without a closure per image:
 * the same arithmetic in the same order (so the same floats), for the per-pixel loop of
 * `prepareDetInput`.
 */
function bilinear(data: RgbaImage['data'], cs: number, width: number, height: number, x: number, y: number, out: number[]): void {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const w0 = (1 - fx) * (1 - fy), w1 = fx * (1 - fy), w2 = (1 - fx) * fy, w3 = fx * fy;
  const in0 = x0 >= 0 && y0 >= 0 && x0 < width && y0 < height;
  const in1 = x0 + 1 >= 0 && y0 >= 0 && x0 + 1 < width && y0 < height;
  const in2 = x0 >= 0 && y0 + 1 >= 0 && x0 < width && y0 + 1 < height;
  const in3 = x0 + 1 >= 0 && y0 + 1 >= 0 && x0 + 1 < width && y0 + 1 < height;
  const i0 = (y0 * width + x0) * 4, i1 = i0 + 4, i2 = i0 + width * 4, i3 = i2 + 4;
  for (let c = 0; c < 3; c++) {
    let v = 0;
    if (w0 !== 0) v += (in0 ? data[i0 + c * cs] : 255) * w0;
    if (w1 !== 0) v += (in1 ? data[i1 + c * cs] : 255) * w1;
    if (w2 !== 0) v += (in2 ? data[i2 + c * cs] : 255) * w2;
    if (w3 !== 0) v += (in3 ? data[i3 + c * cs] : 255) * w3;
    out[c] = v;
  }
}

/** Bilinear RGB sampler with white outside the image. */
export function makeSampler(image: EngineImage): (x: number, y: number, out: number[]) => void {
  const { width, height, data } = image;
  const cs = channelStep(image);
  return (x, y, out) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    for (let c = 0; c < 3; c++) {
      let v = 0;
      for (let k = 0; k < 4; k++) {
        const xx = x0 + (k & 1);
        const yy = y0 + (k >> 1);
        const wgt = (k & 1 ? fx : 1 - fx) * (k >> 1 ? fy : 1 - fy);
        if (wgt === 0) continue;
        const p = xx < 0 || yy < 0 || xx >= width || yy >= height ? 255 : data[(yy * width + xx) * 4 + c * cs];
        v += p * wgt;
      }
      out[c] = v;
    }
  };
}

/**
 * Boxes from a probability map of size width × height (map pixels), mapped back to source
 * pixels with the input's scale.
 */
export function boxesFromProbabilityMap(
  prob: Float32Array,
  width: number,
  height: number,
  input: Pick<DetInput, 'scaleX' | 'scaleY' | 'offsetX' | 'offsetY'>,
  options: Pick<DetectOptions, 'binaryThreshold' | 'boxThreshold' | 'unclipRatio' | 'minSize'>,
): TextBox[] {
  const labels = new Int32Array(width * height);
  const stack: number[] = [];
  const boxes: TextBox[] = [];
  let next = 0;
  for (let start = 0; start < prob.length; start++) {
    if (labels[start] !== 0 || prob[start] <= options.binaryThreshold) continue;
    next++;
    // flood fill (8-connected), accumulating moments and the probability sum
    labels[start] = next;
    stack.push(start);
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    let sp = 0;
    const pixels: number[] = [];
    while (stack.length > 0) {
      const i = stack.pop()!;
      pixels.push(i);
      const x = i % width;
      const y = (i - x) / width;
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
      sp += prob[i];
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width || (dx === 0 && dy === 0)) continue;
          const j = yy * width + xx;
          if (labels[j] === 0 && prob[j] > options.binaryThreshold) {
            labels[j] = next;
            stack.push(j);
          }
        }
      }
    }
    if (n < 4) continue;
    const score = sp / n;
    if (score < options.boxThreshold) continue;
    const mx = sx / n;
    const my = sy / n;
    const cxx = sxx / n - mx * mx;
    const cyy = syy / n - my * my;
    const cxy = sxy / n - mx * my;
    // principal axis; text lines are long, so the axis is the text direction
    let angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
    // only trust a tilt of a clearly elongated component; snap tiny tilts to 0
    const elongated = cxx + cyy > 0 && Math.abs(cxx - cyy) > 0.5 * (cxx + cyy);
    if (!elongated || Math.abs(angle) < (0.6 * Math.PI) / 180) angle = 0;
    // a vertical principal axis is a column of characters: keep it axis-aligned, w along x
    if (Math.abs(angle) > Math.PI / 4) angle = 0;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    let u0 = Infinity;
    let u1 = -Infinity;
    let v0 = Infinity;
    let v1 = -Infinity;
    for (const i of pixels) {
      const x = i % width;
      const y = (i - x) / width;
      const u = (x - mx) * cos + (y - my) * sin;
      const v = -(x - mx) * sin + (y - my) * cos;
      if (u < u0) u0 = u;
      if (u > u1) u1 = u;
      if (v < v0) v0 = v;
      if (v > v1) v1 = v;
    }
    // pixel extents → rectangle edges
    let w = u1 - u0 + 1;
    let h = v1 - v0 + 1;
    const cu = (u0 + u1) / 2;
    const cv = (v0 + v1) / 2;
    const cxMap = mx + cu * cos - cv * sin + 0.5 + (input.offsetX ?? 0);
    const cyMap = my + cu * sin + cv * cos + 0.5 + (input.offsetY ?? 0);
    // unclip: grow every side by area × ratio / perimeter
    const d = (w * h * options.unclipRatio) / (2 * (w + h));
    w += 2 * d;
    h += 2 * d;
    // back to source pixels (near-axis-aligned, so per-axis scaling is a fair approximation)
    const sxs = 1 / input.scaleX;
    const sys = 1 / input.scaleY;
    const box: TextBox = {
      cx: cxMap * sxs,
      cy: cyMap * sys,
      w: w * Math.hypot(cos * sxs, sin * sys),
      h: h * Math.hypot(sin * sxs, cos * sys),
      angle,
      score,
    };
    if (Math.min(box.w, box.h) < options.minSize) continue;
    boxes.push(box);
  }
  return boxes;
}

/** Axis-aligned bounds of a box, clipped to the image. */
export function boxBounds(b: TextBox, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } {
  const cos = Math.abs(Math.cos(b.angle));
  const sin = Math.abs(Math.sin(b.angle));
  const hw = (b.w * cos + b.h * sin) / 2;
  const hh = (b.w * sin + b.h * cos) / 2;
  return {
    x0: Math.max(0, b.cx - hw),
    y0: Math.max(0, b.cy - hh),
    x1: Math.min(width, b.cx + hw),
    y1: Math.min(height, b.cy + hh),
  };
}
