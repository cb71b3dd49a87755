/**
 * Exact path-dependent TreeSHAP in O(nodes · q) per row and tree, q = ⌈(distinct features)/2⌉ — the
 * polynomial form of Linear TreeSHAP (Yu, Bai et al., "Linear TreeShap", NeurIPS 2022) with values kept at
 * Gauss–Legendre nodes. It computes the same Shapley values as tree-shap.ts's port of Lundberg et al.'s
 * Algorithm 2 (O(leaves · depth²)), which stays as the test oracle.
 *
 * The identity it rests on: for a leaf ℓ with value v, let every distinct feature j on ℓ's path have
 * Z_j = the product of the cover fractions of its edges and O_j = 1 if the row follows all of them, else 0.
 * Then feature i's Shapley value from ℓ is
 *   v · (O_i − Z_i) · ∫₀¹ Π_{j≠i} (Z_j + (O_j − Z_j)·t) dt,
 * since ∫₀¹ t^s (1−t)^(d−1−s) dt = s!(d−1−s)!/d! are exactly the Shapley weights. The integrand is a
 * polynomial of degree < d ≤ the number of features, so q Gauss–Legendre nodes integrate it exactly.
 *
 * One depth-first pass per row and tree: going down, G(t) = Π_j (Z_j + (O_j − Z_j)t) is kept at the q nodes;
 * coming up, S_u(t) = Σ_{leaves ℓ below u} v_ℓ G_ℓ(t). The edge into u on feature i is the last edge on i
 * for every leaf below u except those below a deeper edge on i, so it contributes
 *   (O_i − Z_i) · Σ_k w_k (S_u(t_k) − Σ S_{deeper edges on i}(t_k)) / (Z_i + (O_i − Z_i) t_k),
 * and each deeper edge hands its S up to the nearest edge on the same feature above it to be subtracted.
 */
import type { ShapTree } from './tree-shap.js';

