import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmtPoints } from '../../../app/util/format.js';

test('fmtPoints: a difference of scores in points; rounding noise between equal scores reads as 0', () => {
  assert.equal(fmtPoints(0.0211), '2.11 points');
  assert.equal(fmtPoints(-0.01), '1 point');
  // 0.96 computed as two different sums of fold scores: equal to the reader, 2.2e-16 apart in floating point.
  assert.equal(fmtPoints(0.9600000000000001 - 0.96), '0 points');
  assert.equal(fmtPoints(1 / 150), '0.667 points');
});
