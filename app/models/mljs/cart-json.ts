/** CompactTree ⇄ plain JSON, with the checks that make a loaded tree safe to walk. */
import type { CompactTree } from '../compact-tree.js';
import type { Task } from '../matrix.js';
import { badModel, field, integers, numbers, record } from '../serialized.js';
import { checkModelSize, checkTreeShape } from '../tree-limits.js';

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
 * Rebuilds a tree, checking that features are in range, every node has rows, it is a proper tree of bounded
 * depth (tree-limits.ts: children after their parent, so walking it always ends at a leaf; each node reached
 * once) and, for classification, that class counts are counts (≥ 0, summing to the node's rows).
 */
export function treeFromJSON(v: unknown, what: string, cols: number, width: number, task: Task): CompactTree {
  const s = record(v, what);
  const feature = integers(field(s, 'feature'), `${what}.feature`);
  const n = feature.length;
  if (n === 0) throw badModel(`${what} has no nodes`);
  checkModelSize(what, 1, n);
  const tree: CompactTree = {
    feature,
    threshold: numbers(field(s, 'threshold'), `${what}.threshold`, n),
    left: integers(field(s, 'left'), `${what}.left`, n),
    right: integers(field(s, 'right'), `${what}.right`, n),
    count: numbers(field(s, 'count'), `${what}.count`, n),
    value: numbers(field(s, 'value'), `${what}.value`, n * width),
    width,
  };
  checkTreeShape(what, 0, n, tree.left, tree.right, (i) => tree.feature[i] === -1);
  for (let i = 0; i < n; i++) {
    if (!(tree.count[i] > 0)) throw badModel(`${what}: node ${i} has no training rows`);
    if (task === 'classification') {
      let sum = 0;
      for (let k = 0; k < width; k++) {
        const c = tree.value[i * width + k];
        if (c < 0) throw badModel(`${what}.value: node ${i} has a negative count ${c} of class ${k}`);
        sum += c;
      }
      if (Math.abs(sum - tree.count[i]) > 1e-6 * tree.count[i])
        throw badModel(`${what}.value: node ${i}'s class counts sum to ${sum}, but it has ${tree.count[i]} rows`);
    }
    const f = tree.feature[i];
    // Readers tell leaves by feature −1 (prediction) or by left < 0 (TreeSHAP, the tree view): both must agree.
    if (f === -1) {
      if (tree.left[i] !== -1 || tree.right[i] !== -1) throw badModel(`${what}: leaf ${i} has children`);
      continue;
    }
    if (f < 0 || f >= cols) throw badModel(`${what}: node ${i} splits on feature ${f}, but there are ${cols}`);
  }
  return tree;
}
