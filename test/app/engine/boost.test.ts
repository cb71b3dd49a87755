import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS } from '../../../app/registry/models.js';
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { createRng } from '../../../app/util/random.js';
import { accuracy, blobs, classes, gaussian, linearTarget, matrix, r2, split, values } from '../models/fixtures.js';
import { rejectsWith } from '../models/check-estimator.js';
import { allTrees, engine, mat } from './helpers.js';

const boostFactory = MODELS.boost;

type P = Record<string, number | string | boolean>;
const fit = async (X: FeatureMatrix, y: Target, params: P = {}, seed = 1) =>
  engine(await boostFactory.create(y.task, { rounds: 30, ...params }).fit(X, y, { seed }));

/** Mean squared error on the training rows. */
function mse(model: { predict(X: FeatureMatrix): Float64Array }, X: FeatureMatrix, y: Target): number {
  const pred = model.predict(X);
  const v = (y as { values: Float64Array }).values;
  return pred.reduce((s, p, i) => s + (p - v[i]) ** 2, 0) / pred.length;
}

/** A two-class problem with an interaction no single split captures. */
function interaction(n: number, seed = 3) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [gaussian(rng), gaussian(rng), gaussian(rng), gaussian(rng)];
    rows.push(x);
    codes.push(x[0] * x[1] + 0.3 * gaussian(rng) > 0 ? 1 : 0);
  }
  return { X: matrix(rows), y: classes(codes, 2) };
}

