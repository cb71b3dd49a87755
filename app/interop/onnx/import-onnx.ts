/**
 * An ONNX tree ensemble (what skl2onnx, onnxmltools and LightGBM's exporters write: ai.onnx.ml
 * TreeEnsembleRegressor / TreeEnsembleClassifier over one numeric input [N, F]) → the engine's ensemble.
 *
 * Mapped:
 * - SUM with no post-transform (regressor) → boosting, identity link, base = base_values;
 * - AVERAGE (random-forest regressor) → a forest (mean of the trees);
 * - classifier, no post-transform, SUM (random forests: leaf weights = class shares / trees) → a forest whose
 *   leaves hold the weights × trees, so the engine's mean gives the same sum;
 * - classifier with LOGISTIC (two classes, one score) or SOFTMAX (one class per tree) → boosting.
 * Splits BRANCH_LEQ / LT / GTE / GT with nodes_missing_value_tracks_true; for a float input every threshold is
 * converted so that Sapling's double comparison gives what the runtime's float32 comparison gives.
 * Refused by name: any other operator in the graph (Scaler, Normalizer, …: preprocessing the schema cannot
 * express), BRANCH_EQ/NEQ, other post-transforms, a feature count that differs from the schema's.
 *
 * ONNX stores no training covers (unless nodes_hitrates is set): then each leaf counts as 1 for TreeSHAP, and the
 * model's notes say explanations weight branches by their leaf counts, not by training rows.
 */
import type { Dataset } from '../../data/dataset.js';
import type { Combine } from '../../engine/ensemble.js';
import { FLAG_MISSING_LEFT } from '../../engine/tree-store.js';
import { assemble, type RawTree } from '../../engine/raw-tree.js';
import { ensembleToJSON } from '../../engine/serialize.js';
import { SaplingError } from '../../util/errors.js';
import {
  importedModelFile,
  matchSchema,
  positionalFeatures,
  type ImportedModel,
  type ImportOptions,
} from '../imported.js';
import { float32Boundary, nextFloat32, previousDouble } from '../float32.js';
import { blankTree, engineOrder } from '../tree-layout.js';
import { readOnnxGraph, type OnnxNode } from './onnx-read.js';
import { ProtobufError } from './protobuf.js';

const TREE_OPS = ['TreeEnsembleRegressor', 'TreeEnsembleClassifier'];
/** Operators that only rename, reshape or repackage the tree ensemble's input or output. */
const PASS_THROUGH = ['Cast', 'Identity', 'ZipMap', 'Reshape', 'Flatten'];

function bad(fileName: string, message: string): SaplingError {
  return new SaplingError('BAD_MODEL_FILE', `${fileName}: ${message}`, { file: fileName });
}

/** Threshold T for "x ≤ T" equivalent to the runtime's x ≤ t (inclusive) or x < t, in float32 or double. */
function boundary(t: number, inclusive: boolean, float32: boolean): number {
  if (float32) return float32Boundary(inclusive ? nextFloat32(Math.fround(t)) : t);
  return inclusive ? t : previousDouble(t);
}

