/**
 * The Estimator contract (app/models/estimator.ts) as tests, run on every model — Sapling's
 * version of scikit-learn's check_estimator. Call `checkEstimator(factory)` from a *.test.ts file;
 * it registers one describe block per task.
 *
 * Choices the suite pins down for every model:
 * - A single-class target is fitted, not rejected: the model predicts that class with probability 1
 *   (and says so in a FitNote). Friendlier than an error for a fold that happens to hold one class.
 * - One training row is enough to fit; the model predicts that row's class or value.
 * - Classes listed in `classes` but absent from the training rows get probability 0.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FittedModel, ModelFactory, Params, SerializedModel } from '../../../app/models/estimator.js';
import type { FeatureMatrix, Target, Task } from '../../../app/models/matrix.js';
import { SaplingError, type SaplingErrorCode } from '../../../app/util/errors.js';
import { accuracy, classes, matrix, problem, r2, sameBits, split, values } from './fixtures.js';

export interface CheckOptions {
  /** Parameters that keep the suite fast (few trees…). */
  readonly params?: Params;
  /** Tasks the model supports; default both. */
  readonly tasks?: readonly Task[];
  /** True if the fitted model should depend on the seed (forest); false: it must not. */
  readonly seedDependent?: boolean;
  /** More parameter sets `create` must reject (an unknown name and a wrongly typed value are always tried). */
  readonly badParams?: readonly Params[];
  /** Held-out accuracy on separable blobs (default 0.9) and R² on a linear target (default 0.7). */
  readonly minAccuracy?: number;
  readonly minR2?: number;
  /** The model takes NaN as a missing value (the tree engine): NaN is accepted, ±Infinity still refused. */
  readonly acceptsMissing?: boolean;
}

