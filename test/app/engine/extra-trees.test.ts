/**
 * Extremely randomized trees: the engine's forest learner with one random threshold per candidate feature
 * (app/engine/random-split.ts), every tree on all rows by default.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS } from '../../../app/registry/models.js';
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { accuracy, blobs, classes, linearTarget, r2, split } from '../models/fixtures.js';
import { allTrees, engine, mat } from './helpers.js';

const extra = MODELS['extra-trees'];
const fit = async (X: FeatureMatrix, y: Target, params: Record<string, number | string | boolean> = {}, seed = 1) =>
  engine(await extra.create(y.task, { trees: 10, ...params }).fit(X, y, { seed }));

describe('engine extra-trees', () => {
  test('defaults: no bootstrap, forest parameters otherwise', () => {
    assert.equal(extra.defaults.bootstrap, false);
    assert.deepEqual(Object.keys(extra.defaults), Object.keys(MODELS.forest.defaults));
    assert.equal(extra.defaults.trees, MODELS.forest.defaults.trees);
  });

  test('thresholds are drawn, not searched: the trees differ from a forest grown on the same rows', async () => {
    const { X, y } = blobs(3, 300, 4, 3, 1);
    const params = { trees: 5, maxFeatures: 'all', bootstrap: false };
    const et = await fit(X, y, params);
    const rf = engine(await MODELS.forest.create('classification', params).fit(X, y, { seed: 1 }));
    // Without bootstrap and with every feature tried, all best-split trees are the same tree …
    const rfTrees = allTrees(rf.ensemble).map((t) => JSON.stringify(t));
    assert.equal(new Set(rfTrees).size, 1);
    // … while random thresholds make every extra tree different, and grown further (random cuts are worse).
    const etTrees = allTrees(et.ensemble);
    assert.equal(new Set(etTrees.map((t) => JSON.stringify(t))).size, 5);
    assert.ok(etTrees.every((t) => t.leaves >= allTrees(rf.ensemble)[0].leaves));
  });

  test('fully grown extra trees fit the training rows exactly (leaves are pure)', async () => {
    const { X, y } = blobs(4, 200, 3, 2, 1);
    const model = await fit(X, y, { trees: 3 });
    assert.equal(accuracy(model.predict(X), y), 1);
  });

  test('as accurate as a random forest on held-out blobs and a linear target', async () => {
    const c = split(blobs(5, 600, 6, 3, 1), 400);
    const et = await fit(c.train.X, c.train.y, { trees: 50 });
    const rf = await MODELS.forest.create('classification', { trees: 50 }).fit(c.train.X, c.train.y, { seed: 1 });
    assert.ok(accuracy(et.predict(c.test.X), c.test.y) >= accuracy(rf.predict(c.test.X), c.test.y) - 0.03);
    const r = split(linearTarget(6, 500, 4, 0.3), 350);
    const etR = await fit(r.train.X, r.train.y, { trees: 50 });
    assert.ok(r2(etR.predict(r.test.X), r.test.y) > 0.8);
  });

  test('categorical and missing values: random category subsets, missing rows follow a learned side', async () => {
    // f0 categorical (codes 0–5; 0, 2, 4 → class 1), f1 numeric with missing values, f2 noise.
    const rows: number[][] = [];
    const codes: number[] = [];
    for (let i = 0; i < 240; i++) {
      const cat = i % 6;
      rows.push([cat, i % 7 === 0 ? NaN : (i * 37) % 11, (i * 13) % 5]);
      codes.push(cat % 2 === 0 ? 1 : 0);
    }
    const X = mat(rows, [true, false, false]);
    const y = classes(codes, 2);
    const model = await fit(X, y, { trees: 20, maxFeatures: 'all' });
    assert.equal(accuracy(model.predict(X), y), 1);
    const e = model.ensemble;
    assert.ok(
      Array.from(e.feature).some((f, i) => f === 0 && e.left[i] >= 0),
      'splits on the categorical feature',
    );
  });

  test('the same seed gives the same model; another seed another one', async () => {
    const { X, y } = blobs(7, 150, 4, 2, 1);
    const a = JSON.stringify((await fit(X, y, {}, 3)).toJSON());
    assert.equal(JSON.stringify((await fit(X, y, {}, 3)).toJSON()), a);
    assert.notEqual(JSON.stringify((await fit(X, y, {}, 4)).toJSON()), a);
  });
});
