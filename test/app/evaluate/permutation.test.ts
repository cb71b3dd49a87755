/**
 * Permutation importance's drops (app/evaluate/permutation.ts): the paced version, which compare runs in its own
 * thread with a pause after each repeat, gives the drops of the plain one bit for bit; a shuffled column that
 * carries the target drops the score, a column of noise does not; a cancel between repeats stops it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { permutationDrops, permutationDropsPaced } from '../../../app/evaluate/permutation.js';
import type { FeatureMatrix } from '../../../app/models/matrix.js';
import { SaplingError } from '../../../app/util/errors.js';
import { createRng } from '../../../app/util/random.js';

// Column 0 decides the label (x0 > 0.5), column 1 is noise, columns 2–3 are one block (a one-hot feature).
const rows = 500;
const rng = createRng(8);
const data = new Float64Array(rows * 4);
for (let i = 0; i < rows; i++) for (let j = 0; j < 4; j++) data[i * 4 + j] = rng.next();
const X: FeatureMatrix = { rows, cols: 4, data, featureNames: ['a', 'b', 'c=1', 'c=2'] };
const truth = Float64Array.from({ length: rows }, (_, i) => Number(data[i * 4] > 0.5));
const score = (M: FeatureMatrix): number => {
  let right = 0;
  for (let i = 0; i < M.rows; i++) right += Number(Number(M.data[i * 4] > 0.5) === truth[i]);
  return right / M.rows;
};
const options = { groups: Int32Array.from([0, 1, 2, 2]), featureCount: 3, repeats: 4, seed: 5, score };

describe('permutation drops', () => {
  test('paced: the same drops as in one go, a pause after each repeat', async () => {
    let pauses = 0;
    const paced = await permutationDropsPaced(X, options, async () => void pauses++);
    const plain = permutationDrops(X, options);
    assert.deepEqual(paced, plain);
    assert.equal(pauses, 3 * 4);
    assert.ok(
      plain[0].every((d) => d > 0.3),
      `the deciding column drops the score: ${plain[0].join(' ')}`,
    );
    assert.ok([...plain[1], ...plain[2]].every((d) => d === 0));
  });

  test('a cancel between repeats stops it with CANCELLED', async () => {
    const controller = new AbortController();
    let pauses = 0;
    const run = permutationDropsPaced(X, { ...options, signal: controller.signal }, async () => {
      if (++pauses === 5) controller.abort();
    });
    await assert.rejects(run, (e: unknown) => e instanceof SaplingError && e.code === 'CANCELLED');
    assert.equal(pauses, 5);
  });
});
