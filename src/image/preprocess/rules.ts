/**
 * Ruling lines from pixels: long horizontal and vertical runs of dark pixels (a small
 * dilation across the run bridges a residual tilt of a pixel or two and JPEG holes), gaps
 * of a few pixels bridged; adjacent rows of one thick line give one rule at their middle.
 * Darkness is taken from the brightest channel, so red seal ink is paper and the rules
 * under a seal stay whole: run this on the image before seal suppression.
 * Output in PDF points (pixels / scale), for the lattice table finder.
 */
import type { Rule } from '../../model/page.js';
import type { RgbaImage } from '../index.js';
import { toValue, otsu, type GrayImage } from './image.js';
import { columnRuns, maskBelow, rowRuns, type InkRun } from '../ink.js';

export interface PixelRuleOptions {
  /** Pixels per point (dpi / 72). */
  scale: number;
  /** Shortest rule, in points. Default 20. */
  minLength?: number;
  /** Gaps up to this many pixels inside a run are bridged. Default 1. */
  maxGap?: number;
  /** Runs at least this long (points) are kept without looking at their ends. Default 60. */
  longLength?: number;
  /** Dark threshold (0..255); default Otsu's, at most 170. */
  threshold?: number;
  /**
   * The image's brightest-channel plane and its histogram when already at hand (`deskew`'s
   * `keepValue`): not computed again. Not changed here.
   */
  value?: { grey: GrayImage; counts: Uint32Array };
}

type Run = InkRun;

/** Runs on consecutive rows overlapping along most of their length → one line at their middle. */
function mergeRuns(runs: Run[]): Run[] {
  runs.sort((a, b) => a.at - b.at || a.from - b.from);
  const groups: { runs: Run[]; last: number; from: number; to: number }[] = [];
  const open: typeof groups = [];
  for (const r of runs) {
    let g = open.find((o) => r.at - o.last <= 1 && Math.min(o.to, r.to) - Math.max(o.from, r.from) > 0.5 * Math.min(o.to - o.from, r.to - r.from));
    if (!g) {
      g = { runs: [], last: r.at, from: r.from, to: r.to };
      groups.push(g);
      open.push(g);
    }
    g.runs.push(r);
    g.last = r.at;
    g.from = Math.min(g.from, r.from);
    g.to = Math.max(g.to, r.to);
    for (let i = open.length - 1; i >= 0; i--) if (r.at - open[i].last > 1) open.splice(i, 1);
  }
  return groups.map((g) => {
    // weight rows by run length: the core of the line
    let s = 0, n = 0;
    for (const r of g.runs) { s += r.at * (r.to - r.from); n += r.to - r.from; }
    return { at: s / n, from: g.from, to: g.to };
  });
}

export function detectRules(img: RgbaImage, options: PixelRuleOptions): Rule[] {
  // the brightest channel: rules under a red seal stay dark, the seal's strokes do not
  let counts = options.value?.counts;
  let g = options.value?.grey;
  if (!g) {
    counts = options.threshold === undefined ? new Uint32Array(256) : undefined;
    g = toValue(img, counts);
  }
  const t = options.threshold ?? Math.min(otsu(g, counts), 170);
  const mask = maskBelow(g.data, 1, 0, g.width, g.height, t);
  const s = options.scale;
  const minLen = Math.round((options.minLength ?? 20) * s);
  const maxGap = options.maxGap ?? 1;
  // lines are thin: drop runs from thick blobs (bold headings, filled boxes) by thickness later
  const hr = mergeRuns(rowRuns(mask, minLen, maxGap));
  const vr = mergeRuns(columnRuns(mask, minLen, maxGap));
  const { horizontal, vertical } = keepConnected(hr, vr, (options.longLength ?? 60) * s, 3 * s);
  const r2 = (v: number) => Math.round((v / s) * 100) / 100;
  return [
    ...horizontal.map((r) => ({ x0: r2(r.from), y0: r2(r.at + 0.5), x1: r2(r.to), y1: r2(r.at + 0.5) })),
    ...vertical.map((r) => ({ x0: r2(r.at + 0.5), y0: r2(r.from), x1: r2(r.at + 0.5), y1: r2(r.to) })),
  ];
}

/**
 * Strokes of large characters (一, 二, the bars of 目) can make runs as long as a short
 * border. A short run is kept only when both its ends meet a run of the other direction (a
 * border ends on borders); long runs are kept as they are.
 */
function keepConnected(h: Run[], v: Run[], long: number, tol: number): { horizontal: Run[]; vertical: Run[] } {
  const meets = (end: number, at: number, others: Run[]) => others.some((o) => Math.abs(o.at - end) <= tol && at >= o.from - tol && at <= o.to + tol);
  const ok = (r: Run, others: Run[]) => r.to - r.from >= long || (meets(r.from, r.at, others) && meets(r.to, r.at, others));
  const longH = h.filter((r) => r.to - r.from >= long), longV = v.filter((r) => r.to - r.from >= long);
  // short ones are checked against the long ones of the other direction first, then against
  // everything kept (a short border may end on another short one)
  let hv = v.filter((r) => ok(r, longH.length ? h : h));
  let hh = h.filter((r) => ok(r, hv));
  hv = v.filter((r) => ok(r, hh));
  void longV;
  return { horizontal: hh, vertical: hv };
}
