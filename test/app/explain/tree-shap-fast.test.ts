/**
 * The fast TreeSHAP (tree-shap-fast.ts, Linear TreeSHAP's polynomial form) against the exact O(L·D²)
 * implementation it replaced in the explainers (tree-shap.ts, kept as this oracle): the same values to 1e-9
 * on random trees, and to 1e-12 on fitted models (the values compare's SHAP section reported before).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { goesLeft, type TreeEnsemble } from '../../../app/engine/ensemble.js';
import { isEngineModel } from '../../../app/engine/fitted.js';
import { explainerFor } from '../../../app/explain/explainer.js';
import { FastShapScratch, fastTreeShapInto } from '../../../app/explain/tree-shap-fast.js';
import { expectedValue, ShapScratch, treeDepth, treeShapInto, type ShapTree } from '../../../app/explain/tree-shap.js';
import type { ModelId } from '../../../app/models/estimator.js';
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { createRng, type Rng } from '../../../app/util/random.js';
import { blobs, linearTarget } from '../models/fixtures.js';

/** A random tree in preorder; features reused along paths; some nodes with no cover at all. */
function randomTree(rng: Rng, M: number, maxDepth: number, width: number, zeroCovers = false): ShapTree {
  const left: number[] = [];
  const right: number[] = [];
  const feature: number[] = [];
  const threshold: number[] = [];
  const cover: number[] = [];
  const value: number[] = [];
  const grow = (depth: number, c: number): void => {
    const id = left.length;
    left.push(-1);
    right.push(-1);
    feature.push(-1);
    threshold.push(0);
    cover.push(c);
    for (let j = 0; j < width; j++) value.push(rng.next() * 2 - 1);
    if (depth < maxDepth && (depth < 2 || rng.next() < 0.8)) {
      feature[id] = rng.int(M);
      threshold[id] = rng.next();
      // Uneven shares; with zeroCovers now and then a child with no cover (a zero factor on the path).
      const share = zeroCovers && rng.next() < 0.05 ? 0 : 0.02 + 0.96 * rng.next();
      left[id] = left.length;
      grow(depth + 1, c * share);
      right[id] = left.length;
      grow(depth + 1, c * (1 - share));
    }
  };
  grow(0, 100);
  return {
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    feature: Int32Array.from(feature),
    cover: Float64Array.from(cover),
    value: Float64Array.from(value),
    width,
    goesLeft: (node, x, offset) => x[offset + feature[node]] <= threshold[node],
  };
}

function both(tree: ShapTree, root: number, x: Float64Array, M: number): { fast: Float64Array; exact: Float64Array } {
  const w = tree.width;
  const depth = treeDepth(tree, root);
  const exact = new Float64Array(M * w);
  treeShapInto(tree, root, x, 0, exact, w, 0, 1, new ShapScratch(depth));
  const fast = new Float64Array(M * w);
  fastTreeShapInto(tree, root, x, 0, fast, w, 0, 1, new FastShapScratch(depth, M, w));
  return { fast, exact };
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++)
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

