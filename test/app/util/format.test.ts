import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmt, fmtMeanCi, fmtPoints, timeLeft } from '../../../app/util/format.js';
import { longNumbers } from '../../helpers/rounding.js';

test('fmtPoints: a difference of scores in points; rounding noise between equal scores reads as 0', () => {
  assert.equal(fmtPoints(0.0211), '2.11 points');
  assert.equal(fmtPoints(-0.01), '1 point');
  // 0.96 computed as two different sums of fold scores: equal to the reader, 2.2e-16 apart in floating point.
  assert.equal(fmtPoints(0.9600000000000001 - 0.96), '0 points');
  assert.equal(fmtPoints(1 / 150), '0.667 points');
});

test('fmt: the asked decimals, but never more than ~4 significant digits (thousands grouped)', () => {
  assert.equal(fmt(0.79634, 3), '0.796');
  assert.equal(fmt(0.0009, 4), '0.0009');
  assert.equal(fmt(123.456, 3), '123.5');
  assert.equal(fmt(24792.66, 2), '24,793'); // an RMSE in dollars, as ames printed it before: 24792.66
  assert.equal(fmt(32088.6031, 4), '32,089'); // a mean |SHAP| in target units
  assert.equal(fmt(999.96, 2), '1,000'); // rounding that adds a digit
  assert.equal(fmt(-1234.5, 1), '-1,235');
  assert.equal(fmt(12, 0), '12');
  assert.equal(fmt(-1e308, 3), '-1e+308'); // huge values keep the exponent form toFixed gives them
  assert.equal(fmt(1.8411492357966467e307, 3), '1.841e+307');
  assert.equal(fmt(Number.NaN), '—');
  assert.equal(fmtMeanCi({ mean: 24792.66, ci95: [23000, 26585.32] }, 'rmse'), '24,793 ± 1,793');
  // Whatever the magnitude, what fmt prints passes the "no unrounded number" check the e2e and report tests use.
  for (const v of [0.221000003814697, 1234.56789, 98765.4321, 3.14159265]) assert.deepEqual(longNumbers(fmt(v, 4)), []);
  assert.deepEqual(longNumbers('threshold 0.221000003814697'), ['0.221000003814697']);
  assert.deepEqual(longNumbers('Sapling 0.1.0, seed 87668731, 4,454 rows, 0.000881 ms'), []);
});

test('timeLeft: a measured estimate, or a lower bound while models have not been timed', () => {
  assert.equal(timeLeft(185), 'about 3 min 05 s left');
  assert.equal(timeLeft(185, 0), 'about 3 min 05 s left');
  assert.equal(timeLeft(185, 1), 'at least 3 min 05 s left, 1 model not timed yet');
  assert.equal(timeLeft(40, 2), 'at least 40 s left, 2 models not timed yet');
});

test('fmt: a value that rounds to zero has no sign', () => {
  assert.equal(fmt(-0.00004, 3), '0.000');
  assert.equal(fmt(-0.0004999, 3), '0.000');
  assert.equal(fmt(-0.0005, 3), '-0.001');
  assert.equal(fmt(-0, 2), '0.00');
  assert.equal(fmt(0.00004, 3), '0.000');
});
