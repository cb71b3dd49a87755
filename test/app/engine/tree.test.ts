import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionTreeClassifier } from 'ml-cart';
import { MODELS } from '../../../app/registry/models.js';
import { toRowArrays, type FeatureMatrix, type Target } from '../../../app/models/matrix.js';
import { createRng } from '../../../app/util/random.js';
import { accuracy, blobs, classes, gaussian, linearTarget, matrix, split, values } from '../models/fixtures.js';
import { engine, mat, treeFacts } from './helpers.js';

const treeFactory = MODELS.tree;

/** These tests are about the grower itself: unpruned unless a test says otherwise (the default 'auto' is tested below). */
const fit = async (X: FeatureMatrix, y: Target, params: Record<string, number | string | boolean> = {}) =>
  engine(await treeFactory.create(y.task, { pruning: 'none', ...params }).fit(X, y, { seed: 1 }));

/** Overlapping blobs: a deep, irregular tree. */
const noisy = () => blobs(3, 400, 4, 3, 1);

describe('engine tree: splits', () => {
  test('the root split is the exact best split: it matches ml-cart (an independent implementation)', async () => {
    const { X, y } = blobs(3, 150, 4, 3, 1.5);
    const e = (await fit(X, y)).ensemble;
    const cart = new DecisionTreeClassifier({ minNumSamples: 1, gainThreshold: -1 });
    cart.train(toRowArrays(X), Array.from((y as { codes: Int32Array }).codes));
    assert.equal(e.feature[0], cart.root.splitColumn);
    assert.equal(e.threshold[0], cart.root.splitValue); // both halfway between neighbouring values
  });

  test('grows until leaves are pure by default (training accuracy 1 on distinct rows), like scikit-learn', async () => {
    const { X, y } = blobs(8, 120, 4, 3, 1);
    const model = await fit(X, y);
    assert.equal(accuracy(model.predict(X), y), 1);
  });

  test('impurity importance is exact on a hand-checkable split, and probabilities are leaf fractions', async () => {
    const X = matrix([
      [5, 0],
      [5, 0],
      [5, 1],
      [5, 1],
    ]);
    const model = await fit(X, classes([0, 0, 1, 1], 2));
    assert.deepEqual(Array.from(model.impurityImportance()!), [0, 1]);
    assert.deepEqual(
      Array.from(
        model.predictProba(
          matrix([
            [0, 0.2],
            [0, 0.8],
          ]),
        ),
      ),
      [1, 0, 0, 1],
    );
    assert.equal(model.ensemble.threshold[0], 0.5);
  });

  test('regression splits down to pure leaves and predicts leaf means', async () => {
    const model = await fit(matrix([[0], [1], [2], [3]]), values([1, 1, 5, 5]));
    assert.deepEqual(Array.from(model.predict(matrix([[0.2], [2.7]]))), [1, 5]);
  });

  test('an XOR needs a zero-gain first split: taken, as scikit-learn does', async () => {
    const X = matrix([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const model = await fit(X, classes([0, 1, 1, 0], 2));
    assert.deepEqual(Array.from(model.predict(X)), [0, 1, 1, 0]);
  });

  test('entropy and gini both learn; on noisy data they choose different trees', async () => {
    const { train, test: held } = split(noisy(), 300);
    const gini = await fit(train.X, train.y, { maxDepth: 4 });
    const entropy = await fit(train.X, train.y, { maxDepth: 4, criterion: 'entropy' });
    assert.ok(accuracy(entropy.predict(held.X), held.y) > 0.5);
    assert.notDeepEqual(Array.from(gini.ensemble.threshold), Array.from(entropy.ensemble.threshold));
  });
});

describe('engine tree: the honest default (pruning auto)', () => {
  test('on noisy data the default tree is small (≤ 64 leaves, chosen inside the training rows) and no worse held out', async () => {
    const { train, test: held } = split(blobs(5, 900, 4, 3, 1), 600);
    const auto = engine(await treeFactory.create('classification').fit(train.X, train.y, { seed: 1 }));
    const full = await fit(train.X, train.y);
    const leaves = treeFacts(auto.ensemble).leaves;
    assert.ok(leaves <= 64 && leaves < treeFacts(full.ensemble).leaves / 2, `${leaves} leaves`);
    assert.ok(accuracy(auto.predict(held.X), held.y) >= accuracy(full.predict(held.X), held.y) - 0.01);
  });

  test('the same seed gives the same tree; a user leaf cap bounds the search', async () => {
    const { X, y } = noisy();
    const a = engine(await treeFactory.create('classification').fit(X, y, { seed: 3 }));
    const b = engine(await treeFactory.create('classification').fit(X, y, { seed: 3 }));
    assert.deepEqual(Array.from(a.ensemble.threshold), Array.from(b.ensemble.threshold));
    const capped = engine(await treeFactory.create('classification', { maxLeaves: 3 }).fit(X, y, { seed: 3 }));
    assert.ok(treeFacts(capped.ensemble).leaves <= 3);
  });
});

describe('engine tree: every hyperparameter has its effect', () => {
  test('maxDepth bounds the depth; 1 is a stump', async () => {
    const { X, y } = noisy();
    for (const d of [1, 2, 5]) assert.ok(treeFacts((await fit(X, y, { maxDepth: d })).ensemble).depth <= d);
    assert.equal(treeFacts((await fit(X, y, { maxDepth: 1 })).ensemble).nodes, 3);
    assert.ok(treeFacts((await fit(X, y)).ensemble).depth > 5);
  });

  test('minSamplesLeaf: every leaf keeps that many rows', async () => {
    const { X, y } = noisy();
    const facts = treeFacts((await fit(X, y, { minSamplesLeaf: 15 })).ensemble);
    assert.ok(
      facts.leafCover.every((c) => c >= 15),
      `${Math.min(...facts.leafCover)}`,
    );
    assert.ok(treeFacts((await fit(X, y)).ensemble).leafCover.some((c) => c < 15));
  });

  test('minSamplesSplit: only nodes with that many rows are split', async () => {
    const { X, y } = noisy();
    const facts = treeFacts((await fit(X, y, { minSamplesSplit: 40 })).ensemble);
    assert.ok(facts.splitCover.every((c) => c >= 40));
    assert.ok(facts.nodes < treeFacts((await fit(X, y)).ensemble).nodes);
  });

  test('minImpurityDecrease prunes weak splits; a large value leaves a single leaf', async () => {
    const { X, y } = noisy();
    const full = treeFacts((await fit(X, y)).ensemble).nodes;
    const some = treeFacts((await fit(X, y, { minImpurityDecrease: 0.01 })).ensemble).nodes;
    assert.ok(some < full);
    assert.equal(treeFacts((await fit(X, y, { minImpurityDecrease: 1 })).ensemble).nodes, 1);
  });

  test('maxLeaves grows best-first up to that many leaves', async () => {
    const { X, y } = noisy();
    const facts = treeFacts((await fit(X, y, { maxLeaves: 6 })).ensemble);
    assert.equal(facts.leaves, 6);
    // Best-first: the 2-leaf tree is the root split of the full tree.
    const two = (await fit(X, y, { maxLeaves: 2 })).ensemble;
    const full = (await fit(X, y)).ensemble;
    assert.equal(two.feature[0], full.feature[0]);
    assert.equal(two.threshold[0], full.threshold[0]);
  });

  test("classWeight 'balanced' predicts the rare class more often", async () => {
    const rng = createRng(4);
    const rows: number[][] = [];
    const codes: number[] = [];
    for (let i = 0; i < 600; i++) {
      const c = i % 10 === 0 ? 1 : 0; // 10% positives, overlapping
      rows.push([gaussian(rng) + c * 1.2, gaussian(rng)]);
      codes.push(c);
    }
    const X = matrix(rows);
    const y = classes(codes, 2);
    const count1 = (m: { predict(X: FeatureMatrix): Float64Array }) => m.predict(X).reduce((s, v) => s + v, 0);
    const plain = await fit(X, y, { maxDepth: 3 });
    const balanced = await fit(X, y, { maxDepth: 3, classWeight: 'balanced' });
    assert.ok(count1(balanced) > 2 * count1(plain), `${count1(balanced)} vs ${count1(plain)}`);
    // Probabilities are class-weighted leaf fractions: the root's are 50/50.
    assert.deepEqual(
      Array.from(balanced.ensemble.value.slice(0, 2)).map((v) => v.toFixed(6)),
      ['0.500000', '0.500000'],
    );
  });

  test('ccpAlpha: more pruning as alpha grows, a stump-or-leaf at a large alpha, and held-out accuracy kept on noise', async () => {
    const { train, test: held } = split(noisy(), 300);
    const sizes: number[] = [];
    for (const alpha of [0, 0.001, 0.005, 0.02, 1])
      sizes.push(treeFacts((await fit(train.X, train.y, { ccpAlpha: alpha })).ensemble).nodes);
    for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i] <= sizes[i - 1], `sizes ${sizes}`);
    assert.equal(sizes.at(-1), 1);
    const pruned = await fit(train.X, train.y, { ccpAlpha: 0.005 });
    const full = await fit(train.X, train.y);
    assert.ok(accuracy(pruned.predict(held.X), held.y) >= accuracy(full.predict(held.X), held.y) - 0.02);
  });

  test('ccpAlpha matches weakest-link pruning worked by hand', async () => {
    // Root: 4 × class 0 at x < 2, then x = 2 → 1, x = 3 → 0, x = 4 → 1 (8 rows).
    const X = matrix([[0], [0], [1], [1], [2], [3], [4], [4]]);
    const y = classes([0, 0, 0, 0, 1, 0, 1, 1], 2);
    const full = (await fit(X, y)).ensemble;
    // R(root) = gini 0.46875; the full tree is pure. The weakest link is the whole right subtree
    // (4 rows, gini 0.375 → g = (0.5·0.375 − 0) / (3 − 1) = 0.09375); then the root (0.46875 − 0.1875 = 0.28125).
    assert.ok(treeFacts(full).leaves === 4);
    assert.equal(treeFacts((await fit(X, y, { ccpAlpha: 0.09 })).ensemble).leaves, 4);
    assert.equal(treeFacts((await fit(X, y, { ccpAlpha: 0.094 })).ensemble).leaves, 2);
    assert.equal(treeFacts((await fit(X, y, { ccpAlpha: 0.29 })).ensemble).leaves, 1);
  });

  test('maxBins: fewer bins, coarser thresholds', async () => {
    const { X, y } = linearTarget(2, 500, 2);
    const coarse = (await fit(X, y, { maxBins: 4, maxDepth: 6 })).ensemble;
    const thresholds = new Set<number>();
    for (let i = 0; i < coarse.feature.length; i++) if (coarse.feature[i] === 0) thresholds.add(coarse.threshold[i]);
    assert.ok(thresholds.size <= 3, `${thresholds.size} distinct thresholds on f0`);
  });
});

