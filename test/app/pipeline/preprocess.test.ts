import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  featureGroups,
  fitPreprocessor,
  MAX_ONEHOT_LEVELS,
  outputFeatureNames,
  transform,
} from '../../../app/pipeline/preprocess.js';
import { SaplingError } from '../../../app/util/errors.js';
import { makeDataset } from '../../helpers/dataset.js';

const data = makeDataset({
  x: [1, 2, null, 4, 100, 200],
  color: ['red', 'blue', 'red', null, 'green', 'green'],
});
const train = Int32Array.from([0, 1, 2, 3]); // rows 4 and 5 are the "test fold"

describe('preprocessor', () => {
  test('learns medians and categories from the training rows only', () => {
    const state = fitPreprocessor(data, ['x', 'color'], train, 'ordinal');
    // Median of training x = median(1, 2, 4) = 2, not influenced by 100 and 200.
    assert.deepEqual(state.columns[0], { name: 'x', kind: 'number', fill: 2 });
    // 'green' appears only in test rows: not a level. Most frequent training category: red.
    assert.deepEqual(state.columns[1], { name: 'color', kind: 'category', levels: ['blue', 'red'], fill: 'red' });
  });

  test('ordinal encoding: codes of the training levels; missing and unseen → most frequent', () => {
    const state = fitPreprocessor(data, ['x', 'color'], train, 'ordinal');
    const X = transform(state, data);
    assert.deepEqual(X.featureNames, ['x', 'color']);
    assert.deepEqual(Array.from(X.data), [1, 1, 2, 0, 2, 1, 4, 1, 100, 1, 200, 1]);
  });

  test('one-hot encoding: one column per training level; missing → most frequent, unseen → all zeros', () => {
    const state = fitPreprocessor(data, ['x', 'color'], train, 'onehot');
    assert.deepEqual(outputFeatureNames(state), ['x', 'color=blue', 'color=red']);
    assert.deepEqual(Array.from(featureGroups(state)), [0, 1, 1]);
    const X = transform(state, data, Int32Array.from([3, 4]));
    assert.deepEqual(Array.from(X.data), [4, 0, 1, 100, 0, 0]);
  });

  test('one-hot keeps at most MAX_ONEHOT_LEVELS levels, the most frequent', () => {
    const cells = Array.from({ length: 200 }, (_, i) => `c${i % 80}`);
    const wide = makeDataset({ c: cells });
    const state = fitPreprocessor(
      wide,
      ['c'],
      Int32Array.from({ length: 200 }, (_, i) => i),
      'onehot',
    );
    assert.equal(outputFeatureNames(state).length, MAX_ONEHOT_LEVELS);
  });

  test('scores another file by column name, in any column order', () => {
    const state = fitPreprocessor(data, ['x', 'color'], train, 'ordinal');
    const other = makeDataset({ color: ['blue', 'purple'], x: [null, 7] }, 'new.csv');
    assert.deepEqual(Array.from(transform(state, other).data), [2, 0, 7, 1]);
  });

  test('a missing column and text in a numeric column are specific errors', () => {
    const state = fitPreprocessor(data, ['x', 'color'], train, 'ordinal');
    assert.throws(
      () => transform(state, makeDataset({ x: [1] }, 'new.csv')),
      (e: unknown) =>
        e instanceof SaplingError &&
        e.code === 'UNKNOWN_COLUMN' &&
        e.message === "new.csv has no column 'color', which the model needs",
    );
    assert.throws(
      () => transform(state, makeDataset({ x: ['1', 'lots'], color: ['red', 'red'] }, 'new.csv')),
      (e: unknown) =>
        e instanceof SaplingError &&
        e.code === 'BAD_INPUT' &&
        e.message === "new.csv: column 'x' holds text ('lots') but the model was trained on numbers",
    );
    // Numbers that arrived as text (e.g. a stray space made the column categorical) are still accepted.
    assert.deepEqual(
      Array.from(transform(state, makeDataset({ x: ['3', ' 5'], color: ['red', 'red'] })).data),
      [3, 1, 5, 1],
    );
  });

  test('native encoding (tree engine): numbers keep NaN, categories become codes, missing and unseen → NaN, columns flagged', () => {
    const state = fitPreprocessor(data, ['x', 'color'], train, 'native');
    assert.equal(state.encoding, 'native');
    const X = transform(state, data);
    assert.deepEqual(X.featureNames, ['x', 'color']);
    assert.deepEqual(X.categorical, [false, true]);
    // levels blue=0, red=1; row 2 has a missing x, row 3 a missing colour, rows 4–5 the unseen 'green'.
    assert.deepEqual(Array.from(X.data), [1, 1, 2, 0, NaN, 1, 4, NaN, 100, NaN, 200, NaN]);
    // Another file: by name, unseen → NaN.
    const other = makeDataset({ color: ['blue', 'purple', null], x: [null, 7, 8] }, 'new.csv');
    assert.deepEqual(Array.from(transform(state, other).data), [NaN, 0, 7, NaN, 8, NaN]);
  });

  test('ordinal and one-hot matrices carry no categorical flags', () => {
    for (const encoding of ['ordinal', 'onehot'] as const)
      assert.equal(transform(fitPreprocessor(data, ['x', 'color'], train, encoding), data).categorical, undefined);
  });

  test('the fill is the median of the training rows, bit for bit as a comparator sort of them gives it (±0 included)', () => {
    // The reference: what the preprocessor computed before it sorted a typed array (stable sort keeps ±0 in row order).
    const reference = (values: (number | null)[], rows: Int32Array): number => {
      const present: number[] = [];
      for (const r of rows) if (values[r] !== null) present.push(values[r] as number);
      if (present.length === 0) return 0;
      present.sort((a, b) => a - b);
      const mid = present.length >> 1;
      return present.length % 2 === 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    };
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = [0, -0, 1.5, -2, 3, 0.1 + 0.2, null];
    for (let trial = 0; trial < 340; trial++) {
      // Mostly tiny columns (every ±0 and tie case), then long ones: selection samples above 600 values.
      const n = trial < 300 ? 1 + Math.floor(next() * 12) : 601 + Math.floor(next() * 3000);
      const x = Array.from({ length: n }, () =>
        next() < 0.7 ? pool[Math.floor(next() * pool.length)] : next() * 4 - 2,
      );
      const rows = Int32Array.from({ length: n }, (_, i) => i).filter(() => next() < 0.8);
      const state = fitPreprocessor(makeDataset({ x }), ['x'], rows, 'ordinal');
      const fill = (state.columns[0] as { fill: number }).fill;
      const expected = reference(x, rows);
      assert.ok(
        Object.is(fill, expected),
        `trial ${trial}: ${String(fill)} vs ${String(expected)} from ${JSON.stringify(x)}`,
      );
    }
  });
});