describe('engine boost', () => {
  test('learns an interaction (logistic loss) and a linear target (squared error)', async () => {
    const { train, test: held } = split(interaction(1500), 1000);
    const model = await fit(train.X, train.y, { rounds: 100, maxLeaves: 0, maxDepth: 3 });
    assert.ok(accuracy(model.predict(held.X), held.y) > 0.78, `${accuracy(model.predict(held.X), held.y)}`); // scikit-learn HGB: similar
    const reg = split(linearTarget(2, 800, 3), 600);
    const m2 = await fit(reg.train.X, reg.train.y, { rounds: 200 });
    assert.ok(r2(m2.predict(reg.test.X), reg.test.y) > 0.9);
  });

  test('multiclass softmax: one tree per class per round, probabilities sum to 1', async () => {
    const { train, test: held } = split(blobs(2, 600, 4, 3, 1.5), 400);
    const model = await fit(train.X, train.y, { rounds: 20 });
    assert.equal(model.ensemble.trees, 60);
    assert.ok(accuracy(model.predict(held.X), held.y) > 0.72); // scikit-learn's HistGradientBoosting: 0.75 on these overlapping blobs
    const proba = model.predictProba(held.X);
    for (let i = 0; i < held.X.rows; i++)
      assert.ok(Math.abs(proba[3 * i] + proba[3 * i + 1] + proba[3 * i + 2] - 1) < 1e-12);
  });

  test('two present classes out of four: logistic on those, exactly 0 for the others', async () => {
    const { X } = interaction(200);
    const codes = Array.from({ length: 200 }, (_, i) => (X.data[i * 4] > 0 ? 3 : 1));
    const model = await fit(X, classes(codes, 4));
    const proba = model.predictProba(X);
    for (let i = 0; i < 200; i++) assert.ok(proba[4 * i] === 0 && proba[4 * i + 2] === 0);
    assert.ok(accuracy(model.predict(X), classes(codes, 4)) > 0.95);
  });

  test('rounds and learningRate: training loss falls with more rounds and with a larger rate', async () => {
    const { X, y } = linearTarget(4, 400, 3);
    const a = mse(await fit(X, y, { rounds: 5 }), X, y);
    const b = mse(await fit(X, y, { rounds: 50 }), X, y);
    const c = mse(await fit(X, y, { rounds: 5, learningRate: 0.5 }), X, y);
    assert.ok(b < a && c < a, `${a} ${b} ${c}`);
  });

  test('maxDepth and maxLeaves bound every tree', async () => {
    const { X, y } = interaction(800);
    for (const t of allTrees((await fit(X, y, { maxLeaves: 0, maxDepth: 2 })).ensemble)) assert.ok(t.depth <= 2);
    for (const t of allTrees((await fit(X, y, { maxLeaves: 5 })).ensemble)) assert.ok(t.leaves <= 5);
    assert.ok(allTrees((await fit(X, y, { maxLeaves: 5 })).ensemble).some((t) => t.leaves === 5));
  });

  test('minSamplesLeaf, minChildWeight and minSplitGain make smaller trees', async () => {
    const { X, y } = interaction(800);
    const size = async (p: P) =>
      allTrees((await fit(X, y, { minSamplesLeaf: 1, ...p })).ensemble).reduce((s, t) => s + t.nodes, 0);
    const base = await size({});
    assert.ok((await size({ minSamplesLeaf: 100 })) < base);
    assert.ok((await size({ minChildWeight: 20 })) < base);
    assert.ok((await size({ minSplitGain: 2 })) < base);
    // Leaves honour minSamplesLeaf (cover is Σ hessian ≤ rows, so check rows via a regression target: h = 1).
    const reg = linearTarget(1, 400, 2);
    for (const t of allTrees((await fit(reg.X, reg.y, { minSamplesLeaf: 30 })).ensemble))
      assert.ok(t.leafCover.every((c) => c >= 30));
  });

  test('l2 shrinks leaf values', async () => {
    const { X, y } = linearTarget(5, 300, 2);
    const maxAbs = async (l2: number) =>
      Math.max(...Array.from((await fit(X, y, { l2, rounds: 1 })).ensemble.value, Math.abs));
    assert.ok((await maxAbs(100)) < (await maxAbs(0)));
  });

  test('subsample and colsample: other trees, seed-dependent; colsample limits the features of each tree', async () => {
    const { X, y } = interaction(600);
    const plain = await fit(X, y);
    const sub = await fit(X, y, { subsample: 0.5 });
    const sub2 = await fit(X, y, { subsample: 0.5 }, 2);
    assert.notDeepEqual(Array.from(plain.ensemble.threshold), Array.from(sub.ensemble.threshold));
    assert.notDeepEqual(Array.from(sub.ensemble.threshold), Array.from(sub2.ensemble.threshold));
    const col = (await fit(X, y, { colsample: 0.25 })).ensemble;
    for (const t of allTrees(col)) assert.ok(new Set(t.splitFeatures).size <= 1);
  });

  test('early stopping: holds out rows, stops when the validation loss stops improving, keeps the best round, says so', async () => {
    const { X, y } = interaction(1000);
    const model = await fit(X, y, {
      rounds: 400,
      learningRate: 0.5,
      minSamplesLeaf: 1,
      earlyStopping: 'on',
      patience: 5,
    });
    const rounds = (model.toJSON().state as { rounds: number }).rounds;
    assert.ok(rounds < 400 && model.ensemble.trees === rounds, `${rounds} rounds`);
    assert.ok(model.notes.some((n) => /early stopping kept/.test(n.message)));
    const off = await fit(X, y, { rounds: 50, earlyStopping: 'off' });
    assert.equal(off.ensemble.trees, 50);
    // 'auto' is off at this size.
    assert.equal((await fit(X, y, { rounds: 50 })).ensemble.trees, 50);
  });

  test('validationFraction changes the held-out rows (and so the model)', async () => {
    const { X, y } = interaction(600);
    const a = await fit(X, y, { earlyStopping: 'on', validationFraction: 0.1 });
    const b = await fit(X, y, { earlyStopping: 'on', validationFraction: 0.3 });
    assert.notDeepEqual(Array.from(a.ensemble.value), Array.from(b.ensemble.value));
  });

  test('maxBins reaches the binning', async () => {
    const { X, y } = linearTarget(6, 400, 1);
    const e = (await fit(X, y, { maxBins: 3, rounds: 5 })).ensemble;
    const thresholds = new Set(Array.from(e.threshold).filter((_, i) => e.left[i] >= 0));
    assert.ok(thresholds.size <= 2);
  });

  test('missing values and categories are learned natively', async () => {
    const rows: number[][] = [];
    const codes: number[] = [];
    for (let i = 0; i < 600; i++) {
      const cat = i % 5;
      const c = cat === 1 || cat === 3 ? 1 : 0;
      rows.push([cat, c === 1 && i % 2 === 0 ? NaN : i % 7]);
      codes.push(c);
    }
    const model = await fit(mat(rows, [true, false]), classes(codes, 2), { minSamplesLeaf: 5 });
    assert.equal(accuracy(model.predict(mat(rows, [true, false])), classes(codes, 2)), 1);
  });

  test('progress per round; a cancel between rounds stops it', async () => {
    const { X, y } = interaction(300);
    const seen: number[] = [];
    await boostFactory.create('classification', { rounds: 4 }).fit(X, y, { seed: 1, onProgress: (f) => seen.push(f) });
    assert.deepEqual(seen, [0, 0.25, 0.5, 0.75, 1, 1]);
    const controller = new AbortController();
    const progress: number[] = [];
    const onProgress = (f: number): void => {
      progress.push(f);
      if (f >= 0.1) controller.abort();
    };
    await rejectsWith(
      boostFactory
        .create('classification', { rounds: 1000 })
        .fit(X, y, { seed: 1, signal: controller.signal, onProgress }),
      'CANCELLED',
    );
    assert.ok(progress.at(-1)! < 0.2);
  });

  test('regression of a constant target: no useful split, predicts the constant', async () => {
    const model = await fit(matrix([[1], [2], [3], [4]]), values([2, 2, 2, 2]));
    assert.deepEqual(Array.from(model.predict(matrix([[0], [9]]))), [2, 2]);
  });
});
