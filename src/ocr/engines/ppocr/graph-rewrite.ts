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
 * Second round, from onnxruntime's own profile and the graph it runs (its optimized model saved):
 * on x86-64 it computes convolutions in a blocked layout (NCHWc, nchwc_transformer.cc) and goes
 * back to plain NCHW (ReorderOutput, later ReorderInput: two more passes) around every op it has
 * no blocked form for — an Add or Mul with a constant, a Mul broadcasting a per-channel vector,
 * a Concat of channel counts not a multiple of its block (16 with AVX-512), ConvTranspose — and it
 * fuses into the blocked Conv an activation that is its only reader, HardSwish among them
 * (opset ≥ 14), or an Add of another blocked map of the same shape.
 * - where the graph can declare opset 14 (only operators unchanged since its opset, and Slice,
 *   Squeeze, Softmax rewritten to their opset-14 form): the hard-swish's constant scale c (and the
 *   shift k after it) moved into the Convs that read it (input channels × c, k → k / c), and
 *   x · HardSigmoid(x; 1/6, 1/2) written as HardSwish(x), which onnxruntime fuses into the Conv;
 * - a constant Add or Mul left on a map of a multiple of 16 channels (the shift before a padded
 *   depthwise Conv): a depthwise 1 × 1 Conv, which stays blocked (x86-64 only: see REWRITE_SKIP
 *   in index.ts);
 * - x + x · s with s per channel from a global average pool (the neck's squeeze-excite
 *   residuals): x · (s + 1), one pass over x fewer;
 * - ConvTranspose → Add(k) / Mul(k) / BatchNormalization: into its weight and bias; a
 *   ConvTranspose whose kernel equals its stride: a 1 × 1 Conv to s² · C channels then
 *   DepthToSpace; elementwise ops and 1 × 1 Convs after a DepthToSpace moved before it (the Conv
 *   as s² groups), so detection's head runs as two 1 × 1 Convs with Relu and Sigmoid fused, then
 *   two DepthToSpace, instead of ConvTranspose, Add, BatchNormalization, Relu, ConvTranspose, Add,
 *   Sigmoid.
 * Measured with one intra-op thread on 7 pages (detection) and 449 crops (recognition) of three
 * corpus/scan twins, the first round alone and with these alternating, 4 rounds (a shared,
 * loaded machine): detection 419–426 → 323–333 ms per run, recognition 7.8–8.2 → 6.9–7.2 ms;
 * probabilities within 7e-5 of the first round's (within 2e-4 of the original graph's), the
 * same best class at all 8,984 recognition steps. Each left out of the rest (median ms per run,
 * without → with): the head 346 → 313 (detection); x · (s + 1) 351 → 329 (detection); depthwise
 * Convs 366 → 341 and 7.5 → 6.9; HardSwish with the scales moved 408 → 344 and 7.2 → 6.4. The 28
 * scan twins of corpus/scan at concurrency 2: 100–103 → 89–90 CPU seconds (user + sys, two runs
 * each, alternating), every CSV and JSON output byte-identical.
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
import { DataType, decodeModel, decodeTensor, defaultOpset, encodeFields, encodeModel, irVersion, setDefaultOpset, valueInfoName, type Model, type Node, type Tensor } from './onnx-proto.js';

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
  scaleIntoNextConv: number;
  hardSwishOp: number;
  convTransposeAffine: number;
  convTransposeToDepthToSpace: number;
  depthToSpaceLater: number;
  pooledScaleAdd: number;
  affineAsDepthwiseConv: number;
}

/** The rewrites by name (the keys of `SimplifyStats`), for switching some off (measurements, tests). */
export type RewriteName = keyof SimplifyStats;

