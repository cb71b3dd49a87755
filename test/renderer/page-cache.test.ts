import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageCache } from '../../renderer/src/lib/page-cache.js';

test('only the pages covering the visible rows are fetched, each once', () => {
  const cache = new PageCache<string>(100);
  assert.deepEqual(cache.claimMissing(0, 30, 100_000), [0]);
  assert.deepEqual(cache.claimMissing(0, 30, 100_000), [], 'in flight: not asked again');
  assert.deepEqual(cache.claimMissing(95, 210, 100_000), [1, 2]);
  cache.store(0, ['r0', 'r1']);
  assert.equal(cache.row(1), 'r1');
  assert.equal(cache.row(150), undefined);
  assert.deepEqual(cache.claimMissing(0, 99, 100_000), []);
});

test('a jump to the end of a 100k-row table fetches the last page only', () => {
  const cache = new PageCache<number>(100);
  assert.deepEqual(cache.claimMissing(99_980, 100_020, 100_000), [999]);
  assert.deepEqual(cache.pagesFor(-5, 10, 0), []);
});

test('a failed fetch can be retried; old pages are evicted beyond the limit', () => {
  const cache = new PageCache<number>(10, 2);
  assert.deepEqual(cache.claimMissing(0, 5, 100), [0]);
  cache.release(0);
  assert.deepEqual(cache.claimMissing(0, 5, 100), [0]);
  cache.store(0, [0]);
  cache.store(1, [10]);
  cache.touch([0]);
  cache.store(2, [20]);
  assert.equal(cache.cachedPages, 2);
  assert.equal(cache.row(0), 0, 'recently used page kept');
  assert.equal(cache.row(10), undefined, 'least recently used page evicted');
  cache.clear();
  assert.equal(cache.cachedPages, 0);
});
