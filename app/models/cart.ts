/**
 * One CART tree. ml-cart finds each node's best split; Sapling does the recursion around it and
 * keeps the result in its own flat arrays.
 *
 * Why not let ml-cart grow the whole tree: its recursion has quirks we do not want to inherit (a
 * node stops when its gain happens to equal its parent's; its "gain threshold" means a gain for
 * classification but the children's squared error for regression), it cannot sample features per
 * split as a random forest should, and its loader and `predict` are not ours to keep stable.
 * So each node asks ml-cart for one split (a fit with maxDepth 0 runs exactly one best-split
 * search and records its column and threshold), and we partition the rows with ml-cart's rule
 * (`x < threshold` goes left), recurse with scikit-learn's stopping rules, and record each node's
 * row count, class counts or mean, and the exact impurity decrease of each split as we go.
 * Nodes are stored in preorder, so a child's index is always greater than its parent's.
 */
import { DecisionTreeClassifier, DecisionTreeRegression } from 'ml-cart';
import type { Rng } from '../util/random.js';
import type { FeatureMatrix, Target, Task } from './matrix.js';
import { sampleWithoutReplacement } from './sampling.js';

export interface CartSettings {
  /** Maximum depth; 0 = unlimited. */
  readonly maxDepth: number;
  /** A node with fewer rows than this is not split (scikit-learn's min_samples_split). */
  readonly minSamplesSplit: number;
}

export interface GrowOptions {
  /** Training rows, may repeat (a bootstrap); default all rows of X. */
  readonly rows?: Int32Array;
  /** Features tried at each split (a random forest's max_features); default all. Needs `rng`. */
  readonly featuresPerSplit?: number;
  readonly rng?: Rng;
}

export interface CompactTree {
  /** Feature index of each split; −1 at leaves. */
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
  /** Unnormalized impurity decrease per feature (length X.cols). */
  readonly impurityDecrease: Float64Array;
}

/** maxDepth 0: ml-cart searches the root's best split once, records it, and stops. */
const ONE_SPLIT = { maxDepth: 0, minNumSamples: 0 };

interface Split {
  readonly feature: number;
  readonly threshold: number;
}

export function growTree(X: FeatureMatrix, y: Target, settings: CartSettings, options: GrowOptions = {}): GrownTree {
  const { cols, data } = X;
  const width = y.task === 'classification' ? y.classes.length : 1;
  const m = Math.min(options.featuresPerSplit ?? cols, cols);
  const all = Int32Array.from({ length: cols }, (_, j) => j);
  const maxDepth = settings.maxDepth === 0 ? Infinity : settings.maxDepth;
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const count: number[] = [];
  const value: number[] = [];
  const impurityDecrease = new Float64Array(cols);

  /** ml-cart's best split of these rows on these features, if it separates them. */
  const bestSplit = (rows: Int32Array, feats: Int32Array): Split | undefined => {
    const table: number[][] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const base = rows[r] * cols;
      const row = new Array<number>(feats.length);
      for (let f = 0; f < feats.length; f++) row[f] = data[base + feats[f]];
      table[r] = row;
    }
    let root;
    if (y.task === 'classification') {
      const cart = new DecisionTreeClassifier(ONE_SPLIT);
      cart.train(table, Array.from(rows, (i) => y.codes[i]));
      root = cart.root;
    } else {
      const cart = new DecisionTreeRegression(ONE_SPLIT);
      cart.train(table, Array.from(rows, (i) => y.values[i]));
      root = cart.root;
    }
    const { splitColumn, splitValue } = root;
    // A non-finite threshold can only come from (a + b) / 2 overflowing; treat it as no split.
    if (splitColumn === undefined || splitValue === undefined || !Number.isFinite(splitValue)) return undefined;
    const f = feats[splitColumn];
    let nLeft = 0;
    for (const r of rows) if (data[r * cols + f] < splitValue) nLeft++;
    // A threshold between tied values can leave one side empty: that separates nothing.
    return nLeft === 0 || nLeft === rows.length ? undefined : { feature: f, threshold: splitValue + 0 }; // + 0: −0 → 0, as JSON does
  };

  /** Adds a node for `rows`; returns its index and its weighted impurity (n·gini or Σ(y − mean)²). */
  const build = (rows: Int32Array, depth: number): { id: number; weighted: number } => {
    const id = feature.length;
    const n = rows.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    count.push(n);
    let weighted = 0;
    let pure: boolean;
    if (y.task === 'classification') {
      const counts = new Array<number>(width).fill(0);
      for (const r of rows) counts[y.codes[r]]++;
      value.push(...counts);
      let sq = 0;
      for (const c of counts) sq += c * c;
      weighted = n - sq / n;
      pure = counts.some((c) => c === n);
    } else {
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (const r of rows) {
        const v = y.values[r];
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      const mean = sum / n + 0;
      value.push(mean);
      for (const r of rows) weighted += (y.values[r] - mean) ** 2;
      pure = min === max;
    }
    if (pure || n < settings.minSamplesSplit || depth >= maxDepth) return { id, weighted };

    let split: Split | undefined;
    if (m < cols) {
      // Like scikit-learn, keep looking past the sampled features if none of them separates the rows.
      const drawn = sampleWithoutReplacement(cols, m, options.rng!);
      split = bestSplit(rows, drawn) ?? bestSplit(rows, all.filter((j) => !drawn.includes(j)));
    } else {
      split = bestSplit(rows, all);
    }
    if (split === undefined) return { id, weighted };

    const f = split.feature;
    const goesLeft = rows.filter((r) => data[r * cols + f] < split.threshold);
    const goesRight = rows.filter((r) => !(data[r * cols + f] < split.threshold));
    feature[id] = f;
    threshold[id] = split.threshold;
    const l = build(goesLeft, depth + 1);
    const r = build(goesRight, depth + 1);
    left[id] = l.id;
    right[id] = r.id;
    impurityDecrease[f] += Math.max(0, weighted - l.weighted - r.weighted); // ≥ 0 exactly; clamp rounding noise
    return { id, weighted };
  };

  build(options.rows ?? Int32Array.from({ length: X.rows }, (_, i) => i), 0);
  const tree: CompactTree = {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    count: Float64Array.from(count),
    value: Float64Array.from(value),
    width,
  };
  return { tree, impurityDecrease };
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

/** Scales to sum 1; all zeros stay zeros (a single-leaf tree has no importance to share out). */
export function normalize(values: Float64Array): Float64Array {
  let total = 0;
  for (const v of values) total += v;
  return total > 0 ? values.map((v) => v / total) : new Float64Array(values.length);
}
