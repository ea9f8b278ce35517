/**
 * Ruling lines (table borders) from a pdfjs operator list.
 *
 * pdfjs 5 hands paths over as `constructPath` operations `[paintOp, [path], minMax]`
 * where `path` is a flat array of draw codes (moveTo 0, lineTo 1, curveTo 2,
 * quadraticCurveTo 3, closePath 4) each followed by its coordinates, in user space.
 * We track the CTM through save/restore/transform (and form XObjects), drop clip-only
 * paths (paintOp endPath), and turn
 *  - stroked axis-parallel segments into rules (a stroked rectangle gives 4 rules);
 *  - filled rectangles thinner than `maxFilledThickness` (and 3 times as long as thick) into
 *    one rule along their middle
 *    (office suites draw cell borders that way); larger fills (cell shading) are ignored.
 * Coordinates are mapped through `deviceTransform` (the viewport transform: top-left
 * origin, y down, page rotation applied) so rules match the words' boxes.
 */
import type { Rule } from '../../model/page.js';
import { apply, multiply, type Matrix } from '../../model/matrix.js';


export interface RuleExtractionOptions {
  /** Filled rectangles at most this thick (points), and at least 3 times as long, become a rule. Default 3. */
  maxFilledThickness?: number;
  /** Segments within this many points of axis-parallel count as horizontal/vertical. Default 1. */
  axisTolerance?: number;
  /** Shorter rules are dropped. Default 1. */
  minLength?: number;
}

interface OpsTable {
  [name: string]: number;
}

interface GState {
  ctm: Matrix;
  stroke: string | null;
  fill: string | null;
}

const WHITE = new Set(['#ffffff', '#fefefe']);

/**
 * Extract rules from an operator list (`fnArray`/`argsArray` as pdfjs returns them).
 * `ops` is pdfjs' `OPS` table, `deviceTransform` the viewport transform.
 */
