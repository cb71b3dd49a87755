// Reference values from scipy 1.10.1 (stats.t.ppf / t.cdf / t.interval) and numpy 1.24.2
// (np.percentile, default linear method), computed once and pasted here; the tests never call Python.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { median, percentile, studentTCdf, studentTQuantile, summarize } from '../../../app/evaluate/stats.js';
import { SaplingError } from '../../../app/util/errors.js';

function close(actual: number, expected: number, tol: number): void {
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
}

describe('Student t quantile', () => {
  const t975: [number, number][] = [
    [1, 12.706204736432095],
    [2, 4.302652729911275],
    [3, 3.182446305284263],
    [4, 2.7764451051977987],
    [5, 2.5705818366147395],
    [9, 2.2621571627409915],
    [10, 2.2281388519649385],
    [30, 2.0422724563012373],
    [100, 1.9839715184496334],
    [1000, 1.9623390808264074],
  ];
  for (const [df, expected] of t975) {
    test(`t(0.975, ${df}) = ${expected}`, () => close(studentTQuantile(0.975, df), expected, 1e-9 * expected));
  }

  test('other probabilities, non-integer df, lower tail, extreme tail (scipy)', () => {
    close(studentTQuantile(0.995, 7), 3.4994832973505026, 1e-9);
    close(studentTQuantile(0.9, 2.5), 1.730250928807177, 1e-9);
    close(studentTQuantile(0.05, 12), -1.7822875556491593, 1e-9);
    close(studentTQuantile(1 - 1e-10, 3), 2225.769223296068, 1e-4);
    assert.equal(studentTQuantile(0.5, 4), 0);
    assert.equal(studentTQuantile(1, 4), Infinity);
  });

  test('the CDF inverts the quantile (scipy)', () => {
    close(studentTCdf(1.5, 6), 0.907859631929259, 1e-12);
    close(studentTCdf(-2, 3), 0.06966298427942155, 1e-12);
    for (const df of [1, 3, 8.5, 50]) close(studentTCdf(studentTQuantile(0.8, df), df), 0.8, 1e-12);
  });

  test('rejects bad arguments', () => {
    const bad = (e: unknown): boolean => e instanceof SaplingError && e.code === 'BAD_PARAMETER';
    assert.throws(() => studentTQuantile(0.9, 0), bad);
    assert.throws(() => studentTQuantile(1.2, 3), bad);
  });
});

describe('summarize', () => {
  test('mean, sample std and t interval (scipy t.interval)', () => {
    const s = summarize([0.81, 0.79, 0.85, 0.83, 0.8]);
    assert.equal(s.n, 5);
    close(s.mean, 0.8160000000000001, 1e-12);
    close(s.std, 0.024083189157584558, 1e-12);
    close(s.ci95[0], 0.786096771061096, 1e-9);
    close(s.ci95[1], 0.8459032289389041, 1e-9);
  });

  test('skips NaN', () => {
    const s = summarize([0.81, NaN, 0.79, 0.85, 0.83, 0.8, NaN]);
    assert.equal(s.n, 5);
    close(s.mean, 0.8160000000000001, 1e-12);
  });

  test('one value (a holdout): the mean, but no std and no interval rather than a false ± 0', () => {
    assert.deepEqual(summarize([NaN, 0.7]), { mean: 0.7, std: NaN, ci95: [NaN, NaN], n: 1 });
  });

  test('no values: NaN everywhere, n = 0', () => {
    const s = summarize([NaN]);
    assert.equal(s.n, 0);
    for (const v of [s.mean, s.std, ...s.ci95]) assert.ok(Number.isNaN(v));
    assert.equal(summarize(new Float64Array(0)).n, 0);
  });

  test('two values use t with 1 degree of freedom', () => {
    const s = summarize([1, 3]); // mean 2, std √2, half-width 12.7062… · √2/√2
    close(s.ci95[1] - 2, 12.706204736432095, 1e-9);
  });
});

describe('percentile and median', () => {
  const a = [3, 1, 4, 1, 5, 9, 2, 6];
  const numpy: [number, number][] = [
    [0, 1],
    [10, 1],
    [25, 1.75],
    [50, 3.5],
    [90, 6.8999999999999995],
    [95, 7.949999999999998],
    [99, 8.79],
    [100, 9],
  ];
  for (const [p, expected] of numpy) {
    test(`p${p} matches numpy.percentile`, () => close(percentile(a, p), expected, 1e-12));
  }

  test('median of odd and even lengths; typed arrays; NaN skipped; empty is NaN', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median(Float64Array.from([4, 1, 3, 2])), 2.5);
    assert.equal(median([NaN, 2, 1]), 1.5);
    assert.ok(Number.isNaN(median([])));
  });

  test('does not reorder its input', () => {
    const input = [3, 1, 2];
    percentile(input, 50);
    assert.deepEqual(input, [3, 1, 2]);
  });

  test('rejects p outside [0, 100]', () => {
    assert.throws(
      () => percentile(a, 101),
      (e: unknown) => e instanceof SaplingError && e.code === 'BAD_PARAMETER',
    );
  });
});
