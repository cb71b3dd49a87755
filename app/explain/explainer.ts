/**
 * SHAP attributions for every model Sapling trains, in the model's own matrix columns.
 *
 * Units — what the attributions add up to (base value + Σ contributions = output, to rounding):
 * Which method applies is each model's declared `explainer` (app/models/catalog/<id>.ts).
 * - `tree`, `forest`, `extra-trees`, `mljs-tree`, `mljs-forest`: class **probabilities** (one output per class) or the
 *   predicted value. These models average leaf values, so the forest's SHAP is the mean of its trees'
 *   exact TreeSHAP values and stays in probability units.
 * - `boost`: the **raw margin** the trees sum (log-odds of the second class for two classes, one score per
 *   class for more) or the value. The logistic/softmax link is not additive, so attributions in
 *   probability units would no longer be exact Shapley values of anything; we explain the margin and say so.
 * - `linear`: exact linear SHAP, coefficient × (x − training mean) on the standardized inputs, on the
 *   logit (classification) or the value (ridge); the base value is the intercept.
 *
 * A one-output binary model (boost, linear) explains the log-odds of `outputClass[0]`; the other class's
 * log-odds is its negation (`complement`).
 */
import { isEngineModel } from '../engine/fitted.js';
import { goesLeft, type TreeEnsemble } from '../engine/ensemble.js';
import { modelDescription } from '../models/catalog/index.js';
import { treeFromJSON } from '../models/mljs/cart-json.js';
import type { CompactTree } from '../models/compact-tree.js';
import type { FittedModel } from '../models/estimator.js';
import { SaplingError } from '../util/errors.js';
import { expectedValue, treeDepth, type ShapTree } from './tree-shap.js';
import { FastShapScratch, fastShapCost, fastTreeShapInto } from './tree-shap-fast.js';
import type { ShapUnits } from '../result/explain.js';
export type { ShapUnits };

export interface ModelExplainer {
  readonly method: 'tree-shap' | 'linear-shap';
  readonly units: ShapUnits;
  /** Matrix columns the attributions are over. */
  readonly cols: number;
  /** Per output, the class code it stands for (classification) or −1 (regression). */
  readonly outputClass: Int32Array;
  /** One-output binary classifiers: the class whose log-odds is the negated output; else −1. */
  readonly complement: number;
  /** Relative cost of explaining one row (Σ over trees of nodes × quadrature nodes × outputs, see fastShapCost): how many rows a budget affords. */
  readonly costPerRow: number;
  /** E[output] per output: the prediction with no feature known. */
  readonly baseValue: Float64Array;
  /** cols × outputs attributions (row-major: phi[col · outputs + o]) of the row at x[offset …]. */
  shap(x: Float64Array, offset: number): Float64Array;
  /** The explained outputs of the row (probabilities, raw margins or value). */
  output(x: Float64Array, offset: number): Float64Array;
}

/** The explainer for a fitted model; every Sapling model has one. */
export function explainerFor(model: FittedModel): ModelExplainer {
  const cached = cache.get(model);
  if (cached) return cached;
  const made = build(model);
  cache.set(model, made);
  return made;
}

const cache = new WeakMap<FittedModel, ModelExplainer>();

function build(model: FittedModel): ModelExplainer {
  const cols = model.featureNames.length;
  const classes = model.classes?.length ?? 0;
  // The method is the one the model declares (its catalog entry); the inputs come from its fitted trees or
  // its saved state, read by shape rather than by model id.
  const method = modelDescription(model.id)?.explainer;
  if (method === 'tree-shap' && isEngineModel(model)) return engineExplainer(model.ensemble, classes);
  const state = model.toJSON().state as Record<string, unknown>;
  const width = model.task === 'classification' ? classes : 1;
  const classification = model.task === 'classification';
  if (method === 'tree-shap' && 'tree' in state)
    return compactExplainer([treeFromJSON(state.tree, 'state.tree', cols, width, model.task)], classification, cols);
  if (method === 'tree-shap' && Array.isArray(state.trees)) {
    const trees = state.trees.map((t: unknown, i) => treeFromJSON(t, `state.trees[${i}]`, cols, width, model.task));
    return compactExplainer(trees, classification, cols);
  }
  if (method === 'linear-shap' && 'coef' in state) return linearExplainer(state, classification, cols);
  throw new SaplingError('BAD_INPUT', `no ${method ?? 'known'} explanation for the '${model.id}' model's state`);
}

