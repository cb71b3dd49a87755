import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importanceExtent, sharedFeatureOrder } from '../../renderer/src/lib/importance.js';

const e = (feature: string, mean: number, std = 0) => ({ feature, mean, std });

test('one order for all models: mean importance across models, largest first', () => {
  const tree = [e('a', 0.1), e('b', 0.5), e('c', 0.0)];
  const forest = [e('a', 0.4), e('b', 0.1), e('c', 0.05)];
  // means: a 0.25, b 0.3, c 0.025
  assert.deepEqual(sharedFeatureOrder([tree, forest]), ['b', 'a', 'c']);
});

test('a model missing a feature counts it as 0; null lists (no impurity importance) are skipped', () => {
  assert.deepEqual(sharedFeatureOrder([[e('x', 0.2)], [e('y', 0.3), e('x', 0.2)], null]), ['x', 'y']);
  assert.deepEqual(sharedFeatureOrder([null, undefined]), []);
});

test('ties break by name and NaN counts as 0', () => {
  assert.deepEqual(sharedFeatureOrder([[e('b', 0.1), e('a', 0.1), e('c', NaN)]]), ['a', 'b', 'c']);
});

test('the shared axis covers every error bar, negative importances included', () => {
  assert.deepEqual(importanceExtent([[e('a', 0.2, 0.05)], [e('b', -0.01, 0.02)]]), { min: -0.03, max: 0.25 });
});