describe('fast TreeSHAP equals the exact TreeSHAP (Lundberg et al. Algorithm 2)', () => {
  test('random trees: shallow to deep, few to many features, repeated features, zero covers', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 200; trial++) {
      const M = 1 + rng.int(12);
      const width = 1 + rng.int(3);
      const tree = randomTree(rng, M, 1 + rng.int(14), width);
      for (let r = 0; r < 3; r++) {
        const x = Float64Array.from({ length: M }, () => rng.next());
        const { fast, exact } = both(tree, 0, x, M);
        assertClose(fast, exact, 1e-9, `trial ${trial} row ${r}`);
      }
    }
  });

  test('children with no cover (where the exact version divides by zero): still locally accurate', () => {
    const rng = createRng(17);
    for (let trial = 0; trial < 100; trial++) {
      const M = 1 + rng.int(8);
      const tree = randomTree(rng, M, 2 + rng.int(8), 1, true);
      const x = Float64Array.from({ length: M }, () => rng.next());
      const phi = new Float64Array(M);
      fastTreeShapInto(tree, 0, x, 0, phi, 1, 0, 1, new FastShapScratch(treeDepth(tree, 0), M, 1));
      const base = new Float64Array(1);
      expectedValue(tree, 0, base, 0, 1);
      let node = 0;
      while (tree.left[node] >= 0) node = tree.goesLeft(node, x, 0) ? tree.left[node] : tree.right[node];
      const sum = phi.reduce((a, v) => a + v, base[0]);
      assert.ok(phi.every(Number.isFinite), `trial ${trial}: finite`);
      assert.ok(Math.abs(sum - tree.value[node]) <= 1e-9, `trial ${trial}: ${sum} vs ${tree.value[node]}`);
    }
  });

  test('a scratch reused across trees of different depths and rows gives the same values', () => {
    const rng = createRng(5);
    const M = 6;
    const trees = Array.from({ length: 8 }, (_, i) => randomTree(rng, M, 2 + i, 2));
    const scratch = new FastShapScratch(Math.max(...trees.map((t) => treeDepth(t, 0))), M, 2);
    for (let r = 0; r < 10; r++) {
      const x = Float64Array.from({ length: M }, () => rng.next());
      for (const tree of trees) {
        const reused = new Float64Array(M * 2);
        fastTreeShapInto(tree, 0, x, 0, reused, 2, 0, 1, scratch);
        assertClose(reused, both(tree, 0, x, M).exact, 1e-9, `row ${r}`);
      }
    }
  });

  /** The old explainer's values for an engine model: exact TreeSHAP per tree, summed as explainer.ts does. */
  function oracle(e: TreeEnsemble, x: Float64Array, offset: number, outputs: number): Float64Array {
    const view: ShapTree = {
      left: e.left,
      right: e.right,
      feature: e.feature,
      cover: e.cover,
      value: e.value,
      width: e.width,
      goesLeft: (n, xx, o) => goesLeft(e, n, xx[o + e.feature[n]]),
    };
    let depth = 0;
    for (let t = 0; t < e.trees; t++) depth = Math.max(depth, treeDepth(view, e.treeStart[t]));
    const scratch = new ShapScratch(depth);
    const phi = new Float64Array(e.cols * outputs);
    const c = e.combine;
    for (let t = 0; t < e.trees; t++)
      treeShapInto(
        view,
        e.treeStart[t],
        x,
        offset,
        phi,
        outputs,
        c.kind === 'mean' ? 0 : t % c.outputs,
        c.kind === 'mean' ? 1 / e.trees : 1,
        scratch,
      );
    return phi;
  }

  const binary = blobs(6, 300, 5, 2, 1.2);
  const classes = blobs(5, 300, 4, 3, 1.2);
  const regression = linearTarget(8, 300, 4, 0.3);
  const cases: [string, ModelId, { X: FeatureMatrix; y: Target }, Record<string, number>][] = [
    ['deep forest, two classes', 'forest', binary, { trees: 15 }],
    ['forest, three classes', 'forest', classes, { trees: 8 }],
    ['boost, two classes', 'boost', binary, { rounds: 20 }],
    ['boost, three classes', 'boost', classes, { rounds: 6 }],
    ['boost, regression', 'boost', regression, { rounds: 15 }],
    ['tree, regression', 'tree', regression, {}],
  ];
  for (const [label, id, P, params] of cases) {
    test(`fitted ${label}: identical to 1e-12`, async () => {
      const model = await getModelFactory(id).create(P.y.task, params).fit(P.X, P.y, { seed: 3 });
      assert.ok(isEngineModel(model));
      const explainer = explainerFor(model);
      const outputs = explainer.baseValue.length;
      for (let i = 0; i < 40; i++) {
        const offset = i * P.X.cols;
        assertClose(
          explainer.shap(P.X.data, offset),
          oracle(model.ensemble, P.X.data, offset, outputs),
          1e-12,
          `${label} row ${i}`,
        );
      }
    });
  }
});
