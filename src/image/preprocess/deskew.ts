/**
 * Deskew of small rotations (a sheet put on the scanner glass slightly askew).
 *
 * The angle: on a reduced copy, dark pixels are projected onto the vertical axis along
 * lines sheared by each candidate angle; text lines and ruling lines make the profile
 * spiky when the angle is right (largest sum of squared differences of neighbouring bins).
 * Coarse search over ±maxAngle, then a fine one around the best.
 * The correction: the image turned back by that angle about its centre (bilinear, white
 * outside).
 */
import type { RgbaImage } from '../index.js';
import { toValue, otsu, type GrayImage } from './image.js';

export interface DeskewOptions {
  /** Largest angle looked for, degrees. Default 3. */
  maxAngle?: number;
  /** Angles smaller than this are not corrected, degrees. Default 0.05. */
  minAngle?: number;
}

/** Dark pixels of a reduced copy: their columns and rows, in row order; the reduced size. */
interface DarkPoints {
  xs: Int32Array;
  ys: Int32Array;
  width: number;
  height: number;
}

/**
 * Dark pixels of a reduced copy (about 1000 px wide) as column and row indices, in row order, in
 * typed arrays of their exact size. `counts`: the histogram of `g` (as `toValue` counts it).
 * Pages up to 2000 px wide are not reduced: their dark pixels are counted from the histogram and
 * written in one pass; wider ones are marked in a byte per reduced pixel first and counted.
 */
function darkPoints(g: GrayImage, counts: Uint32Array): DarkPoints {
  const f = Math.max(1, Math.floor(g.width / 1000));
  const w = Math.floor(g.width / f), h = Math.floor(g.height / f);
  const t = Math.min(otsu(g, counts), 160);
  const data = g.data;
  if (f === 1) {
    // pages up to 2000 px wide (200 dpi A4): every pixel is its own block
    let count = 0;
    for (let v = 0; v < t; v++) count += counts[v];
    const xs = new Int32Array(count), ys = new Int32Array(count);
    for (let y = 0, k = 0, i = 0; y < h; y++) {
      for (let x = 0; x < w; x++, i++) if (data[i] < t) { xs[k] = x; ys[k] = y; k++; }
    }
    return { xs, ys, width: w, height: h };
  }
  const marks = new Uint8Array(w * h);
  let count = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // a reduced pixel is dark when any source pixel of its block is
      let dark = 0;
      for (let dy = 0; dy < f && !dark; dy++) {
        const row = (y * f + dy) * g.width + x * f;
        for (let dx = 0; dx < f; dx++) if (data[row + dx] < t) { dark = 1; break; }
      }
      marks[y * w + x] = dark;
      count += dark;
    }
  }
  const xs = new Int32Array(count), ys = new Int32Array(count);
  for (let y = 0, k = 0; y < h; y++) {
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (marks[i]) { xs[k] = x; ys[k] = y; k++; }
    }
  }
  return { xs, ys, width: w, height: h };
}

/**
 * The profile's score at `deg`, over every `stride`-th dark point: each point (column x, row y)
 * counted in bin round(y − (x − width/2)·tan) of the sheared projection. The sum is done per
 * column once: y is a whole number, so the bin is y + round(−(x − width/2)·tan) exactly, unless
 * that product's fraction lies within 10⁻⁶ of one half (then the double y − t can round the other
 * way, and such a column's points are computed as the formula says). The same bins, integer
 * additions per point: measured on the 38 page images of corpus/scan, the same angle on every
 * page.
 */