describe('engine tree: missing values', () => {
  test('learns where missing values go: missing x0 behaves like large x0', async () => {
    const rows: number[][] = [];
    const codes: number[] = [];
    const rng = createRng(2);
    for (let i = 0; i < 200; i++) {
      const x = rng.next() * 10;
      const c = x > 5 ? 1 : 0;
      rows.push([c === 1 && i % 3 === 0 ? NaN : x, rng.next()]);
      codes.push(c);
    }
    const model = await fit(mat(rows), classes(codes, 2), { maxDepth: 2 });
    assert.deepEqual(
      Array.from(
        model.predict(
          mat([
            [NaN, 0.5],
            [1, 0.5],
            [9, 0.5],
          ]),
        ),
      ),
      [1, 0, 1],
    );
    assert.equal(accuracy(model.predict(mat(rows)), classes(codes, 2)), 1);
  });

  test('missing in one class only: a split on "missing or not" is found', async () => {
    const X = mat([[NaN], [NaN], [NaN], [1], [2], [3]]);
    const model = await fit(X, classes([1, 1, 1, 0, 0, 0], 2));
    assert.deepEqual(Array.from(model.predict(X)), [1, 1, 1, 0, 0, 0]);
    assert.equal(model.ensemble.threshold[0], Infinity); // all present values left, missing right
  });

  test('a feature without missing values in training sends them to the larger child', async () => {
    const X = mat([[1], [2], [3], [4], [5], [6], [7], [8]]);
    const model = await fit(X, classes([0, 0, 1, 1, 1, 1, 1, 1], 2), { maxDepth: 1 });
    assert.deepEqual(Array.from(model.predict(mat([[NaN]]))), [1]);
  });

  test('regression with missing values', async () => {
    const X = mat([[NaN], [NaN], [1], [2], [3], [4]]);
    const model = await fit(X, values([10, 10, 1, 1, 5, 5]));
    assert.deepEqual(Array.from(model.predict(mat([[NaN], [1.2], [3.8]]))), [10, 1, 5]);
  });
});

