import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS } from '../../../app/registry/models.js';
import { explainerFor, groupAttributions, type ModelExplainer } from '../../../app/explain/explainer.js';
import { expectedValue, ShapScratch, treeDepth, treeShapInto, type ShapTree } from '../../../app/explain/tree-shap.js';
import type { FittedModel, ModelId } from '../../../app/models/estimator.js';
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { createRng, type Rng } from '../../../app/util/random.js';
import { blobs, linearTarget } from '../models/fixtures.js';

const engineBoostFactory = MODELS.boost;
const engineForestFactory = MODELS.forest;
const engineTreeFactory = MODELS.tree;

// ---------- brute force: the definition, by enumeration ----------

/**
 * The path-dependent value of a feature subset (the paper's Algorithm 1): at a split on a feature in S
 * follow the row; otherwise average both children weighted by cover.
 */
function subsetValue(
  tree: ShapTree,
  node: number,
  x: Float64Array,
  inS: (f: number) => boolean,
  out: Float64Array,
  weight: number,
): void {
  if (tree.left[node] < 0) {
    for (let j = 0; j < tree.width; j++) out[j] += weight * tree.value[node * tree.width + j];
    return;
  }
  const l = tree.left[node];
  const r = tree.right[node];
  if (inS(tree.feature[node])) {
    subsetValue(tree, tree.goesLeft(node, x, 0) ? l : r, x, inS, out, weight);
    return;
  }
  const c = tree.cover[node];
  subsetValue(tree, l, x, inS, out, (weight * tree.cover[l]) / c);
  subsetValue(tree, r, x, inS, out, (weight * tree.cover[r]) / c);
}

/** Shapley values by enumerating every subset: φ_i = Σ_S |S|!(M−|S|−1)!/M! · (v(S ∪ i) − v(S)). */
function bruteForceShapley(tree: ShapTree, x: Float64Array, M: number): Float64Array {
  const w = tree.width;
  const phi = new Float64Array(M * w);
  const value = (mask: number): Float64Array => {
    const out = new Float64Array(w);
    subsetValue(tree, 0, x, (f) => (mask & (1 << f)) !== 0, out, 1);
    return out;
  };
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  for (let i = 0; i < M; i++) {
    for (let mask = 0; mask < 1 << M; mask++) {
      if (mask & (1 << i)) continue;
      let size = 0;
      for (let b = 0; b < M; b++) if (mask & (1 << b)) size++;
      const weight = (fact(size) * fact(M - size - 1)) / fact(M);
      const withI = value(mask | (1 << i));
      const without = value(mask);
      for (let j = 0; j < w; j++) phi[i * w + j] += weight * (withI[j] - without[j]);
    }
  }
  return phi;
}

/** A random tree, nodes in preorder, features reused along paths (the case TreeSHAP must unwind). */
function randomTree(rng: Rng, M: number, maxDepth: number, width: number): ShapTree {
  const left: number[] = [];
  const right: number[] = [];
  const feature: number[] = [];
  const threshold: number[] = [];
  const cover: number[] = [];
  const value: number[] = [];
  const grow = (depth: number, c: number): number => {
    const id = left.length;
    left.push(-1);
    right.push(-1);
    feature.push(-1);
    threshold.push(0);
    cover.push(c);
    for (let j = 0; j < width; j++) value.push(rng.next() * 2 - 1);
    if (depth < maxDepth && (depth < 2 || rng.next() < 0.7)) {
      feature[id] = rng.int(M);
      threshold[id] = rng.next();
      const share = 0.1 + 0.8 * rng.next();
      left[id] = grow(depth + 1, c * share);
      right[id] = grow(depth + 1, c * (1 - share));
    }
    return id;
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

function treeShap(tree: ShapTree, x: Float64Array, M: number): Float64Array {
  const phi = new Float64Array(M * tree.width);
  treeShapInto(tree, 0, x, 0, phi, tree.width, 0, 1, new ShapScratch(treeDepth(tree, 0)));
  return phi;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++)
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

describe('TreeSHAP equals Shapley values by enumeration', () => {
  test('random trees with repeated features along paths, one and two outputs', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 60; trial++) {
      const M = 2 + rng.int(4);
      const width = 1 + rng.int(2);
      const tree = randomTree(rng, M, 2 + rng.int(4), width);
      const x = Float64Array.from({ length: M }, () => rng.next());
      assertClose(treeShap(tree, x, M), bruteForceShapley(tree, x, M), 1e-9, `trial ${trial}`);
    }
  });

  test('a fitted engine tree with missing values and a categorical split, through the explainer', async () => {
    const rng = createRng(3);
    const rows: number[][] = [];
    const codes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const a = rng.next() < 0.1 ? NaN : rng.next();
      const cat = rng.int(4);
      const b = rng.next();
      rows.push([a, cat, b, rng.next()]);
      codes.push((a > 0.5 ? 1 : 0) ^ (cat === 2 ? 1 : 0) ^ (b > 0.8 ? 1 : 0));
    }
    const X: FeatureMatrix = {
      rows: 300,
      cols: 4,
      data: Float64Array.from(rows.flat()),
      featureNames: ['a', 'cat', 'b', 'c'],
      categorical: [false, true, false, false],
    };
    const y: Target = { task: 'classification', codes: Int32Array.from(codes), classes: ['no', 'yes'] };
    const model = await engineTreeFactory.create('classification', { maxDepth: 5 }).fit(X, y, { seed: 1 });
    const e = (model as unknown as { ensemble: import('../../../app/engine/ensemble.js').TreeEnsemble }).ensemble;
    const { goesLeft } = await import('../../../app/engine/ensemble.js');
    const view: ShapTree = {
      left: e.left,
      right: e.right,
      feature: e.feature,
      cover: e.cover,
      value: e.value,
      width: e.width,
      goesLeft: (n, x, o) => goesLeft(e, n, x[o + e.feature[n]]),
    };
    const explainer = explainerFor(model);
    for (let i = 0; i < 25; i++) {
      const x = X.data.subarray(i * 4, i * 4 + 4).slice();
      assertClose(explainer.shap(x, 0), bruteForceShapley(view, x, 4), 1e-9, `row ${i}`);
    }
  });
});

