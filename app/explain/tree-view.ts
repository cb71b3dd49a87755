/**
 * A fitted decision tree as the Inspect view draws it (TreeNodeView nodes) and the path a row takes.
 *
 * Read from the model's SERIALIZED JSON (`model.toJSON().state`), not from live model objects, so a change
 * of tree engine only touches the reader for its format here. Two formats exist:
 * - the tree engine (`tree`, app/engine): `state.ensemble`, decoded by the engine's ensembleFromJSON; one tree
 *   (treeStart[0] … treeStart[1]); numeric x ≤ threshold goes left, categorical splits send a category subset
 *   left, missing values go where FLAG_MISSING_LEFT says; leaf values are class probabilities or the value.
 * - ml-cart (`mljs-tree`, app/models/tree.ts): `state.tree` = { feature, threshold, left, right, count, value }
 *   (plain arrays, preorder, feature −1 at leaves); x < threshold goes left; values are class counts or the mean;
 *   inputs were imputed, so nothing is missing.
 * Feature indexes are columns of the fold preprocessor's output (one per feature for the tree encodings),
 * a category's code being its index in the preprocessor's sorted training levels.
 */
import { leftCodes } from '../engine/ensemble.js';
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from '../engine/tree-store.js';
import { ensembleFromJSON } from '../engine/serialize.js';
import type { TreeNodeView } from '../result/views.js';
import { MODEL_CATALOG, type ModelId } from '../models/catalog/index.js';
import type { SerializedModel } from '../models/estimator.js';
import type { PreprocessorState } from '../pipeline/preprocess.js';
import { featureGroups, outputFeatureNames } from '../pipeline/preprocess.js';

export interface TreeView {
  readonly nodes: readonly TreeNodeView[];
  /** Node ids from the root to the leaf that an encoded row (one row of the preprocessor's output) reaches. */
  path(x: ArrayLike<number>): number[];
}

/** The models whose trees the Inspect view can draw (tag `treeView`), in order of preference (catalog order). */
export const TREE_MODELS: readonly ModelId[] = MODEL_CATALOG.filter((m) => m.tags.treeView).map((m) => m.id);

export function treeView(model: SerializedModel, preprocessor: PreprocessorState): TreeView {
  const state = (model.state ?? {}) as Record<string, unknown>;
  if ('ensemble' in state) return engineTreeView(model, state.ensemble, preprocessor);
  if ('tree' in state) return cartTreeView(model, state.tree, preprocessor);
  throw new Error(`tree view: the '${model.id}' model's state holds no tree this version can read`);
}

/** Per matrix column: its display name, and the category levels when it holds category codes. */
function columnsOf(preprocessor: PreprocessorState): { name: string; levels?: readonly string[] }[] {
  const names = outputFeatureNames(preprocessor);
  const groups = featureGroups(preprocessor);
  return names.map((name, j) => {
    const column = preprocessor.columns[groups[j]];
    const codes = column.kind === 'category' && preprocessor.encoding !== 'onehot';
    return codes ? { name: column.name, levels: column.levels } : { name };
  });
}

function leafView(
  id: number,
  samples: number,
  classes: readonly string[] | null,
  values: ArrayLike<number>,
  scale: number,
): TreeNodeView {
  if (!classes) return { id, prediction: String(values[0]), samples };
  let best = 0; // ties go to the lowest class code, as Fitted.predict
  for (let c = 1; c < classes.length; c++) if (values[c] > values[best]) best = c;
  const distribution = Object.fromEntries(classes.map((label, c) => [label, values[c] / scale]));
  return { id, prediction: classes[best], samples, distribution };
}