describe('engine tree: categorical features', () => {
  // Class 1 for categories {0, 2, 5}: one subset split, where an ordinal split would need several.
  const cats = () => {
    const rows: number[][] = [];
    const codes: number[] = [];
    for (let i = 0; i < 120; i++) {
      const c = i % 6;
      rows.push([c, (i * 7) % 11]);
      codes.push([0, 2, 5].includes(c) ? 1 : 0);
    }
    return { X: mat(rows, [true, false]), y: classes(codes, 2), rows, codes };
  };

  test('one category-subset split separates a non-contiguous set of categories', async () => {
    const { X, y } = cats();
    const model = await fit(X, y, { maxDepth: 1 });
    assert.equal(accuracy(model.predict(X), y), 1);
    assert.equal(model.ensemble.flags[0] & 2, 2, 'categorical split');
    // The same codes as plain numbers need a deeper tree.
    const asNumbers = await fit({ ...X, categorical: undefined }, y, { maxDepth: 1 });
    assert.ok(accuracy(asNumbers.predict(X), y) < 1);
  });

  test('unseen and missing categories follow the learned missing direction; the split lists its categories', async () => {
    const { X, y } = cats();
    const model = await fit(X, y, { maxDepth: 1 });
    const [unseen, missing] = Array.from(
      model.predict(
        mat([
          [9, 0],
          [NaN, 0],
        ]),
      ),
    );
    assert.equal(unseen, missing);
    const { leftCodes } = await import('../../../app/engine/ensemble.js');
    const left = leftCodes(model.ensemble, 0);
    assert.ok(JSON.stringify(left) === '[0,2,5]' || JSON.stringify(left) === '[1,3,4]', JSON.stringify(left));
  });

  test('more than two classes: subsets searched exhaustively for few categories', async () => {
    const rows: number[][] = [];
    const codes: number[] = [];
    for (let i = 0; i < 90; i++) {
      const c = i % 6;
      rows.push([c]);
      codes.push([0, 3].includes(c) ? 0 : [1, 4].includes(c) ? 1 : 2);
    }
    const model = await fit(mat(rows, [true]), classes(codes, 3), { maxDepth: 2 });
    assert.equal(accuracy(model.predict(mat(rows, [true])), classes(codes, 3)), 1);
  });

  test('regression orders categories by their mean', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [i % 4]);
    const target = rows.map(([c]) => [3, 10, 1, 12][c]);
    const model = await fit(mat(rows, [true]), values(target), { maxDepth: 1 });
    const pred = model.predict(mat([[0], [1], [2], [3]], [true]));
    assert.deepEqual(Array.from(pred), [2, 11, 2, 11]);
  });

  test('a categorical feature with hundreds of categories trains (rare ones share a bin)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [i % 400]);
    const target = rows.map(([c]) => (c % 2 === 0 ? 1 : 0));
    const model = await fit(mat(rows, [true]), classes(target, 2));
    assert.ok(accuracy(model.predict(mat(rows, [true])), classes(target, 2)) > 0.6);
  });
});
