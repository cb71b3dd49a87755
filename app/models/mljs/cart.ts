/**
 * Growing one CART tree. ml-cart finds each node's best split (cart-split.ts); Sapling does the
 * recursion around it and keeps the result in its own flat arrays (compact-tree.ts).
 *
 * Why not let ml-cart grow the whole tree: its recursion has quirks we do not want to inherit (a
 * node stops when its gain happens to equal its parent's; its "gain threshold" means a gain for
 * classification but the children's squared error for regression, so a split into two pure
 * halves is refused), it cannot sample features per split as a random forest should, it cannot
 * be cancelled, and its loader and `predict` are not ours to keep stable. So each node asks
 * ml-cart for one split, and we partition the rows with ml-cart's rule (`x < threshold` goes
 * left), recurse with scikit-learn's stopping rules (split until pure, or fewer than
 * minSamplesSplit rows, or maxDepth), and record each node's row count, class counts or mean,
 * and the exact impurity decrease of each split, as we go.
 */
import type { Rng } from '../../util/random.js';
import { bestSplit, type Split } from './cart-split.js';
import type { CompactTree } from '../compact-tree.js';
import type { FeatureMatrix, Target } from '../matrix.js';
import { Pacer } from '../pacer.js';
import { depthCap } from '../tree-limits.js';
import { pickSorted } from '../../util/random.js';

export interface CartSettings {
  /** Maximum depth; 0 = unlimited. */
  readonly maxDepth: number;
  /** A node with fewer rows than this is not split (scikit-learn's min_samples_split). */
  readonly minSamplesSplit: number;
}

export interface GrowOptions {
  /** Training rows, may repeat (a bootstrap); default all rows of X. */
  readonly rows?: Int32Array | undefined;
  /** Features tried at each split (a random forest's max_features); default all. Needs `rng`. */
  readonly featuresPerSplit?: number;
  readonly rng?: Rng;
  /** Pauses the work now and then so a cancel can arrive (shared by all trees of a forest). */
  readonly pacer?: Pacer;
  /** Fraction of the training rows already settled in leaves, reported at the pauses. */
  readonly onProgress?: ((fraction: number) => void) | undefined;
}

export interface GrownTree {
  readonly tree: CompactTree;
  /** Unnormalized impurity decrease per feature (length X.cols). */
  readonly impurityDecrease: Float64Array;
}

/** Appends the node's class counts (or mean) to `value`; returns n·gini (or Σ(y − mean)²) and whether it is pure. */
function nodeStats(y: Target, rows: Int32Array, width: number, value: number[]): { weighted: number; pure: boolean } {
  const n = rows.length;
  if (y.task === 'classification') {
    const counts = new Array<number>(width).fill(0);
    for (const r of rows) counts[y.codes[r]]++;
    value.push(...counts);
    let sq = 0;
    for (const c of counts) sq += c * c;
    return { weighted: n - sq / n, pure: counts.some((c) => c === n) };
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    const v = y.values[r];
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / n + 0; // + 0: −0 → 0, as JSON does
  value.push(mean);
  let weighted = 0;
  for (const r of rows) weighted += (y.values[r] - mean) ** 2;
  return { weighted, pure: min === max };
}

export async function growTree(
  X: FeatureMatrix,
  y: Target,
  settings: CartSettings,
  options: GrowOptions = {},
): Promise<GrownTree> {
  const { cols, data } = X;
  const width = y.task === 'classification' ? y.classes.length : 1;
  const m = Math.min(options.featuresPerSplit ?? cols, cols);
  const all = Int32Array.from({ length: cols }, (_, j) => j);
  const maxDepth = depthCap(settings.maxDepth);
  const rootRows = options.rows ?? Int32Array.from({ length: X.rows }, (_, i) => i);
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const count: number[] = [];
  const value: number[] = [];
  const impurityDecrease = new Float64Array(cols);

  const pacer = options.pacer ?? new Pacer();
  let settled = 0; // rows that have reached a leaf
  const report = (): void => options.onProgress?.(settled / rootRows.length);

  const findSplit = (rows: Int32Array): Split | undefined => {
    if (m >= cols) return bestSplit(X, y, rows, all);
    // Like scikit-learn, keep looking past the sampled features if none of them separates the rows.
    const drawn = pickSorted(cols, m, options.rng!);
    return (
      bestSplit(X, y, rows, drawn) ??
      bestSplit(
        X,
        y,
        rows,
        all.filter((j) => !drawn.includes(j)),
      )
    );
  };

  /** Adds the subtree for `rows` in preorder; returns its root's index and weighted impurity. */
  const build = async (rows: Int32Array, depth: number): Promise<{ id: number; weighted: number }> => {
    await pacer.breathe(report); // ml-cart is O(features·n²) per node: one node can take a second
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    count.push(rows.length);
    const { weighted, pure } = nodeStats(y, rows, width, value);
    const node = { id, weighted };
    const split = pure || rows.length < settings.minSamplesSplit || depth >= maxDepth ? undefined : findSplit(rows);
    if (split === undefined) {
      settled += rows.length;
      return node;
    }
    const f = split.feature;
    feature[id] = f;
    threshold[id] = split.threshold;
    const l = await build(
      rows.filter((r) => data[r * cols + f] < split.threshold),
      depth + 1,
    );
    const r = await build(
      rows.filter((r) => !(data[r * cols + f] < split.threshold)),
      depth + 1,
    );
    left[id] = l.id;
    right[id] = r.id;
    impurityDecrease[f] += Math.max(0, weighted - l.weighted - r.weighted); // ≥ 0 exactly; clamp rounding noise
    return node;
  };

  await build(rootRows, 0);
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
