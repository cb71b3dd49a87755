import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, bootstrapSample, strataOf, stratifiedSample } from '../../../app/models/sampling.js';
import { createRng, pickSorted } from '../../../app/util/random.js';
import { values } from './fixtures.js';

describe('sampling', () => {
  test('allocate is proportional, sums to size, and keeps every non-empty group', () => {
    assert.deepEqual(allocate([50, 30, 20], 10), [5, 3, 2]);
    assert.deepEqual(allocate([1000, 1, 0], 10), [9, 1, 0]);
    const a = allocate([7, 13, 29, 51], 37);
    assert.equal(
      a.reduce((x, y) => x + y, 0),
      37,
    );
  });

  test('a stratified subsample has distinct sorted rows and the class balance', () => {
    const strata = Int32Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 10% class 1
    const rows = stratifiedSample(strata, 200, createRng(1), false);
    assert.equal(rows.length, 200);
    assert.equal(new Set(rows).size, 200);
    assert.ok(rows.every((r, i) => i === 0 || r > rows[i - 1]));
    assert.equal(rows.filter((r) => strata[r] === 1).length, 20);
  });

  test('the same seed gives the same sample; another seed another', () => {
    const strata = new Int32Array(500);
    assert.deepEqual(
      stratifiedSample(strata, 50, createRng(3), false),
      stratifiedSample(strata, 50, createRng(3), false),
    );
    assert.notDeepEqual(
      stratifiedSample(strata, 50, createRng(3), false),
      stratifiedSample(strata, 50, createRng(4), false),
    );
    assert.deepEqual(bootstrapSample(40, createRng(5)), bootstrapSample(40, createRng(5)));
  });

  test('regression strata are target deciles', () => {
    const s = strataOf(values(Array.from({ length: 100 }, (_, i) => 100 - i)));
    assert.equal(s[0], 9); // the largest value
    assert.equal(s[99], 0);
    assert.equal(s.filter((v) => v === 3).length, 10);
  });

  test('pickSorted gives m distinct sorted indices', () => {
    const s = pickSorted(10, 4, createRng(9));
    assert.equal(new Set(s).size, 4);
    assert.ok(s.every((v, i) => v >= 0 && v < 10 && (i === 0 || v > s[i - 1])));
  });
});
