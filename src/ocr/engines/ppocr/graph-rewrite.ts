/**
 * Exact algebraic rewrites of the PP-OCRv4 graphs before onnxruntime loads them. Their backbone
 * (PPLCNetV3) follows each Conv with a learnable affine (Mul, Add by constants), a hard-swish
 * spelled as four ops (Add 3, Clip 0..6, Mul, Div 6) and a second learnable affine; onnxruntime
 * 1.30 fuses none of these (they are elementwise passes over the whole feature map), and they
 * took 43% of the recognition model's kernel time, the convolutions 37%.
 * - Conv → Mul(k) / Add(k), k a constant per output channel: folded into the Conv's weight and bias;
 * - x · clip(x + 3, 0, 6) / 6 → x · HardSigmoid(x; 1/6, 1/2) (two ops instead of four);
 * - a Conv feeding only such a hard-swish whose result is only scaled by a constant c: c folded
 *   into the Conv, the HardSigmoid's slope divided by c (c · x · hsig(x) = y · hsig(y / c), y = c · x);
 * - Add(k) feeding only an unpadded Conv: folded into that Conv's bias (Σ W · k).
 * The results equal the original up to float rounding. Measured with one intra-op thread:
 * recognition 11.7 → 8.2 ms per run over 391 crops of three corpus/scan twins, the same text for
 * every crop; detection of a 1600 × 1152 page 600–620 → 417–443 ms, probabilities within 4.2e-6.
 *
 * Tried on top, not kept: static int8 of the recognition model (QDQ, per-channel int8 weights,
 * uint8 activations from min/max over 131 crops; onnxruntime 1.30 fused every Conv into
 * QLinearConv and every MatMul with constant weights into MatMulIntegerToFloat, after the model
 * went from opset 9 to 10). The Q/DQ passes around the float HardSigmoid · Mul cost about what
 * the int8 convolutions save: 7.8 → 6.4 ms per run with every Conv quantized, 5.9 ms with only
 * those of ≥ 200 weights per output channel (1.3×, and 0.3% of characters read differently from
 * float); on corpus/scan that model left two documents partial (a score cell read as `二`, `|`)
 * and indicator F1 0.987 → 0.983.
 */
import { DataType, decodeModel, decodeTensor, encodeModel, valueInfoName, type Model, type Node, type Tensor } from './onnx-proto.js';

function floats(t: Tensor): Float32Array {
  return new Float32Array(new Uint8Array(t.raw).buffer);
}

function setFloats(t: Tensor, v: Float32Array): void {
  t.raw = new Uint8Array(v.buffer.slice(0));
}

/** Counts of each rewrite applied. */
export interface SimplifyStats {
  convAffine: number;
  hardSwish: number;
  scaleThroughHardSwish: number;
  addIntoConv: number;
}