/** Asserts that `action` (a promise, or a function that throws or returns a rejecting promise) fails with a SaplingError. */
export async function rejectsWith(
  action: Promise<unknown> | (() => unknown),
  code: SaplingErrorCode,
  pattern?: RegExp,
): Promise<void> {
  const check = (e: unknown): boolean => {
    assert.ok(e instanceof SaplingError, `expected a SaplingError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  };
  const promise = typeof action === 'function' ? (async () => action())() : action;
  await assert.rejects(promise, check);
}

function roundTrip(factory: ModelFactory, model: FittedModel): FittedModel {
  return factory.fromJSON(JSON.parse(JSON.stringify(model.toJSON())) as SerializedModel);
}

function checkProba(model: FittedModel, X: FeatureMatrix): void {
  const k = model.classes!.length;
  const proba = model.predictProba(X);
  const pred = model.predict(X);
  assert.equal(proba.length, X.rows * k);
  for (let i = 0; i < X.rows; i++) {
    let sum = 0;
    let best = 0;
    for (let c = 0; c < k; c++) {
      const v = proba[i * k + c];
      assert.ok(v >= 0 && v <= 1, `probability ${v} outside [0, 1]`);
      sum += v;
      if (v > proba[i * k + best]) best = c;
    }
    assert.ok(Math.abs(sum - 1) <= 1e-12, `row ${i} probabilities sum to ${sum}`);
    assert.equal(pred[i], best, 'predict is the most probable class');
  }
}

export function checkEstimator(factory: ModelFactory, options: CheckOptions = {}): void {
  const params = options.params ?? {};
  for (const task of options.tasks ?? (['classification', 'regression'] as const)) {
    const fit = (
      X: FeatureMatrix,
      y: Target,
      seed = 7,
      extra: Partial<{ signal: AbortSignal; onProgress: (f: number) => void }> = {},
    ) => factory.create(task, params).fit(X, y, { seed, ...extra });
    const data = (seed: number, n: number, p = 4) => problem(task, seed, n, p);
    const isClf = task === 'classification';

    describe(`checkEstimator: ${factory.id} (${task})`, () => {
      test('create only stores parameters: no learned state, defaults merged, input not kept by reference', () => {
        const given = { ...params };
        const est = factory.create(task, given);
        // Predict before fit cannot happen: an unfitted estimator has nothing to predict with (only fit() returns a model).
        for (const method of ['predict', 'predictProba', 'impurityImportance', 'toJSON']) {
          assert.equal(
            (est as unknown as Record<string, unknown>)[method],
            undefined,
            `an unfitted estimator has no ${method}`,
          );
        }
        assert.equal(est.id, factory.id);
        assert.deepEqual({ ...est.params }, { ...factory.defaults, ...params });
        assert.deepEqual(Object.keys(factory.paramHelp).sort(), Object.keys(factory.defaults).sort());
      });

      test('create rejects bad parameters and unknown tasks', async () => {
        await rejectsWith(
          () => factory.create(task, { noSuchParam: 1 }),
          'BAD_PARAMETER',
          /noSuchParam.*valid parameters/,
        );
        const [name, value] = Object.entries(factory.defaults)[0];
        await rejectsWith(
          () => factory.create(task, { [name]: typeof value === 'string' ? 1 : 'x' }),
          'BAD_PARAMETER',
          new RegExp(name),
        );
        for (const bad of options.badParams ?? []) await rejectsWith(() => factory.create(task, bad), 'BAD_PARAMETER');
        await rejectsWith(() => factory.create('clustering' as Task), 'BAD_PARAMETER', /unknown task/);
      });

      test('rejects empty X, no columns, and X/y length mismatch', async () => {
        const y0: Target = isClf ? classes([], 2) : values([]);
        await rejectsWith(fit(matrix([], ['a', 'b']), y0), 'BAD_INPUT', /no rows/);
        const { X, y } = data(1, 10);
        await rejectsWith(
          fit({ rows: 10, cols: 0, data: new Float64Array(0), featureNames: [] }, y),
          'BAD_INPUT',
          /no feature/,
        );
        const short: Target =
          y.task === 'classification' ? { ...y, codes: y.codes.slice(1) } : values(Array.from(y.values.slice(1)));
        await rejectsWith(fit(X, short), 'BAD_INPUT', /10 rows.*9/);
      });

      if (options.acceptsMissing) {
        test('takes NaN in X as missing (fit and predict); rejects ±Infinity, naming the row and feature', async () => {
          const { X, y } = data(2, 40);
          for (let i = 0; i < X.rows; i += 3) X.data[i * X.cols + 2] = NaN;
          const model = await fit(X, y);
          const pred = model.predict(
            matrix([
              [NaN, NaN, NaN, NaN],
              [1, NaN, 0, 2],
            ]),
          );
          assert.ok(pred.every(Number.isFinite));
          for (const bad of [Infinity, -Infinity]) {
            const { X: X2, y: y2 } = data(2, 10);
            X2.data[3 * X2.cols + 2] = bad;
            await rejectsWith(fit(X2, y2), 'BAD_INPUT', new RegExp(`'f2'.*${String(bad)} in row 4`));
          }
        });
      } else {
        test('rejects NaN and ±Infinity in X, naming the row and feature', async () => {
          for (const bad of [NaN, Infinity, -Infinity]) {
            const { X, y } = data(2, 10);
            X.data[3 * X.cols + 2] = bad;
            await rejectsWith(fit(X, y), 'BAD_INPUT', new RegExp(`'f2'.*${String(bad).replace('+', '')} in row 4`));
          }
        });
      }

      test('rejects a target for the other task, and bad target values', async () => {
        const { X } = data(3, 6);
        await rejectsWith(
          fit(X, isClf ? values([1, 2, 3, 4, 5, 6]) : classes([0, 1, 0, 1, 0, 1], 2)),
          'BAD_INPUT',
          /created for/,
        );
        await rejectsWith(
          fit(X, isClf ? classes([0, 1, 0, 5, 0, 1], 2) : values([1, 2, NaN, 4, 5, 6])),
          'BAD_INPUT',
          /row 3|row 4/,
        );
      });

      test('works with one feature', async () => {
        const { train, test: held } = split(data(4, 60, 1), 40);
        const model = await fit(train.X, train.y);
        const pred = model.predict(held.X);
        assert.equal(pred.length, 20);
        assert.ok(pred.every(Number.isFinite));
      });

      test('works with one training row: predicts its class or value', async () => {
        const X = matrix([[1, 2, 3]]);
        const model = await fit(X, isClf ? classes([1], 3) : values([4.5]));
        const pred = model.predict(
          matrix([
            [1, 2, 3],
            [-5, 0, 9],
          ]),
        );
        assert.deepEqual(Array.from(pred), isClf ? [1, 1] : [4.5, 4.5]);
        if (isClf) checkProba(model, matrix([[0, 0, 0]]));
      });

      if (isClf) {
        test('a single-class target predicts that class with probability 1, and says so', async () => {
          const { X } = data(5, 12);
          const model = await fit(X, classes(Array(12).fill(2), 3));
          assert.deepEqual(Array.from(model.predict(X)), Array(12).fill(2));
          const proba = model.predictProba(matrix([[0, 0, 0, 0]]));
          assert.deepEqual(Array.from(proba), [0, 0, 1]);
          assert.ok(model.notes.some((n) => /only one class/.test(n.message)));
        });

        test('classes absent from training get probability 0', async () => {
          const { X, y } = data(6, 30);
          const codes = (y as { codes: Int32Array }).codes.map((c) => (c === 1 ? 3 : c)); // classes 0, 2, 3 of 5
          const model = await fit(X, classes(Array.from(codes), 5));
          assert.deepEqual(model.classes, ['class0', 'class1', 'class2', 'class3', 'class4']);
          const proba = model.predictProba(X);
          for (let i = 0; i < X.rows; i++) assert.ok(proba[i * 5 + 1] === 0 && proba[i * 5 + 4] === 0);
          checkProba(model, X);
        });
      }

      test('predict rejects a wrong column count and non-finite values', async () => {
        const { X, y } = data(7, 20);
        const model = await fit(X, y);
        await rejectsWith(() => model.predict(matrix([[1, 2, 3]])), 'BAD_INPUT', /3 columns.*4/);
        if (options.acceptsMissing)
          await rejectsWith(() => model.predict(matrix([[1, 2, Infinity, 4]])), 'BAD_INPUT', /'f2'.*row 1/);
        else await rejectsWith(() => model.predict(matrix([[1, 2, NaN, 4]])), 'BAD_INPUT', /'f2'.*row 1/);
        assert.equal(model.predict(matrix([], ['a', 'b', 'c', 'd'])).length, 0);
      });

      test('fit does not mutate X or y', async () => {
        const { X, y } = data(8, 40);
        const dataBefore = X.data.slice();
        const yBefore = y.task === 'classification' ? y.codes.slice() : y.values.slice();
        await fit(X, y);
        assert.deepEqual(X.data, dataBefore);
        assert.deepEqual(y.task === 'classification' ? y.codes : y.values, yBefore);
      });

      test('the same seed gives identical predictions and identical JSON', async () => {
        const { train, test: held } = split(data(9, 80), 60);
        const a = await fit(train.X, train.y, 123);
        const b = await fit(train.X, train.y, 123);
        assert.ok(sameBits(a.predict(held.X), b.predict(held.X)));
        assert.equal(JSON.stringify(a.toJSON()), JSON.stringify(b.toJSON()));
      });

      test(
        options.seedDependent ? 'different seeds give different models' : 'the fit does not depend on the seed',
        async () => {
          const { train, test: held } = split(data(10, 80), 60);
          const a = await fit(train.X, train.y, 1);
          const b = await fit(train.X, train.y, 2);
          if (options.seedDependent)
            assert.notEqual(JSON.stringify(a.toJSON().state), JSON.stringify(b.toJSON().state));
          else assert.ok(sameBits(a.predict(held.X), b.predict(held.X)));
          assert.equal(b.toJSON().seed, 2);
        },
      );

      test('toJSON → JSON text → fromJSON predicts bit-identically', async () => {
        const { train, test: held } = split(data(11, 80), 60);
        const model = await fit(train.X, train.y);
        const back = roundTrip(factory, model);
        assert.ok(sameBits(model.predict(held.X), back.predict(held.X)));
        if (isClf) assert.ok(sameBits(model.predictProba(held.X), back.predictProba(held.X)));
        assert.equal(JSON.stringify(back.toJSON()), JSON.stringify(model.toJSON()));
        assert.deepEqual(back.notes, model.notes);
        assert.deepEqual(back.featureNames, model.featureNames);
        assert.deepEqual(back.impurityImportance(), model.impurityImportance());
      });

      test('fromJSON rejects a model file that is not this model', async () => {
        const { X, y } = data(12, 20);
        const json = (await fit(X, y)).toJSON();
        await rejectsWith(
          () => factory.fromJSON({ ...json, id: factory.id === 'tree' ? 'forest' : 'tree' }),
          'BAD_MODEL_FILE',
        );
        await rejectsWith(() => factory.fromJSON({ ...json, state: {} }), 'BAD_MODEL_FILE');
        await rejectsWith(() => factory.fromJSON({ ...json, featureNames: ['only-one'] }), 'BAD_MODEL_FILE');
        await rejectsWith(() => factory.fromJSON(null as unknown as SerializedModel), 'BAD_MODEL_FILE');
      });

      if (isClf) {
        test('predictProba rows are in [0, 1], sum to 1, and predict is their argmax', async () => {
          const { train, test: held } = split(data(13, 90), 60);
          checkProba(await fit(train.X, train.y), held.X);
        });
      } else {
        test('predictProba is refused for regression', async () => {
          const { X, y } = data(13, 20);
          await rejectsWith(async () => (await fit(X, y)).predictProba(X), 'BAD_INPUT', /classification/);
        });
      }

      test('an aborted signal rejects with CANCELLED', async () => {
        const { X, y } = data(14, 20);
        const controller = new AbortController();
        controller.abort();
        await rejectsWith(fit(X, y, 7, { signal: controller.signal }), 'CANCELLED');
      });

      test('reports progress in [0, 1], non-decreasing, ending at 1', async () => {
        const { X, y } = data(15, 30);
        const seen: number[] = [];
        await fit(X, y, 7, { onProgress: (f) => seen.push(f) });
        assert.ok(seen.length > 0);
        assert.ok(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1])));
        assert.equal(seen.at(-1), 1);
      });

      test('impurity importance is undefined or one non-negative value per feature summing to 1', async () => {
        const { X, y } = data(16, 60);
        const imp = (await fit(X, y)).impurityImportance();
        if (imp === undefined) return;
        assert.equal(imp.length, X.cols);
        assert.ok(imp.every((v) => v >= 0));
        assert.ok(Math.abs(imp.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      });

      test('learns a simple problem (held-out rows)', async () => {
        const { train, test: held } = split(data(17, 300), 200);
        const model = await fit(train.X, train.y);
        const pred = model.predict(held.X);
        if (isClf)
          assert.ok(accuracy(pred, held.y) >= (options.minAccuracy ?? 0.9), `accuracy ${accuracy(pred, held.y)}`);
        else assert.ok(r2(pred, held.y) >= (options.minR2 ?? 0.7), `R² ${r2(pred, held.y)}`);
      });
    });
  }
}