// ---------- tree ensembles (engine) ----------

/** The explainer of an engine ensemble by itself (an engine worker explains a posted ensemble: app/compare/jobs.ts). */
export function ensembleExplainer(e: TreeEnsemble, classes: number): ModelExplainer {
  return engineExplainer(e, classes);
}

function engineExplainer(e: TreeEnsemble, classes: number): ModelExplainer {
  const c = e.combine;
  const view: ShapTree = {
    left: e.left,
    right: e.right,
    feature: e.feature,
    cover: e.cover,
    value: e.value,
    width: e.width,
    goesLeft: (node, x, offset) => goesLeft(e, node, x[offset + e.feature[node]]),
  };
  let depth = 0;
  for (let t = 0; t < e.trees; t++) depth = Math.max(depth, treeDepth(view, e.treeStart[t]));
  const scratch = new FastShapScratch(depth, e.cols, e.width);
  const outputs = c.kind === 'mean' ? e.width : c.outputs;
  // Mean: every tree writes all outputs, scaled 1/trees. Sum: tree t writes output t mod K.
  const scale = c.kind === 'mean' ? 1 / e.trees : 1;
  const target = (t: number): number => (c.kind === 'mean' ? 0 : t % c.outputs);
  const baseValue = new Float64Array(outputs);
  if (c.kind === 'sum') baseValue.set(c.base);
  for (let t = 0; t < e.trees; t++) expectedValue(view, e.treeStart[t], baseValue, target(t), scale);
  let outputClass: Int32Array;
  let complement = -1;
  if (c.kind === 'mean')
    outputClass = classes > 0 ? Int32Array.from({ length: classes }, (_, k) => k) : Int32Array.of(-1);
  else if (c.link === 'identity') outputClass = Int32Array.of(-1);
  else if (c.link === 'logistic') {
    outputClass = Int32Array.of(c.classMap[1]);
    complement = c.classMap[0];
  } else outputClass = Int32Array.from(c.classMap.subarray(0, c.outputs));
  let costPerRow = 0;
  for (let t = 0; t < e.trees; t++) costPerRow += fastShapCost(e.treeStart[t + 1] - e.treeStart[t], scratch.q, e.width);
  return {
    method: 'tree-shap',
    units: c.kind === 'mean' ? (classes > 0 ? 'probability' : 'value') : c.link === 'identity' ? 'value' : 'log-odds',
    cols: e.cols,
    costPerRow,
    outputClass,
    complement,
    baseValue,
    shap(x, offset) {
      const phi = new Float64Array(e.cols * outputs);
      for (let t = 0; t < e.trees; t++)
        fastTreeShapInto(view, e.treeStart[t], x, offset, phi, outputs, target(t), scale, scratch);
      return phi;
    },
    output(x, offset) {
      const out = new Float64Array(outputs);
      if (c.kind === 'sum') out.set(c.base);
      for (let t = 0; t < e.trees; t++) {
        let node = e.treeStart[t];
        while (e.left[node] >= 0) node = goesLeft(e, node, x[offset + e.feature[node]]) ? e.left[node] : e.right[node];
        for (let j = 0; j < e.width; j++) out[target(t) + j] += scale * e.value[node * e.width + j];
      }
      return out;
    },
  };
}

// ---------- ml-cart trees ----------

