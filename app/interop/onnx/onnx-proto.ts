/**
 * Writing ONNX messages (onnx.proto3 field numbers) — only what a scoring graph needs: tensors, attributes,
 * nodes, typed inputs/outputs, the graph and the model with its opset imports and metadata.
 */
import { Message } from './protobuf.js';

export const ONNX_IR_VERSION = 9;
export const ML_DOMAIN = 'ai.onnx.ml';

/** TensorProto.DataType values used here. */
export const DT = { FLOAT: 1, UINT8: 2, INT64: 7, STRING: 8, DOUBLE: 11 } as const;
export type DataType = (typeof DT)[keyof typeof DT];

/** AttributeProto.AttributeType values. */
const AT = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

export type AttributeValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'ints'; readonly value: ArrayLike<number> }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'floats'; readonly value: ArrayLike<number> }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'strings'; readonly value: readonly string[] }
  | { readonly kind: 'tensor'; readonly value: Tensor };

export interface Tensor {
  readonly type: DataType;
  readonly dims: readonly number[];
  readonly values: ArrayLike<number> | readonly string[];
  readonly name?: string;
}

export const int = (value: number): AttributeValue => ({ kind: 'int', value });
export const ints = (value: ArrayLike<number>): AttributeValue => ({ kind: 'ints', value });
export const float = (value: number): AttributeValue => ({ kind: 'float', value });
export const floats = (value: ArrayLike<number>): AttributeValue => ({ kind: 'floats', value });
export const str = (value: string): AttributeValue => ({ kind: 'string', value });
export const strs = (value: readonly string[]): AttributeValue => ({ kind: 'strings', value });
export const tensorAttr = (value: Tensor): AttributeValue => ({ kind: 'tensor', value });

/** A 1-D double tensor. */
export const doubles = (values: ArrayLike<number>, name?: string): Tensor => ({
  type: DT.DOUBLE,
  dims: [values.length],
  values,
  ...(name ? { name } : {}),
});

export interface Node {
  readonly op: string;
  readonly domain?: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface ValueInfo {
  readonly name: string;
  readonly type: DataType;
  /** Dimension sizes; a string is a symbolic size (e.g. 'N' rows). */
  readonly shape: readonly (number | string)[];
}

export interface Graph {
  readonly name: string;
  readonly nodes: readonly Node[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly initializers: readonly Tensor[];
}

export interface ModelMeta {
  readonly producerVersion: string;
  readonly docString: string;
  readonly opsets: Readonly<Record<string, number>>;
  readonly metadata: Readonly<Record<string, string>>;
}

const utf8 = new TextEncoder();

export function tensorMessage(t: Tensor): Message {
  const m = new Message();
  if (t.dims.length > 0) m.packedInts(1, t.dims);
  m.int(2, t.type);
  if (t.type === DT.STRING) for (const s of t.values as readonly string[]) m.raw(6, utf8.encode(s));
  if (t.name) m.string(8, t.name);
  if (t.type === DT.FLOAT) m.packedFloats(4, t.values as ArrayLike<number>);
  else if (t.type === DT.UINT8) m.packedInts(5, t.values as ArrayLike<number>);
  else if (t.type === DT.INT64) m.packedInts(7, t.values as ArrayLike<number>);
  else if (t.type === DT.DOUBLE) m.packedDoubles(10, t.values as ArrayLike<number>);
  return m;
}

function attributeMessage(name: string, a: AttributeValue): Message {
  const m = new Message().string(1, name);
  switch (a.kind) {
    case 'float':
      return m.float32(2, a.value).int(20, AT.FLOAT);
    case 'int':
      return m.int(3, a.value).int(20, AT.INT);
    case 'string':
      return m.string(4, a.value).int(20, AT.STRING);
    case 'tensor':
      return m.message(5, tensorMessage(a.value)).int(20, AT.TENSOR);
    case 'floats':
      return m.packedFloats(7, a.value).int(20, AT.FLOATS);
    case 'ints':
      return m.packedInts(8, a.value).int(20, AT.INTS);
    case 'strings':
      for (const s of a.value) m.string(9, s);
      return m.int(20, AT.STRINGS);
  }
}

function nodeMessage(n: Node): Message {
  const m = new Message();
  for (const i of n.inputs) m.string(1, i);
  for (const o of n.outputs) m.string(2, o);
  m.string(3, n.name).string(4, n.op);
  for (const [name, a] of Object.entries(n.attributes ?? {})) m.message(5, attributeMessage(name, a));
  if (n.domain) m.string(7, n.domain);
  return m;
}

function valueInfoMessage(v: ValueInfo): Message {
  const shape = new Message();
  for (const d of v.shape)
    shape.message(1, typeof d === 'number' ? new Message().int(1, d) : new Message().string(2, d));
  const tensorType = new Message().int(1, v.type).message(2, shape);
  return new Message().string(1, v.name).message(2, new Message().message(1, tensorType));
}

/** The serialized ModelProto. */
export function modelBytes(graph: Graph, meta: ModelMeta): Uint8Array {
  const g = new Message();
  for (const n of graph.nodes) g.message(1, nodeMessage(n));
  g.string(2, graph.name);
  for (const t of graph.initializers) g.message(5, tensorMessage(t));
  for (const i of graph.inputs) g.message(11, valueInfoMessage(i));
  for (const o of graph.outputs) g.message(12, valueInfoMessage(o));
  const m = new Message().int(1, ONNX_IR_VERSION).string(2, 'sapling').string(3, meta.producerVersion);
  m.int(5, 1).string(6, meta.docString).message(7, g);
  for (const [domain, version] of Object.entries(meta.opsets))
    m.message(8, new Message().string(1, domain).int(2, version));
  for (const [key, value] of Object.entries(meta.metadata))
    m.message(14, new Message().string(1, key).string(2, value));
  return m.bytes();
}