function profileScore(p: DarkPoints, deg: number, stride = 1): number {
  const tan = Math.tan((deg * Math.PI) / 180);
  const pad = Math.ceil(Math.abs(tan) * 1000) + 2;
  const bins = new Int32Array(p.height + 2 * pad);
  const half = p.width / 2;
  // per column: the bin offset, or SLOW where the shortcut might not round as the formula does
  const shift = new Int32Array(p.width);
  for (let x = 0; x < p.width; x++) {
    const n = -((x - half) * tan);
    shift[x] = Math.abs(n - Math.floor(n) - 0.5) < 1e-6 ? SLOW : Math.round(n) + pad;
  }
  const { xs, ys } = p;
  const last = bins.length;
  for (let i = 0; i < xs.length; i += stride) {
    const x = xs[i];
    const s = shift[x];
    const b = s !== SLOW ? ys[i] + s : Math.round(ys[i] - (x - half) * tan) + pad;
    if (b >= 0 && b < last) bins[b]++;
  }
  let s = 0;
  for (let i = 1; i < bins.length; i++) { const d = bins[i] - bins[i - 1]; s += d * d; }
  return s;
}

/** `profileScore`'s mark for a column computed point by point. */
const SLOW = -0x80000000;

/**
 * The coarse search (0.2° steps) scores every this many dark points; the fine one (0.02° around
 * the best coarse angle) all of them. Measured on the 38 page images of corpus/scan: the same
 * angle on every page as scoring all points in both (4 or 8), estimateSkew 54 → 44 ms per page.
 */
const COARSE_STRIDE = 4;

/**
 * The skew angle in degrees: positive when the content is turned clockwise (y down), i.e.
 * turning the image by −angle straightens it.
 */
export function estimateSkew(img: RgbaImage, options: DeskewOptions = {}): number {
  const counts = new Uint32Array(256);
  return skewOf(toValue(img, counts), counts, options); // seal ink (bright in red) left out
}

/** `estimateSkew` from the image's brightest-channel plane `g` and its histogram. */
function skewOf(g: GrayImage, counts: Uint32Array, options: DeskewOptions): number {
  const max = options.maxAngle ?? 3;
  const pts = darkPoints(g, counts);
  if (pts.xs.length < 100) return 0;
  let best = 0, bestS = -1;
  for (let a = -max; a <= max + 1e-9; a += 0.2) {
    const s = profileScore(pts, a, COARSE_STRIDE);
    if (s > bestS) { bestS = s; best = a; }
  }
  const c = best;
  bestS = -1;
  for (let a = c - 0.2; a <= c + 0.2 + 1e-9; a += 0.02) {
    const s = profileScore(pts, a);
    if (s > bestS) { bestS = s; best = a; }
  }
  // a line tilted clockwise by θ has y growing with x: y = y0 + x·tanθ; the shear above
  // straightens it at angle θ.
  return Math.round(best * 1000) / 1000;
}

/** Fraction bits of the source coordinates `rotateImage` steps through. */
const FRACTION_BITS = 24;
const ONE = 1 << FRACTION_BITS;
const FRACTION = ONE - 1;
/** Fractions → weights of 256 (0–256), rounded. */
const WEIGHT_SHIFT = FRACTION_BITS - 8;
const HALF_WEIGHT = 1 << (WEIGHT_SHIFT - 1);
/** White, opaque, and opaque alone, as a pixel read as one 32-bit word (the machine's byte order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const OPAQUE = LITTLE_ENDIAN ? 0xff000000 : 0x000000ff;
const WHITE = 0xffffffff;

/**
 * The image turned by −angle degrees about its centre (same size, white outside), by bilinear
 * interpolation in one pass over the output: every output pixel centre is turned back by
 * +angle onto the source (`unrotatePoint`). No canvas: the only new buffer is the result
 * (a canvas round trip held three copies of the page).
 *
 * Integer arithmetic: the source position steps along each output row in fixed point (24
 * fraction bits, exact at each row's start: drift under 10⁻⁴ px across 4000 px), the weights
 * are rounded to 1/256, channels are read from and written as 32-bit words. Against the
 * floating-point sum it replaced (38 page images of corpus/scan, turned by 1.37° and −0.4°):
 * 99.5% of the channels equal, the rest off by 1, none by more; 73 → 40 ms per page. Where the
 * four source pixels around a sample are one colour (paper: ~58% of the samples on the scans
 * of corpus/scan), the output pixel is that colour.
 */
