/**
 * What a loaded tree must be before anything walks it, and the limits every tree model shares.
 *
 * Prediction walks trees with loops, but explanations, rules, the tree view and the SQL/ONNX exports walk
 * them recursively, one stack frame per level. A model file is untrusted: a crafted "tree" that is a chain a
 * million nodes deep would overflow the stack in those walks (after minutes of work), and a node reachable
 * from two parents, or not at all, would make TreeSHAP's covers and the rules wrong without any error. So a
 * tree is checked on load — iteratively, in one pass over its nodes — to be a proper binary tree: children
 * inside the tree and after their parent (so no cycles), every node but the root with exactly one parent,
 * and no path deeper than MAX_TREE_DEPTH. Training grows no deeper either (maxDepth 0 = "unlimited" means
 * up to MAX_TREE_DEPTH), so every model Sapling saves loads again.
 */
import { badModel } from './serialized.js';

/** Deepest path (root = depth 0) a tree may have: the largest maxDepth a user can set, and the growth cap. */
export const MAX_TREE_DEPTH = 1000;
/** Trees in one model: forests take up to 10,000, boosting up to 100,000 rounds × classes. */
export const MAX_TREES = 2_000_000;
/** Nodes in one model, all trees together (about 50 bytes each in memory). */
export const MAX_NODES = 50_000_000;

/** maxDepth as the growers use it: 0 ("unlimited") means MAX_TREE_DEPTH. */
export function depthCap(maxDepth: number): number {
  return maxDepth === 0 ? MAX_TREE_DEPTH : Math.min(maxDepth, MAX_TREE_DEPTH);
}

export function checkModelSize(what: string, trees: number, nodes: number): void {
  if (trees > MAX_TREES) throw badModel(`${what} has ${trees} trees; a Sapling model has at most ${MAX_TREES}`);
  if (nodes > MAX_NODES) throw badModel(`${what} has ${nodes} nodes; a Sapling model has at most ${MAX_NODES}`);
}

/**
 * Checks that nodes [start, end) form one binary tree rooted at `start`. `isLeaf(i)` says whether node i has
 * no children; otherwise left[i] and right[i] are its children (global indices, like the arrays).
 */
export function checkTreeShape(
  what: string,
  start: number,
  end: number,
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  isLeaf: (i: number) => boolean,
): void {
  const size = end - start;
  // depth + 1 of each node once a parent has claimed it; 0 = not reached (yet).
  const level = new Int32Array(size);
  level[0] = 1;
  for (let i = start; i < end; i++) {
    const own = level[i - start];
    // Children come after their parent, so by the time node i is visited every parent it has was visited.
    if (own === 0) throw badModel(`${what}: node ${i} cannot be reached from the tree's root ${start}`);
    if (isLeaf(i)) continue;
    if (own > MAX_TREE_DEPTH)
      throw badModel(
        `${what}: node ${i} splits at depth ${own - 1}; a Sapling tree is at most ${MAX_TREE_DEPTH} levels deep`,
      );
    const l = left[i];
    const r = right[i];
    if (l === r) throw badModel(`${what}: node ${i} has the same node ${l} as both children`);
    for (const child of [l, r]) {
      if (!Number.isInteger(child) || child <= i || child >= end)
        throw badModel(
          `${what}: node ${i} has an invalid child ${child} (children come after their parent, in the tree)`,
        );
      if (level[child - start] !== 0)
        throw badModel(`${what}: node ${child} has two parents (a tree's nodes each have one)`);
      level[child - start] = own + 1;
    }
  }
}
