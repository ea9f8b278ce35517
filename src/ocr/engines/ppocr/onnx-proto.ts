/**
 * The part of ONNX's protobuf schema (onnx.proto) that the graph rewrite (graph-rewrite.ts) reads
 * and writes: models, graphs, nodes, attributes, tensors, over a small protobuf wire-format codec.
 *
 * Why not protobufjs: only these few messages are needed, and a message is kept here as its
 * list of fields in file order (unknown fields passed through untouched), so the output is a
 * function of the input bytes alone (deterministic), and neither a dependency nor a copy of
 * onnx.proto ships with the package. A model decoded and encoded again without changes loads
 * the same (not necessarily the same bytes: tensors and nodes are written in canonical field order).
 */

/** One field of a message: number, wire type (0 varint, 1 fixed64, 2 bytes, 5 fixed32) and raw value. */
export interface Field {
  no: number;
  wire: 0 | 1 | 2 | 5;
  /** varint: the value as bigint; fixed64/fixed32/bytes: the bytes. */
  value: bigint | Uint8Array;
}

export function decodeFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error('protobuf: truncated varint');
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) fields.push({ no, wire, value: varint() });
    else if (wire === 1) {
      fields.push({ no, wire, value: buf.subarray(pos, pos + 8) });
      pos += 8;
    } else if (wire === 5) {
      fields.push({ no, wire, value: buf.subarray(pos, pos + 4) });
      pos += 4;
    } else if (wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error('protobuf: truncated field');
      fields.push({ no, wire, value: buf.subarray(pos, pos + len) });
      pos += len;
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
  return fields;
}

function varintBytes(v: bigint): number[] {
  // negative int64 values are written as their 64-bit two's complement (10 bytes)
  let x = v < 0n ? (1n << 64n) + v : v;
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x !== 0n) b |= 0x80;
    out.push(b);
  } while (x !== 0n);
  return out;
}

export function encodeFields(fields: readonly Field[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (p: Uint8Array): void => {
    parts.push(p);
    size += p.length;
  };
  for (const f of fields) {
    push(Uint8Array.from(varintBytes(BigInt((f.no << 3) | f.wire))));
    if (f.wire === 0) push(Uint8Array.from(varintBytes(f.value as bigint)));
    else if (f.wire === 2) {
      const v = f.value as Uint8Array;
      push(Uint8Array.from(varintBytes(BigInt(v.length))));
      push(v);
    } else push(f.value as Uint8Array);
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

const str = (f: Field): string => fromUtf8.decode(f.value as Uint8Array);
const int = (f: Field): number => {
  const v = f.value as bigint;
  return Number(v >= 1n << 63n ? v - (1n << 64n) : v);
};

/** Packed or unpacked repeated varints (int64 / int32) of field `no`. */
function ints(fields: readonly Field[], no: number): number[] {
  const out: number[] = [];
  for (const f of fields) {
    if (f.no !== no) continue;
    if (f.wire === 0) out.push(int(f));
    else for (const g of decodePackedVarints(f.value as Uint8Array)) out.push(g);
  }
  return out;
}

function decodePackedVarints(buf: Uint8Array): number[] {
  const out: number[] = [];
  let pos = 0;
  while (pos < buf.length) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7n;
    }
    out.push(Number(result >= 1n << 63n ? result - (1n << 64n) : result));
  }
  return out;
}

function packedVarints(values: readonly number[]): Uint8Array {
  const bytes: number[] = [];
  for (const v of values) bytes.push(...varintBytes(BigInt(v)));
  return Uint8Array.from(bytes);
}

export const DataType = Object.freeze({ FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 });
export const AttrType = Object.freeze({ FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 });

export interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  /** The data as little-endian bytes (raw_data), whatever field the file kept it in. */
  raw: Uint8Array;
}

