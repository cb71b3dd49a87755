import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateRemainingSeconds } from '../../renderer/src/lib/eta.js';

test('ETA extrapolates the average rate since the start', () => {
  assert.equal(estimateRemainingSeconds(0, { at: 10_000, fraction: 0.25 }), 30);
  assert.equal(estimateRemainingSeconds(1000, { at: 3000, fraction: 0.5 }), 2);
});

test('ETA stays silent while too early to tell, and is 0 when done', () => {
  assert.equal(estimateRemainingSeconds(0, { at: 500, fraction: 0.5 }), undefined);
  assert.equal(estimateRemainingSeconds(0, { at: 5000, fraction: 0.01 }), undefined);
  assert.equal(estimateRemainingSeconds(0, { at: 5000, fraction: 1 }), 0);
  assert.equal(estimateRemainingSeconds(0, { at: 5000, fraction: 1.2 }), 0);
});