export function importOnnx(
  bytes: Uint8Array,
  source: { readonly fileName: string; readonly sha256: string },
  schema: Dataset,
  options: ImportOptions,
): ImportedModel {
  const fileName = source.fileName;
  let graph;
  try {
    graph = readOnnxGraph(bytes);
  } catch (error) {
    if (error instanceof ProtobufError) throw bad(fileName, `not a readable ONNX model: ${error.message}`);
    throw error;
  }
  const trees = graph.nodes.filter((n) => TREE_OPS.includes(n.op));
  const other = graph.nodes.find((n) => !TREE_OPS.includes(n.op) && !PASS_THROUGH.includes(n.op));
  if (other)
    throw bad(
      fileName,
      `operator '${other.op}'${other.domain ? ` (${other.domain})` : ''} is not supported; import reads one TreeEnsembleRegressor or TreeEnsembleClassifier over the raw numeric columns`,
    );
  if (trees.length !== 1)
    throw bad(fileName, `holds ${trees.length} tree ensembles; import reads a graph with exactly one`);
  if (graph.inputs.length !== 1)
    throw bad(fileName, `takes ${graph.inputs.length} inputs; import reads one numeric input [N, features]`);
  const input = graph.inputs[0];
  if (input.elemType !== 1 && input.elemType !== 11)
    throw bad(fileName, `its input '${input.name}' is not float or double`);
  const node = trees[0];
  const ints = (name: string): number[] => node.attributes.get(name)?.ints ?? [];
  const reals = (name: string): number[] => {
    const a = node.attributes.get(name);
    return a ? (a.tensor.length > 0 ? a.tensor : a.floats) : [];
  };
  const strings = (name: string): string[] => node.attributes.get(name)?.strings ?? [];
  const featureIds = ints('nodes_featureids');
  const declared = input.shape.length === 2 && input.shape[1] > 0 ? input.shape[1] : Math.max(0, ...featureIds) + 1;
  const names = positionalFeatures(schema, options.target, declared, fileName);
  const classifier = node.op === 'TreeEnsembleClassifier';
  const task = classifier ? 'classification' : 'regression';
  const schemaOf = matchSchema(
    schema,
    options,
    task,
    names.map((name) => ({ name, categorical: false })),
    fileName,
  );

  const post = strings('post_transform')[0] ?? 'NONE';
  const aggregate = strings('aggregate_function')[0] ?? 'SUM';
  const base = reals('base_values');
  const K = classifier ? schemaOf.classes.length : 1;
  const labels = classifier ? classLabels(node) : [];
  if (classifier && labels.length !== K)
    throw new SaplingError(
      'BAD_INPUT',
      `${fileName} predicts ${labels.length} classes, but '${options.target}' in ${schema.source.fileName} has ${K}`,
    );
  const prefix = classifier ? 'class' : 'target';
  const leafTargets = ints(`${prefix}_ids`);
  const parsed = parseTrees(node, fileName, input.elemType === 1, prefix, leafTargets, reals(`${prefix}_weights`));
  const T = parsed.length;

  let modelId: 'boost' | 'forest';
  let combine: Combine;
  let width = 1;
  let ordered: RawTree[];
  const kind = classifier ? (post === 'NONE' ? 'forest' : post) : aggregate === 'AVERAGE' ? 'forest' : aggregate;
  if (classifier && kind === 'forest') {
    modelId = 'forest';
    width = K;
    combine = { kind: 'mean' };
    ordered = parsed.map((t) => t.toRaw(K, (leafTarget) => leafTarget, T));
  } else if (!classifier && kind === 'forest') {
    modelId = 'forest';
    combine = { kind: 'mean' };
    ordered = parsed.map((t) => t.toRaw(1, () => 0, 1));
  } else if (!classifier && kind === 'SUM' && post === 'NONE') {
    modelId = 'boost';
    combine = {
      kind: 'sum',
      link: 'identity',
      outputs: 1,
      base: Float64Array.of(base[0] ?? 0),
      classMap: new Int32Array(0),
    };
    ordered = parsed.map((t) => t.toRaw(1, () => 0, 1));
  } else if (classifier && post === 'LOGISTIC' && K === 2) {
    modelId = 'boost';
    combine = {
      kind: 'sum',
      link: 'logistic',
      outputs: 1,
      base: Float64Array.of(base.length === 2 ? base[1] : (base[0] ?? 0)),
      classMap: Int32Array.of(0, 1),
    };
    ordered = parsed.map((t) => t.toRaw(1, () => 0, 1));
  } else if (classifier && post === 'SOFTMAX' && K > 2) {
    modelId = 'boost';
    combine = {
      kind: 'sum',
      link: 'softmax',
      outputs: K,
      base: Float64Array.from({ length: K }, (_, k) => base[k] ?? 0),
      classMap: Int32Array.from({ length: K }, (_, k) => k),
    };
    const byClass: RawTree[][] = Array.from({ length: K }, () => []);
    for (const t of parsed) {
      if (t.targets.size !== 1) throw bad(fileName, 'a SOFTMAX ensemble whose trees feed several classes');
      byClass[[...t.targets][0]].push(t.toRaw(1, () => 0, 1));
    }
    if (byClass.some((c) => c.length !== byClass[0].length))
      throw bad(fileName, 'the classes have different numbers of trees; import needs one tree per class per round');
    ordered = [];
    for (let r = 0; r < byClass[0].length; r++) for (let k = 0; k < K; k++) ordered.push(byClass[k][r]);
  } else {
    throw bad(
      fileName,
      `a ${node.op} with aggregate_function ${aggregate} and post_transform ${post}${classifier ? ` for ${K} classes` : ''} is not supported`,
    );
  }
  const ensemble = assemble(
    ordered,
    { cols: names.length, codeToBin: new Int32Array(0), codeStart: new Int32Array(names.length + 1) },
    width,
    combine,
  );
  const importance = new Float64Array(names.length);
  for (const f of featureIds) if (f >= 0 && f < names.length) importance[f]++;
  const total = importance.reduce((s, v) => s + v, 0);
  const covered = reals('nodes_hitrates').length > 0;
  const file = importedModelFile({
    source: { format: 'onnx', fileName, sha256: source.sha256, detail: `ONNX ${node.op} (${post}), ${T} trees` },
    schema: schemaOf,
    task,
    modelId,
    params:
      modelId === 'forest'
        ? { trees: Math.max(1, ordered.length) }
        : { rounds: Math.max(1, ordered.length / (combine.kind === 'sum' ? combine.outputs : 1)) },
    state: {
      ensemble: ensembleToJSON(ensemble),
      importance: Array.from(importance, (v) => (total > 0 ? v / total : 0)),
      ...(modelId === 'boost' ? { rounds: ordered.length } : {}),
    },
  });
  if (!covered)
    (file.model.state as { notes: string[] }).notes.push(
      'the ONNX file stores no training covers: explanations weight each branch by its number of leaves, not by training rows',
    );
  return file;
}