/** Applies the rewrites above to `model` in place (weights must be initializers). */
export function simplify(model: Model): SimplifyStats {
  const stats: SimplifyStats = { convAffine: 0, hardSwish: 0, scaleThroughHardSwish: 0, addIntoConv: 0 };
  const g = model.graph;
  const inits = new Map(g.initializers.map((t) => [t.name, t]));
  const graphOutputs = new Set(g.outputs.map(valueInfoName));
  const uses = (): Map<string, Node[]> => {
    const m = new Map<string, Node[]>();
    for (const n of g.nodes) {
      for (const i of n.inputs) {
        if (!i) continue;
        const list = m.get(i);
        if (list) list.push(n);
        else m.set(i, [n]);
      }
    }
    return m;
  };
  const reads = new Map<string, number>();
  for (const n of g.nodes) for (const i of n.inputs) if (inits.has(i)) reads.set(i, (reads.get(i) ?? 0) + 1);
  /** A constant of `C` values along the channel axis of an NCHW tensor (or one value), or null. */
  const perChannel = (name: string, channels: number): Float32Array | null => {
    const t = inits.get(name);
    if (!t || t.dataType !== DataType.FLOAT) return null;
    const v = floats(t);
    if (v.length === 1) return new Float32Array(channels).fill(v[0]);
    const d = t.dims;
    const shaped = (d.length === 4 && d[0] === 1 && d[1] === channels && d[2] === 1 && d[3] === 1) || (d.length === 3 && d[0] === channels && d[1] === 1 && d[2] === 1);
    return shaped ? v : null;
  };
  const scalar = (name: string): number | null => {
    const t = inits.get(name);
    if (!t || t.dataType !== DataType.FLOAT) return null;
    const v = floats(t);
    return v.length === 1 ? v[0] : null;
  };
  const otherInput = (n: Node, t: string): string | null => (n.inputs.length === 2 && n.inputs.includes(t) ? (n.inputs[0] === t ? n.inputs[1] : n.inputs[0]) : null);
  const remove = (dead: Set<Node>): void => {
    g.nodes = g.nodes.filter((n) => !dead.has(n));
  };
  /** Conv weight and bias, copied to fresh initializers if shared, so that they can be changed. */
  const ownParams = (conv: Node): { w: Tensor; b: Tensor } | null => {
    const w = inits.get(conv.inputs[1]);
    if (!w || w.dataType !== DataType.FLOAT || w.dims.length !== 4) return null;
    let b = conv.inputs[2] ? inits.get(conv.inputs[2]) : undefined;
    if (conv.inputs[2] && (!b || b.dataType !== DataType.FLOAT)) return null;
    const own = (t: Tensor, suffix: string): Tensor => {
      if ((reads.get(t.name) ?? 0) <= 1) return t;
      reads.set(t.name, (reads.get(t.name) ?? 0) - 1);
      const copy: Tensor = { name: `${conv.name || conv.outputs[0]}_${suffix}`, dims: [...t.dims], dataType: t.dataType, raw: new Uint8Array(t.raw) };
      g.initializers.push(copy);
      inits.set(copy.name, copy);
      return copy;
    };
    const ww = own(w, 'W');
    conv.inputs[1] = ww.name;
    if (!b) {
      b = { name: `${conv.name || conv.outputs[0]}_B`, dims: [w.dims[0]], dataType: DataType.FLOAT, raw: new Uint8Array(4 * w.dims[0]) };
      g.initializers.push(b);
      inits.set(b.name, b);
    } else b = own(b, 'B');
    conv.inputs[2] = b.name;
    return { w: ww, b };
  };
  const scaleConv = (conv: Node, k: Float32Array): boolean => {
    const p = ownParams(conv);
    if (!p) return false;
    const w = floats(p.w);
    const b = floats(p.b);
    const per = w.length / p.w.dims[0];
    for (let o = 0; o < p.w.dims[0]; o++) {
      for (let i = 0; i < per; i++) w[o * per + i] *= k[o];
      b[o] *= k[o];
    }
    setFloats(p.w, w);
    setFloats(p.b, b);
    return true;
  };

  // 1. Conv → Mul(k) / Add(k)
  {
    const u = uses();
    const dead = new Set<Node>();
    for (const conv of g.nodes) {
      if (conv.opType !== 'Conv' || conv.domain) continue;
      const cout = inits.get(conv.inputs[1])?.dims[0] ?? 0;
      for (;;) {
        const y = conv.outputs[0];
        const next = u.get(y);
        if (!next || next.length !== 1 || graphOutputs.has(y)) break;
        const m = next[0];
        const kName = otherInput(m, y);
        const k = kName && (m.opType === 'Mul' || m.opType === 'Add') && !m.domain ? perChannel(kName, cout) : null;
        if (!k) break;
        if (m.opType === 'Mul') {
          if (!scaleConv(conv, k)) break;
        } else {
          const p = ownParams(conv);
          if (!p) break;
          const b = floats(p.b);
          for (let o = 0; o < cout; o++) b[o] += k[o];
          setFloats(p.b, b);
        }
        // the Conv now writes the tensor the Mul or Add wrote, read by the same consumers
        conv.outputs[0] = m.outputs[0];
        dead.add(m);
        stats.convAffine++;
      }
    }
    remove(dead);
  }

  // 2. hard-swish: t → Add(3) → Clip(0, 6) → Mul(t, ·) → Div(6)
  {
    const u = uses();
    const dead = new Set<Node>();
    const replaced = new Map<Node, Node[]>();
    for (const add of g.nodes) {
      if (add.opType !== 'Add' || add.domain) continue;
      const t = add.inputs.find((i) => scalar(otherInput(add, i) ?? '') === 3);
      if (!t) continue;
      const clip = u.get(add.outputs[0]);
      if (clip?.length !== 1 || clip[0].opType !== 'Clip' || !isClip06(clip[0], scalar)) continue;
      const mul = u.get(clip[0].outputs[0]);
      if (mul?.length !== 1 || mul[0].opType !== 'Mul' || otherInput(mul[0], clip[0].outputs[0]) !== t) continue;
      const div = u.get(mul[0].outputs[0]);
      if (div?.length !== 1 || div[0].opType !== 'Div' || div[0].inputs[0] !== mul[0].outputs[0] || scalar(div[0].inputs[1]) !== 6) continue;
      if ([add, clip[0], mul[0]].some((n) => graphOutputs.has(n.outputs[0]))) continue;
      const hs = `${div[0].outputs[0]}_hardsigmoid`;
      for (const n of [add, clip[0], mul[0]]) dead.add(n);
      replaced.set(div[0], [
        { name: hs, opType: 'HardSigmoid', domain: '', inputs: [t], outputs: [hs], attributes: [{ name: 'alpha', value: { type: 'float', f: 1 / 6 } }, { name: 'beta', value: { type: 'float', f: 0.5 } }] },
        { name: `${div[0].outputs[0]}_mul`, opType: 'Mul', domain: '', inputs: [t, hs], outputs: [div[0].outputs[0]], attributes: [] },
      ]);
      stats.hardSwish++;
    }
    g.nodes = g.nodes.flatMap((n) => (dead.has(n) ? [] : (replaced.get(n) ?? [n])));
  }

  // 3. Conv → x · HardSigmoid(x) → Mul(c): c into the Conv
  {
    const u = uses();
    const dead = new Set<Node>();
    for (const conv of g.nodes) {
      if (conv.opType !== 'Conv' || conv.domain) continue;
      const x = conv.outputs[0];
      const users = u.get(x) ?? [];
      if (users.length !== 2 || graphOutputs.has(x)) continue;
      const hsig = users.find((n) => n.opType === 'HardSigmoid' && !n.domain);
      const mul = users.find((n) => n.opType === 'Mul' && !n.domain);
      if (!hsig || !mul || otherInput(mul, x) !== hsig.outputs[0] || (u.get(hsig.outputs[0]) ?? []).length !== 1) continue;
      const scaleUsers = u.get(mul.outputs[0]) ?? [];
      if (scaleUsers.length !== 1 || scaleUsers[0].opType !== 'Mul' || scaleUsers[0].domain || graphOutputs.has(mul.outputs[0])) continue;
      const c = scalar(otherInput(scaleUsers[0], mul.outputs[0]) ?? '');
      if (c === null || !(Math.abs(c) > 0)) continue;
      const cout = inits.get(conv.inputs[1])?.dims[0] ?? 0;
      if (!scaleConv(conv, new Float32Array(cout).fill(c))) continue;
      const alpha = hsig.attributes.find((a) => a.name === 'alpha');
      const a0 = alpha && alpha.value.type === 'float' ? alpha.value.f : 0.2;
      hsig.attributes = [...hsig.attributes.filter((a) => a.name !== 'alpha'), { name: 'alpha', value: { type: 'float', f: a0 / c } }];
      mul.outputs[0] = scaleUsers[0].outputs[0];
      dead.add(scaleUsers[0]);
      stats.scaleThroughHardSwish++;
    }
    remove(dead);
  }

  // 4. Add(k) → unpadded Conv: Σ W · k into the bias
  {
    const u = uses();
    const dead = new Set<Node>();
    for (const add of g.nodes) {
      if (add.opType !== 'Add' || add.domain) continue;
      const y = add.outputs[0];
      const next = u.get(y) ?? [];
      if (next.length !== 1 || next[0].opType !== 'Conv' || next[0].domain || next[0].inputs[0] !== y || graphOutputs.has(y)) continue;
      const conv = next[0];
      const w0 = inits.get(conv.inputs[1]);
      if (!unpadded(conv) || !w0 || w0.dims.length !== 4) continue;
      const group = intAttr(conv, 'group') ?? 1;
      const cinPerGroup = w0.dims[1];
      const src = add.inputs.find((i) => !inits.has(i) && perChannel(otherInput(add, i) ?? '', cinPerGroup * group) !== null);
      if (!src) continue;
      const k = perChannel(otherInput(add, src)!, cinPerGroup * group)!;
      const p = ownParams(conv);
      if (!p) continue;
      const w = floats(p.w);
      const b = floats(p.b);
      const cout = p.w.dims[0];
      const spatial = p.w.dims[2] * p.w.dims[3];
      for (let o = 0; o < cout; o++) {
        const gi = Math.floor(o / (cout / group));
        let s = 0;
        for (let i = 0; i < cinPerGroup; i++) {
          let ws = 0;
          for (let q = 0; q < spatial; q++) ws += w[(o * cinPerGroup + i) * spatial + q];
          s += ws * k[gi * cinPerGroup + i];
        }
        b[o] += s;
      }
      setFloats(p.b, b);
      conv.inputs[0] = src;
      dead.add(add);
      stats.addIntoConv++;
    }
    remove(dead);
  }

  // initializers no node reads any more
  const read = new Set(g.nodes.flatMap((n) => n.inputs));
  g.initializers = g.initializers.filter((t) => read.has(t.name));
  return stats;
}

