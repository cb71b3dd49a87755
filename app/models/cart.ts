/**
 * One CART tree: grown by ml-cart, then copied into Sapling's own flat representation.
 *
 * We never predict or persist through ml-cart: its loader and `predict` are not ours to keep
 * stable, and its forest wrapper loses probability mass. Instead the fitted node tree is
 * flattened into arrays (preorder, so a child's index is always greater than its parent's), and
 * the training rows are routed through it once to record each node's row count, class counts or
 * mean, and the exact impurity decrease of every split. Routing uses ml-cart's own rule
 * (`x < threshold` goes left) on the same values, so it reproduces ml-cart's partition exactly.
 */
import { DecisionTreeClassifier, DecisionTreeRegression, type CartNode } from 'ml-cart';
import type { FeatureMatrix, Target, Task } from './matrix.js';

export interface CartSettings {
  /** Maximum depth; 0 = unlimited. */
  readonly maxDepth: number;
  /** A node with fewer rows than this is not split (scikit-learn's min_samples_split). */
  readonly minSamplesSplit: number;
}

/**
 * ml-cart refuses a split unless its "gain" is strictly above this threshold. Its default (0.01)
 * stops trees early, and 0 still refuses a regression split whose children are both pure (their
 * summed squared error, which ml-cart calls gain, is 0). −1 accepts every split that separates
 * the rows, as scikit-learn does; pure nodes and unsplittable rows still become leaves.
 */
const GAIN_THRESHOLD = -1;

export interface CompactTree {
  /** Original feature index of each split; −1 at leaves. */
  readonly feature: Int32Array;
  /** Rows with x < threshold go left. 0 at leaves. */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Training rows reaching each node (bootstrap duplicates counted). */
  readonly count: Float64Array;
  /** Per node, `width` numbers: class counts (classification) or the mean target (regression). */
  readonly value: Float64Array;
  /** Number of classes, or 1 for regression. */
  readonly width: number;
}

export interface GrownTree {
  readonly tree: CompactTree;
  /** Unnormalized impurity decrease per original feature (length X.cols). */
  readonly impurityDecrease: Float64Array;
}

/**
 * Grows a tree on the given rows (may repeat: a bootstrap) and feature columns of X.
 * `rows` and `features` default to all of them.
 */
export function growTree(X: FeatureMatrix, y: Target, settings: CartSettings, rows?: Int32Array, features?: Int32Array): GrownTree {
  const rowIdx = rows ?? Int32Array.from({ length: X.rows }, (_, i) => i);
  const featIdx = features ?? Int32Array.from({ length: X.cols }, (_, j) => j);
  const trainX: number[][] = new Array(rowIdx.length);
  for (let r = 0; r < rowIdx.length; r++) {
    const base = rowIdx[r] * X.cols;
    const row = new Array<number>(featIdx.length);
    for (let f = 0; f < featIdx.length; f++) row[f] = X.data[base + featIdx[f]];
    trainX[r] = row;
  }
  const options = {
    maxDepth: settings.maxDepth === 0 ? Infinity : settings.maxDepth,
    // ml-cart makes a leaf of any node with at most minNumSamples rows.
    minNumSamples: settings.minSamplesSplit - 1,
    gainThreshold: GAIN_THRESHOLD,
  };
  let root: CartNode;
  if (y.task === 'classification') {
    const cart = new DecisionTreeClassifier(options);
    cart.train(trainX, Array.from(rowIdx, (i) => y.codes[i]));
    root = cart.root;
  } else {
    const cart = new DecisionTreeRegression(options);
    cart.train(trainX, Array.from(rowIdx, (i) => y.values[i]));
    root = cart.root;
  }
  const shape = flatten(root, featIdx);
  return annotate(shape, X, y, rowIdx);
}

interface Shape {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
}

function flatten(root: CartNode, featIdx: Int32Array): Shape {
  const shape: Shape = { feature: [], threshold: [], left: [], right: [] };
  const visit = (node: CartNode): number => {
    const id = shape.feature.length;
    shape.feature.push(-1);
    shape.threshold.push(0);
    shape.left.push(-1);
    shape.right.push(-1);
    const { left, right, splitColumn, splitValue } = node;
    // A threshold can only be non-finite if (a + b) / 2 overflowed; keeping such a node as a leaf
    // is still self-consistent, because all node statistics come from our own routing below.
    if (left && right && splitColumn !== undefined && splitValue !== undefined && Number.isFinite(splitValue)) {
      shape.feature[id] = featIdx[splitColumn];
      shape.threshold[id] = splitValue + 0; // + 0 turns −0 into 0, which JSON cannot tell apart
      shape.left[id] = visit(left);
      shape.right[id] = visit(right);
    }
    return id;
  };
  visit(root);
  return shape;
}

