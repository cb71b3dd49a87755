/**
 * Exact TreeSHAP — Lundberg, Erion & Lee, "Consistent Individualized Feature Attribution for Tree
 * Ensembles" (arXiv 1802.03888), Algorithm 2: the Shapley values of one tree's prediction, in
 * O(leaves · depth²) per row instead of exponential time.
 *
 * The value of a feature subset S is the paper's "path-dependent" conditional expectation
 * E[f(x) | x_S]: at a split on a feature in S the row's own branch is followed; at any other split both
 * branches are averaged, weighted by the training cover that went each way. The attributions add up
 * exactly: Σφ = f(x) − E[f(x)] (local accuracy), with E[f(x)] the cover-weighted mean of the leaves.
 *
 * The tree is described through `ShapTree`, so one implementation serves every tree model Sapling has
 * (the engine's ensembles with their missing-value and category-subset splits, and the ml-cart trees):
 * all it needs per node is which child the row goes to.
 *
 * This is a port of the recursion in the authors' reference code (shap's tree_shap.h, MIT licence), with
 * the path kept in flat typed arrays — one slice per depth, so no allocation per node.
 */

export interface ShapTree {
  /** Child node indices; −1 at leaves. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Split feature (matrix column) per internal node. */
  readonly feature: Int32Array;
  /** Training weight that reached each node. */
  readonly cover: ArrayLike<number>;
  /** Per node `width` output values (only leaves are read). */
  readonly value: ArrayLike<number>;
  readonly width: number;
  /** Whether row x (its values at x[offset + feature]) goes to the left child of internal node `node`. */
  goesLeft(node: number, x: Float64Array, offset: number): boolean;
}

/** Deepest leaf below `root` (root = depth 0). */
export function treeDepth(tree: ShapTree, root: number): number {
  let max = 0;
  const stack: number[] = [root, 0];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const node = stack.pop()!;
    if (tree.left[node] < 0) max = Math.max(max, d);
    else stack.push(tree.left[node], d + 1, tree.right[node], d + 1);
  }
  return max;
}

/** TreeSHAP's work for one row of this tree, up to a constant: Σ over leaves of (depth + 1)². */
export function shapCost(tree: ShapTree, root: number): number {
  let cost = 0;
  const stack: number[] = [root, 0];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const node = stack.pop()!;
    if (tree.left[node] < 0) cost += (d + 1) * (d + 1);
    else stack.push(tree.left[node], d + 1, tree.right[node], d + 1);
  }
  return cost;
}

/** Cover-weighted mean of the leaf values below `root` into out[outOffset …] (scaled): E[f(x)]. */
export function expectedValue(tree: ShapTree, root: number, out: Float64Array, outOffset: number, scale: number): void {
  const w = tree.width;
  const visit = (node: number, weight: number): void => {
    if (tree.left[node] < 0) {
      for (let j = 0; j < w; j++) out[outOffset + j] += scale * weight * tree.value[node * w + j];
      return;
    }
    const [l, r] = [tree.left[node], tree.right[node]];
    const [fl, fr] = childFractions(tree, node, l, r);
    visit(l, weight * fl);
    visit(r, weight * fr);
  };
  visit(root, 1);
}

/** Fractions of a node's cover that went to each child (halves when a node has no cover at all). */
function childFractions(tree: ShapTree, node: number, l: number, r: number): [number, number] {
  const c = tree.cover[node];
  if (!(c > 0)) return [0.5, 0.5];
  return [tree.cover[l] / c, tree.cover[r] / c];
}

