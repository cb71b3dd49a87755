import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS } from '../../../app/registry/models.js';
import { featuresPerSplit } from '../../../app/models/mljs/forest.js';
import { FOREST_ROW_CAP } from '../../../app/models/catalog/mljs-forest.js';
import type { SerializedModel } from '../../../app/models/estimator.js';
import { checkEstimator, rejectsWith } from './check-estimator.js';
import { blobs, linearTarget, sameBits, split, values } from './fixtures.js';

const forestFactory = MODELS['mljs-forest'];

checkEstimator(forestFactory, {
  params: { trees: 5 },
  seedDependent: true,
  badParams: [
    { trees: 0 },
    { maxFeatures: '0' },
    { maxFeatures: '1.5' },
    { maxFeatures: '-1' },
    { maxFeatures: 'half' },
    { maxFeatures: 0.5 },
    { minSamplesSplit: 1 },
  ],
});

describe('mljs-forest', () => {
  test('probabilities sum to 1 with 3 trees and survive a JSON round trip bit for bit', async () => {
    // ml-random-forest's predictProbability loses the first tree's vote; ours averages all leaves.
    const { train, test: held } = split(blobs(1, 200, 4, 3, 1), 150);
    const model = await forestFactory.create('classification', { trees: 3 }).fit(train.X, train.y, { seed: 3 });
    const proba = model.predictProba(held.X);
    for (let i = 0; i < held.X.rows; i++) {
      const sum = proba[i * 3] + proba[i * 3 + 1] + proba[i * 3 + 2];
      assert.ok(Math.abs(sum - 1) < 1e-12, `row ${i} sums to ${sum}`);
    }
    const back = forestFactory.fromJSON(JSON.parse(JSON.stringify(model.toJSON())) as SerializedModel);
    assert.ok(sameBits(back.predictProba(held.X), proba));
  });

  test('importance goes to the informative feature', async () => {
    const { X } = linearTarget(3, 200, 4);
    const target = values(Array.from({ length: X.rows }, (_, i) => Math.sin(X.data[i * X.cols + 2])));
    const imp = (
      await forestFactory.create('regression', { trees: 10 }).fit(X, target, { seed: 1 })
    ).impurityImportance()!;
    assert.equal(imp.indexOf(Math.max(...imp)), 2, `importance ${Array.from(imp)}`);
    assert.ok(Math.abs(imp.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });

  test('cancelling mid-fit stops after the current tree', async () => {
    const { X, y } = blobs(4, 60);
    const controller = new AbortController();
    const seen: number[] = [];
    const fit = forestFactory.create('classification', { trees: 50 }).fit(X, y, {
      seed: 1,
      signal: controller.signal,
      onProgress: (f) => {
        seen.push(f);
        if (f === 2 / 50) controller.abort();
      },
    });
    await rejectsWith(fit, 'CANCELLED');
    // A busy machine may add progress from inside a tree (the pacer reports every ~50 ms); never past the second tree.
    assert.ok(seen.includes(1 / 50) && seen.includes(2 / 50));
    assert.equal(Math.max(...seen), 2 / 50);
  });

  test('above the row cap each tree gets a stratified bootstrap of rowCap rows, and the note says so', async () => {
    const { X, y } = blobs(5, 300, 4, 3);
    const model = await forestFactory.create('classification', { trees: 4, rowCap: 90 }).fit(X, y, { seed: 1 });
    assert.deepEqual(
      model.notes.map((n) => n.message),
      [
        'each tree was trained on a stratified bootstrap sample of 90 of 300 rows (ml-cart is O(n²) per node; the engine models tree, forest and boost train on all rows)',
      ],
    );
    const trees = (model.toJSON().state as { trees: { count: number[]; value: number[] }[] }).trees;
    for (const t of trees) {
      assert.equal(t.count[0], 90);
      assert.deepEqual(t.value.slice(0, 3), [30, 30, 30]);
    }
    assert.equal(forestFactory.defaults.rowCap, FOREST_ROW_CAP);
  });

  test("maxFeatures: 'sqrt', 'log2', 'all', a fraction or a count; too many is a clear error", async () => {
    assert.equal(featuresPerSplit('sqrt', 20), 4);
    assert.equal(featuresPerSplit('log2', 20), 4);
    assert.equal(featuresPerSplit('all', 20), 20);
    assert.equal(featuresPerSplit('1.0', 20), 20);
    assert.equal(featuresPerSplit('0.5', 9), 4);
    assert.equal(featuresPerSplit('0.01', 9), 1);
    assert.equal(featuresPerSplit('1', 9), 1);
    assert.equal(featuresPerSplit('3', 9), 3);
    const { X, y } = blobs(6, 30);
    await rejectsWith(
      forestFactory.create('classification', { maxFeatures: '7' }).fit(X, y, { seed: 1 }),
      'BAD_PARAMETER',
      /7 features.*only 4/,
    );
  });

  test('features are drawn per split: one tree uses more features than maxFeatures', async () => {
    const { X, y } = blobs(7, 120, 6, 3, 1.5);
    const model = await forestFactory.create('classification', { trees: 1, maxFeatures: '2' }).fit(X, y, { seed: 1 });
    const tree = (model.toJSON().state as { trees: { feature: number[] }[] }).trees[0];
    assert.ok(new Set(tree.feature.filter((f) => f >= 0)).size > 2);
  });
});
