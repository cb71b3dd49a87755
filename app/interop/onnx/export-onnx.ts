/**
 * A trained pipeline as an ONNX model that takes the RAW columns: one input per feature column, shape [N, 1] —
 * numbers as double (NaN = missing), text and yes/no columns as string ("" = missing). Outputs: `prediction`
 * (class label, string [N]; or value, double [N, 1]) and, for classifiers, `probabilities` (double [N, classes],
 * columns in the order of the `classes` metadata entry).
 *
 * Operators (default domain opset 21, ai.onnx.ml opset 5):
 * - trees: ai.onnx.ml TreeEnsemble — double thresholds and leaf weights end to end, set-membership splits for
 *   category subsets (BRANCH_MEMBER) and the learned missing direction per split. The older
 *   TreeEnsembleClassifier/Regressor (ml opset 3) were measured and rejected: ONNX Runtime returns their outputs
 *   as float32 (a 200000.123456789 leaf came back as 200000.125) and they have no set-membership split.
 *   A tree's leaf feeds one target, so a K-class decision tree or forest is written as K copies of each tree.
 * - categories and yes/no words: ai.onnx.ml LabelEncoder (text → level code, unknown → NaN, as the engine).
 * - linear: imputation (IsNaN/Where), one-hot (Equal against the level codes), standardization (Sub/Div/Mul)
 *   and MatMul/Add in double — LinearClassifier/Regressor keep float32 coefficients, too coarse for 1e-6.
 * - links: Sigmoid, Softmax, ArgMax (first maximum, as Sapling's ties) and a LabelEncoder from code to label.
 */
import { leftCodes } from '../../engine/ensemble.js';
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from '../../engine/tree-store.js';
import type { TrainedPipeline } from '../../pipeline/pipeline.js';
import {
  booleanWords,
  caseVariants,
  scoringModel,
  type LinearScoring,
  type RawInput,
  type TreeScoring,
} from '../scoring.js';
import {
  DT,
  doubles,
  int,
  ints,
  ML_DOMAIN,
  modelBytes,
  strs,
  tensorAttr,
  type Node,
  type Tensor,
  type ValueInfo,
} from './onnx-proto.js';

const OPSET = 21;
const ML_OPSET = 5;

/** Builds a graph node by node; internal value names carry a prefix no CSV column is likely to use. */
class GraphBuilder {
  readonly nodes: Node[] = [];
  readonly initializers: Tensor[] = [];
  private count = 0;

  private fresh(hint: string): string {
    return `sapling/${hint}_${this.count++}`;
  }

  op(op: string, inputs: string[], attributes: Node['attributes'] = {}, domain = '', hint = op): string {
    const out = this.fresh(hint);
    this.nodes.push({ op, domain, inputs, outputs: [out], name: out, attributes });
    return out;
  }

  /** A double tensor. */
  constant(values: ArrayLike<number>, dims: number[]): string {
    const name = this.fresh('const');
    this.initializers.push({ type: DT.DOUBLE, dims, values, name });
    return name;
  }

  /** Renames the last node's output (the graph outputs have fixed names). */
  output(name: string, value: string): void {
    this.nodes.push({ op: 'Identity', inputs: [value], outputs: [name], name: `sapling/out_${name}` });
  }
}

const NAN_DEFAULT = tensorAttr({ type: DT.DOUBLE, dims: [1], values: [NaN] });

/** Text → double through a table; anything not in it becomes `fallback`. */
function lookup(g: GraphBuilder, input: string, keys: string[], values: number[], fallback = NaN): string {
  return g.op(
    'LabelEncoder',
    [input],
    {
      keys_strings: strs(keys),
      values_tensor: tensorAttr(doubles(values)),
      default_tensor: Number.isNaN(fallback)
        ? NAN_DEFAULT
        : tensorAttr({ type: DT.DOUBLE, dims: [1], values: [fallback] }),
    },
    ML_DOMAIN,
  );
}