/** Scratch space for one tree depth bound; reuse across rows and trees of at most that depth. */
export class ShapScratch {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
  constructor(readonly maxDepth: number) {
    // Path length ≤ depth + 2 (a dummy root element plus one per split); one slice per recursion level.
    const d = maxDepth + 2;
    const size = (d * (d + 1)) / 2 + d;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

/**
 * Adds `scale` × the SHAP values of the tree rooted at `root` for row x to phi: output j of the tree
 * (of `tree.width`) for matrix column f goes to phi[f · stride + outOffset + j].
 */
export function treeShapInto(
  tree: ShapTree,
  root: number,
  x: Float64Array,
  offset: number,
  phi: Float64Array,
  stride: number,
  outOffset: number,
  scale: number,
  scratch: ShapScratch,
): void {
  // The root's path holds one dummy element (feature −1), as in the reference code.
  recurse({ tree, x, offset, phi, stride, outOffset, scale, s: scratch }, root, -1, 0, 1, 1, -1);
}

interface Walk {
  readonly tree: ShapTree;
  readonly x: Float64Array;
  readonly offset: number;
  readonly phi: Float64Array;
  readonly stride: number;
  readonly outOffset: number;
  readonly scale: number;
  readonly s: ShapScratch;
}

// The path helpers are module functions over the scratch arrays (not closures): this is the hot loop of every
// explanation, and plain functions with typed-array arguments are what V8 optimizes best.

/** Extend the path (slice starting at `at`, `depth` elements before the new one) with a split. */
function extend(
  s: ShapScratch,
  at: number,
  depth: number,
  zeroFraction: number,
  oneFraction: number,
  feat: number,
): void {
  const pw = s.weight;
  s.feature[at + depth] = feat;
  s.zero[at + depth] = zeroFraction;
  s.one[at + depth] = oneFraction;
  pw[at + depth] = depth === 0 ? 1 : 0;
  const d1 = depth + 1;
  for (let i = depth - 1; i >= 0; i--) {
    pw[at + i + 1] += (oneFraction * pw[at + i] * (i + 1)) / d1;
    pw[at + i] = (zeroFraction * pw[at + i] * (depth - i)) / d1;
  }
}

/** Undo the extension by element `index` (so a feature met again is counted once). */
function unwind(s: ShapScratch, at: number, depth: number, index: number): void {
  const { feature: pf, zero: pz, one: po, weight: pw } = s;
  const one = po[at + index];
  const zero = pz[at + index];
  let next = pw[at + depth];
  const d1 = depth + 1;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = pw[at + i];
      pw[at + i] = (next * d1) / ((i + 1) * one);
      next = tmp - (pw[at + i] * zero * (depth - i)) / d1;
    } else {
      pw[at + i] = (pw[at + i] * d1) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    pf[at + i] = pf[at + i + 1];
    pz[at + i] = pz[at + i + 1];
    po[at + i] = po[at + i + 1];
  }
}

/** Total permutation weight of the path with element `index` unwound (without changing the path). */
function unwoundSum(
  pz: Float64Array,
  po: Float64Array,
  pw: Float64Array,
  at: number,
  depth: number,
  index: number,
): number {
  const one = po[at + index];
  const zero = pz[at + index];
  let next = pw[at + depth];
  let total = 0;
  if (one !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = next / ((i + 1) * one);
      total += tmp;
      next = pw[at + i] - tmp * zero * (depth - i);
    }
  } else {
    for (let i = depth - 1; i >= 0; i--) total += pw[at + i] / (zero * (depth - i));
  }
  return total * (depth + 1);
}

function recurse(
  w: Walk,
  node: number,
  parentAt: number,
  depth: number,
  zeroFraction: number,
  oneFraction: number,
  parentFeature: number,
): void {
  const s = w.s;
  const { feature: pf, zero: pz, one: po, weight: pw } = s;
  const tree = w.tree;
  // Copy the parent's path into this level's slice, then extend it.
  const at = parentAt + depth + 1;
  if (parentAt >= 0) {
    pf.copyWithin(at, parentAt, parentAt + depth + 1);
    pz.copyWithin(at, parentAt, parentAt + depth + 1);
    po.copyWithin(at, parentAt, parentAt + depth + 1);
    pw.copyWithin(at, parentAt, parentAt + depth + 1);
  }
  extend(s, at, depth, zeroFraction, oneFraction, parentFeature);

  const l = tree.left[node];
  if (l < 0) {
    const width = tree.width;
    const value = tree.value;
    for (let i = 1; i <= depth; i++) {
      const weight = unwoundSum(pz, po, pw, at, depth, i);
      const scaled = w.scale * weight * (po[at + i] - pz[at + i]);
      const base = pf[at + i] * w.stride + w.outOffset;
      for (let j = 0; j < width; j++) w.phi[base + j] += scaled * value[node * width + j];
    }
    return;
  }
  const r = tree.right[node];
  const split = tree.feature[node];
  const toLeft = tree.goesLeft(node, w.x, w.offset);
  const [fl, fr] = childFractions(tree, node, l, r);
  let incomingZero = 1;
  let incomingOne = 1;
  let d = depth;
  let k = 0;
  while (k <= d && pf[at + k] !== split) k++;
  if (k <= d) {
    incomingZero = pz[at + k];
    incomingOne = po[at + k];
    unwind(s, at, d, k);
    d -= 1;
  }
  recurse(w, toLeft ? l : r, at, d + 1, (toLeft ? fl : fr) * incomingZero, incomingOne, split);
  recurse(w, toLeft ? r : l, at, d + 1, (toLeft ? fr : fl) * incomingZero, 0, split);
}
