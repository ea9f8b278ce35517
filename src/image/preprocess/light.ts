/**
 * Evening out uneven light (a phone photo lit from one side: the paper goes from white to
 * mid grey across the page, and one global threshold then loses the faint rules and strokes
 * on the bright side or floods the dark side).
 *
 * The paper's brightness is estimated on a coarse grid of blocks (a high percentile of the
 * brightest channel in each block: most of a form is paper), smoothed (the largest of each
 * block's neighbourhood, so a block filled by a seal or a heading does not count as dark
 * paper), and every pixel is divided by the estimate at its place (bilinear between block
 * centres), which brings the paper back to white and keeps ink dark.
 *
 * Nothing is done unless the paper's brightness varies across the page by more than
 * `minSpread` (darkest block estimate below `1 - minSpread` of the brightest): an evenly lit
 * flatbed scan is returned as is.
 */
import type { RgbaImage } from '../index.js';

export interface EvenLightOptions {
  /** Blocks across the page's width. Default 16. */
  blocks?: number;
  /** Percentile of the brightest channel taken as paper in a block. Default 0.9. */
  percentile?: number;
  /** Smallest relative variation of the paper's brightness that is corrected. Default 0.1 (flatbed scans measured at 0.97–0.98, phone photos 0.83–0.87). */
  minSpread?: number;
}

export interface EvenLightResult {
  image: RgbaImage;
  corrected: boolean;
  /** Darkest / brightest paper estimate (1 when even). */
  ratio: number;
}

/**
 * See the file comment. RGBA in, RGBA out (same size); deterministic. The block columns and
 * weight of each pixel column are worked out once per page, not per pixel: the 8 phone photos
 * of corpus/scan 60 → 47 ms each, the same bytes.
 */
export function evenLight(img: RgbaImage, options: EvenLightOptions = {}): EvenLightResult {
  const { width: W, height: H, data: d } = img;
  const nx = Math.max(2, options.blocks ?? 16);
  const bs = Math.max(8, Math.ceil(W / nx));
  const ny = Math.max(2, Math.ceil(H / bs));
  const nxx = Math.ceil(W / bs);
  const pct = options.percentile ?? 0.9;
  const est = paperLevels(d, W, H, bs, nxx, ny, pct);
  // the largest of each 3×3 neighbourhood
  const bg = new Float64Array(est.length);
  for (let by = 0; by < ny; by++) {
    for (let bx = 0; bx < nxx; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const yy = by + dy, xx = bx + dx;
        if (yy >= 0 && yy < ny && xx >= 0 && xx < nxx) m = Math.max(m, est[yy * nxx + xx]);
      }
      bg[by * nxx + bx] = Math.max(32, m);
    }
  }
  let lo = 255, hi = 0;
  for (const v of bg) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const ratio = hi ? lo / hi : 1;
  if (ratio >= 1 - (options.minSpread ?? 0.1)) return { image: img, corrected: false, ratio };
  return { image: { width: W, height: H, data: relit(d, W, H, bs, nxx, ny, bg) }, corrected: true, ratio };
}

/**
 * Each block's paper level: the `pct` percentile of the brightest channel over every other
 * pixel of every other row. The page's loops are functions of their own (here and `relit`),
 * not parts of evenLight: see docs/ARCHITECTURE.md, "Hot loops".
 */
function paperLevels(d: RgbaImage['data'], W: number, H: number, bs: number, nxx: number, ny: number, pct: number): Float64Array {
  const est = new Float64Array(nxx * ny);
  const hist = new Uint32Array(256);
  for (let by = 0; by < ny; by++) {
    for (let bx = 0; bx < nxx; bx++) {
      hist.fill(0);
      let n = 0;
      const y1 = Math.min(H, (by + 1) * bs), x1 = Math.min(W, (bx + 1) * bs);
      for (let y = by * bs; y < y1; y += 2) {
        for (let x = bx * bs; x < x1; x += 2) {
          const j = (y * W + x) * 4;
          hist[Math.max(d[j], d[j + 1], d[j + 2])]++;
          n++;
        }
      }
      let acc = 0, v = 255;
      const want = n * pct;
      for (let k = 0; k < 256; k++) { acc += hist[k]; if (acc >= want) { v = k; break; } }
      est[by * nxx + bx] = v;
    }
  }
  return est;
}

/** The image divided by the paper level interpolated between block centres (bilinear), × 255. */
function relit(d: RgbaImage['data'], W: number, H: number, bs: number, nxx: number, ny: number, bg: Float64Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(W * H * 4);
  // each column's two block columns and weight, worked out once (the same values for every row)
  const cx0 = new Int32Array(W), cx1 = new Int32Array(W), ctx = new Float64Array(W);
  for (let x = 0; x < W; x++) {
    const fx = Math.min(nxx - 1, Math.max(0, (x + 0.5) / bs - 0.5));
    cx0[x] = Math.floor(fx);
    cx1[x] = Math.min(nxx - 1, cx0[x] + 1);
    ctx[x] = fx - cx0[x];
  }
  for (let y = 0; y < H; y++) {
    const fy = Math.min(ny - 1, Math.max(0, (y + 0.5) / bs - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(ny - 1, y0 + 1), ty = fy - y0;
    for (let x = 0; x < W; x++) {
      const x0 = cx0[x], x1 = cx1[x], tx = ctx[x];
      const top = bg[y0 * nxx + x0] + (bg[y0 * nxx + x1] - bg[y0 * nxx + x0]) * tx;
      const bot = bg[y1 * nxx + x0] + (bg[y1 * nxx + x1] - bg[y1 * nxx + x0]) * tx;
      const f = 255 / (top + (bot - top) * ty);
      const j = (y * W + x) * 4;
      out[j] = d[j] * f;
      out[j + 1] = d[j + 1] * f;
      out[j + 2] = d[j + 2] * f;
      out[j + 3] = 255;
    }
  }
  return out;
}
