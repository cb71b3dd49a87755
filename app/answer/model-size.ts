/** Measures a fitted model's size (size.ts says what the numbers mean). */
import { isEngineModel } from '../engine/fitted.js';
import { treeFromJSON } from '../models/mljs/cart-json.js';
import type { FittedModel } from '../models/estimator.js';
import type { ModelSize } from './size.js';

export function modelSize(model: FittedModel): ModelSize {
  if (isEngineModel(model)) {
    const e = model.ensemble;
    let leaves = 0;
    let depth = 0;
    for (let t = 0; t < e.trees; t++) {
      const stack: number[] = [e.treeStart[t], 0];
      while (stack.length > 0) {
        const d = stack.pop()!;
        const node = stack.pop()!;
        if (e.left[node] < 0) {
          leaves++;
          depth = Math.max(depth, d);
        } else stack.push(e.left[node], d + 1, e.right[node], d + 1);
      }
    }
    return { measure: 'leaves', count: leaves, trees: e.trees, depth };
  }
  const state = model.toJSON().state as Record<string, unknown>;
  if (model.id === 'linear') {
    const coef = state.coef as readonly number[];
    return { measure: 'coefficients', count: coef.filter((c) => c !== 0).length };
  }
  const cols = model.featureNames.length;
  const width = model.task === 'classification' ? (model.classes?.length ?? 1) : 1;
  const raw = model.id === 'mljs-tree' ? [state.tree] : (state.trees as unknown[]);
  let leaves = 0;
  let depth = 0;
  raw.forEach((json, i) => {
    const tree = treeFromJSON(json, `state.trees[${i}]`, cols, width, model.task);
    const stack: number[] = [0, 0];
    while (stack.length > 0) {
      const d = stack.pop()!;
      const node = stack.pop()!;
      if (tree.left[node] < 0) {
        leaves++;
        depth = Math.max(depth, d);
      } else stack.push(tree.left[node], d + 1, tree.right[node], d + 1);
    }
  });
  return { measure: 'leaves', count: leaves, trees: raw.length, depth };
}
