import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compareModels, runComparison } from '../../../app/compare/run.js';
import type { CompareProgress } from '../../../app/compare/run.js';
import { SaplingError } from '../../../app/util/errors.js';
import { createRng } from '../../../app/util/random.js';
import { makeDataset } from '../../helpers/dataset.js';
import { trainedModels } from '../../../app/evaluate/model-rows.js';

/** y = 'yes' when a + noise > 0; b is pure noise; c is a category that mildly matters. */
function synthetic(n: number, seed = 1) {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const c: string[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    a.push(rng.next() * 2 - 1);
    b.push(rng.next());
    c.push(['u', 'v', 'w'][rng.int(3)]);
    y.push(a[i] + (c[i] === 'u' ? 0.2 : 0) + (rng.next() - 0.5) * 0.3 > 0 ? 'yes' : 'no');
  }
  return makeDataset({ a, b, c, y });
}

const quick = { forest: { trees: 5 }, boost: { rounds: 20 } };

describe('compareModels', () => {
  test('scores every model on the same folds and finds the informative feature', async () => {
    const result = await compareModels(synthetic(150), {
      target: 'y',
      seed: 5,
      folds: 3,
      params: quick,
      permutationRepeats: 3,
      latencyCalls: 200,
    });
    assert.deepEqual(
      trainedModels(result).map((m) => m.id),
      ['tree', 'forest', 'boost', 'linear'],
    ); // DEFAULT_MODELS
    assert.equal(result.primaryMetric, 'accuracy');
    for (const m of trainedModels(result)) {
      assert.equal(m.folds.length, 3);
      assert.ok(m.metrics.accuracy.mean > 0.8, `${m.id}: ${m.metrics.accuracy.mean}`);
      const top = [...m.importance.permutation].sort((p, q) => q.mean - p.mean)[0];
      assert.equal(top.feature, 'a', `${m.id} ranks ${top.feature} first`);
      // Confusion matrix covers every test row exactly once.
      assert.equal(
        m.confusionMatrix!.flat().reduce((s, v) => s + v, 0),
        150,
      );
      // The generalization gap is measured on the training folds.
      assert.ok(m.trainMetrics!.accuracy.mean >= m.metrics.accuracy.mean - 0.05);
    }
    assert.deepEqual(result.dataset.features, ['a', 'b', 'c']);
  });

  test('is reproducible from its seed (apart from timings)', async () => {
    const strip = (r: unknown) => JSON.parse(JSON.stringify(r), (k, v: unknown) => (k === 'timing' ? undefined : v));
    const settings = { target: 'y', seed: 9, folds: 3, params: quick, permutationRepeats: 2 } as const;
    const [r1, r2] = [await compareModels(synthetic(90), settings), await compareModels(synthetic(90), settings)];
    assert.deepEqual(strip(r1), strip(r2));
  });

  test('reports monotone progress that ends at 1', async () => {
    const seen: CompareProgress[] = [];
    await compareModels(
      synthetic(60),
      { target: 'y', seed: 1, folds: 2, models: ['tree', 'linear'], permutationRepeats: 1 },
      { onProgress: (p) => seen.push(p) },
    );
    const fractions = seen.map((p) => p.fraction);
    assert.ok(
      fractions.every((f, i) => i === 0 || f >= fractions[i - 1] - 1e-12),
      'monotone',
    );
    assert.equal(fractions.at(-1), 1);
    assert.ok(seen.some((p) => p.model === 'linear'));
  });

  test('stops with CANCELLED when the signal fires', async () => {
    const controller = new AbortController();
    const run = compareModels(
      synthetic(120),
      { target: 'y', seed: 1, folds: 3, permutationRepeats: 1 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.fold === 1) controller.abort();
        },
      },
    );
    await assert.rejects(run, (e: unknown) => e instanceof SaplingError && e.code === 'CANCELLED');
  });

  test('holdout: one split, stratified', async () => {
    const result = await compareModels(synthetic(100), {
      target: 'y',
      seed: 2,
      holdout: 0.3,
      models: ['tree'],
      permutationRepeats: 1,
    });
    assert.equal(result.settings.holdout, 0.3);
    assert.equal(result.settings.folds, undefined);
    assert.equal(trainedModels(result)[0].folds.length, 1);
    assert.equal(
      trainedModels(result)[0]
        .confusionMatrix!.flat()
        .reduce((s, v) => s + v, 0),
      30,
    );
  });

  test('regression: R², RMSE, MAE; no confusion matrix', async () => {
    const rng = createRng(3);
    const x = Array.from({ length: 80 }, () => rng.next() * 10);
    const data = makeDataset({ x, noise: x.map(() => rng.next()), y: x.map((v) => 3 * v + 1 + rng.next()) });
    const result = await compareModels(data, {
      target: 'y',
      seed: 1,
      folds: 4,
      models: ['linear', 'tree'],
      permutationRepeats: 1,
    });
    assert.equal(result.dataset.task, 'regression');
    assert.equal(result.primaryMetric, 'r2');
    assert.ok(trainedModels(result)[0].metrics.r2.mean > 0.95, String(trainedModels(result)[0].metrics.r2.mean));
    assert.equal(trainedModels(result)[0].confusionMatrix, undefined);
  });

  test('artifacts: every row predicted once by a model that never trained on it; same folds for all models', async () => {
    const { result, artifacts } = await runComparison(synthetic(90), {
      target: 'y',
      seed: 4,
      folds: 3,
      params: quick,
      permutationRepeats: 1,
    });
    const seen = new Int32Array(90);
    for (const fold of artifacts.folds) {
      fold.test.forEach((r) => seen[r]++);
      assert.equal(fold.train.filter((r) => fold.test.includes(r)).length, 0);
    }
    assert.ok(seen.every((c) => c === 1));
    for (const m of trainedModels(result)) {
      const a = artifacts.models.get(m.id)!;
      assert.equal(a.pipelines.length, 3);
      assert.ok(a.oofPredictions.every((v) => Number.isInteger(v)));
      // The fold accuracy in the result is exactly the out-of-fold predictions' accuracy on that fold.
      artifacts.folds.forEach((fold, f) => {
        const y = artifacts.target.task === 'classification' ? artifacts.target.codes : new Int32Array();
        const correct = Array.from(fold.test).filter((r) => a.oofPredictions[r] === y[r]).length;
        assert.equal(m.folds[f].accuracy, correct / fold.test.length);
      });
    }
  });

  test('a feature that alone predicts the target is flagged next to the leaderboard; the JSON labels impurity importance', async () => {
    const base = synthetic(60);
    const y = base.columns.find((c) => c.name === 'y')!;
    const leak = y.storage === 'category' ? Array.from(y.codes, (c) => (c === 0 ? 'L' : 'H')) : [];
    const data = makeDataset({
      a: Array.from({ length: 60 }, (_, i) => i % 7),
      leak,
      y: y.storage === 'category' ? Array.from(y.codes, (c) => y.categories[c]) : [],
    });
    const result = await compareModels(data, {
      target: 'y',
      seed: 1,
      folds: 3,
      models: ['linear'],
      permutationRepeats: 1,
    });
    assert.ok(
      result.warnings.some((w) => /^'leak' alone predicts 'y' with 100\.0% accuracy — possible leakage$/.test(w)),
      result.warnings.join('\n'),
    );
    assert.match(trainedModels(result)[0].importance.impurityNote, /training rows.*biased/);
  });

  test('no usable features is a clear error', async () => {
    const data = makeDataset({ y: ['a', 'b', 'a', 'b'] });
    await assert.rejects(
      compareModels(data, { target: 'y', seed: 1, folds: 2 }),
      /has no usable feature columns besides the target 'y'/,
    );
  });

  test('a model listed twice is refused, not trained twice', async () => {
    await assert.rejects(
      compareModels(synthetic(40), { target: 'y', seed: 1, folds: 2, models: ['linear', 'tree', 'linear'] }),
      /model 'linear' is listed twice/,
    );
  });
});