/** Gauss–Legendre nodes and weights on [0, 1] (Newton on the Legendre polynomial, as in Numerical Recipes' gauleg). */
function gaussLegendre(q: number): { t: Float64Array; w: Float64Array } {
  const t = new Float64Array(q);
  const w = new Float64Array(q);
  for (let i = 0; i < (q + 1) >> 1; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (q + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= q; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (q * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    // From [−1, 1] to [0, 1]: t = (1 − z)/2, weight halved.
    const weight = 1 / ((1 - z * z) * dp * dp);
    t[i] = (1 - z) / 2;
    t[q - 1 - i] = (1 + z) / 2;
    w[i] = weight;
    w[q - 1 - i] = weight;
  }
  return { t, w };
}

const rules = new Map<number, { t: Float64Array; w: Float64Array }>();

function rule(q: number): { t: Float64Array; w: Float64Array } {
  let r = rules.get(q);
  if (!r) rules.set(q, (r = gaussLegendre(q)));
  return r;
}

/** Quadrature nodes that integrate exactly for trees over `features` distinct features and depth ≤ `maxDepth`. */
export function shapNodes(features: number, maxDepth: number): number {
  return Math.max(1, Math.ceil(Math.min(features, maxDepth) / 2));
}

/** Work of one row on a tree of `nodes` nodes, in units of one quadrature node and output (~1–2 ns each measured here). */
export function fastShapCost(nodes: number, q: number, width: number): number {
  return nodes * q * (width + 1);
}

/** Scratch for one (maximum depth, columns, width); reuse across rows and trees. */
export class FastShapScratch {
  readonly q: number;
  readonly t: Float64Array;
  readonly w: Float64Array;
  /** G per depth (q values). */
  readonly g: Float64Array;
  /** S per depth (q × width), and the deeper same-feature sums to subtract (q × width). */
  readonly s: Float64Array;
  readonly sub: Float64Array;
  /** Per depth: 1 / (the factor of the edge into it) at each node (q values), whether all are finite, and whether a deeper edge on its feature handed up sums to subtract. */
  readonly inv: Float64Array;
  readonly finite: Uint8Array;
  readonly hasSub: Uint8Array;
  /** Per matrix column: the path's Z and O so far, and the depth of its last edge (−1 when absent). */
  readonly z: Float64Array;
  readonly o: Float64Array;
  readonly last: Int32Array;

  constructor(
    readonly maxDepth: number,
    cols: number,
    readonly width: number,
  ) {
    this.q = shapNodes(cols, maxDepth);
    ({ t: this.t, w: this.w } = rule(this.q));
    const levels = maxDepth + 1;
    this.g = new Float64Array(levels * this.q);
    this.s = new Float64Array(levels * this.q * width);
    this.sub = new Float64Array(levels * this.q * width);
    this.inv = new Float64Array(levels * this.q);
    this.finite = new Uint8Array(levels);
    this.hasSub = new Uint8Array(levels);
    this.z = new Float64Array(cols).fill(1);
    this.o = new Float64Array(cols).fill(1);
    this.last = new Int32Array(cols).fill(-1);
  }
}

interface Walk {
  readonly tree: ShapTree;
  readonly x: Float64Array;
  readonly offset: number;
  readonly phi: Float64Array;
  readonly stride: number;
  readonly outOffset: number;
  readonly scale: number;
  readonly s: FastShapScratch;
}

/**
 * Adds `scale` × the SHAP values of the tree rooted at `root` for row x to phi, exactly as tree-shap.ts's
 * treeShapInto: output j for matrix column f goes to phi[f · stride + outOffset + j].
 */
export function fastTreeShapInto(
  tree: ShapTree,
  root: number,
  x: Float64Array,
  offset: number,
  phi: Float64Array,
  stride: number,
  outOffset: number,
  scale: number,
  scratch: FastShapScratch,
): void {
  if (tree.left[root] < 0) return; // a single leaf explains nothing
  scratch.g.fill(1, 0, scratch.q);
  visit({ tree, x, offset, phi, stride, outOffset, scale, s: scratch }, root, 0);
}

/**
 * A branch's share of its parent's cover, with shares below 1e-100 taken as 0: the walk divides by (sums of)
 * shares, and 1 / a subnormal share overflows to Infinity (then Infinity × 0 = NaN). No real tree has such a share;
 * a damaged cover, or hessians that all but vanish, would otherwise turn every attribution into NaN.
 */
function share(x: number): number {
  return x < 1e-100 ? 0 : x;
}

/** Fills S at `depth` for the subtree of `node` (G at `depth` is set by the caller). */
function visit(w: Walk, node: number, depth: number): void {
  const { tree, s } = w;
  const q = s.q;
  const width = tree.width;
  const qw = q * width;
  const S = s.s;
  const G = s.g;
  const at = depth * qw;
  const l = tree.left[node];
  if (l < 0) {
    const value = tree.value;
    for (let k = 0; k < q; k++) {
      const gk = G[depth * q + k];
      for (let j = 0; j < width; j++) S[at + k * width + j] = gk * value[node * width + j];
    }
    return;
  }
  const r = tree.right[node];
  const f = tree.feature[node];
  const toLeft = tree.goesLeft(node, w.x, w.offset);
  const c = tree.cover[node];
  const fl = c > 0 ? share(tree.cover[l] / c) : 0.5;
  const fr = c > 0 ? share(tree.cover[r] / c) : 0.5;
  const zOld = s.z[f];
  const oOld = s.o[f];
  const lastOld = s.last[f];
  const t = s.t;
  const inv = s.inv;
  const sub = s.sub;
  const level = depth + 1;
  const child = level * qw;
  // The factor of f on the path so far can be divided out unless it vanishes (no cover, not followed).
  const divisible = lastOld < 0 || s.finite[lastOld] === 1;
  for (let side = 0; side < 2; side++) {
    const zNew = zOld * (side === 0 ? fl : fr);
    const oNew = (side === 0) === toLeft ? oOld : 0;
    const coef = oNew - zNew;
    // 1 / (Z + (O − Z)t) of this edge: divides G's factor back out below, and weighs the contribution.
    let finite = 1;
    for (let k = 0; k < q; k++) {
      const v = 1 / (zNew + coef * t[k]);
      inv[level * q + k] = v;
      if (v === Infinity) finite = 0;
    }
    s.finite[level] = finite;
    if (divisible) {
      const from = lastOld * q;
      for (let k = 0; k < q; k++) {
        const factor = zNew + coef * t[k];
        G[level * q + k] = G[depth * q + k] * factor * (lastOld >= 0 ? inv[from + k] : 1);
      }
    }
    s.z[f] = zNew;
    s.o[f] = oNew;
    s.last[f] = level;
    if (!divisible) rebuild(s, level);
    s.hasSub[level] = 0;
    visit(w, side === 0 ? l : r, level);
    if (coef !== 0) {
      const base = f * w.stride + w.outOffset;
      const hasSub = s.hasSub[level] === 1;
      for (let j = 0; j < width; j++) {
        let sum = 0;
        for (let k = 0; k < q; k++) {
          const i = child + k * width + j;
          sum += s.w[k] * inv[level * q + k] * (hasSub ? S[i] - sub[i] : S[i]);
        }
        w.phi[base + j] += w.scale * coef * sum;
      }
    }
    // The leaves below this edge are accounted for here, not by the edge on f above it.
    if (lastOld >= 0) {
      const up = lastOld * qw;
      if (s.hasSub[lastOld] === 0) {
        sub.fill(0, up, up + qw);
        s.hasSub[lastOld] = 1;
      }
      for (let i = 0; i < qw; i++) sub[up + i] += S[child + i];
    }
    if (side === 0) for (let i = 0; i < qw; i++) S[at + i] = S[child + i];
    else for (let i = 0; i < qw; i++) S[at + i] += S[child + i];
  }
  s.z[f] = zOld;
  s.o[f] = oOld;
  s.last[f] = lastOld;
}

/** G at `depth` from scratch: the product of every path feature's factor. */
function rebuild(s: FastShapScratch, depth: number): void {
  const q = s.q;
  const cols = s.z.length;
  for (let k = 0; k < q; k++) {
    let g = 1;
    for (let f = 0; f < cols; f++) if (s.last[f] >= 0) g *= s.z[f] + (s.o[f] - s.z[f]) * s.t[k];
    s.g[depth * q + k] = g;
  }
}
