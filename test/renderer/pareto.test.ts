import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dominates, paretoFront } from '../../renderer/src/lib/pareto.js';

const p = (id: string, cost: number, score: number) => ({ id, cost, score });

test('higher-is-better metric: the front keeps models no other beats on both latency and score', () => {
  const points = [p('tree', 0.001, 0.9), p('forest', 0.05, 0.95), p('linear', 0.002, 0.85), p('slow-bad', 0.1, 0.8)];
  assert.deepEqual(
    paretoFront(points, 'higher').map((x) => x.id),
    ['tree', 'forest'],
  );
});

test('lower-is-better metric (log loss) flips the score direction', () => {
  const points = [p('tree', 0.001, 1.4), p('forest', 0.05, 0.3), p('linear', 0.002, 0.15)];
  assert.deepEqual(
    paretoFront(points, 'lower').map((x) => x.id),
    ['tree', 'linear'],
  );
  assert.deepEqual(
    paretoFront(points, 'higher').map((x) => x.id),
    ['tree'],
  );
});

test('ties: equal points both stay; equal cost keeps only the better score', () => {
  assert.deepEqual(
    paretoFront([p('a', 1, 0.9), p('b', 1, 0.9)], 'higher').map((x) => x.id),
    ['a', 'b'],
  );
  assert.deepEqual(
    paretoFront([p('a', 1, 0.9), p('b', 1, 0.8)], 'higher').map((x) => x.id),
    ['a'],
  );
  assert.deepEqual(
    paretoFront([p('a', 1, 0.9), p('b', 2, 0.9)], 'higher').map((x) => x.id),
    ['a'],
  );
});

test('undefined scores are never on the front; the front is ordered by cost', () => {
  const front = paretoFront([p('c', 3, 0.99), p('nan', 0.1, NaN), p('a', 1, 0.5), p('b', 2, 0.7)], 'higher');
  assert.deepEqual(
    front.map((x) => x.id),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(paretoFront([], 'higher'), []);
});

test('floating-point noise in a mean is not an improvement', () => {
  // Same accuracy up to rounding: the faster model dominates.
  const points = [p('forest', 0.00075, 0.96), p('linear', 0.00105, 0.9600000000000002)];
  assert.deepEqual(
    paretoFront(points, 'higher').map((x) => x.id),
    ['forest'],
  );
  assert.equal(dominates(p('a', 1, 0.9600000000000002), p('b', 1, 0.96), 'higher'), false);
});

test('dominates needs a strict improvement on one axis', () => {
  assert.equal(dominates(p('a', 1, 0.9), p('b', 1, 0.9), 'higher'), false);
  assert.equal(dominates(p('a', 1, 0.9), p('b', 2, 0.9), 'higher'), true);
  assert.equal(dominates(p('a', 1, 0.9), p('b', 0.5, 0.8), 'higher'), false);
});
