/**
 * Fitted ensembles live in shared memory, so posting one to a worker (app/compare/jobs.ts) hands over the same memory
 * instead of a copy; a model read from a file is copied there once; the packed walk records travel with it and the
 * receiver walks them (adoptPacked) with identical predictions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictBatch, shareEnsemble, type TreeEnsemble } from '../../../app/engine/ensemble.js';
import { adoptPacked, packed } from '../../../app/engine/node-walk.js';
import { ensembleFromJSON, ensembleToJSON } from '../../../app/engine/serialize.js';
import { isShared } from '../../../app/engine/shared-arrays.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { blobs } from '../models/fixtures.js';
import { engine } from './helpers.js';

const arraysOf = (e: TreeEnsemble) => [
  e.treeStart,
  e.feature,
  e.threshold,
  e.flags,
  e.left,
  e.right,
  e.cover,
  e.value,
  e.catSets,
  e.codeToBin,
  e.codeStart,
];

const P = blobs(3, 120, 4, 2, 1);

test('fitted forests, boosters and trees keep their nodes in shared memory; sharing them again is free', async () => {
  for (const [id, params] of [
    ['forest', { trees: 5 }],
    ['boost', { rounds: 5 }],
    ['tree', {}],
  ] as const) {
    const e = engine(await getModelFactory(id).create('classification', params).fit(P.X, P.y, { seed: 1 })).ensemble;
    assert.ok(
      arraysOf(e).every((a) => isShared(a)),
      `${id}: every array shared`,
    );
    assert.equal(shareEnsemble(e), e, `${id}: no copy`);
    assert.ok(isShared(packed(e).I), `${id}: packed records shared`);
  }
});

test('a model read from a file is copied into shared memory once, with the same predictions', async () => {
  const fitted = engine(
    await getModelFactory('forest').create('classification', { trees: 4 }).fit(P.X, P.y, { seed: 2 }),
  );
  const loaded = ensembleFromJSON(JSON.parse(JSON.stringify(ensembleToJSON(fitted.ensemble))), 'test', 4, 2, 2);
  assert.ok(!arraysOf(loaded).every((a) => isShared(a)), 'a loaded model starts in ordinary memory');
  const shared = shareEnsemble(loaded);
  assert.notEqual(shared, loaded);
  assert.ok(arraysOf(shared).every((a) => isShared(a)));
  assert.equal(shareEnsemble(loaded), shared, 'copied once');
  assert.deepEqual(predictBatch(shared, P.X.data, P.X.rows, 2), predictBatch(loaded, P.X.data, P.X.rows, 2));
});

test('an ensemble and its packed records posted together arrive as the same memory and predict the same', async () => {
  const e = engine(
    await getModelFactory('boost').create('classification', { rounds: 6 }).fit(P.X, P.y, { seed: 3 }),
  ).ensemble;
  const expected = predictBatch(e, P.X.data, P.X.rows, 2);
  // structuredClone is what postMessage does to a job's input.
  const arrived = structuredClone({ ensemble: e, packed: packed(e) });
  e.value[0] += 1; // the sender's memory is the receiver's
  assert.equal(arrived.ensemble.value[0], e.value[0]);
  e.value[0] -= 1;
  adoptPacked(arrived.ensemble, arrived.packed);
  assert.equal(packed(arrived.ensemble), arrived.packed, 'the receiver walks the records it was sent');
  assert.deepEqual(predictBatch(arrived.ensemble, P.X.data, P.X.rows, 2), expected);
  const other = engine(
    await getModelFactory('boost').create('classification', { rounds: 2 }).fit(P.X, P.y, { seed: 4 }),
  );
  assert.throws(() => adoptPacked(other.ensemble, arrived.packed), /records for an ensemble of/);
});
