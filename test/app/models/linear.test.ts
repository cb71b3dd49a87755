import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS } from '../../../app/registry/models.js';
import { SaplingError } from '../../../app/util/errors.js';
import { checkEstimator } from './check-estimator.js';
import { accuracy, blobs, classes, matrix, split, values } from './fixtures.js';

const linearFactory = MODELS.linear;

checkEstimator(linearFactory, { badParams: [{ C: 0 }, { C: -1 }, { alpha: 0 }, { maxIter: 0 }] });

interface LinearState {
  means: number[];
  stds: number[];
  coef: number[];
  intercept: number[];
}

describe('linear', () => {
  test('logistic regression separates a linearly separable set', async () => {
    const { train, test: held } = split(blobs(1, 300, 5, 3, 5), 200);
    const model = await linearFactory.create('classification').fit(train.X, train.y, { seed: 1 });
    assert.equal(accuracy(model.predict(held.X), held.y), 1);
    assert.deepEqual(model.notes, []);
    assert.equal(model.impurityImportance(), undefined);
  });

  test('binary logistic fit is the penalized optimum: gradient of Σ log-loss + ‖w‖²/2C is ~0', async () => {
    const { X, y } = blobs(2, 120, 3, 2, 1);
    const C = 0.5;
    const model = await linearFactory.create('classification', { C }).fit(X, y, { seed: 1 });
    const s = model.toJSON().state as LinearState;
    const codes = (y as { codes: Int32Array }).codes;
    const grad = s.coef.map((w) => w / C);
    let gb = 0;
    for (let i = 0; i < X.rows; i++) {
      const z = s.coef.map((_, j) => (X.data[i * 3 + j] - s.means[j]) / s.stds[j]);
      const p1 = 1 / (1 + Math.exp(-(s.intercept[0] + z.reduce((a, v, j) => a + v * s.coef[j], 0))));
      const r = p1 - codes[i];
      z.forEach((v, j) => (grad[j] += r * v));
      gb += r;
    }
    for (const g of [...grad, gb]) assert.ok(Math.abs(g) < 1e-4 * X.rows, `gradient ${grad} ${gb}`);
  });

  test('ridge matches the closed form on a tiny example', async () => {
    // x = 0..3, y = 2x + 1. Standardized z = (x − 1.5)/σ with Σz² = 4, so w = Σz(y − ȳ)/(4 + α)
    // = 8σ/5 and the fitted line is 4 + 1.6·(x − 1.5): slope 2 shrunk by 4/(4 + α).
    const model = await linearFactory
      .create('regression', { alpha: 1 })
      .fit(matrix([[0], [1], [2], [3]]), values([1, 3, 5, 7]), { seed: 1 });
    const pred = model.predict(matrix([[0], [3], [10]]));
    const expected = [1.6, 6.4, 4 + 1.6 * 8.5];
    pred.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `${v} vs ${expected[i]}`));
  });

  test('a feature constant in training gets no weight, whatever it later holds', async () => {
    const X = matrix([
      [1, 7],
      [2, 7],
      [3, 7],
      [4, 7],
    ]);
    const model = await linearFactory.create('regression').fit(X, values([2, 4, 6, 8]), { seed: 1 });
    const [a, b] = model.predict(
      matrix([
        [2, 7],
        [2, 1000],
      ]),
    );
    assert.equal(a, b);
  });

  test('too few iterations are reported in a note, not hidden', async () => {
    const { X, y } = blobs(3, 90);
    const model = await linearFactory.create('classification', { maxIter: 2 }).fit(X, y, { seed: 1 });
    assert.match(model.notes[0].message, /did not converge in 2 iterations/);
  });

  test('large logits do not overflow', async () => {
    const X = matrix([[0], [1], [100], [101]]);
    const model = await linearFactory
      .create('classification', { C: 1e6 })
      .fit(X, classes([0, 0, 1, 1], 2), { seed: 1 });
    const proba = model.predictProba(matrix([[-1e9], [1e9]]));
    assert.ok(proba.every((v) => Number.isFinite(v)));
    assert.deepEqual(Array.from(model.predict(matrix([[-1e9], [1e9]]))), [0, 1]);
  });

  test('a logistic fit pauses between passes over the rows, so a cancel lands mid-optimization', async () => {
    const { X, y } = blobs(5, 400, 4, 3, 1);
    // A signal that reads as fired from its fifth look on: the fit's start looks once, each pause between the
    // optimizer's passes looks again (deterministic, unlike a timer racing the fit).
    let looks = 0;
    const signal = {
      get aborted() {
        return ++looks > 4;
      },
    } as AbortSignal;
    await assert.rejects(
      linearFactory.create('classification').fit(X, y, { seed: 1, signal }),
      (e: unknown) => e instanceof SaplingError && e.code === 'CANCELLED',
    );
    assert.equal(looks, 5);
  });
});
