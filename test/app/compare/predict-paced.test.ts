/**
 * Scoring a big fold in chunks with pauses (app/compare/predict-paced.ts) gives the numbers of one pass, bit for
 * bit, for every kind of model; it pauses between chunks, and a cancel arriving there stops it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { predictBoth, predictBothPaced } from '../../../app/compare/predict-paced.js';
import type { ModelId } from '../../../app/models/estimator.js';
import { Pacer } from '../../../app/models/pacer.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { SaplingError } from '../../../app/util/errors.js';
import { blobs, linearTarget } from '../models/fixtures.js';

// More rows than three chunks (16,384 each) and a ragged last one.
const ROWS = 3 * 16_384 + 1_234;
const counting = (): { pacer: Pacer; pauses: () => number } => {
  let n = 0;
  const pacer = { breathe: async () => void n++ } as unknown as Pacer;
  return { pacer, pauses: () => n };
};

describe('predictBothPaced', () => {
  const cases: [ModelId, 'classification' | 'regression', Record<string, number>][] = [
    ['forest', 'classification', { trees: 5 }],
    ['boost', 'classification', { rounds: 5 }],
    ['linear', 'classification', {}],
    ['tree', 'regression', {}],
    ['mljs-tree', 'classification', { maxDepth: 4 }],
  ];
  for (const [id, task, params] of cases) {
    test(`${id} (${task}): the same predictions and probabilities as one pass`, async () => {
      const train = task === 'classification' ? blobs(3, 600, 6, 3, 1) : linearTarget(3, 600, 6);
      const model = await getModelFactory(id).create(task, params).fit(train.X, train.y, { seed: 1 });
      const big = task === 'classification' ? blobs(4, ROWS, 6, 3, 1) : linearTarget(4, ROWS, 6);
      const { pacer, pauses } = counting();
      const paced = await predictBothPaced(model, big.X, pacer);
      assert.deepEqual(paced, predictBoth(model, big.X));
      assert.equal(pauses(), 4);
    });
  }

  test('a cancel that arrives between chunks stops it with CANCELLED', async () => {
    const train = blobs(3, 600, 6, 3, 1);
    const model = await getModelFactory('forest').create('classification', { trees: 5 }).fit(train.X, train.y, {
      seed: 1,
    });
    // A signal that reads as fired from its third look on (deterministic, unlike a timer racing the chunks).
    let looks = 0;
    const signal = {
      get aborted() {
        return ++looks > 2;
      },
    } as AbortSignal;
    await assert.rejects(
      predictBothPaced(model, blobs(4, ROWS, 6, 3, 1).X, new Pacer(signal)),
      (e: unknown) => e instanceof SaplingError && e.code === 'CANCELLED',
    );
    assert.equal(looks, 3);
  });
});
