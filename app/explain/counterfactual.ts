/**
 * The nearest counterfactual: the smallest change to one or two features that flips a model's decision,
 * searched among plausible values only — values the feature took in the training rows (for numbers: up
 * to CANDIDATES quantiles, plus, for the engine's trees, the training values right on either side of every
 * split threshold, which are exactly where decisions can change).
 *
 * Distance: a number's change in units of its training interquartile range (its standard deviation if the
 * IQR is 0); a category change counts 1. One-feature changes are tried first, then pairs among the
 * features with the largest |SHAP| for the row. Classification only.
 */
import type { Dataset } from '../data/dataset.js';
import { booleanLabel, columnByName } from '../data/dataset.js';
import { isEngineModel } from '../engine/fitted.js';
import { FLAG_CATEGORICAL } from '../engine/tree-store.js';
import { percentile } from '../evaluate/stats.js';
import { featureGroups, transform } from '../pipeline/preprocess.js';
import { SaplingError } from '../util/errors.js';
import type { DecisionModel } from './decision.js';
import { explainMatrix } from './decision.js';
import { datasetFromValues, type RowValues } from './rows.js';
import type { Change, Counterfactual } from '../result/explain.js';
export type { Change, Counterfactual };

const CANDIDATES = 32;
/** Pairs are searched among this many features (largest |SHAP| first). */
const PAIR_FEATURES = 6;
const PAIR_CANDIDATES = 12;

interface Candidate {
  readonly text: string;
  readonly cost: number;
}

/** Null when no change of at most two features (among plausible values) flips the decision. */
export function nearestCounterfactual(
  model: DecisionModel,
  like: Dataset,
  trainRows: Int32Array,
  values: RowValues,
): Counterfactual | null {
  const { pipeline } = model;
  if (pipeline.target.task !== 'classification')
    throw new SaplingError('BAD_INPUT', 'counterfactuals need a classification model');
  const classes = pipeline.target.classes ?? [];
  const features = pipeline.features;
  const base = explainMatrix(
    model,
    transform(pipeline.preprocessor, datasetFromValues(like, [values])),
    (_, f) => values[f] ?? '',
    features.length,
  )[0];
  const thresholds = splitThresholds(model);
  const candidates = features.map((f, j) => candidatesFor(like, f, trainRows, values[f] ?? '', thresholds[j]));

  const trial: { changes: Change[]; cost: number }[] = [];
  features.forEach((f, j) => {
    for (const c of candidates[j])
      trial.push({ changes: [{ feature: f, from: values[f] ?? '', to: c.text }], cost: c.cost });
  });
  const ranked = features
    .map((_, j) => j)
    .sort((a, b) => Math.abs(base.contributions[features[b]]) - Math.abs(base.contributions[features[a]]) || a - b);
  const pairFeatures = ranked.slice(0, PAIR_FEATURES);
  for (let p = 0; p < pairFeatures.length; p++) {
    for (let q = p + 1; q < pairFeatures.length; q++) {
      const [a, b] = [pairFeatures[p], pairFeatures[q]];
      for (const ca of nearest(candidates[a], PAIR_CANDIDATES)) {
        for (const cb of nearest(candidates[b], PAIR_CANDIDATES)) {
          trial.push({
            changes: [
              { feature: features[a], from: values[features[a]] ?? '', to: ca.text },
              { feature: features[b], from: values[features[b]] ?? '', to: cb.text },
            ],
            cost: ca.cost + cb.cost,
          });
        }
      }
    }
  }
  if (trial.length === 0) return null;
  const rows = trial.map((t) => ({ ...values, ...Object.fromEntries(t.changes.map((c) => [c.feature, c.to])) }));
  const X = transform(pipeline.preprocessor, datasetFromValues(like, rows));
  const predicted = pipeline.model.predict(X);
  const proba = pipeline.model.predictProba(X);
  const from = classes.indexOf(base.prediction);
  let best = -1;
  for (let i = 0; i < trial.length; i++) {
    if (predicted[i] === from) continue;
    // Cheaper wins; at equal cost, fewer changes (singles come first in `trial`).
    if (best < 0 || trial[i].cost < trial[best].cost - 1e-12) best = i;
  }
  if (best < 0) return null;
  const to = predicted[best];
  return {
    model: model.id,
    from: base.prediction,
    to: classes[to],
    changes: trial[best].changes,
    distance: trial[best].cost,
    probability: proba[best * classes.length + to],
  };
}

function nearest(list: readonly Candidate[], k: number): Candidate[] {
  return [...list].sort((a, b) => a.cost - b.cost).slice(0, k);
}

/** Per source feature, the numeric split thresholds of an engine model's trees (empty for other models). */
function splitThresholds(model: DecisionModel): number[][] {
  const out: number[][] = model.pipeline.features.map(() => []);
  const fitted = model.pipeline.model;
  if (!isEngineModel(fitted)) return out;
  const groups = featureGroups(model.pipeline.preprocessor);
  const e = fitted.ensemble;
  for (let i = 0; i < e.feature.length; i++) {
    if (e.left[i] >= 0 && (e.flags[i] & FLAG_CATEGORICAL) === 0) out[groups[e.feature[i]]].push(e.threshold[i]);
  }
  return out;
}

function candidatesFor(
  like: Dataset,
  name: string,
  trainRows: Int32Array,
  current: string,
  thresholds: readonly number[],
): Candidate[] {
  const column = columnByName(like, name);
  if (!column) return [];
  if (column.storage === 'category') {
    const seen = new Set<number>();
    for (const r of trainRows) if (column.codes[r] >= 0) seen.add(column.codes[r]);
    return [...seen]
      .sort((a, b) => a - b)
      .map((c) => column.categories[c])
      .filter((t) => t !== current)
      .map((text) => ({ text, cost: 1 }));
  }
  const present: number[] = [];
  for (const r of trainRows) if (!Number.isNaN(column.values[r])) present.push(column.values[r]);
  const distinct = [...new Set(present)].sort((a, b) => a - b);
  if (distinct.length === 0) return [];
  const text = (v: number): string => (column.type === 'boolean' ? booleanLabel(column, v) : String(v));
  if (column.type === 'boolean')
    return distinct
      .map(text)
      .filter((t) => t !== current)
      .map((t) => ({ text: t, cost: 1 }));
  const chosen = new Set<number>();
  if (distinct.length <= CANDIDATES) distinct.forEach((v) => chosen.add(v));
  else
    for (let q = 0; q < CANDIDATES; q++)
      chosen.add(distinct[Math.round((q * (distinct.length - 1)) / (CANDIDATES - 1))]);
  for (const t of thresholds) {
    // The training values on either side of the threshold: the smallest changes that cross it.
    let lo = 0;
    let hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (distinct[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    if (distinct[lo] <= t) chosen.add(distinct[lo]);
    if (lo + 1 < distinct.length) chosen.add(distinct[lo + 1]);
    else if (distinct[lo] > t) chosen.add(distinct[lo]);
  }
  const iqr = percentile(present, 75) - percentile(present, 25);
  const mean = present.reduce((s, v) => s + v, 0) / present.length;
  const std = Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / present.length);
  const scale = iqr > 0 ? iqr : std > 0 ? std : 1;
  const now = Number(current);
  const hasNow = current.trim() !== '' && Number.isFinite(now);
  return [...chosen]
    .filter((v) => !hasNow || v !== now)
    .sort((a, b) => a - b)
    .map((v) => ({ text: text(v), cost: hasNow ? Math.abs(v - now) / scale : 1 }));
}