function booleanValue(g: GraphBuilder, input: Extract<RawInput, { kind: 'boolean' }>): string {
  const words = booleanWords(input.words);
  const zero = words.zero.flatMap(caseVariants);
  const one = words.one.flatMap(caseVariants);
  return lookup(g, input.name, [...zero, ...one], [...zero.map(() => 0), ...one.map(() => 1)]);
}

function inputInfo(input: RawInput): ValueInfo {
  return { name: input.name, type: input.kind === 'number' ? DT.DOUBLE : DT.STRING, shape: ['N', 1] };
}

// ---------- trees ----------

function treeFeatures(g: GraphBuilder, s: TreeScoring): string {
  const e = s.ensemble;
  const columns = s.inputs.map((input, f) => {
    if (input.kind === 'number') return input.name;
    if (input.kind === 'boolean') return booleanValue(g, input);
    // Level → code; levels the trees never binned read as missing, as in the engine's walk.
    const from = e.codeStart[f];
    const size = e.codeStart[f + 1] - from;
    const keys: string[] = [];
    const codes: number[] = [];
    input.levels.forEach((level, code) => {
      if (code < size && e.codeToBin[from + code] >= 0) {
        keys.push(level);
        codes.push(code);
      }
    });
    return lookup(g, input.name, keys, codes);
  });
  return columns.length === 1 ? columns[0] : g.op('Concat', columns, { axis: int(1) });
}

const MODE_LEQ = 0;
const MODE_MEMBER = 6;

/** The ensemble's trees as one TreeEnsemble node; a mean model's trees are written once per class (target). */
function treeEnsembleNode(g: GraphBuilder, s: TreeScoring, X: string): string {
  const e = s.ensemble;
  const c = e.combine;
  const targets = c.kind === 'mean' ? e.width : c.outputs;
  const roots: number[] = [];
  const featureIds: number[] = [];
  const modes: number[] = [];
  const splits: number[] = [];
  const trueIds: number[] = [];
  const trueLeaf: number[] = [];
  const falseIds: number[] = [];
  const falseLeaf: number[] = [];
  const missingTrue: number[] = [];
  const membership: number[] = [];
  const leafTargets: number[] = [];
  const leafWeights: number[] = [];

  /** `node` null: a leaf of value 0. */
  const addLeaf = (node: number | null, target: number, k: number): number => {
    leafTargets.push(target);
    leafWeights.push(node === null ? 0 : e.value[node * e.width + k]);
    return leafTargets.length - 1;
  };
  /** Appends the subtree at `node`; returns [index, isLeaf]. */
  const addSubtree = (node: number, target: number, k: number): [number, number] => {
    if (e.left[node] < 0) return [addLeaf(node, target, k), 1];
    const at = featureIds.length;
    const f = e.feature[node];
    featureIds.push(f);
    const missingLeft = (e.flags[node] & FLAG_MISSING_LEFT) !== 0;
    if ((e.flags[node] & FLAG_CATEGORICAL) !== 0) {
      const left = leftCodes(e, node);
      if (left.length === 0) {
        modes.push(MODE_LEQ); // no level goes left: codes are ≥ 0, so only missing values can
        splits.push(-1);
      } else {
        modes.push(MODE_MEMBER);
        splits.push(NaN);
        membership.push(...left, NaN);
      }
    } else {
      modes.push(MODE_LEQ);
      splits.push(e.threshold[node]);
    }
    missingTrue.push(missingLeft ? 1 : 0);
    trueIds.push(0);
    trueLeaf.push(0);
    falseIds.push(0);
    falseLeaf.push(0);
    const [l, lLeaf] = addSubtree(e.left[node], target, k);
    const [r, rLeaf] = addSubtree(e.right[node], target, k);
    trueIds[at] = l;
    trueLeaf[at] = lLeaf;
    falseIds[at] = r;
    falseLeaf[at] = rLeaf;
    return [at, 0];
  };
  /** `root` null: a tree that adds 0. */
  const addTree = (root: number | null, target: number, k: number): void => {
    if (root !== null && e.left[root] >= 0) {
      roots.push(addSubtree(root, target, k)[0]);
      return;
    }
    // A one-leaf tree still needs a split node: both sides reach a leaf of the same value.
    roots.push(featureIds.length);
    featureIds.push(0);
    modes.push(MODE_LEQ);
    splits.push(0);
    missingTrue.push(1);
    trueIds.push(addLeaf(root, target, k));
    falseIds.push(addLeaf(root, target, k));
    trueLeaf.push(1);
    falseLeaf.push(1);
  };
  if (c.kind === 'mean') {
    for (let k = 0; k < targets; k++) for (let t = 0; t < e.trees; t++) addTree(e.treeStart[t], k, k);
  } else {
    for (let t = 0; t < e.trees; t++) addTree(e.treeStart[t], t % targets, 0);
    // Every target needs a tree (a model may have no trees at all): a zero tree adds nothing.
    for (let k = 0; k < targets; k++) addTree(null, k, 0);
  }
  const attributes: Node['attributes'] = {
    n_targets: int(targets),
    aggregate_function: int(1), // SUM; the mean divides afterwards, as the engine does
    post_transform: int(0),
    tree_roots: ints(roots),
    nodes_featureids: ints(featureIds),
    nodes_modes: tensorAttr({ type: DT.UINT8, dims: [modes.length], values: modes }),
    nodes_splits: tensorAttr(doubles(splits)),
    nodes_truenodeids: ints(trueIds),
    nodes_trueleafs: ints(trueLeaf),
    nodes_falsenodeids: ints(falseIds),
    nodes_falseleafs: ints(falseLeaf),
    nodes_missing_value_tracks_true: ints(missingTrue),
    leaf_targetids: ints(leafTargets),
    leaf_weights: tensorAttr(doubles(leafWeights)),
    ...(membership.length > 0 ? { membership_values: tensorAttr(doubles(membership)) } : {}),
  };
  return g.op('TreeEnsemble', [X], attributes, ML_DOMAIN);
}

