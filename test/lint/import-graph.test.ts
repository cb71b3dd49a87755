/**
 * Zero import cycles inside app/ (type-only imports count: they tie modules together just the same). The layer rule
 * (eslint/app-layers.js) rules out cycles between folders; this catches the ones inside a folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycles, importGraph } from '../../scripts/import-graph.js';

test('app/ has no import cycles', () => {
  const graph = importGraph();
  assert.ok(graph.size > 50, 'the graph covers app/');
  // The last one (engine/boost.ts ↔ engine/tasks.ts) went with the shared tree store, EngineData moving to engine/data.ts.
  assert.deepEqual(cycles(graph), []);
});

test('the cycle finder finds a cycle', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  assert.deepEqual(cycles(graph), [['a.ts', 'b.ts', 'c.ts']]);
});