/** Leaf reached by the row starting at data[offset]. */
export function leafOf(tree: CompactTree, data: Float64Array, offset: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = data[offset + tree.feature[node]] < tree.threshold[node] ? tree.left[node] : tree.right[node];
  return node;
}

/**
 * Adds each row's leaf output to `out` (rows × width): the leaf's class fractions, or its mean.
 * Fractions are count/total, so a loaded tree (integer counts in JSON) gives bit-identical output.
 */
export function addLeafOutputs(tree: CompactTree, task: Task, X: FeatureMatrix, out: Float64Array): void {
  const w = tree.width;
  for (let i = 0; i < X.rows; i++) {
    const leaf = leafOf(tree, X.data, i * X.cols);
    if (task === 'regression') {
      out[i] += tree.value[leaf];
    } else {
      const total = tree.count[leaf];
      for (let c = 0; c < w; c++) out[i * w + c] += tree.value[leaf * w + c] / total;
    }
  }
}

/** Routes the training rows to fill node counts and values, and sums each split's impurity decrease. */
function annotate(shape: Shape, X: FeatureMatrix, y: Target, rows: Int32Array): GrownTree {
  const nodes = shape.feature.length;
  const width = y.task === 'classification' ? y.classes.length : 1;
  const tree: CompactTree = {
    feature: Int32Array.from(shape.feature),
    threshold: Float64Array.from(shape.threshold),
    left: Int32Array.from(shape.left),
    right: Int32Array.from(shape.right),
    count: new Float64Array(nodes),
    value: new Float64Array(nodes * width),
    width,
  };
  const forEachNodeOnPath = (row: number, fn: (node: number) => void): void => {
    const offset = row * X.cols;
    let node = 0;
    for (;;) {
      fn(node);
      if (tree.feature[node] < 0) return;
      node = X.data[offset + tree.feature[node]] < tree.threshold[node] ? tree.left[node] : tree.right[node];
    }
  };
  // Weighted impurity n·impurity per node: n·gini = n − Σc²/n, and n·variance = Σ(y − mean)².
  const weighted = new Float64Array(nodes);
  if (y.task === 'classification') {
    for (const r of rows) {
      const c = y.codes[r];
      forEachNodeOnPath(r, (node) => {
        tree.count[node]++;
        tree.value[node * width + c]++;
      });
    }
    for (let node = 0; node < nodes; node++) {
      let sq = 0;
      for (let c = 0; c < width; c++) sq += tree.value[node * width + c] ** 2;
      weighted[node] = tree.count[node] - sq / tree.count[node];
    }
  } else {
    for (const r of rows) {
      forEachNodeOnPath(r, (node) => {
        tree.count[node]++;
        tree.value[node] += y.values[r];
      });
    }
    for (let node = 0; node < nodes; node++) tree.value[node] = tree.value[node] / tree.count[node] + 0;
    // Second pass around the node means: numerically safer than Σy² − n·mean².
    for (const r of rows) forEachNodeOnPath(r, (node) => (weighted[node] += (y.values[r] - tree.value[node]) ** 2));
  }
  const impurityDecrease = new Float64Array(X.cols);
  for (let node = 0; node < nodes; node++) {
    const f = tree.feature[node];
    if (f < 0) continue;
    const decrease = weighted[node] - weighted[tree.left[node]] - weighted[tree.right[node]];
    impurityDecrease[f] += Math.max(0, decrease); // ≥ 0 in exact arithmetic; clamp rounding noise
  }
  return { tree, impurityDecrease };
}

/** Scales to sum 1; all zeros stay zeros (a single-leaf tree has no importance to share out). */
export function normalize(values: Float64Array): Float64Array {
  let total = 0;
  for (const v of values) total += v;
  return total > 0 ? values.map((v) => v / total) : new Float64Array(values.length);
}