function compactExplainer(trees: readonly CompactTree[], classification: boolean, cols: number): ModelExplainer {
  const width = trees[0].width;
  const views: ShapTree[] = trees.map((tree) => {
    // Leaves store class counts; the model predicts count / total.
    const value = classification ? tree.value.map((v, i) => v / tree.count[Math.floor(i / width)]) : tree.value;
    return {
      left: tree.left,
      right: tree.right,
      feature: tree.feature,
      cover: tree.count,
      value,
      width,
      goesLeft: (node, x, offset) => x[offset + tree.feature[node]] < tree.threshold[node],
    };
  });
  const scratch = new FastShapScratch(Math.max(...views.map((v) => treeDepth(v, 0))), cols, width);
  const scale = 1 / trees.length;
  const baseValue = new Float64Array(width);
  for (const v of views) expectedValue(v, 0, baseValue, 0, scale);
  return {
    method: 'tree-shap',
    units: classification ? 'probability' : 'value',
    cols,
    costPerRow: views.reduce((sum, v) => sum + fastShapCost(v.left.length, scratch.q, width), 0),
    outputClass: classification ? Int32Array.from({ length: width }, (_, k) => k) : Int32Array.of(-1),
    complement: -1,
    baseValue,
    shap(x, offset) {
      const phi = new Float64Array(cols * width);
      for (const v of views) fastTreeShapInto(v, 0, x, offset, phi, width, 0, scale, scratch);
      return phi;
    },
    output(x, offset) {
      const out = new Float64Array(width);
      for (const v of views) {
        let node = 0;
        while (v.left[node] >= 0) node = v.goesLeft(node, x, offset) ? v.left[node] : v.right[node];
        for (let j = 0; j < width; j++) out[j] += scale * v.value[node * width + j];
      }
      return out;
    },
  };
}

// ---------- linear ----------

function linearExplainer(state: Record<string, unknown>, classification: boolean, cols: number): ModelExplainer {
  const means = Float64Array.from(state.means as number[]);
  const stds = Float64Array.from(state.stds as number[]);
  const coef = Float64Array.from(state.coef as number[]);
  const intercept = Float64Array.from(state.intercept as number[]);
  const present = classification ? Int32Array.from(state.present as number[]) : Int32Array.of(-1);
  const outputs = intercept.length;
  let outputClass: Int32Array;
  let complement = -1;
  if (!classification) outputClass = Int32Array.of(-1);
  else if (present.length === 2) {
    outputClass = Int32Array.of(present[1]);
    complement = present[0];
  } else outputClass = present.slice(0, outputs);
  // z has training mean 0, so E[logit] = intercept and φ_j = coef_j · z_j exactly.
  const z = (x: Float64Array, offset: number, j: number): number =>
    stds[j] > 0 ? (x[offset + j] - means[j]) / stds[j] : 0;
  return {
    method: 'linear-shap',
    units: classification ? 'log-odds' : 'value',
    cols,
    costPerRow: cols * outputs,
    outputClass,
    complement,
    baseValue: intercept.slice(),
    shap(x, offset) {
      const phi = new Float64Array(cols * outputs);
      for (let j = 0; j < cols; j++) {
        const zj = z(x, offset, j);
        for (let o = 0; o < outputs; o++) phi[j * outputs + o] = coef[o * cols + j] * zj;
      }
      return phi;
    },
    output(x, offset) {
      const out = intercept.slice();
      for (let o = 0; o < outputs; o++) for (let j = 0; j < cols; j++) out[o] += coef[o * cols + j] * z(x, offset, j);
      return out;
    },
  };
}

/** Sums matrix-column attributions (cols × outputs) into source features (one-hot levels → their column). */
export function groupAttributions(
  phi: Float64Array,
  outputs: number,
  groups: Int32Array,
  featureCount: number,
): Float64Array {
  const out = new Float64Array(featureCount * outputs);
  for (let j = 0; j < groups.length; j++)
    for (let o = 0; o < outputs; o++) out[groups[j] * outputs + o] += phi[j * outputs + o];
  return out;
}
