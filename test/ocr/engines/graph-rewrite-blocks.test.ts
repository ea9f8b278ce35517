/**
 * The graph rewrites on small graphs built here, one per kind of block in the PP-OCR networks:
 * the rewritten graph computes what the original does (onnxruntime, random input, within float
 * rounding) with the nodes expected.
 */
import { describe, expect, test } from '@jest/globals';
import * as ort from 'onnxruntime-node';
import { rewriteModel, type RewriteName } from '../../../src/ocr/engines/ppocr/graph-rewrite.js';
import { DataType, decodeModel, defaultOpset, encodeFields, encodeModel, type Attribute, type Field, type Model, type Node, type Tensor } from '../../../src/ocr/engines/ppocr/onnx-proto.js';

const utf8 = new TextEncoder();

/** A deterministic pseudo-random sequence in [-1, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

const rnd = random(7);
const values = (n: number, scale = 1, offset = 0): Float32Array => Float32Array.from({ length: n }, () => offset + scale * rnd());

function init(name: string, dims: number[], v: Float32Array | number[]): Tensor {
  const f = Float32Array.from(v);
  return { name, dims, dataType: DataType.FLOAT, raw: new Uint8Array(f.buffer) };
}

function valueInfo(name: string, dims?: number[]): Uint8Array {
  const shape = dims ? [{ no: 2, wire: 2, value: encodeFields(dims.map((d) => ({ no: 1, wire: 2, value: encodeFields([{ no: 1, wire: 0, value: BigInt(d) }]) }) as Field)) } as Field] : [];
  const tensorType = encodeFields([{ no: 1, wire: 0, value: BigInt(DataType.FLOAT) }, ...shape]);
  return encodeFields([
    { no: 1, wire: 2, value: utf8.encode(name) },
    { no: 2, wire: 2, value: encodeFields([{ no: 1, wire: 2, value: tensorType }]) },
  ]);
}

const ints = (name: string, v: number[]): Attribute => ({ name, value: { type: 'ints', ints: v } });
const int = (name: string, i: number): Attribute => ({ name, value: { type: 'int', i } });
const float = (name: string, f: number): Attribute => ({ name, value: { type: 'float', f } });
const node = (opType: string, inputs: string[], outputs: string[], attributes: Attribute[] = []): Node => ({ name: outputs[0], opType, domain: '', inputs, outputs, attributes });

function model(opset: number, nodes: Node[], initializers: Tensor[], input: [string, number[]], output: string): Model {
  return {
    graph: {
      nodes,
      initializers,
      outputs: [valueInfo(output)],
      rest: [
        { no: 2, wire: 2, value: utf8.encode('test') },
        { no: 11, wire: 2, value: valueInfo(...input) },
      ],
    },
    rest: [
      { no: 1, wire: 0, value: 8n },
      { no: 8, wire: 2, value: encodeFields([{ no: 2, wire: 0, value: BigInt(opset) }]) },
    ],
  };
}

const ALL: RewriteName[] = [
  'convAffine', 'hardSwish', 'scaleThroughHardSwish', 'addIntoConv', 'scaleIntoNextConv', 'hardSwishOp',
  'convTransposeAffine', 'convTransposeToDepthToSpace', 'depthToSpaceLater', 'pooledScaleAdd', 'affineAsDepthwiseConv',
];

async function run(bytes: Uint8Array, x: Float32Array, dims: number[]): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
  try {
    const out = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', x, dims) });
    return out[s.outputNames[0]].data as Float32Array;
  } finally {
    await s.release();
  }
}

/** Runs `m` as built and rewritten; returns the largest difference and the rewritten graph's op counts. */
async function compare(m: Model, dims: number[], skip: RewriteName[] = []) {
  const bytes = encodeModel(m);
  const original = rewriteModel(bytes, new Set(ALL)).model;
  const rewritten = rewriteModel(bytes, new Set(skip));
  const x = values(dims.reduce((a, b) => a * b), 3);
  const [a, b] = await Promise.all([run(original, x, dims), run(rewritten.model, x, dims)]);
  expect(b.length).toBe(a.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  const out = decodeModel(rewritten.model);
  const ops: Record<string, number> = {};
  for (const n of out.graph.nodes) ops[n.opType] = (ops[n.opType] ?? 0) + 1;
  return { diff, scale, ops, stats: rewritten.stats, opset: defaultOpset(out) };
}

describe('graph rewrites on small graphs', () => {
  test('a backbone block: affines, four-op hard-swish, scale and shift before a padded depthwise Conv (opset 11 → 14)', async () => {
    const c = 16;
    const nodes = [
      node('Conv', ['x', 'w1', 'b1'], ['c1'], [ints('kernel_shape', [1, 1])]),
      node('Mul', ['c1', 'k1'], ['a1']),
      node('Add', ['a1', 'k2'], ['a2']),
      node('Add', ['a2', 'three'], ['h1']),
      node('Clip', ['h1', 'zero', 'six'], ['h2']),
      node('Mul', ['a2', 'h2'], ['h3']),
      node('Div', ['h3', 'six'], ['h4']),
      node('Mul', ['h4', 'ws'], ['s1']),
      node('Add', ['s1', 'wb'], ['s2']),
      node('Conv', ['s2', 'w2', 'b2'], ['y'], [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1]), int('group', c)]),
    ];
    const inits = [
      init('w1', [c, c, 1, 1], values(c * c, 0.3)),
      init('b1', [c], values(c, 0.2)),
      init('k1', [1, c, 1, 1], values(c, 0.5, 1)),
      init('k2', [1, c, 1, 1], values(c, 0.5)),
      init('three', [1], [3]),
      init('zero', [], [0]),
      init('six', [], [6]),
      init('ws', [1], [1.7]),
      init('wb', [1], [-0.4]),
      init('w2', [c, 1, 3, 3], values(c * 9, 0.5)),
      init('b2', [c], values(c, 0.1)),
    ];
    const r = await compare(model(11, nodes, inits, ['x', [1, c, 7, 9]], 'y'), [1, c, 7, 9]);
    expect(r.diff).toBeLessThan(1e-5 * Math.max(1, r.scale));
    expect(r.opset).toBe(14);
    expect(r.stats).toMatchObject({ convAffine: 2, hardSwish: 1, scaleIntoNextConv: 1, hardSwishOp: 1, affineAsDepthwiseConv: 1 });
    // Conv + HardSwish, the shift as a depthwise 1 × 1 Conv, the depthwise 3 × 3 Conv
    expect(r.ops).toEqual({ Conv: 3, HardSwish: 1 });
  });

  test('without opset 14 in reach (a Resize of opset 10) the scale goes into the Conv before the HardSigmoid', async () => {
    const c = 16;
    const nodes = [
      node('Conv', ['x', 'w1'], ['c1'], [ints('kernel_shape', [1, 1])]),
      node('HardSigmoid', ['c1'], ['h'], [float('alpha', 1 / 6), float('beta', 0.5)]),
      node('Mul', ['c1', 'h'], ['s']),
      node('Mul', ['s', 'ws'], ['t']),
      node('Resize', ['t', 'scales'], ['y']),
    ];
    const inits = [init('w1', [c, c, 1, 1], values(c * c, 0.5)), init('ws', [1], [2.5]), init('scales', [4], [1, 1, 2, 2])];
    const r = await compare(model(10, nodes, inits, ['x', [1, c, 5, 6]], 'y'), [1, c, 5, 6]);
    expect(r.diff).toBeLessThan(1e-5 * Math.max(1, r.scale));
    expect(r.opset).toBe(10);
    expect(r.stats).toMatchObject({ scaleThroughHardSwish: 1, hardSwishOp: 0 });
    expect(r.ops).toEqual({ Conv: 1, HardSigmoid: 1, Mul: 1, Resize: 1 });
  });

  test('a detection head: ConvTranspose + bias + BatchNormalization + Relu, ConvTranspose + bias + Sigmoid', async () => {
    const c = 8;
    const nodes = [
      node('ConvTranspose', ['x', 't1'], ['u1'], [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]),
      node('Add', ['u1', 'tb1'], ['u2']),
      node('BatchNormalization', ['u2', 'gamma', 'beta', 'mean', 'var'], ['u3'], [float('epsilon', 1e-5)]),
      node('Relu', ['u3'], ['u4']),
      node('ConvTranspose', ['u4', 't2'], ['v1'], [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]),
      node('Add', ['v1', 'tb2'], ['v2']),
      node('Sigmoid', ['v2'], ['y']),
    ];
    const inits = [
      init('t1', [c, c, 2, 2], values(c * c * 4, 0.5)),
      init('tb1', [1, c, 1, 1], values(c, 0.2)),
      init('gamma', [c], values(c, 0.3, 1)),
      init('beta', [c], values(c, 0.2)),
      init('mean', [c], values(c, 0.2)),
      init('var', [c], values(c, 0.2, 1)),
      init('t2', [c, 1, 2, 2], values(c * 4, 0.5)),
      init('tb2', [1, 1, 1, 1], [0.1]),
    ];
    const r = await compare(model(11, nodes, inits, ['x', [1, c, 5, 7]], 'y'), [1, c, 5, 7]);
    expect(r.diff).toBeLessThan(1e-6);
    expect(r.stats).toMatchObject({ convTransposeAffine: 3, convTransposeToDepthToSpace: 2, depthToSpaceLater: 4 });
    // 1 × 1 Conv + Relu, grouped 1 × 1 Conv + Sigmoid, then the two DepthToSpace
    expect(r.ops).toEqual({ Conv: 2, Relu: 1, Sigmoid: 1, DepthToSpace: 2 });
  });

  test('a squeeze-excite residual x + x · s becomes x · (s + 1)', async () => {
    const c = 16;
    const nodes = [
      node('Conv', ['x', 'w1'], ['f'], [ints('kernel_shape', [1, 1])]),
      node('GlobalAveragePool', ['f'], ['p']),
      node('Conv', ['p', 'w2', 'b2'], ['q'], [ints('kernel_shape', [1, 1])]),
      node('HardSigmoid', ['q'], ['s'], [float('alpha', 0.2), float('beta', 0.5)]),
      node('Mul', ['f', 's'], ['m']),
      node('Add', ['f', 'm'], ['y']),
    ];
    const inits = [init('w1', [c, c, 1, 1], values(c * c, 0.5)), init('w2', [c, c, 1, 1], values(c * c, 0.5)), init('b2', [c], values(c, 0.5))];
    const r = await compare(model(11, nodes, inits, ['x', [1, c, 6, 6]], 'y'), [1, c, 6, 6]);
    expect(r.diff).toBeLessThan(1e-5 * Math.max(1, r.scale));
    expect(r.stats).toMatchObject({ pooledScaleAdd: 1 });
    expect(r.ops).toEqual({ Conv: 2, GlobalAveragePool: 1, HardSigmoid: 1, Add: 1, Mul: 1 });
  });

  test('opset 9 → 14 for HardSwish: Slice and Squeeze attributes as inputs, Softmax over its old 2-D view', async () => {
    const c = 16;
    const nodes = [
      node('Conv', ['x', 'w1'], ['c1'], [ints('kernel_shape', [1, 1])]),
      node('HardSigmoid', ['c1'], ['h'], [float('alpha', 1 / 6), float('beta', 0.5)]),
      node('Mul', ['c1', 'h'], ['s']),
      node('Mul', ['s', 'ws'], ['t']),
      node('Conv', ['t', 'w2'], ['c2'], [ints('kernel_shape', [1, 1])]),
      // Softmax-1 on axis 2 of a 4-D tensor normalises over axes 2 and 3 together
      node('Softmax', ['c2'], ['sm'], [int('axis', 2)]),
      node('Slice', ['sm'], ['sl'], [ints('starts', [0, 1]), ints('ends', [1, 4]), ints('axes', [1, 3])]),
      node('Squeeze', ['sl'], ['y'], [ints('axes', [1])]),
    ];
    const inits = [init('w1', [c, c, 1, 1], values(c * c, 0.5)), init('ws', [1], [0.8]), init('w2', [c, c, 1, 1], values(c * c, 0.5))];
    const r = await compare(model(9, nodes, inits, ['x', [1, c, 3, 5]], 'y'), [1, c, 3, 5]);
    expect(r.diff).toBeLessThan(1e-6);
    expect(r.opset).toBe(14);
    expect(r.stats).toMatchObject({ scaleIntoNextConv: 1, hardSwishOp: 1 });
    expect(r.ops).toMatchObject({ Conv: 2, HardSwish: 1, Flatten: 1, Softmax: 1, Reshape: 1, Slice: 1, Squeeze: 1 });
  });
});
