import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionTreeClassifier } from 'ml-cart';
import { MODELS } from '../../../app/registry/models.js';
import { TREE_ROW_CAP } from '../../../app/models/catalog/mljs-tree.js';
import { toRowArrays } from '../../../app/models/matrix.js';
import { checkEstimator, rejectsWith } from './check-estimator.js';
import { blobs, classes, linearTarget, matrix, values } from './fixtures.js';

const treeFactory = MODELS['mljs-tree'];

checkEstimator(treeFactory, { badParams: [{ maxDepth: -1 }, { minSamplesSplit: 1 }, { maxDepth: 2.5 }] });

describe('mljs-tree', () => {
  test('impurity importance goes to the only informative feature', async () => {
    const { X, y } = linearTarget(1, 200, 4);
    const target = values(Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols] * 2)); // only feature 0 matters
    const imp = (await treeFactory.create('regression').fit(X, target, { seed: 1 })).impurityImportance()!;
    assert.ok(imp[0] > 0.99, `importance ${Array.from(imp)}`);
    void y;
  });

  test('impurity importance is exact on a hand-checkable split', async () => {
    // One split on f1 separates the classes perfectly: gini 0.5 × 4 rows → 0, all importance to f1.
    const X = matrix([
      [5, 0],
      [5, 0],
      [5, 1],
      [5, 1],
    ]);
    const model = await treeFactory.create('classification').fit(X, classes([0, 0, 1, 1], 2), { seed: 1 });
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
  });

  test('a single-leaf tree has all-zero importance', async () => {
    const X = matrix([[1], [2], [3]]);
    const model = await treeFactory.create('classification').fit(X, classes([1, 1, 1], 2), { seed: 1 });
    assert.deepEqual(Array.from(model.impurityImportance()!), [0]);
  });

  test("each split is ml-cart's best split: the root matches ml-cart's own tree", async () => {
    const { X, y } = blobs(3, 150, 4, 3, 1.5); // overlapping blobs: a deep, irregular tree
    const model = await treeFactory.create('classification').fit(X, y, { seed: 1 });
    const cart = new DecisionTreeClassifier({ minNumSamples: 1, gainThreshold: -1 });
    cart.train(toRowArrays(X), Array.from((y as { codes: Int32Array }).codes));
    const tree = (model.toJSON().state as { tree: { feature: number[]; threshold: number[] } }).tree;
    assert.equal(tree.feature[0], cart.root.splitColumn);
    assert.equal(tree.threshold[0], cart.root.splitValue);
  });

  test('grows until leaves are pure (training accuracy 1 on distinct rows), like scikit-learn', async () => {
    const { X, y } = blobs(8, 120, 4, 3, 1);
    const model = await treeFactory.create('classification').fit(X, y, { seed: 1 });
    assert.deepEqual(Array.from(model.predict(X)), Array.from((y as { codes: Int32Array }).codes));
  });

  test('regression splits down to pure leaves too (ml-cart alone would refuse a split into two pure halves)', async () => {
    const model = await treeFactory
      .create('regression')
      .fit(matrix([[0], [1], [2], [3]]), values([1, 1, 5, 5]), { seed: 1 });
    assert.deepEqual(Array.from(model.predict(matrix([[0.2], [2.7]]))), [1, 5]);
  });

  test('maxDepth limits the tree; maxDepth 1 is a stump', async () => {
    const { X, y } = blobs(5, 90);
    const json = (await treeFactory.create('classification', { maxDepth: 1 }).fit(X, y, { seed: 1 })).toJSON();
    const tree = (json.state as { tree: { feature: number[] } }).tree;
    assert.equal(tree.feature.length, 3);
    assert.equal(json.params.maxDepth, 1);
  });

  test('above the row cap it fits on a stratified subsample and says so', async () => {
    const { X, y } = blobs(6, 300, 4, 3);
    const model = await treeFactory.create('classification', { rowCap: 100 }).fit(X, y, { seed: 1 });
    assert.deepEqual(
      model.notes.map((n) => n.message),
      [
        'trained on a stratified subsample of 100 of 300 rows (ml-cart is O(n²) per node; the engine models tree, forest and boost train on all rows)',
      ],
    );
    const root = (model.toJSON().state as { tree: { count: number[]; value: number[] } }).tree;
    assert.equal(root.count[0], 100);
    assert.deepEqual(root.value.slice(0, 3), [34, 33, 33]); // class balance kept
    assert.equal(treeFactory.defaults.rowCap, TREE_ROW_CAP);
  });

  test('a long fit can be cancelled mid-tree and reports progress while it runs', async () => {
    // Alternating labels along one feature: the degenerate O(n³) case for ml-cart (seconds at 500 rows).
    const n = 500;
    const X = { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => i), featureNames: ['x'] };
    const y = classes(
      Array.from({ length: n }, (_, i) => i % 2),
      2,
    );
    const controller = new AbortController();
    const seen: number[] = [];
    // Cancel at the first progress report, which arrives while the tree is still growing (no timer: the machine may be busy).
    const onProgress = (f: number): void => {
      seen.push(f);
      controller.abort();
    };
    await rejectsWith(
      treeFactory.create('classification').fit(X, y, { seed: 1, signal: controller.signal, onProgress }),
      'CANCELLED',
    );
    // It stopped part-way (no wall-clock bound: the machine may be busy): progress never reached the end.
    assert.ok(seen.length > 0 && seen.every((f) => f >= 0 && f < 1));
  });
});
