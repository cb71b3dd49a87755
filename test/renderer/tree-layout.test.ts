import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOpen, layoutTree } from '../../renderer/src/lib/tree-layout.js';

// 0 → (1, 2); 1 → (3, 4); 2 → (5, 6); 4 → (7, 8)
const nodes = [
  { id: 0, left: 1, right: 2 },
  { id: 1, left: 3, right: 4 },
  { id: 2, left: 5, right: 6 },
  { id: 3 },
  { id: 4, left: 7, right: 8 },
  { id: 5 },
  { id: 6 },
  { id: 7 },
  { id: 8 },
];

test('the whole small tree is laid out with parents centred over their children', () => {
  const layout = layoutTree(nodes, [0, 1, 4, 8], new Set(), 10);
  assert.equal(layout.nodes.length, 9);
  assert.equal(layout.width, 5);
  assert.equal(layout.height, 4);
  const at = (id: number) => layout.nodes.find((n) => n.node.id === id)!;
  assert.equal(at(3).x, 0);
  assert.equal(at(7).x, 1);
  assert.equal(at(8).x, 2);
  assert.equal(at(4).x, 1.5);
  assert.equal(at(1).x, 0.75);
  assert.equal(at(0).x, (0.75 + 3.5) / 2);
  assert.deepEqual(
    layout.edges.filter((e) => e.onPath).map((e) => [e.from, e.to]),
    [
      [0, 1],
      [1, 4],
      [4, 8],
    ],
  );
  assert.equal(layout.nodes[0].node.id, 0, 'root first');
});

test('below openDepth, nodes off the path are collapsed and count what they hide; the path stays open', () => {
  const layout = layoutTree(nodes, [0, 1, 4, 8], new Set(), 1);
  const at = (id: number) => layout.nodes.find((n) => n.node.id === id);
  assert.equal(at(2)?.collapsed, true);
  assert.equal(at(2)?.hidden, 2);
  assert.equal(at(5), undefined);
  assert.equal(at(8)?.onPath, true);
  assert.equal(at(4)?.collapsed, false);
});

test('toggling opens a collapsed node or closes an open one', () => {
  const opened = layoutTree(nodes, [], new Set([2]), 1);
  assert.ok(opened.nodes.some((n) => n.node.id === 5));
  const closed = layoutTree(nodes, [], new Set([0]), 3);
  assert.equal(closed.nodes.length, 1);
  assert.equal(closed.nodes[0].hidden, 8);
  assert.equal(isOpen(5, true, false, 3), true);
  assert.equal(isOpen(5, false, false, 3), false);
});

test('broken trees fail loudly; an empty tree lays out to nothing', () => {
  assert.throws(() => layoutTree([{ id: 0, left: 9 }], [], new Set(), 3), /missing node 9/);
  assert.throws(() => layoutTree([{ id: 0, left: 0 }], [], new Set(), 3), /cycle/);
  assert.deepEqual(layoutTree([], [], new Set()).nodes, []);
});
