/** Small helpers for the engine tests: fitted engine models, and facts about their trees. */
import type { TreeEnsemble } from '../../../app/engine/ensemble.js';
import { isEngineModel, type EngineFitted } from '../../../app/engine/fitted.js';
import type { FittedModel } from '../../../app/models/estimator.js';
import type { FeatureMatrix } from '../../../app/models/matrix.js';

export function engine(model: FittedModel): EngineFitted {
  if (!isEngineModel(model)) throw new Error(`${model.id} is not an engine model`);
  return model;
}

export interface TreeFacts {
  readonly nodes: number;
  readonly leaves: number;
  readonly depth: number;
  /** Cover of every leaf, in node order. */
  readonly leafCover: number[];
  /** Cover of every split node. */
  readonly splitCover: number[];
  readonly splitFeatures: number[];
}

export function treeFacts(e: TreeEnsemble, t = 0): TreeFacts {
  const start = e.treeStart[t];
  const end = e.treeStart[t + 1];
  const depth = new Map<number, number>([[start, 0]]);
  let maxDepth = 0;
  const leafCover: number[] = [];
  const splitCover: number[] = [];
  const splitFeatures: number[] = [];
  for (let i = start; i < end; i++) {
    const d = depth.get(i)!;
    maxDepth = Math.max(maxDepth, d);
    if (e.left[i] < 0) leafCover.push(e.cover[i]);
    else {
      splitCover.push(e.cover[i]);
      splitFeatures.push(e.feature[i]);
      depth.set(e.left[i], d + 1);
      depth.set(e.right[i], d + 1);
    }
  }
  return { nodes: end - start, leaves: leafCover.length, depth: maxDepth, leafCover, splitCover, splitFeatures };
}

export function allTrees(e: TreeEnsemble): TreeFacts[] {
  return Array.from({ length: e.trees }, (_, t) => treeFacts(e, t));
}

/** A matrix with named columns f0…, optionally marking categorical ones. */
export function mat(rows: readonly (readonly number[])[], categorical?: readonly boolean[]): FeatureMatrix {
  const cols = rows[0]?.length ?? 0;
  return {
    rows: rows.length,
    cols,
    data: Float64Array.from(rows.flat()),
    featureNames: Array.from({ length: cols }, (_, j) => `f${j}`),
    ...(categorical ? { categorical } : {}),
  };
}