export function decodeTensor(buf: Uint8Array): Tensor {
  const fields = decodeFields(buf);
  let name = '';
  let dataType = 0;
  let raw: Uint8Array | null = null;
  const floats: Uint8Array[] = [];
  for (const f of fields) {
    if (f.no === 8) name = str(f);
    else if (f.no === 2) dataType = int(f);
    else if (f.no === 9) raw = f.value as Uint8Array;
    else if (f.no === 4) floats.push(f.wire === 2 ? (f.value as Uint8Array) : (f.value as Uint8Array));
    else if (f.no === 13 || (f.no === 14 && int(f) === 1)) throw new Error(`tensor ${name}: external data is not supported`);
  }
  const dims = ints(fields, 1);
  if (!raw) {
    if (dataType === DataType.FLOAT) raw = concat(floats);
    else if (dataType === DataType.INT64) raw = int64Bytes(ints(fields, 7));
    else if (dataType === DataType.INT32) raw = int32Bytes(ints(fields, 5));
    else raw = new Uint8Array(0);
  }
  // a copy with its own buffer (a Buffer's slice() would share the file's)
  return { name, dims, dataType, raw: new Uint8Array(raw) };
}

export function encodeTensor(t: Tensor): Uint8Array {
  const fields: Field[] = [];
  if (t.dims.length) fields.push({ no: 1, wire: 2, value: packedVarints(t.dims) });
  fields.push({ no: 2, wire: 0, value: BigInt(t.dataType) });
  fields.push({ no: 8, wire: 2, value: utf8.encode(t.name) });
  fields.push({ no: 9, wire: 2, value: t.raw });
  return encodeFields(fields);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function int64Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return out;
}

function int32Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setInt32(i * 4, v, true));
  return out;
}

export type AttrValue = { type: 'float'; f: number } | { type: 'int'; i: number } | { type: 'ints'; ints: number[] } | { type: 'string'; s: string } | { type: 'other'; fields: Field[] };

export interface Attribute {
  name: string;
  value: AttrValue;
}

export function decodeAttribute(buf: Uint8Array): Attribute {
  const fields = decodeFields(buf);
  const name = str(fields.find((f) => f.no === 1)!);
  const type = int(fields.find((f) => f.no === 20) ?? { no: 20, wire: 0, value: 0n });
  if (type === AttrType.FLOAT) {
    const f = fields.find((x) => x.no === 2);
    return { name, value: { type: 'float', f: f ? new DataView(new Uint8Array(f.value as Uint8Array).buffer).getFloat32(0, true) : 0 } };
  }
  if (type === AttrType.INT) {
    const f = fields.find((x) => x.no === 3);
    return { name, value: { type: 'int', i: f ? int(f) : 0 } };
  }
  if (type === AttrType.INTS) return { name, value: { type: 'ints', ints: ints(fields, 8) } };
  if (type === AttrType.STRING) return { name, value: { type: 'string', s: str(fields.find((x) => x.no === 4)!) } };
  return { name, value: { type: 'other', fields } };
}

export function encodeAttribute(a: Attribute): Uint8Array {
  const fields: Field[] = [{ no: 1, wire: 2, value: utf8.encode(a.name) }];
  const v = a.value;
  if (v.type === 'other') return encodeFields(v.fields);
  if (v.type === 'float') {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v.f, true);
    fields.push({ no: 2, wire: 5, value: b }, { no: 20, wire: 0, value: BigInt(AttrType.FLOAT) });
  } else if (v.type === 'int') fields.push({ no: 3, wire: 0, value: BigInt(v.i) }, { no: 20, wire: 0, value: BigInt(AttrType.INT) });
  else if (v.type === 'ints') fields.push({ no: 8, wire: 2, value: packedVarints(v.ints) }, { no: 20, wire: 0, value: BigInt(AttrType.INTS) });
  else fields.push({ no: 4, wire: 2, value: utf8.encode(v.s) }, { no: 20, wire: 0, value: BigInt(AttrType.STRING) });
  return encodeFields(fields);
}

export interface Node {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Attribute[];
}

export function decodeNode(buf: Uint8Array): Node {
  const node: Node = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: [] };
  for (const f of decodeFields(buf)) {
    if (f.no === 1) node.inputs.push(str(f));
    else if (f.no === 2) node.outputs.push(str(f));
    else if (f.no === 3) node.name = str(f);
    else if (f.no === 4) node.opType = str(f);
    else if (f.no === 7) node.domain = str(f);
    else if (f.no === 5) node.attributes.push(decodeAttribute(f.value as Uint8Array));
  }
  return node;
}