/** Applies the rewrites above to `model` in place (weights must be initializers), except those in `skip`. */
export function simplify(model: Model, skip: ReadonlySet<RewriteName> = new Set()): SimplifyStats {
  const stats: SimplifyStats = {
    convAffine: 0,
    hardSwish: 0,
    scaleThroughHardSwish: 0,
    addIntoConv: 0,
    scaleIntoNextConv: 0,
    hardSwishOp: 0,
    convTransposeAffine: 0,
    convTransposeToDepthToSpace: 0,
    depthToSpaceLater: 0,
    pooledScaleAdd: 0,
    affineAsDepthwiseConv: 0,
  };
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
  const ownParams = (conv: Node, biasSize?: number): { w: Tensor; b: Tensor } | null => {
    const w = inits.get(conv.inputs[1]);
    if (!w || w.dataType !== DataType.FLOAT || w.dims.length !== 4) return null;
    const cout = biasSize ?? w.dims[0];
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
      b = { name: `${conv.name || conv.outputs[0]}_B`, dims: [cout], dataType: DataType.FLOAT, raw: new Uint8Array(4 * cout) };
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

  const names = new Set<string>([...g.initializers.map((t) => t.name), ...g.nodes.flatMap((n) => n.outputs)]);
  /** A tensor name not used yet, from `base`. */
  const fresh = (base: string): string => {
    let name = base;
    const taken = (x: string): boolean => names.has(x) || inits.has(x) || g.nodes.some((n) => n.outputs.includes(x));
    for (let i = 1; taken(name); i++) name = `${base}_${i}`;
    names.add(name);
    return name;
  };
  const addInit = (base: string, dims: number[], v: Float32Array): string => {
    const t: Tensor = { name: fresh(base), dims, dataType: DataType.FLOAT, raw: new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)) };
    g.initializers.push(t);
    inits.set(t.name, t);
    reads.set(t.name, 1);
    return t.name;
  };
  const producers = (): Map<string, Node> => new Map(g.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  const ints = (n: Node, name: string): number[] | undefined => {
    const a = n.attributes.find((x) => x.name === name);
    return a && a.value.type === 'ints' ? a.value.ints : undefined;
  };
  const str = (n: Node, name: string): string | undefined => {
    const a = n.attributes.find((x) => x.name === name);
    return a && a.value.type === 'string' ? a.value.s : undefined;
  };
  /** Per-channel scale and shift of an inference BatchNormalization with constant parameters of `c` values. */
  const batchNorm = (bn: Node, c: number): { scale: Float32Array; shift: Float32Array } | null => {
    const p = bn.inputs.slice(1, 5).map((i) => inits.get(i));
    if (p.length !== 4 || p.some((t) => !t || t.dataType !== DataType.FLOAT || floats(t).length !== c)) return null;
    const [gamma, beta, mean, variance] = p.map((t) => floats(t!));
    const epsAttr = bn.attributes.find((a) => a.name === 'epsilon');
    const eps = epsAttr && epsAttr.value.type === 'float' ? epsAttr.value.f : 1e-5;
    const scale = new Float32Array(c);
    const shift = new Float32Array(c);
    for (let i = 0; i < c; i++) {
      scale[i] = gamma[i] / Math.sqrt(variance[i] + eps);
      shift[i] = beta[i] - mean[i] * scale[i];
    }
    return { scale, shift };
  };
  /** Channels of a 4-D feature map, followed back through the ops that keep or derive them; null if unknown. */
  const channelsOf = (name: string, prod: Map<string, Node>, depth = 0): number | null => {
    const p = prod.get(name);
    if (!p || p.domain || depth > 50) return null;
    const w = inits.get(p.inputs[1] ?? '');
    if (p.opType === 'Conv') return w && w.dims.length === 4 ? w.dims[0] : null;
    if (p.opType === 'ConvTranspose') return w && w.dims.length === 4 ? w.dims[1] * (intAttr(p, 'group') ?? 1) : null;
    if (p.opType === 'DepthToSpace') {
      const c = channelsOf(p.inputs[0], prod, depth + 1);
      const b = intAttr(p, 'blocksize') ?? 0;
      return c !== null && b > 0 && c % (b * b) === 0 ? c / (b * b) : null;
    }
    if (['Relu', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Clip', 'Add', 'Mul', 'BatchNormalization', 'GlobalAveragePool', 'Resize'].includes(p.opType)) {
      const src = p.inputs.find((i) => i && !inits.has(i));
      return src ? channelsOf(src, prod, depth + 1) : null;
    }
    return null;
  };
  /** A tensor computed from a global average pool by per-channel ops only (shape N × C × 1 × 1). */
  const pooledMemo = new WeakMap<Map<string, Node>, Map<string, boolean>>();
  const pooled = (name: string, prod: Map<string, Node>): boolean => {
    let memo = pooledMemo.get(prod);
    if (!memo) pooledMemo.set(prod, (memo = new Map()));
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, false);
    const p = prod.get(name);
    let result = false;
    if (p && !p.domain) {
      if (p.opType === 'GlobalAveragePool') result = true;
      else if (['Conv', 'Relu', 'Sigmoid', 'HardSigmoid', 'Clip', 'Add', 'Mul'].includes(p.opType) && (p.opType !== 'Conv' || unpadded(p))) {
        const srcs = p.inputs.filter((i) => i && !inits.has(i));
        result = srcs.length > 0 && srcs.every((i) => pooled(i, prod));
      }
    }
    memo.set(name, result);
    return result;
  };



  // 1. Conv → Mul(k) / Add(k)
  if (!skip.has('convAffine')) {
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
  if (!skip.has('hardSwish')) {
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

  // 3a. Where the graph may use opset 14 (HardSwish, which onnxruntime fuses into the Conv before it):
  //     x · HardSigmoid(x) · c [+ k] → Convs only: c into those Convs' input channels (k becomes k / c),
  //     then x · HardSigmoid(x; 1/6, 1/2) → HardSwish(x)
  const opset = defaultOpset(model);
  // (IR version 7 is the first to allow opset 14)
  const swishable = opset >= 14 || (opset >= 9 && irVersion(model) >= 7 && g.nodes.every((n) => !n.domain && (OPS_SAME_9_TO_14.has(n.opType) || OPS_CHANGED_9_TO_14.has(n.opType)) && (opset >= 11 || !['Clip', 'Resize', 'DepthToSpace'].includes(n.opType))));
  if (swishable && !skip.has('scaleIntoNextConv')) {
    const u = uses();
    const prod = producers();
    const dead = new Set<Node>();
    /** Convs reading `t` as their input, with constant weights; null if anything else reads it. */
    const convsOf = (t: string): Node[] | null => {
      const users = u.get(t) ?? [];
      if (!users.length || graphOutputs.has(t)) return null;
      return users.every((n) => n.opType === 'Conv' && !n.domain && n.inputs[0] === t && n.inputs.indexOf(t, 1) < 0 && inits.get(n.inputs[1])?.dims.length === 4) ? users : null;
    };
    for (const mul of g.nodes) {
      if (mul.opType !== 'Mul' || mul.domain || mul.inputs.length !== 2) continue;
      const x = mul.inputs.find((i) => !inits.has(i));
      const cName = x ? otherInput(mul, x) : null;
      const hs = x ? prod.get(x) : undefined;
      // only after a hard-swish: elsewhere the scale folds backwards into the Conv before (rule 1)
      if (!x || !cName || !inits.has(cName) || !hs || hs.opType !== 'Mul' || !hs.inputs.some((i) => prod.get(i)?.opType === 'HardSigmoid')) continue;
      const y = mul.outputs[0];
      const next = u.get(y) ?? [];
      let convs = convsOf(y);
      let add: Node | null = null;
      if (!convs && next.length === 1 && next[0].opType === 'Add' && !next[0].domain && !graphOutputs.has(y)) {
        add = next[0];
        convs = convsOf(add.outputs[0]);
      }
      if (!convs) continue;
      const w0 = inits.get(convs[0].inputs[1])!;
      const channels = w0.dims[1] * (intAttr(convs[0], 'group') ?? 1);
      const c = perChannel(cName, channels);
      const k = add ? perChannel(otherInput(add, y) ?? '', channels) : null;
      if (!c || c.some((v) => !(Math.abs(v) > 0)) || (add && !k)) continue;
      if (convs.some((n) => inits.get(n.inputs[1])!.dims[1] * (intAttr(n, 'group') ?? 1) !== channels)) continue;
      for (const conv of convs) {
        const p = ownParams(conv);
        if (!p) continue;
        const w = floats(p.w);
        const [cout, cinPerGroup] = p.w.dims;
        const spatial = p.w.dims[2] * p.w.dims[3];
        const groups = intAttr(conv, 'group') ?? 1;
        for (let o = 0; o < cout; o++) {
          const gi = Math.floor(o / (cout / groups));
          for (let i = 0; i < cinPerGroup; i++) for (let q = 0; q < spatial; q++) w[(o * cinPerGroup + i) * spatial + q] *= c[gi * cinPerGroup + i];
        }
        setFloats(p.w, w);
      }
      if (add && k) {
        const kName = otherInput(add, y)!;
        const scaled = k.map((v, i) => v / c[i]);
        add.inputs = add.inputs.map((i) => (i === kName ? addInit(`${kName}_unscaled`, [1, channels, 1, 1], scaled) : i === y ? x : i));
      } else for (const conv of convs) conv.inputs[0] = x;
      dead.add(mul);
      stats.scaleIntoNextConv++;
    }
    remove(dead);
  }
  if (swishable && !skip.has('hardSwishOp')) {
    const u = uses();
    const dead = new Set<Node>();
    g.nodes = g.nodes.map((hsig) => {
      if (hsig.opType !== 'HardSigmoid' || hsig.domain) return hsig;
      const attr = (name: string, dflt: number): number => {
        const a = hsig.attributes.find((x) => x.name === name);
        return a && a.value.type === 'float' ? a.value.f : dflt;
      };
      const x = hsig.inputs[0];
      const users = u.get(hsig.outputs[0]) ?? [];
      if (Math.fround(attr('alpha', 0.2)) !== Math.fround(1 / 6) || Math.fround(attr('beta', 0.5)) !== 0.5) return hsig;
      if (users.length !== 1 || users[0].opType !== 'Mul' || users[0].domain || otherInput(users[0], hsig.outputs[0]) !== x || graphOutputs.has(hsig.outputs[0])) return hsig;
      dead.add(users[0]);
      stats.hardSwishOp++;
      return { name: `${users[0].outputs[0]}_hardswish`, opType: 'HardSwish', domain: '', inputs: [x], outputs: [...users[0].outputs], attributes: [] };
    });
    remove(dead);
    if (stats.hardSwishOp && opset < 14) {
      g.nodes = g.nodes.flatMap((n) => upgradeTo14(n, opset, (base, values) => {
        const t: Tensor = { name: fresh(base), dims: [values.length], dataType: DataType.INT64, raw: new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer) };
        g.initializers.push(t);
        inits.set(t.name, t);
        return t.name;
      }, fresh));
      setDefaultOpset(model, 14);
    }
  }

  // 3. Conv → x · HardSigmoid(x) → Mul(c): c into the Conv
  if (!skip.has('scaleThroughHardSwish')) {
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
  if (!skip.has('addIntoConv')) {
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

  // 5. ConvTranspose → Mul(k) / Add(k) / BatchNormalization: into its weight and bias
  if (!skip.has('convTransposeAffine')) {
    const u = uses();
    const dead = new Set<Node>();
    for (const ct of g.nodes) {
      if (ct.opType !== 'ConvTranspose' || ct.domain || (intAttr(ct, 'group') ?? 1) !== 1) continue;
      const w0 = inits.get(ct.inputs[1]);
      if (!w0 || w0.dims.length !== 4) continue;
      const cout = w0.dims[1];
      for (;;) {
        const y = ct.outputs[0];
        const next = u.get(y);
        if (!next || next.length !== 1 || graphOutputs.has(y)) break;
        const m = next[0];
        let scale: Float32Array | null = null;
        let shift: Float32Array | null = null;
        if ((m.opType === 'Mul' || m.opType === 'Add') && !m.domain) {
          const k = perChannel(otherInput(m, y) ?? '', cout);
          if (!k) break;
          if (m.opType === 'Mul') scale = k;
          else shift = k;
        } else if (m.opType === 'BatchNormalization' && !m.domain && m.inputs[0] === y && m.outputs.length === 1) {
          const bn = batchNorm(m, cout);
          if (!bn) break;
          ({ scale, shift } = bn);
        } else break;
        const p = ownParams(ct, cout);
        if (!p) break;
        const w = floats(p.w);
        const b = floats(p.b);
        const spatial = p.w.dims[2] * p.w.dims[3];
        for (let o = 0; o < cout; o++) {
          if (scale) {
            for (let i = 0; i < p.w.dims[0]; i++) for (let q = 0; q < spatial; q++) w[(i * cout + o) * spatial + q] *= scale[o];
            b[o] *= scale[o];
          }
          if (shift) b[o] += shift[o];
        }
        setFloats(p.w, w);
        setFloats(p.b, b);
        ct.outputs[0] = m.outputs[0];
        dead.add(m);
        stats.convTransposeAffine++;
      }
    }
    remove(dead);
  }

  // 6. ConvTranspose whose kernel equals its stride (s × s, unpadded): a 1 × 1 Conv to s² · C channels, then DepthToSpace
  if (!skip.has('convTransposeToDepthToSpace')) {
    g.nodes = g.nodes.flatMap((ct) => {
      if (ct.opType !== 'ConvTranspose' || ct.domain || (intAttr(ct, 'group') ?? 1) !== 1) return [ct];
      const wt = inits.get(ct.inputs[1]);
      if (!wt || wt.dataType !== DataType.FLOAT || wt.dims.length !== 4) return [ct];
      const [cin, cout, kh, kw] = wt.dims;
      const s = kh;
      const strides = ints(ct, 'strides');
      const ok =
        kw === s &&
        s > 1 &&
        strides?.length === 2 &&
        strides.every((x) => x === s) &&
        (ints(ct, 'pads') ?? [0]).every((x) => x === 0) &&
        (ints(ct, 'dilations') ?? [1]).every((x) => x === 1) &&
        (ints(ct, 'output_padding') ?? [0]).every((x) => x === 0) &&
        !ints(ct, 'output_shape') &&
        (str(ct, 'auto_pad') ?? 'NOTSET') === 'NOTSET';
      const bt = ct.inputs[2] ? inits.get(ct.inputs[2]) : undefined;
      if (!ok || (ct.inputs[2] && (!bt || floats(bt).length !== cout))) return [ct];
      const w = floats(wt);
      const wc = new Float32Array(s * s * cout * cin);
      for (let ci = 0; ci < cin; ci++) {
        for (let co = 0; co < cout; co++) {
          for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) wc[((dy * s + dx) * cout + co) * cin + ci] = w[((ci * cout + co) * s + dy) * s + dx];
        }
      }
      const base = ct.name || ct.outputs[0];
      const inputs = [ct.inputs[0], addInit(`${base}_conv_W`, [s * s * cout, cin, 1, 1], wc)];
      if (bt) {
        const b = floats(bt);
        const bc = new Float32Array(s * s * cout);
        for (let p = 0; p < s * s; p++) bc.set(b, p * cout);
        inputs.push(addInit(`${base}_conv_B`, [s * s * cout], bc));
      }
      const blocks = fresh(`${ct.outputs[0]}_blocks`);
      stats.convTransposeToDepthToSpace++;
      return [
        { name: `${base}_conv`, opType: 'Conv', domain: '', inputs, outputs: [blocks], attributes: [{ name: 'kernel_shape', value: { type: 'ints', ints: [1, 1] } }] },
        // DepthToSpace's default mode is DCR in every opset: channel (dy · s + dx) · C + c goes to (s·h + dy, s·w + dx)
        { name: `${base}_d2s`, opType: 'DepthToSpace', domain: '', inputs: [blocks], outputs: [ct.outputs[0]], attributes: [{ name: 'blocksize', value: { type: 'int', i: s } }] },
      ];
    });
  }

  // 7. DepthToSpace → elementwise op or 1 × 1 Conv: the op moved before the DepthToSpace (the Conv as
  //    s² groups, one per position in the block), so that it runs on the blocked map and fuses there
  if (!skip.has('depthToSpaceLater')) {
    const unary = new Set(['Relu', 'Sigmoid', 'HardSigmoid', 'LeakyRelu', 'Tanh', 'Clip']);
    for (let changed = true; changed; ) {
      changed = false;
      const u = uses();
      for (const d2s of g.nodes) {
        if (d2s.opType !== 'DepthToSpace' || d2s.domain || (str(d2s, 'mode') ?? 'DCR') !== 'DCR') continue;
        const t = d2s.outputs[0];
        const next = u.get(t) ?? [];
        if (next.length !== 1 || graphOutputs.has(t) || next[0].domain || next[0].inputs[0] !== t) continue;
        const op = next[0];
        const s = intAttr(d2s, 'blocksize') ?? 0;
        const constRest = op.inputs.slice(1).every((i) => !i || inits.has(i));
        let moved: Node | null = null;
        if (unary.has(op.opType) && constRest) moved = { ...op, inputs: [d2s.inputs[0], ...op.inputs.slice(1)], attributes: [...op.attributes] };
        else if (['Add', 'Mul', 'Sub', 'Div'].includes(op.opType) && op.inputs.length === 2 && scalar(op.inputs[1]) !== null) moved = { ...op, inputs: [d2s.inputs[0], op.inputs[1]] };
        else if (op.opType === 'Conv' && (intAttr(op, 'group') ?? 1) === 1 && unpadded(op) && (ints(op, 'strides') ?? [1]).every((x) => x === 1) && (ints(op, 'dilations') ?? [1]).every((x) => x === 1)) {
          const wt = inits.get(op.inputs[1]);
          const bt = op.inputs[2] ? inits.get(op.inputs[2]) : undefined;
          if (!wt || wt.dataType !== DataType.FLOAT || wt.dims.length !== 4 || wt.dims[2] !== 1 || wt.dims[3] !== 1 || (op.inputs[2] && !bt) || s < 1) continue;
          const w = floats(wt);
          const wg = new Float32Array(w.length * s * s);
          for (let p = 0; p < s * s; p++) wg.set(w, p * w.length);
          const base = op.name || op.outputs[0];
          const inputs = [d2s.inputs[0], addInit(`${base}_grouped_W`, [wt.dims[0] * s * s, wt.dims[1], 1, 1], wg)];
          if (bt) {
            const b = floats(bt);
            const bg = new Float32Array(b.length * s * s);
            for (let p = 0; p < s * s; p++) bg.set(b, p * b.length);
            inputs.push(addInit(`${base}_grouped_B`, [b.length * s * s], bg));
          }
          moved = { ...op, inputs, attributes: [...op.attributes.filter((a) => a.name !== 'group'), { name: 'group', value: { type: 'int', i: s * s } }] };
        }
        if (!moved) continue;
        const between = fresh(`${op.outputs[0]}_blocks`);
        moved.outputs = [between];
        const after: Node = { ...d2s, inputs: [between], outputs: [op.outputs[0]] };
        g.nodes = g.nodes.map((n) => (n === d2s ? moved! : n === op ? after : n));
        stats.depthToSpaceLater++;
        changed = true;
        break;
      }
    }
  }

  // 8. x + x · s, s per channel from a global pool (a squeeze-excite block): x · (s + 1), one pass over x fewer
  if (!skip.has('pooledScaleAdd')) {
    const u = uses();
    const prod = producers();
    const dead = new Set<Node>();
    const before = new Map<Node, Node>();
    for (const add of g.nodes) {
      if (add.opType !== 'Add' || add.domain || add.inputs.length !== 2) continue;
      for (const [x, m] of [add.inputs, [...add.inputs].reverse()]) {
        const mul = prod.get(m);
        if (!mul || mul.opType !== 'Mul' || mul.domain || (u.get(m) ?? []).length !== 1 || graphOutputs.has(m) || dead.has(mul) || before.has(mul)) continue;
        const sc = otherInput(mul, x);
        if (!sc || inits.has(sc) || !pooled(sc, prod) || pooled(x, prod)) continue;
        const one = addInit(`${add.outputs[0]}_one`, [1], Float32Array.of(1));
        const s1 = fresh(`${sc}_plus1`);
        before.set(mul, { name: `${s1}_add`, opType: 'Add', domain: '', inputs: [sc, one], outputs: [s1], attributes: [] });
        mul.inputs = [x, s1];
        mul.outputs = [add.outputs[0]];
        dead.add(add);
        stats.pooledScaleAdd++;
        break;
      }
    }
    g.nodes = g.nodes.flatMap((n) => (dead.has(n) ? [] : before.has(n) ? [before.get(n)!, n] : [n]));
  }

  // 9. Add(k) / Mul(k) left on a feature map of a multiple of 16 channels: a depthwise 1 × 1 Conv
  if (!skip.has('affineAsDepthwiseConv')) {
    const prod = producers();
    g.nodes = g.nodes.map((n) => {
      if ((n.opType !== 'Add' && n.opType !== 'Mul') || n.domain || n.inputs.length !== 2) return n;
      const x = n.inputs.find((i) => !inits.has(i));
      const kName = x ? otherInput(n, x) : null;
      if (!x || !kName || !inits.has(kName) || pooled(x, prod)) return n;
      const c = channelsOf(x, prod);
      const k = c ? perChannel(kName, c) : null;
      if (!c || c % 16 !== 0 || !k) return n;
      const base = n.name || n.outputs[0];
      const w = n.opType === 'Mul' ? k : new Float32Array(c).fill(1);
      const inputs = [x, addInit(`${base}_dw_W`, [c, 1, 1, 1], w)];
      if (n.opType === 'Add') inputs.push(addInit(`${base}_dw_B`, [c], k));
      stats.affineAsDepthwiseConv++;
      return {
        name: `${base}_dw`,
        opType: 'Conv',
        domain: '',
        inputs,
        outputs: [...n.outputs],
        attributes: [
          { name: 'group', value: { type: 'int', i: c } },
          { name: 'kernel_shape', value: { type: 'ints', ints: [1, 1] } },
        ],
      };
    });
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

/**
 * Operators whose definition did not change between opsets 9 and 14 in ways a model could see
 * (newer versions add types, or training-only outputs to BatchNormalization, or ceil_mode with
 * its old default to the pools): a graph of only these, and of those below, can declare opset 14,
 * which HardSwish needs. Not here: Clip, Resize and Upsample (changed at 11: taken only from a
 * graph of opset ≥ 11, where they are as in 14), and anything not met in PP-OCR's graphs.
 */
const OPS_SAME_9_TO_14 = new Set([
  'Add', 'Sub', 'Mul', 'Div', 'Pow', 'Sqrt', 'Relu', 'Sigmoid', 'HardSigmoid', 'Conv', 'ConvTranspose', 'BatchNormalization',
  'GlobalAveragePool', 'AveragePool', 'MaxPool', 'Concat', 'Reshape', 'Transpose', 'Shape', 'Cast', 'MatMul', 'ReduceMean',
]);
/** Operators rewritten by `upgradeTo14` (Slice, Squeeze: attributes to inputs; Softmax: its old 2-D meaning). */
const OPS_CHANGED_9_TO_14 = new Set(['Slice', 'Squeeze', 'Softmax', 'Clip', 'Resize', 'DepthToSpace', 'HardSwish']);

/**
 * One node of a graph of opset `from` (≥ 9) as nodes of opset 14 computing the same: Slice-1's and
 * Squeeze-1's attributes become int64 inputs; Softmax-1 (over the input flattened to 2-D at `axis`)
 * becomes Flatten → Softmax-13 → Reshape to the input's shape. Throws on a Clip, Resize or
 * DepthToSpace-1 of an opset below 11 (never allowed through by the caller).
 */
function upgradeTo14(n: Node, from: number, int64s: (base: string, values: number[]) => string, fresh: (base: string) => string): Node[] {
  const ints = (name: string): number[] | undefined => {
    const a = n.attributes.find((x) => x.name === name);
    return a && a.value.type === 'ints' ? a.value.ints : undefined;
  };
  const base = n.name || n.outputs[0];
  if (n.opType === 'Slice' && from < 10) {
    const [starts, ends, axes] = [ints('starts'), ints('ends'), ints('axes')];
    if (!starts || !ends) throw new Error(`Slice ${base} without starts/ends`);
    const inputs = [n.inputs[0], int64s(`${base}_starts`, starts), int64s(`${base}_ends`, ends)];
    if (axes) inputs.push(int64s(`${base}_axes`, axes));
    return [{ ...n, inputs, attributes: [] }];
  }
  if (n.opType === 'Squeeze' && from < 13) {
    const axes = ints('axes');
    return [{ ...n, inputs: axes ? [n.inputs[0], int64s(`${base}_axes`, axes)] : [n.inputs[0]], attributes: n.attributes.filter((a) => a.name !== 'axes') }];
  }
  if (n.opType === 'Softmax' && from < 13) {
    const a = n.attributes.find((x) => x.name === 'axis');
    const axis = a && a.value.type === 'int' ? a.value.i : 1;
    const flat = fresh(`${n.outputs[0]}_2d`);
    const soft = fresh(`${n.outputs[0]}_2d_softmax`);
    const shape = fresh(`${n.inputs[0]}_shape`);
    return [
      { name: `${base}_shape`, opType: 'Shape', domain: '', inputs: [n.inputs[0]], outputs: [shape], attributes: [] },
      { name: `${base}_flatten`, opType: 'Flatten', domain: '', inputs: [n.inputs[0]], outputs: [flat], attributes: [{ name: 'axis', value: { type: 'int', i: axis } }] },
      { name: `${base}_2d`, opType: 'Softmax', domain: '', inputs: [flat], outputs: [soft], attributes: [{ name: 'axis', value: { type: 'int', i: 1 } }] },
      { name: base, opType: 'Reshape', domain: '', inputs: [soft, shape], outputs: [...n.outputs], attributes: [] },
    ];
  }
  if ((n.opType === 'Clip' || n.opType === 'Resize' || n.opType === 'DepthToSpace') && from < 11) throw new Error(`${n.opType} ${base} of opset ${from}`);
  return [n];
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
 * bytes out. `skip` leaves rewrites out by name. About 0.2–0.25 s of CPU for either PP-OCRv4
 * model (the first call in a process).
 */
export function rewriteModel(
  bytes: Uint8Array,
  skip: ReadonlySet<RewriteName> = new Set(),
  options: { decodeHead?: readonly [number, number] } = {},
): { model: Uint8Array; constants: number; stats: SimplifyStats } {
  const model = decodeModel(bytes);
  const constants = constantsToInitializers(model);
  const stats = simplify(model, skip);
  if (options.decodeHead) addDecodeHead(model, options.decodeHead);
  return { model: encodeModel(model), constants, stats };
}

/** The name of the output `withDecodeHead` adds. */
export const DECODE_HEAD = 'ctc_decode_head';

/**
 * The recognition model with a second output, `DECODE_HEAD` ([N, T, 4] floats): per time step
 * the most likely class (as a float; the first on ties) and its probability, both from one TopK
 * with k = 1, and the probabilities of the classes in `signs` (Gather: ≥ and ≤, see recognize.ts
 * `STEP_ROW`), all read off the model's own [N, T, classes] softmax output, which stays an output.
 * A run that fetches only this output copies 4 floats per step out of onnxruntime instead of
 * 6,625 (26 KB per step, ~1.9 GB over the 3,583 boxes of corpus/scan) and leaves the argmax to its
 * kernels. The rows equal what `stepRows` computes from the softmax output, bit for bit (same
 * maximum, same index). TopK rather than ArgMax + ReduceMax: onnxruntime's profiler at width 256
 * (32 steps), 93 µs against 226 + 33 µs per run, of ~9.6 ms; corpus/scan's outputs byte-identical.
 * Errors: a model with other than one output.
 */
export function withDecodeHead(bytes: Uint8Array, signs: readonly [number, number]): Uint8Array {
  const model = decodeModel(bytes);
  addDecodeHead(model, signs);
  return encodeModel(model);
}

/** `withDecodeHead` on a decoded model (changed in place); `rewriteModel` adds it in the same pass when asked. */
export function addDecodeHead(model: Model, signs: readonly [number, number]): void {
  const g = model.graph;
  if (g.outputs.length !== 1) throw new Error(`a recognition model has one output, this one ${g.outputs.length}`);
  const probs = valueInfoName(g.outputs[0]);
  const name = (x: string): string => `${DECODE_HEAD}_${x}`;
  const indices = new Uint8Array(8 * signs.length);
  signs.forEach((k, i) => new DataView(indices.buffer).setBigInt64(8 * i, BigInt(k), true));
  g.initializers.push({ name: name('signs'), dims: [signs.length], dataType: DataType.INT64, raw: indices });
  const int = (n: string, i: number) => ({ name: n, value: { type: 'int' as const, i } });
  // TopK takes k as an attribute up to opset 9 (the model as shipped), as an input from opset 10
  // (the rewritten model); `largest` and `sorted` exist from 11, their defaults are these
  const kAsInput = defaultOpset(model) >= 10;
  if (kAsInput) {
    const one = new Uint8Array(8);
    new DataView(one.buffer).setBigInt64(0, 1n, true);
    g.initializers.push({ name: name('k'), dims: [1], dataType: DataType.INT64, raw: one });
  }
  g.nodes.push(
    { name: name('top'), opType: 'TopK', domain: '', inputs: kAsInput ? [probs, name('k')] : [probs], outputs: [name('best_prob'), name('best_index')], attributes: kAsInput ? [int('axis', 2)] : [int('axis', 2), int('k', 1)] },
    { name: name('cast'), opType: 'Cast', domain: '', inputs: [name('best_index')], outputs: [name('best')], attributes: [int('to', DataType.FLOAT)] },
    { name: name('gather'), opType: 'Gather', domain: '', inputs: [probs, name('signs')], outputs: [name('sign_probs')], attributes: [int('axis', 2)] },
    { name: name('concat'), opType: 'Concat', domain: '', inputs: [name('best'), name('best_prob'), name('sign_probs')], outputs: [DECODE_HEAD], attributes: [int('axis', 2)] },
  );
  // ValueInfoProto { name: 1, type: 2 { tensor_type: 1 { elem_type: 1 } } }
  const tensorType = encodeFields([{ no: 1, wire: 0, value: BigInt(DataType.FLOAT) }]);
  g.outputs.push(encodeFields([
    { no: 1, wire: 2, value: new TextEncoder().encode(DECODE_HEAD) },
    { no: 2, wire: 2, value: encodeFields([{ no: 1, wire: 2, value: tensorType }]) },
  ]));
}