/** Probabilities over `present` columns spread to all classes (absent classes 0) with an exact 0/1 MatMul. */
function toClasses(g: GraphBuilder, p: string, map: ArrayLike<number>, classes: number): string {
  const identity = map.length === classes && Array.from(map).every((c, j) => c === j);
  if (identity) return p;
  const m = new Float64Array(map.length * classes);
  for (let j = 0; j < map.length; j++) m[j * classes + map[j]] = 1;
  return g.op('MatMul', [p, g.constant(m, [map.length, classes])]);
}

function twoClass(g: GraphBuilder, p1: string): string {
  const p0 = g.op('Sub', [g.constant([1], [1, 1]), p1]);
  return g.op('Concat', [p0, p1], { axis: int(1) });
}

function treeScores(g: GraphBuilder, s: TreeScoring, classes: number): string {
  const e = s.ensemble;
  const c = e.combine;
  const sums = treeEnsembleNode(g, s, treeFeatures(g, s));
  if (c.kind === 'mean') return e.trees > 1 ? g.op('Div', [sums, g.constant([e.trees], [1, 1])]) : sums;
  const raw = g.op('Add', [sums, g.constant(c.base, [1, c.outputs])]);
  if (c.link === 'identity') return raw;
  if (c.link === 'logistic') return toClasses(g, twoClass(g, g.op('Sigmoid', [raw])), c.classMap, classes);
  return toClasses(g, g.op('Softmax', [raw], { axis: int(1) }), c.classMap, classes);
}

// ---------- linear ----------