export function rotateImage(img: RgbaImage, angleDeg: number): RgbaImage {
  const { width: w, height: h } = img;
  const src = img.data.byteOffset % 4 === 0 ? img.data : new Uint8ClampedArray(img.data);
  const src32 = new Uint32Array(src.buffer, src.byteOffset, w * h);
  const out = new Uint8ClampedArray(w * h * 4);
  if (!LITTLE_ENDIAN) return rotateBytes(img, out, angleDeg);
  const out32 = new Uint32Array(out.buffer);
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a), sin = Math.sin(a);
  const cx = w / 2, cy = h / 2;
  const stepX = Math.round(cos * ONE), stepY = Math.round(sin * ONE);
  const lastX = w - 1, lastY = h - 1;
  for (let y = 0; y < h; y++) {
    const dy = y + 0.5 - cy;
    // source position of the centre of output pixel (0, y), minus 0.5 to index pixel centres:
    // whole pixels and fraction (0 ≤ f < ONE)
    const sx = cx + (0.5 - cx) * cos - dy * sin - 0.5;
    const sy = cy + (0.5 - cx) * sin + dy * cos - 0.5;
    let xi = Math.floor(sx), yi = Math.floor(sy);
    let xf = Math.round((sx - xi) * ONE), yf = Math.round((sy - yi) * ONE);
    if (xf === ONE) { xi++; xf = 0; }
    if (yf === ONE) { yi++; yf = 0; }
    for (let o = y * w, end = o + w; o < end; o++) {
      if (xi >= 0 && yi >= 0 && xi < lastX && yi < lastY) {
        // inside the image (nearly every pixel)
        const p = yi * w + xi;
        const c00 = src32[p], c10 = src32[p + 1], c01 = src32[p + w], c11 = src32[p + w + 1];
        if (c00 === c10 && c00 === c01 && c00 === c11) out32[o] = c00 | OPAQUE;
        else out32[o] = blend(c00, c10, c01, c11, (xf + HALF_WEIGHT) >> WEIGHT_SHIFT, (yf + HALF_WEIGHT) >> WEIGHT_SHIFT);
      } else if (xi < -1 || yi < -1 || xi >= w || yi >= h) out32[o] = WHITE;
      else {
        // on the border: white beyond the image
        const in0 = yi >= 0, in1 = yi < lastY, inL = xi >= 0, inR = xi < lastX;
        const p = yi * w + xi;
        out32[o] = blend(
          in0 && inL ? src32[p] : WHITE,
          in0 && inR ? src32[p + 1] : WHITE,
          in1 && inL ? src32[p + w] : WHITE,
          in1 && inR ? src32[p + w + 1] : WHITE,
          (xf + HALF_WEIGHT) >> WEIGHT_SHIFT,
          (yf + HALF_WEIGHT) >> WEIGHT_SHIFT,
        );
      }
      xf += stepX; xi += xf >> FRACTION_BITS; xf &= FRACTION;
      yf += stepY; yi += yf >> FRACTION_BITS; yf &= FRACTION;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Bilinear mix of four little-endian RGBA words (top-left, top-right, bottom-left, bottom-right)
 * at fractions fx, fy of 256 (0–256), rounded; opaque.
 */
function blend(c00: number, c10: number, c01: number, c11: number, fx: number, fy: number): number {
  const ix = 256 - fx, iy = 256 - fy;
  const r = ((((c00 & 255) * ix + (c10 & 255) * fx) * iy + ((c01 & 255) * ix + (c11 & 255) * fx) * fy) + 32768) >> 16;
  const g = ((((c00 >>> 8) & 255) * ix + ((c10 >>> 8) & 255) * fx) * iy + (((c01 >>> 8) & 255) * ix + ((c11 >>> 8) & 255) * fx) * fy + 32768) >> 16;
  const b = ((((c00 >>> 16) & 255) * ix + ((c10 >>> 16) & 255) * fx) * iy + (((c01 >>> 16) & 255) * ix + ((c11 >>> 16) & 255) * fx) * fy + 32768) >> 16;
  return r | (g << 8) | (b << 16) | OPAQUE;
}

/** `rotateImage` on a big-endian machine: the same arithmetic, byte by byte (not measured). */
function rotateBytes(img: RgbaImage, out: Uint8ClampedArray, angleDeg: number): RgbaImage {
  const { width: w, height: h, data: src } = img;
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a), sin = Math.sin(a);
  const cx = w / 2, cy = h / 2;
  const px = (x: number, y: number, c: number) => (x >= 0 && y >= 0 && x < w && y < h ? src[(y * w + x) * 4 + c] : 255);
  for (let y = 0; y < h; y++) {
    const dy = y + 0.5 - cy;
    for (let x = 0; x < w; x++) {
      const sx = cx + (x + 0.5 - cx) * cos - dy * sin - 0.5;
      const sy = cy + (x + 0.5 - cx) * sin + dy * cos - 0.5;
      const xi = Math.floor(sx), yi = Math.floor(sy);
      const o = (y * w + x) * 4;
      if (xi < -1 || yi < -1 || xi >= w || yi >= h) {
        out[o] = out[o + 1] = out[o + 2] = out[o + 3] = 255;
        continue;
      }
      const fx = Math.round((sx - xi) * 256), fy = Math.round((sy - yi) * 256), ix = 256 - fx, iy = 256 - fy;
      for (let c = 0; c < 3; c++) {
        out[o + c] = ((px(xi, yi, c) * ix + px(xi + 1, yi, c) * fx) * iy + (px(xi, yi + 1, c) * ix + px(xi + 1, yi + 1, c) * fx) * fy + 32768) >> 16;
      }
      out[o + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

/** The brightest channel of an image (`toValue`) and its histogram, handed from a step to the next that looks at the same pixels. */
export interface ValuePlane {
  grey: GrayImage;
  counts: Uint32Array;
}

/**
 * `img` straightened: turned by −`estimateSkew` unless that is below `minAngle` (then `img` itself).
 * With `keepValue`, an image left as it was comes with the plane and histogram the angle was
 * found on (what `detectRules` looks at next: measured on the 38 page images of corpus/scan with
 * `minAngle` 5, deskew + rules 2.75–2.77 → 2.24–2.25 s CPU, the same rules). Not for a turned
 * image: writing the plane in the rotation's loop cost as much as `toValue` after it (a 300 dpi
 * page of corpus/scan: 141–143 against 144–149 ms, less than the noise).
 */
export function deskew(img: RgbaImage, options: DeskewOptions & { keepValue?: boolean } = {}): { image: RgbaImage; angle: number; value?: ValuePlane } {
  const counts = new Uint32Array(256);
  const value = { grey: toValue(img, counts), counts }; // seal ink (bright in red) left out
  const angle = skewOf(value.grey, value.counts, options);
  if (Math.abs(angle) < (options.minAngle ?? 0.05)) return { image: img, angle: 0, ...(options.keepValue ? { value } : {}) };
  return { image: rotateImage(img, angle), angle };
}

/** Map a point of the deskewed image back to the original one (turn by +angle about the centre). */
export function unrotatePoint(x: number, y: number, angleDeg: number, width: number, height: number): [number, number] {
  const a = (angleDeg * Math.PI) / 180;
  const cx = width / 2, cy = height / 2;
  const dx = x - cx, dy = y - cy;
  return [cx + dx * Math.cos(a) - dy * Math.sin(a), cy + dx * Math.sin(a) + dy * Math.cos(a)];
}
