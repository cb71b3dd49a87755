import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS } from '../../../app/registry/models.js';
import { featuresPerSplit } from '../../../app/models/engine-params.js';
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { accuracy, blobs, linearTarget, r2, sameBits, split, values } from '../models/fixtures.js';
import { rejectsWith } from '../models/check-estimator.js';
import { allTrees, engine } from './helpers.js';

const forestFactory = MODELS.forest;
const engineTreeFactory = MODELS.tree;

const fit = async (X: FeatureMatrix, y: Target, params: Record<string, number | string | boolean> = {}, seed = 1) =>
  engine(await forestFactory.create(y.task, { trees: 10, ...params }).fit(X, y, { seed }));

describe('engine forest', () => {
  test('beats a single tree on overlapping classes, probabilities average the trees', async () => {
    const { train, test: held } = split(blobs(1, 600, 6, 3, 1), 400);
    const forest = await fit(train.X, train.y, { trees: 50 });
    const tree = await engineTreeFactory
      .create('classification', { pruning: 'none' })
      .fit(train.X, train.y, { seed: 1 });
    assert.ok(accuracy(forest.predict(held.X), held.y) > accuracy(tree.predict(held.X), held.y));
    const proba = forest.predictProba(held.X);
    for (let i = 0; i < held.X.rows; i++)
      assert.ok(Math.abs(proba[3 * i] + proba[3 * i + 1] + proba[3 * i + 2] - 1) < 1e-12);
  });

  test('trees sets the number of trees; maxBins reaches the binning', async () => {
    const { X, y } = blobs(2, 200, 4, 3, 1.5);
    assert.equal((await fit(X, y, { trees: 7 })).ensemble.trees, 7);
    const coarse = (await fit(X, y, { trees: 3, maxBins: 3 })).ensemble;
    for (let f = 0; f < 4; f++) {
      const thresholds = new Set(
        Array.from(coarse.threshold).filter((_, i) => coarse.left[i] >= 0 && coarse.feature[i] === f),
      );
      assert.ok(thresholds.size <= 2, `feature ${f}: ${thresholds.size} thresholds`);
    }
  });

  test("maxFeatures: 'auto' is sqrt for classification and all for regression; counts and fractions", () => {
    assert.equal(featuresPerSplit('auto', 20, true), 4);
    assert.equal(featuresPerSplit('auto', 20, false), 20);
    assert.equal(featuresPerSplit('log2', 20, true), 4);
    assert.equal(featuresPerSplit('0.5', 20, true), 10);
    assert.equal(featuresPerSplit('3', 20, true), 3);
    assert.equal(featuresPerSplit('0.01', 20, true), 1);
    assert.throws(() => featuresPerSplit('30', 20, true), /only 20/);
  });

  test('without bootstrap, on all rows and features, every tree is the decision tree', async () => {
    const { X, y } = blobs(2, 200, 4, 3, 1.5);
    const forest = await fit(X, y, { bootstrap: false, maxFeatures: 'all', trees: 3 });
    const tree = await engineTreeFactory.create('classification', { pruning: 'none' }).fit(X, y, { seed: 9 });
    assert.ok(sameBits(forest.predictProba(X), tree.predictProba(X)));
  });

  test('maxFeatures changes the trees (per-split sampling) and depends on the seed', async () => {
    const { X, y } = blobs(2, 200, 6, 3, 1.5);
    const one = await fit(X, y, { maxFeatures: '1', bootstrap: false });
    const all = await fit(X, y, { maxFeatures: 'all', bootstrap: false });
    assert.notDeepEqual(Array.from(one.ensemble.feature), Array.from(all.ensemble.feature));
    const other = await fit(X, y, { maxFeatures: '1', bootstrap: false }, 2);
    assert.notDeepEqual(Array.from(one.ensemble.feature), Array.from(other.ensemble.feature));
  });

  test('bootstrap / maxSamples: each tree sees about that many rows (root cover = rows drawn)', async () => {
    const { X, y } = blobs(3, 300, 4, 3, 1);
    const boot = await fit(X, y, { maxSamples: 0.5 });
    for (const t of allTrees(boot.ensemble)) assert.equal(t.splitCover[0] ?? t.leafCover[0], 150); // multiplicities count
    const sub = await fit(X, y, { bootstrap: false, maxSamples: 0.4 });
    for (const t of allTrees(sub.ensemble)) assert.equal(t.splitCover[0], 120);
  });

  test('maxDepth, minSamplesLeaf and minSamplesSplit bound every tree', async () => {
    const { X, y } = blobs(4, 400, 4, 3, 1);
    for (const t of allTrees((await fit(X, y, { maxDepth: 3 })).ensemble)) assert.ok(t.depth <= 3);
    for (const t of allTrees((await fit(X, y, { minSamplesLeaf: 10 })).ensemble))
      assert.ok(t.leafCover.every((c) => c >= 10));
    for (const t of allTrees((await fit(X, y, { minSamplesSplit: 50 })).ensemble))
      assert.ok(t.splitCover.every((c) => c >= 50));
    const loose = allTrees((await fit(X, y)).ensemble).reduce((s, t) => s + t.nodes, 0);
    const strict = allTrees((await fit(X, y, { minImpurityDecrease: 0.005 })).ensemble).reduce(
      (s, t) => s + t.nodes,
      0,
    );
    assert.ok(strict < loose);
  });

  test('maxLeaves caps every tree (best-first) and says so when it binds; 0 grows fully', async () => {
    const { X, y } = blobs(4, 400, 4, 3, 1);
    const capped = await fit(X, y, { maxLeaves: 8 });
    for (const t of allTrees(capped.ensemble)) assert.ok(t.leaves <= 8);
    assert.ok(
      capped.notes.some((n) => /10 of 10 trees stopped at maxLeaves \(8 leaves\)/.test(n.message)),
      capped.notes.map((n) => n.message).join(),
    );
    const full = await fit(X, y, { maxLeaves: 0 });
    assert.ok(allTrees(full.ensemble).every((t) => t.leaves > 8));
    assert.equal(full.notes.length, 0);
    assert.equal(forestFactory.defaults.maxLeaves, 10_000);
  });

  test("criterion 'entropy' and classWeight 'balanced' reach the trees", async () => {
    const { X, y } = blobs(4, 300, 4, 3, 1);
    const gini = await fit(X, y);
    const entropy = await fit(X, y, { criterion: 'entropy' });
    assert.notDeepEqual(Array.from(gini.ensemble.threshold), Array.from(entropy.ensemble.threshold));
    const codes = Int32Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const skewed: Target = { task: 'classification', codes, classes: ['a', 'b'] };
    const balanced = await fit(X, skewed, { classWeight: 'balanced', maxDepth: 1 });
    // Root of every tree: class-weighted fractions, close to 50/50 on each bootstrap sample.
    for (let t = 0; t < balanced.ensemble.trees; t++)
      assert.ok(Math.abs(balanced.ensemble.value[2 * balanced.ensemble.treeStart[t]] - 0.5) < 0.15);
  });

  test('out-of-bag score: close to the held-out accuracy, stored and reloaded', async () => {
    const { train, test: held } = split(blobs(5, 800, 4, 3, 1.2), 600);
    const model = await fit(train.X, train.y, { trees: 40, oobScore: true });
    const heldOut = accuracy(model.predict(held.X), held.y);
    assert.ok(
      model.oobScore !== null && Math.abs(model.oobScore - heldOut) < 0.06,
      `oob ${model.oobScore} vs held-out ${heldOut}`,
    );
    const back = engine(forestFactory.fromJSON(JSON.parse(JSON.stringify(model.toJSON()))));
    assert.equal(back.oobScore, model.oobScore);
    const plain = await fit(train.X, train.y, { trees: 5 });
    assert.equal(plain.oobScore, null);
  });

  test('out-of-bag R² for regression', async () => {
    const { X, y } = linearTarget(6, 500, 3);
    const model = await fit(X, y, { trees: 30, oobScore: true });
    assert.ok(model.oobScore! > 0.7, `${model.oobScore}`);
  });

  test('importance goes to the informative feature; regression R² is good', async () => {
    const { train, test: held } = split(linearTarget(3, 600, 4), 400);
    const target = values(Array.from({ length: train.X.rows }, (_, i) => Math.sin(train.X.data[i * 4 + 2])));
    const imp = (await fit(train.X, target, { trees: 20 })).impurityImportance()!;
    assert.ok(imp[2] > 0.8, `${Array.from(imp)}`);
    const model = await fit(train.X, train.y, { trees: 30 });
    assert.ok(r2(model.predict(held.X), held.y) > 0.8);
  });

  test('reports progress once per tree, and a cancel between trees stops it', async () => {
    const { X, y } = blobs(6, 300, 4, 3, 1);
    const seen: number[] = [];
    await fit(X, y, {}, 1).then(() => undefined);
    await forestFactory.create('classification', { trees: 8 }).fit(X, y, { seed: 1, onProgress: (f) => seen.push(f) });
    assert.deepEqual(seen, [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 1]);
    const controller = new AbortController();
    const progress: number[] = [];
    const onProgress = (f: number): void => {
      progress.push(f);
      if (f >= 0.25) controller.abort();
    };
    await rejectsWith(
      forestFactory
        .create('classification', { trees: 8 })
        .fit(X, y, { seed: 1, signal: controller.signal, onProgress }),
      'CANCELLED',
    );
    assert.ok(progress.at(-1)! < 0.5);
  });
});