function engineTreeView(model: SerializedModel, json: unknown, preprocessor: PreprocessorState): TreeView {
  const columns = columnsOf(preprocessor);
  const classes = model.task === 'classification' ? (model.classes ?? []) : null;
  const width = classes ? classes.length : 1;
  const e = ensembleFromJSON(json, 'state.ensemble', columns.length, width, classes?.length ?? 0);
  if (e.trees < 1 || e.combine.kind !== 'mean')
    throw new Error(`tree view: the '${model.id}' model is not a single decision tree`);
  const end = e.treeStart[1];
  const categorical = (i: number): boolean => (e.flags[i] & FLAG_CATEGORICAL) !== 0;
  const missingLeft = (i: number): boolean => (e.flags[i] & FLAG_MISSING_LEFT) !== 0;

  const nodes: TreeNodeView[] = [];
  const leftSets: (Set<number> | undefined)[] = [];
  for (let id = 0; id < end; id++) {
    const samples = e.cover[id];
    if (e.left[id] < 0) {
      nodes.push(leafView(id, samples, classes, e.value.subarray(id * width, (id + 1) * width), 1));
      continue;
    }
    const column = columns[e.feature[id]];
    const split = {
      id,
      feature: column.name,
      left: e.left[id],
      right: e.right[id],
      samples,
      missingGoesLeft: missingLeft(id),
    };
    if (categorical(id)) {
      const codes = leftCodes(e, id);
      leftSets[id] = new Set(codes);
      nodes.push({ ...split, leftCategories: codes.map((code) => column.levels?.[code] ?? String(code)) });
    } else {
      nodes.push({ ...split, threshold: e.threshold[id], comparison: '≤' });
    }
  }

  return {
    nodes,
    path(x) {
      const path = [0];
      let node = 0;
      while (e.left[node] >= 0) {
        const v = x[e.feature[node]];
        let goLeft: boolean;
        if (Number.isNaN(v)) goLeft = missingLeft(node);
        else if (!categorical(node)) goLeft = v <= e.threshold[node];
        else {
          // A code the split never saw (no bin) goes the missing values' way, as the engine predicts.
          const f = e.feature[node];
          const known =
            Number.isInteger(v) &&
            v >= 0 &&
            v < e.codeStart[f + 1] - e.codeStart[f] &&
            e.codeToBin[e.codeStart[f] + v] >= 0;
          goLeft = known ? (leftSets[node] as Set<number>).has(v) : missingLeft(node);
        }
        node = goLeft ? e.left[node] : e.right[node];
        path.push(node);
      }
      return path;
    },
  };
}

interface CartJSON {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly count: readonly number[];
  readonly value: readonly number[];
}

function cartTreeView(model: SerializedModel, json: unknown, preprocessor: PreprocessorState): TreeView {
  const tree = json as Partial<CartJSON> | null;
  const keys = ['feature', 'threshold', 'left', 'right', 'count', 'value'] as const;
  if (!tree || !keys.every((k) => Array.isArray(tree[k])))
    throw new Error(`tree view: the '${model.id}' model's state.tree has an unexpected shape`);
  const t = tree as CartJSON;
  const columns = columnsOf(preprocessor);
  const classes = model.task === 'classification' ? (model.classes ?? []) : null;
  const width = classes ? classes.length : 1;
  const n = t.feature.length;

  const nodes: TreeNodeView[] = [];
  for (let id = 0; id < n; id++) {
    const f = t.feature[id];
    const samples = t.count[id];
    if (f < 0) {
      nodes.push(leafView(id, samples, classes, t.value.slice(id * width, (id + 1) * width), classes ? samples : 1));
      continue;
    }
    const left = t.left[id];
    const right = t.right[id];
    if (!(left > id && right > id && left < n && right < n))
      throw new Error(`tree view: node ${id} has invalid children`);
    const threshold = t.threshold[id];
    const column = columns[f];
    nodes.push({
      id,
      feature: column.name,
      left,
      right,
      samples,
      ...(column.levels
        ? { leftCategories: column.levels.filter((_, code) => code < threshold) }
        : { threshold, comparison: '<' as const }),
    });
  }

  return {
    nodes,
    path(x) {
      const path = [0];
      let node = 0;
      while (t.feature[node] >= 0) {
        node = x[t.feature[node]] < t.threshold[node] ? t.left[node] : t.right[node];
        path.push(node);
      }
      return path;
    },
  };
}