// ---------- local accuracy on every model ----------

function checkLocalAccuracy(explainer: ModelExplainer, X: FeatureMatrix, rows: number): void {
  const O = explainer.baseValue.length;
  for (let i = 0; i < rows; i++) {
    const phi = explainer.shap(X.data, i * X.cols);
    const out = explainer.output(X.data, i * X.cols);
    for (let o = 0; o < O; o++) {
      let sum = explainer.baseValue[o];
      for (let j = 0; j < X.cols; j++) sum += phi[j * O + o];
      assert.ok(Math.abs(sum - out[o]) <= 1e-9, `row ${i} output ${o}: base + Σφ = ${sum}, f(x) = ${out[o]}`);
    }
  }
}

/** The explained outputs are the model's own predictions (through the link for margins). */
function checkOutputsMatchModel(model: FittedModel, explainer: ModelExplainer, X: FeatureMatrix): void {
  const proba = model.task === 'classification' ? model.predictProba(X) : model.predict(X);
  const k = model.classes?.length ?? 1;
  for (let i = 0; i < Math.min(X.rows, 40); i++) {
    const out = explainer.output(X.data, i * X.cols);
    if (explainer.units === 'probability' || (explainer.units === 'value' && model.task === 'regression')) {
      assertClose(out, proba.subarray(i * k, i * k + out.length), 1e-12, `row ${i}`);
    } else if (out.length === 1) {
      const p = 1 / (1 + Math.exp(-out[0]));
      assert.ok(Math.abs(p - proba[i * k + explainer.outputClass[0]]) < 1e-12, `row ${i}: σ(margin) = ${p}`);
    } else {
      const max = Math.max(...out);
      const s = out.reduce((a, v) => a + Math.exp(v - max), 0);
      out.forEach((v, o) =>
        assert.ok(Math.abs(Math.exp(v - max) / s - proba[i * k + explainer.outputClass[o]]) < 1e-12),
      );
    }
  }
}