export function extractRules(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  ops: OpsTable,
  deviceTransform: readonly number[],
  options: RuleExtractionOptions = {},
): Rule[] {
  const maxThick = options.maxFilledThickness ?? 3;
  const axisTol = options.axisTolerance ?? 1;
  const minLen = options.minLength ?? 1;
  const rules: Rule[] = [];
  let gs: GState = { ctm: [1, 0, 0, 1, 0, 0], stroke: null, fill: null };
  const stack: GState[] = [];

  const strokeOps = new Set([ops.stroke, ops.closeStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill, ops.closeFillStroke, ops.closeEOFillStroke, ops.fillStroke, ops.eoFillStroke]);
  const bothOps = new Set([ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);

  const push = (x0: number, y0: number, x1: number, y1: number) => {
    const [ax, ay] = apply(deviceTransform, x0, y0);
    const [bx, by] = apply(deviceTransform, x1, y1);
    const dx = Math.abs(bx - ax), dy = Math.abs(by - ay);
    if (dy <= axisTol && dx >= minLen) {
      const y = (ay + by) / 2;
      rules.push({ x0: Math.min(ax, bx), y0: y, x1: Math.max(ax, bx), y1: y });
    } else if (dx <= axisTol && dy >= minLen) {
      const x = (ax + bx) / 2;
      rules.push({ x0: x, y0: Math.min(ay, by), x1: x, y1: Math.max(ay, by) });
    }
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as any;
    if (fn === ops.save) {
      stack.push({ ...gs, ctm: [...gs.ctm] as Matrix });
    } else if (fn === ops.restore) {
      gs = stack.pop() ?? gs;
    } else if (fn === ops.transform) {
      gs.ctm = multiply(gs.ctm, args as number[]);
    } else if (fn === ops.paintFormXObjectBegin) {
      stack.push({ ...gs, ctm: [...gs.ctm] as Matrix });
      const m = args?.[0];
      if (Array.isArray(m) || ArrayBuffer.isView(m)) gs.ctm = multiply(gs.ctm, Array.from(m as ArrayLike<number>));
    } else if (fn === ops.paintFormXObjectEnd) {
      gs = stack.pop() ?? gs;
    } else if (fn === ops.setStrokeRGBColor) {
      gs.stroke = typeof args?.[0] === 'string' ? args[0].toLowerCase() : null;
    } else if (fn === ops.setFillRGBColor) {
      gs.fill = typeof args?.[0] === 'string' ? args[0].toLowerCase() : null;
    } else if (fn === ops.constructPath) {
      const paintOp = args?.[0] as number;
      if (paintOp === ops.endPath) continue; // clip path only
      const raw = args?.[1]?.[0];
      if (!raw) continue;
      const path: ArrayLike<number> = raw;
      const stroked = strokeOps.has(paintOp) || bothOps.has(paintOp);
      const filled = fillOps.has(paintOp);
      const strokeVisible = stroked && !(gs.stroke && WHITE.has(gs.stroke));
      const fillVisible = filled && !(gs.fill && WHITE.has(gs.fill));
      if (!strokeVisible && !fillVisible) continue;
      // walk the path: subpaths as point lists (user space → page space via ctm)
      const subpaths: { pts: [number, number][]; closed: boolean; curved: boolean }[] = [];
      let cur: { pts: [number, number][]; closed: boolean; curved: boolean } | null = null;
      let k = 0;
      while (k < path.length) {
        const code = path[k++];
        if (code === 0) {
          cur = { pts: [apply(gs.ctm, path[k], path[k + 1])], closed: false, curved: false };
          subpaths.push(cur);
          k += 2;
        } else if (code === 1) {
          const p = apply(gs.ctm, path[k], path[k + 1]);
          if (!cur) { cur = { pts: [], closed: false, curved: false }; subpaths.push(cur); }
          cur.pts.push(p);
          k += 2;
        } else if (code === 2) {
          const p = apply(gs.ctm, path[k + 4], path[k + 5]);
          if (cur) { cur.curved = true; cur.pts.push(p); }
          k += 6;
        } else if (code === 3) {
          const p = apply(gs.ctm, path[k + 2], path[k + 3]);
          if (cur) { cur.curved = true; cur.pts.push(p); }
          k += 4;
        } else if (code === 4) {
          if (cur) cur.closed = true;
        } else {
          break; // unknown code: stop reading this path
        }
      }
      for (const sp of subpaths) {
        if (sp.curved || sp.pts.length < 2) continue;
        if (fillVisible) {
          const r = asRectangle(sp.pts);
          if (r) {
            const w = r.x1 - r.x0, h = r.y1 - r.y0;
            if (h <= maxThick && w >= 3 * h) { const y = (r.y0 + r.y1) / 2; push(r.x0, y, r.x1, y); continue; }
            if (w <= maxThick && h >= 3 * w) { const x = (r.x0 + r.x1) / 2; push(x, r.y0, x, r.y1); continue; }
            if (!strokeVisible) continue; // big fill (shading): not a rule
          } else if (!strokeVisible) {
            continue;
          }
        }
        if (strokeVisible) {
          const pts = sp.pts;
          for (let j = 1; j < pts.length; j++) push(pts[j - 1][0], pts[j - 1][1], pts[j][0], pts[j][1]);
          if (sp.closed) push(pts[pts.length - 1][0], pts[pts.length - 1][1], pts[0][0], pts[0][1]);
        }
      }
    }
  }
  return rules;
}

/** The axis-parallel rectangle a closed 4/5-point subpath draws, if it is one. */
function asRectangle(pts: [number, number][]): { x0: number; y0: number; x1: number; y1: number } | null {
  let p = pts;
  if (p.length === 5 && Math.abs(p[4][0] - p[0][0]) < 0.01 && Math.abs(p[4][1] - p[0][1]) < 0.01) p = p.slice(0, 4);
  if (p.length !== 4) return null;
  const xs = p.map((q) => q[0]), ys = p.map((q) => q[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const eps = 0.05;
  for (const [x, y] of p) {
    const onX = Math.abs(x - x0) < eps || Math.abs(x - x1) < eps;
    const onY = Math.abs(y - y0) < eps || Math.abs(y - y1) < eps;
    if (!onX || !onY) return null;
  }
  return { x0, y0, x1, y1 };
}