/** The classifier's labels (strings or integers), in output order. */
function classLabels(node: OnnxNode): string[] {
  const s = node.attributes.get('classlabels_strings')?.strings ?? [];
  if (s.length > 0) return s;
  return (node.attributes.get('classlabels_int64s')?.ints ?? []).map(String);
}

interface ParsedTree {
  readonly targets: Set<number>;
  /** The tree in the engine's layout; leaves get `width` values: weight of target k at value index map(k), × scale. */
  toRaw(width: number, map: (target: number) => number, scale: number): RawTree;
}

function parseTrees(
  node: OnnxNode,
  fileName: string,
  float32: boolean,
  prefix: string,
  leafTargets: readonly number[],
  leafWeights: readonly number[],
): ParsedTree[] {
  const a = (name: string): number[] => node.attributes.get(name)?.ints ?? [];
  const treeIds = a('nodes_treeids');
  const nodeIds = a('nodes_nodeids');
  const features = a('nodes_featureids');
  const modes = node.attributes.get('nodes_modes')?.strings ?? [];
  const valuesAttr = node.attributes.get('nodes_values_as_tensor') ?? node.attributes.get('nodes_values');
  const values = valuesAttr ? (valuesAttr.tensor.length > 0 ? valuesAttr.tensor : valuesAttr.floats) : [];
  const trueIds = a('nodes_truenodeids');
  const falseIds = a('nodes_falsenodeids');
  const missingTrue = a('nodes_missing_value_tracks_true');
  const hitrates =
    node.attributes.get('nodes_hitrates_as_tensor')?.tensor ?? node.attributes.get('nodes_hitrates')?.floats ?? [];
  const n = treeIds.length;
  if ([nodeIds, features, modes, trueIds, falseIds].some((x) => x.length !== n) || values.length !== n)
    throw bad(fileName, "the tree ensemble's node attributes have different lengths (truncated?)");
  const leafNodes = a(`${prefix}_nodeids`);
  const leafTrees = a(`${prefix}_treeids`);
  const weightsAttr = node.attributes.get(`${prefix}_weights_as_tensor`);
  const weights = weightsAttr ? weightsAttr.tensor : leafWeights;
  if (
    leafNodes.length !== weights.length ||
    leafTrees.length !== weights.length ||
    leafTargets.length !== weights.length
  )
    throw bad(fileName, `the ${prefix} weights have different lengths (truncated?)`);

  const byTree = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    let m = byTree.get(treeIds[i]);
    if (!m) byTree.set(treeIds[i], (m = new Map()));
    m.set(nodeIds[i], i);
  }
  const leafValues = new Map<string, { target: number; weight: number }[]>();
  for (let i = 0; i < weights.length; i++) {
    const key = `${leafTrees[i]}:${leafNodes[i]}`;
    let list = leafValues.get(key);
    if (!list) leafValues.set(key, (list = []));
    list.push({ target: leafTargets[i], weight: weights[i] });
  }
  return [...byTree.keys()]
    .sort((x, y) => x - y)
    .map((treeId): ParsedTree => {
      const index = byTree.get(treeId)!;
      const targets = new Set<number>();
      for (const [key, list] of leafValues)
        if (key.startsWith(`${treeId}:`)) for (const l of list) targets.add(l.target);
      return {
        targets,
        toRaw(width, map, scale) {
          if (!index.has(0)) throw bad(fileName, `tree ${treeId} has no node 0`);
          const { order, newId } = engineOrder(
            (id) => {
              const i = index.get(id);
              if (i === undefined) throw bad(fileName, `tree ${treeId} has a broken link to node ${id}`);
              if (modes[i] === 'LEAF') return null;
              // The engine's left child is the true branch for "x ≤ t" / "x < t", the false one otherwise.
              return splitMode(modes[i], fileName).leftIsTrue ? [trueIds[i], falseIds[i]] : [falseIds[i], trueIds[i]];
            },
            (message) => bad(fileName, `tree ${treeId} ${message}`),
          );
          const size = order.length;
          const t = { ...blankTree(size, width), catSets: new Uint32Array(0) };
          for (let j = size - 1; j >= 0; j--) {
            const i = index.get(order[j])!;
            const mode = modes[i];
            if (mode === 'LEAF') {
              for (const l of leafValues.get(`${treeId}:${order[j]}`) ?? [])
                t.value[j * width + map(l.target)] += l.weight * scale;
              t.cover[j] = hitrates.length === n ? hitrates[i] : 1;
              continue;
            }
            const { leftIsTrue, inclusive } = splitMode(mode, fileName);
            const l = newId.get(leftIsTrue ? trueIds[i] : falseIds[i])!;
            t.feature[j] = features[i];
            t.threshold[j] = boundary(values[i], inclusive, float32);
            t.flags[j] = (missingTrue[i] === 1) === leftIsTrue ? FLAG_MISSING_LEFT : 0;
            t.left[j] = l;
            t.right[j] = l + 1;
            t.cover[j] = hitrates.length === n ? hitrates[i] : t.cover[l] + t.cover[l + 1];
          }
          return t;
        },
      };
    });
}

/** Sapling goes left when x ≤ T: "x ≤ t" / "x < t" send the true branch left; "x > t" / "x ≥ t" the false one. */
function splitMode(mode: string, fileName: string): { leftIsTrue: boolean; inclusive: boolean } {
  if (mode === 'BRANCH_LEQ') return { leftIsTrue: true, inclusive: true };
  if (mode === 'BRANCH_LT') return { leftIsTrue: true, inclusive: false };
  if (mode === 'BRANCH_GT') return { leftIsTrue: false, inclusive: true };
  if (mode === 'BRANCH_GTE') return { leftIsTrue: false, inclusive: false };
  throw bad(fileName, `split mode ${mode} is not supported; import reads BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT`);
}
