/** CompactTree ⇄ plain JSON, with the checks that make a loaded tree safe to walk. */
import type { CompactTree } from '../compact-tree.js';
import { badModel, field, integers, numbers, record } from '../serialized.js';

export interface TreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  count: number[];
  value: number[];
}

export function treeToJSON(tree: CompactTree): TreeJSON {
  return {
    feature: Array.from(tree.feature),
    threshold: Array.from(tree.threshold),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    count: Array.from(tree.count),
    value: Array.from(tree.value),
  };
}

/**
 * Rebuilds a tree, checking that features are in range, every node has rows and children come
 * after their parent (so walking a loaded tree always ends at a leaf).
 */
export function treeFromJSON(v: unknown, what: string, cols: number, width: number): CompactTree {
  const s = record(v, what);
  const feature = integers(field(s, 'feature'), `${what}.feature`);
  const n = feature.length;
  if (n === 0) throw badModel(`${what} has no nodes`);
  const tree: CompactTree = {
    feature,
    threshold: numbers(field(s, 'threshold'), `${what}.threshold`, n),
    left: integers(field(s, 'left'), `${what}.left`, n),
    right: integers(field(s, 'right'), `${what}.right`, n),
    count: numbers(field(s, 'count'), `${what}.count`, n),
    value: numbers(field(s, 'value'), `${what}.value`, n * width),
    width,
  };
  for (let i = 0; i < n; i++) {
    if (!(tree.count[i] > 0)) throw badModel(`${what}: node ${i} has no training rows`);
    const f = tree.feature[i];
    if (f === -1) continue;
    if (f < 0 || f >= cols) throw badModel(`${what}: node ${i} splits on feature ${f}, but there are ${cols}`);
    for (const child of [tree.left[i], tree.right[i]]) {
      if (child <= i || child >= n) throw badModel(`${what}: node ${i} has an invalid child ${child}`);
    }
  }
  return tree;
}