function linearScores(g: GraphBuilder, s: LinearScoring, classes: number): string {
  const parts = s.inputs.map((input) => {
    if (input.kind === 'category') {
      const fillIndex = input.levels.indexOf(input.fill);
      // Missing ("") → the training fill level; unseen levels → −1, which matches no one-hot column.
      const index = lookup(g, input.name, [...input.levels, ''], [...input.levels.map((_, i) => i), fillIndex], -1);
      const codes = g.constant(
        input.levels.map((_, i) => i),
        [input.levels.length],
      );
      return g.op('Cast', [g.op('Equal', [index, codes])], { to: int(DT.DOUBLE) });
    }
    const x = input.kind === 'boolean' ? booleanValue(g, input) : input.name;
    return g.op('Where', [g.op('IsNaN', [x]), g.constant([input.fill], [1, 1]), x]);
  });
  const X = parts.length === 1 ? parts[0] : g.op('Concat', parts, { axis: int(1) });
  const p = s.columns.length;
  const sd = s.stds.map((v) => (v > 0 ? v : 1));
  const mask = s.stds.map((v) => (v > 0 ? 1 : 0));
  const Z = g.op('Mul', [
    g.op('Div', [g.op('Sub', [X, g.constant(s.means, [1, p])]), g.constant(sd, [1, p])]),
    g.constant(mask, [1, p]),
  ]);
  const F = s.intercept.length;
  const W = new Float64Array(p * Math.max(F, 1));
  s.coef.forEach((row, f) => row.forEach((w, j) => (W[j * F + f] = w)));
  if (F === 0) {
    const zero = g.op('MatMul', [Z, g.constant(new Float64Array(p), [p, 1])]);
    return toClasses(g, g.op('Softmax', [zero], { axis: int(1) }), s.present!, classes);
  }
  const logits = g.op('Add', [g.op('MatMul', [Z, g.constant(W, [p, F])]), g.constant(s.intercept, [1, F])]);
  if (!s.present) return logits;
  if (s.present.length === 2) {
    const zero = g.op('Mul', [logits, g.constant([0], [1, 1])]);
    const pair = g.op('Concat', [zero, logits], { axis: int(1) });
    return toClasses(g, g.op('Softmax', [pair], { axis: int(1) }), s.present, classes);
  }
  return toClasses(g, g.op('Softmax', [logits], { axis: int(1) }), s.present, classes);
}

// ---------- the model ----------

export function pipelineToOnnx(pipeline: TrainedPipeline, fileName: string, producerVersion: string): Uint8Array {
  const { target, scoring } = scoringModel(pipeline, fileName);
  const g = new GraphBuilder();
  const classes = target.task === 'classification' ? (target.classes ?? []) : null;
  const k = classes?.length ?? 1;
  const scores = scoring.kind === 'trees' ? treeScores(g, scoring, k) : linearScores(g, scoring, k);
  const outputs: ValueInfo[] = [];
  if (classes) {
    const code = g.op('ArgMax', [scores], { axis: int(1), keepdims: int(0), select_last_index: int(0) });
    const label = g.op(
      'LabelEncoder',
      [code],
      { keys_int64s: ints(classes.map((_, i) => i)), values_strings: strs(classes) },
      ML_DOMAIN,
    );
    g.output('prediction', label);
    g.output('probabilities', scores);
    outputs.push({ name: 'prediction', type: DT.STRING, shape: ['N'] });
    outputs.push({ name: 'probabilities', type: DT.DOUBLE, shape: ['N', k] });
  } else {
    g.output('prediction', scores);
    outputs.push({ name: 'prediction', type: DT.DOUBLE, shape: ['N', 1] });
  }
  const inputs = scoring.inputs.map(inputInfo);
  const graph = { name: `sapling_${pipeline.model.id}`, nodes: g.nodes, inputs, outputs, initializers: g.initializers };
  return modelBytes(graph, {
    producerVersion,
    docString: `Sapling ${pipeline.model.id} model predicting '${target.name}' (${target.task}), exported from ${fileName}. One input per column, shape [N, 1]: numbers as double (NaN = missing), text and yes/no columns as string ("" = missing).`,
    opsets: { '': OPSET, [ML_DOMAIN]: ML_OPSET },
    metadata: {
      target: target.name,
      task: target.task,
      ...(classes ? { classes: JSON.stringify(classes) } : {}),
      inputs: JSON.stringify(scoring.inputs.map((i) => ({ name: i.name, kind: i.kind }))),
    },
  });
}
