/**
 * Reading the parts of an ONNX ModelProto that an importer needs: the graph's nodes (op, domain, inputs, outputs,
 * attributes) and its inputs with their element type and shape. Everything else is skipped.
 */
import { fields, int64, ProtobufError, repeatedInts, repeatedReals, text, type Field } from './protobuf.js';

export interface OnnxAttribute {
  readonly name: string;
  readonly ints: number[];
  readonly floats: number[];
  readonly strings: string[];
  /** A tensor attribute's numbers (float or double data). */
  readonly tensor: number[];
}

export interface OnnxNode {
  readonly op: string;
  readonly domain: string;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly attributes: Map<string, OnnxAttribute>;
}

export interface OnnxInput {
  readonly name: string;
  /** TensorProto.DataType (1 float, 11 double, 8 string, 7 int64). */
  readonly elemType: number;
  /** Dimension sizes; -1 for a symbolic one. */
  readonly shape: number[];
}

export interface OnnxGraph {
  readonly nodes: OnnxNode[];
  readonly inputs: OnnxInput[];
  readonly opsets: Map<string, number>;
}

const decoder = new TextDecoder();

function sub(fs: readonly Field[], field: number): Field[] {
  return fs.filter((f) => f.field === field && f.data !== undefined);
}

function tensorNumbers(f: Field): number[] {
  const t = fields(f.data!);
  const type = int64(t.find((x) => x.field === 2) ?? { field: 2, wire: 0, int: 0n });
  const raw = t.find((x) => x.field === 9)?.data;
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const size = type === 11 ? 8 : 4;
    const out: number[] = [];
    for (let i = 0; i + size <= raw.length; i += size)
      out.push(size === 8 ? view.getFloat64(i, true) : view.getFloat32(i, true));
    return out;
  }
  if (type === 11) return repeatedReals(t, 10, 8);
  if (type === 1) return repeatedReals(t, 4, 4);
  return repeatedInts(t, type === 7 ? 7 : 5);
}

function attribute(f: Field): OnnxAttribute {
  const a = fields(f.data!);
  const single = a.find((x) => x.field === 2);
  return {
    name: text(a.find((x) => x.field === 1) ?? { field: 1, wire: 2 }),
    ints: [...repeatedInts(a, 3), ...repeatedInts(a, 8)],
    floats: [...(single ? repeatedReals([single], 2, 4) : []), ...repeatedReals(a, 7, 4)],
    strings: [...sub(a, 4), ...sub(a, 9)].map((x) => decoder.decode(x.data)),
    tensor: sub(a, 5).flatMap(tensorNumbers),
  };
}

/** The graph of a serialized ModelProto; throws ProtobufError for bytes that are not one. */
export function readOnnxGraph(bytes: Uint8Array): OnnxGraph {
  const model = fields(bytes);
  const graphField = model.find((f) => f.field === 7 && f.data);
  if (!graphField) throw new ProtobufError('no graph in the file (not an ONNX model?)');
  const opsets = new Map<string, number>();
  for (const o of sub(model, 8)) {
    const fs = fields(o.data!);
    opsets.set(
      text(fs.find((x) => x.field === 1) ?? { field: 1, wire: 2 }),
      int64(fs.find((x) => x.field === 2) ?? { field: 2, wire: 0 }),
    );
  }
  const g = fields(graphField.data!);
  const nodes = sub(g, 1).map((nf): OnnxNode => {
    const n = fields(nf.data!);
    const attributes = new Map<string, OnnxAttribute>();
    for (const af of sub(n, 5)) {
      const a = attribute(af);
      attributes.set(a.name, a);
    }
    return {
      inputs: sub(n, 1).map(text),
      outputs: sub(n, 2).map(text),
      op: text(n.find((x) => x.field === 4) ?? { field: 4, wire: 2 }),
      domain: text(n.find((x) => x.field === 7) ?? { field: 7, wire: 2 }),
      attributes,
    };
  });
  const inputs = sub(g, 11).map((vf): OnnxInput => {
    const v = fields(vf.data!);
    const name = text(v.find((x) => x.field === 1) ?? { field: 1, wire: 2 });
    const type = v.find((x) => x.field === 2)?.data;
    const tensor = type ? fields(type).find((x) => x.field === 1)?.data : undefined;
    if (!tensor) return { name, elemType: 0, shape: [] };
    const t = fields(tensor);
    const elemType = int64(t.find((x) => x.field === 1) ?? { field: 1, wire: 0 });
    const shapeField = t.find((x) => x.field === 2)?.data;
    const shape = shapeField
      ? sub(fields(shapeField), 1).map((d) => {
          const dim = fields(d.data!).find((x) => x.field === 1);
          return dim ? int64(dim) : -1;
        })
      : [];
    return { name, elemType, shape };
  });
  // Initializers are also listed as inputs by older exporters: they are not what the caller feeds.
  const initialized = new Set(
    sub(g, 5).map((tf) => text(fields(tf.data!).find((x) => x.field === 8) ?? { field: 8, wire: 2 })),
  );
  return { nodes, inputs: inputs.filter((i) => !initialized.has(i.name)), opsets };
}