/**
 * Constant nodes (as paddle2onnx writes every weight) turned into initializers of the same name,
 * so that the rewrites see the weights. Returns how many.
 */
export function constantsToInitializers(model: Model): number {
  const g = model.graph;
  let n = 0;
  g.nodes = g.nodes.filter((node) => {
    if (node.opType !== 'Constant' || node.domain || node.outputs.length !== 1) return true;
    const value = node.attributes.find((a) => a.name === 'value');
    if (node.attributes.length !== 1 || !value || value.value.type !== 'other') return true;
    const t = value.value.fields.find((f) => f.no === 5);
    if (!t) return true;
    g.initializers.push({ ...decodeTensor(t.value as Uint8Array), name: node.outputs[0] });
    n++;
    return false;
  });
  return n;
}

function intAttr(n: Node, name: string): number | undefined {
  const a = n.attributes.find((x) => x.name === name);
  return a && a.value.type === 'int' ? a.value.i : undefined;
}

function unpadded(conv: Node): boolean {
  const pads = conv.attributes.find((a) => a.name === 'pads');
  const autoPad = conv.attributes.find((a) => a.name === 'auto_pad');
  if (autoPad && !(autoPad.value.type === 'string' && (autoPad.value.s === 'NOTSET' || autoPad.value.s === 'VALID'))) return false;
  return !pads || (pads.value.type === 'ints' && pads.value.ints.every((p) => p === 0));
}

/** A Clip to [0, 6]: attributes (opset < 11) or constant inputs. */
function isClip06(clip: Node, scalar: (name: string) => number | null): boolean {
  const attr = (name: string): number | undefined => {
    const a = clip.attributes.find((x) => x.name === name);
    return a && a.value.type === 'float' ? a.value.f : undefined;
  };
  const lo = clip.inputs[1] ? scalar(clip.inputs[1]) : attr('min');
  const hi = clip.inputs[2] ? scalar(clip.inputs[2]) : attr('max');
  return lo === 0 && hi === 6;
}

/**
 * A PP-OCR model file's bytes with weights as initializers and the rewrites above applied,
 * ready for `InferenceSession.create`; `stats` counts the rewrites (all zero for a graph without
 * those patterns, which then loads as it was). Deterministic: the same bytes in give the same
 * bytes out. About 0.15 s of CPU for either PP-OCRv4 model.
 */
export function rewriteModel(bytes: Uint8Array): { model: Uint8Array; constants: number; stats: SimplifyStats } {
  const model = decodeModel(bytes);
  const constants = constantsToInitializers(model);
  const stats = simplify(model);
  return { model: encodeModel(model), constants, stats };
}