export function encodeNode(n: Node): Uint8Array {
  const fields: Field[] = [];
  for (const i of n.inputs) fields.push({ no: 1, wire: 2, value: utf8.encode(i) });
  for (const o of n.outputs) fields.push({ no: 2, wire: 2, value: utf8.encode(o) });
  if (n.name) fields.push({ no: 3, wire: 2, value: utf8.encode(n.name) });
  fields.push({ no: 4, wire: 2, value: utf8.encode(n.opType) });
  for (const a of n.attributes) fields.push({ no: 5, wire: 2, value: encodeAttribute(a) });
  if (n.domain) fields.push({ no: 7, wire: 2, value: utf8.encode(n.domain) });
  return encodeFields(fields);
}

/** A graph: its nodes and initializers decoded, every other field (inputs, outputs, value infos, name) kept as read. */
export interface Graph {
  nodes: Node[];
  initializers: Tensor[];
  /** Graph outputs, as ValueInfoProto bytes. */
  outputs: Uint8Array[];
  /** Fields other than node (1), initializer (5) and output (12), in file order. */
  rest: Field[];
}

export interface Model {
  graph: Graph;
  /** Model fields other than graph (7), in file order. */
  rest: Field[];
}

export function decodeModel(buf: Uint8Array): Model {
  const fields = decodeFields(buf);
  const g = fields.find((f) => f.no === 7);
  if (!g) throw new Error('not an ONNX model: no graph');
  const graph: Graph = { nodes: [], initializers: [], outputs: [], rest: [] };
  for (const f of decodeFields(g.value as Uint8Array)) {
    if (f.no === 1) graph.nodes.push(decodeNode(f.value as Uint8Array));
    else if (f.no === 5) graph.initializers.push(decodeTensor(f.value as Uint8Array));
    else if (f.no === 12) graph.outputs.push(f.value as Uint8Array);
    else graph.rest.push(f);
  }
  return { graph, rest: fields.filter((f) => f.no !== 7) };
}

export function encodeModel(m: Model): Uint8Array {
  const g: Field[] = [];
  for (const n of m.graph.nodes) g.push({ no: 1, wire: 2, value: encodeNode(n) });
  for (const t of m.graph.initializers) g.push({ no: 5, wire: 2, value: encodeTensor(t) });
  for (const o of m.graph.outputs) g.push({ no: 12, wire: 2, value: o });
  g.push(...m.graph.rest);
  const fields: Field[] = [];
  let placed = false;
  for (const f of m.rest) {
    // graph goes where onnx writes it: after field 6 (doc_string) and before 8 (opset_import)
    if (!placed && f.no > 7) {
      fields.push({ no: 7, wire: 2, value: encodeFields(g) });
      placed = true;
    }
    fields.push(f);
  }
  if (!placed) fields.push({ no: 7, wire: 2, value: encodeFields(g) });
  return encodeFields(fields);
}

/** The name of a ValueInfoProto. */
export function valueInfoName(buf: Uint8Array): string {
  return str(decodeFields(buf).find((f) => f.no === 1)!);
}

/** The model's IR version (ModelProto.ir_version), or 0 if absent. */
export function irVersion(model: Model): number {
  const f = model.rest.find((x) => x.no === 1 && x.wire === 0);
  return f ? int(f) : 0;
}

/** The model's opset version of the default (ai.onnx) domain, or 0 if it imports none. */
export function defaultOpset(model: Model): number {
  for (const f of model.rest) {
    if (f.no !== 8 || f.wire !== 2) continue;
    const o = decodeFields(f.value as Uint8Array);
    const domain = o.find((x) => x.no === 1);
    if (domain && (domain.value as Uint8Array).length) continue;
    const v = o.find((x) => x.no === 2);
    return v ? int(v) : 0;
  }
  return 0;
}

/** Sets the opset version of the default domain (which the model must import already). */
export function setDefaultOpset(model: Model, version: number): void {
  model.rest = model.rest.map((f) => {
    if (f.no !== 8 || f.wire !== 2) return f;
    const o = decodeFields(f.value as Uint8Array);
    const domain = o.find((x) => x.no === 1);
    if (domain && (domain.value as Uint8Array).length) return f;
    return { ...f, value: encodeFields([...o.filter((x) => x.no !== 2), { no: 2, wire: 0, value: BigInt(version) }]) };
  });
}
