import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linearScale, logDomain, logTicks, niceTicks } from '../../renderer/src/lib/scale.js';

test('linear scale maps the domain onto the range, flipped ranges included', () => {
  const y = linearScale([0, 1], [200, 0]);
  assert.equal(y(0), 200);
  assert.equal(y(0.5), 100);
  assert.equal(linearScale([3, 3], [0, 10])(3), 0);
});

test('nice ticks are round numbers covering the interval', () => {
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(-0.03, 0.25, 4), [0, 0.1, 0.2]);
  assert.deepEqual(niceTicks(2, 2), [2]);
  assert.deepEqual(niceTicks(NaN, 1), []);
});

test('log axes span whole powers of ten', () => {
  assert.deepEqual(logDomain(0.0012, 0.05), [0.001, 0.1]);
  assert.deepEqual(logDomain(1, 1), [0.1, 10]);
  assert.deepEqual(logTicks([0.001, 0.1]), [0.001, 0.01, 0.1]);
});