describe('local accuracy: base value + Σ SHAP = the model output, to 1e-9', () => {
  const classification = blobs(5, 240, 4, 3, 1.2);
  const binary = blobs(6, 240, 4, 2, 1.2);
  const regression = linearTarget(8, 240, 4, 0.3);
  const cases: [string, ModelId, typeof classification, Record<string, number>][] = [
    ['tree, three classes', 'tree', classification, {}],
    ['forest, three classes', 'forest', classification, { trees: 20 }],
    ['boost, two classes (log-odds)', 'boost', binary, { rounds: 30 }],
    ['boost, three classes (per-class margins)', 'boost', classification, { rounds: 10 }],
    ['boost, regression', 'boost', regression, { rounds: 20 }],
    ['forest, regression', 'forest', regression, { trees: 10 }],
    ['extra-trees, three classes', 'extra-trees', classification, { trees: 20 }],
    ['extra-trees, regression', 'extra-trees', regression, { trees: 10 }],
    ['mljs-tree', 'mljs-tree', classification, {}],
    ['mljs-forest', 'mljs-forest', binary, { trees: 5 }],
    ['linear, two classes', 'linear', binary, {}],
    ['linear, three classes', 'linear', classification, {}],
    ['linear, ridge', 'linear', regression, {}],
  ];
  for (const [label, id, P, params] of cases) {
    test(label, async () => {
      const model = await getModelFactory(id).create(P.y.task, params).fit(P.X, P.y, { seed: 2 });
      const explainer = explainerFor(model);
      checkLocalAccuracy(explainer, P.X, 60);
      checkOutputsMatchModel(model, explainer, P.X);
    });
  }

  test('units are named: probabilities for averaged trees, log-odds for boosting and logistic', async () => {
    const P = blobs(6, 120, 3, 2, 1);
    const units = async (id: ModelId) =>
      explainerFor(
        await getModelFactory(id)
          .create('classification', id === 'forest' ? { trees: 3 } : id === 'boost' ? { rounds: 3 } : {})
          .fit(P.X, P.y, { seed: 1 }),
      ).units;
    assert.equal(await units('tree'), 'probability');
    assert.equal(await units('forest'), 'probability');
    assert.equal(await units('boost'), 'log-odds');
    assert.equal(await units('linear'), 'log-odds');
  });

  test('the expected value is the mean prediction over the training rows (cover-weighted leaves)', async () => {
    const P = blobs(9, 200, 3, 2, 1);
    const model = await engineForestFactory
      .create('classification', { trees: 5, bootstrap: false })
      .fit(P.X, P.y, { seed: 1 });
    const proba = model.predictProba(P.X);
    const mean = [0, 0];
    for (let i = 0; i < P.X.rows; i++) for (let c = 0; c < 2; c++) mean[c] += proba[i * 2 + c] / P.X.rows;
    assertClose(explainerFor(model).baseValue, mean, 1e-9, 'base value');
  });
});

describe('grouping', () => {
  test('one-hot columns of one source feature add up to that feature', () => {
    const phi = Float64Array.of(1, -1, 0.5, -0.5, 0.25, -0.25, 2, -2); // 4 columns × 2 outputs
    const grouped = groupAttributions(phi, 2, Int32Array.of(0, 1, 1, 2), 3);
    assert.deepEqual(Array.from(grouped), [1, -1, 0.75, -0.75, 2, -2]);
  });

  test('expectedValue and TreeSHAP agree on a single leaf (no features, no attribution)', () => {
    const leaf: ShapTree = {
      left: Int32Array.of(-1),
      right: Int32Array.of(-1),
      feature: Int32Array.of(-1),
      cover: [5],
      value: [0.3],
      width: 1,
      goesLeft: () => true,
    };
    const base = new Float64Array(1);
    expectedValue(leaf, 0, base, 0, 1);
    assert.equal(base[0], 0.3);
    assert.deepEqual(Array.from(treeShap(leaf, Float64Array.of(1, 2), 2)), [0, 0]);
  });

  test('boost explainer on a 2-feature model is exact against enumeration per tree (sum of trees)', async () => {
    const P = blobs(4, 150, 2, 2, 1);
    const model = await engineBoostFactory
      .create('classification', { rounds: 5, maxLeaves: 6 })
      .fit(P.X, P.y, { seed: 1 });
    const e = (model as unknown as { ensemble: import('../../../app/engine/ensemble.js').TreeEnsemble }).ensemble;
    const { goesLeft } = await import('../../../app/engine/ensemble.js');
    const explainer = explainerFor(model);
    for (let i = 0; i < 10; i++) {
      const x = P.X.data.slice(i * 2, i * 2 + 2);
      const expected = new Float64Array(2);
      for (let t = 0; t < e.trees; t++) {
        // Re-root each tree at 0 for the brute force.
        const start = e.treeStart[t];
        const end = e.treeStart[t + 1];
        const shift = (a: Int32Array) => Int32Array.from(a.subarray(start, end), (v) => (v < 0 ? v : v - start));
        const view: ShapTree = {
          left: shift(e.left),
          right: shift(e.right),
          feature: e.feature.slice(start, end),
          cover: e.cover.slice(start, end),
          value: e.value.slice(start, end),
          width: 1,
          goesLeft: (n, xx, o) => goesLeft(e, n + start, xx[o + e.feature[n + start]]),
        };
        bruteForceShapley(view, x, 2).forEach((v, f) => (expected[f] += v));
      }
      assertClose(explainer.shap(x, 0), expected, 1e-9, `row ${i}`);
    }
  });
});
