/**
 * From matrix-column SHAP values to what people read: per source feature (a categorical column is one
 * feature however it was encoded), for one class, and the global mean |SHAP| per feature.
 */
import { cancelled } from '../util/errors.js';
import { groupAttributions, type ModelExplainer, type ShapUnits } from './explainer.js';

/** One row's attribution for one output, per source feature: baseValue + Σ contributions = value. */
export interface RowAttribution {
  /** Class code explained (classification) or −1 (regression). */
  readonly explainedClass: number;
  readonly units: ShapUnits;
  readonly baseValue: number;
  readonly value: number;
  /** Per source feature, in feature order. */
  readonly contributions: Float64Array;
}

/**
 * Attribution of the row at x[offset …] towards class `cls` (−1 for regression). A one-output binary model
 * explains the other class's log-odds, so asking for that class negates base, value and contributions —
 * exact, since log-odds(a) = −log-odds(b).
 */
export function attributeRow(
  explainer: ModelExplainer,
  x: Float64Array,
  offset: number,
  groups: Int32Array,
  featureCount: number,
  cls: number,
): RowAttribution {
  const O = explainer.baseValue.length;
  const grouped = groupAttributions(explainer.shap(x, offset), O, groups, featureCount);
  const out = explainer.output(x, offset);
  let o = explainer.outputClass.indexOf(cls);
  let sign = 1;
  if (o < 0 && cls >= 0 && cls === explainer.complement) {
    o = 0;
    sign = -1;
  }
  // A class the model never saw in training has no output; its probability is 0 and nothing explains it.
  if (o < 0)
    return {
      explainedClass: cls,
      units: explainer.units,
      baseValue: 0,
      value: 0,
      contributions: new Float64Array(featureCount),
    };
  const contributions = new Float64Array(featureCount);
  for (let f = 0; f < featureCount; f++) contributions[f] = sign * grouped[f * O + o];
  return {
    explainedClass: cls,
    units: explainer.units,
    baseValue: sign * explainer.baseValue[o],
    value: sign * out[o],
    contributions,
  };
}

/**
 * Mean |SHAP| per source feature over the given rows of X (row-major, `cols` wide), averaged over the
 * model's outputs (for two classes in probability units both outputs have the same magnitude).
 */
export function meanAbsShap(
  explainer: ModelExplainer,
  data: Float64Array,
  cols: number,
  rows: ArrayLike<number>,
  groups: Int32Array,
  featureCount: number,
  /** Polled per row (an engine worker's stop flag): true = stop with CANCELLED. */
  shouldStop?: () => boolean,
): Float64Array {
  const O = explainer.baseValue.length;
  const total = new Float64Array(featureCount);
  if (O === 0 || rows.length === 0) return total;
  for (let k = 0; k < rows.length; k++) {
    if (shouldStop?.()) throw cancelled();
    const grouped = groupAttributions(explainer.shap(data, rows[k] * cols), O, groups, featureCount);
    for (let f = 0; f < featureCount; f++) for (let o = 0; o < O; o++) total[f] += Math.abs(grouped[f * O + o]);
  }
  for (let f = 0; f < featureCount; f++) total[f] /= rows.length * O;
  return total;
}
