// Timings depend on the machine, so these tests check only shape and invariants, never values.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { measureRowLatency, measureThroughput } from '../../../app/evaluate/timing.js';
import { SaplingError } from '../../../app/util/errors.js';

function busy(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += Math.sqrt(i);
  return x;
}

describe('measureRowLatency', () => {
  test('runs warmup + calls, cycling through the rows', () => {
    const seen: number[] = [];
    const result = measureRowLatency((i) => void seen.push(i), 3, { calls: 7, warmup: 2 });
    assert.equal(result.calls, 7);
    assert.deepEqual(seen, [0, 1, 0, 1, 2, 0, 1, 2, 0]);
  });

  test('defaults to 200 timed calls; p95 ≥ p50 ≥ 0', () => {
    let count = 0;
    const result = measureRowLatency(() => {
      count++;
      busy(200);
    }, 10);
    assert.equal(result.calls, 200);
    assert.equal(count, 220); // 20 warmup calls by default
    assert.ok(result.p50Ms >= 0);
    assert.ok(result.p95Ms >= result.p50Ms);
  });

  test('rejects zero rows or calls', () => {
    const bad = (e: unknown): boolean => e instanceof SaplingError && e.code === 'BAD_PARAMETER';
    assert.throws(() => measureRowLatency(() => {}, 0), bad);
    assert.throws(() => measureRowLatency(() => {}, 5, { calls: 0 }), bad);
  });
});

describe('measureThroughput', () => {
  test('reports positive rows per second consistent with rows and seconds', () => {
    const result = measureThroughput(() => {
      busy(1000);
      return 50;
    }, 0.01);
    assert.ok(result.batches >= 1);
    assert.equal(result.rows, 50 * result.batches);
    assert.ok(result.seconds > 0);
    assert.ok(result.rowsPerSecond > 0 && Number.isFinite(result.rowsPerSecond));
    assert.ok(Math.abs(result.rowsPerSecond - result.rows / result.seconds) < 1e-6 * result.rowsPerSecond);
  });

  test('runs at least once even with minSeconds = 0', () => {
    let calls = 0;
    const result = measureThroughput(() => {
      calls++;
      return 1;
    }, 0);
    assert.ok(calls >= 1);
    assert.equal(result.batches, calls);
  });

  test('rejects a non-numeric batch result', () => {
    assert.throws(
      () => measureThroughput(() => NaN, 0),
      (e: unknown) => e instanceof SaplingError && e.code === 'BAD_PARAMETER',
    );
  });
});
