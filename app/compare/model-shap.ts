/**
 * One model's global SHAP importance: mean |SHAP| per source feature on a seeded sample of each kept fold's held-out
 * rows, summarized over folds. Engine ensembles are explained as engine jobs (app/compare/jobs.ts): with a worker pool
 * the folds run on all workers at once, started as soon as the model's folds are scored (while later models fit).
 */
import type { Dataset } from '../data/dataset.js';
import { isEngineModel } from '../engine/fitted.js';
import { summarize } from '../evaluate/stats.js';
import { meanAbsShap } from '../explain/attribution.js';
import { explainerFor } from '../explain/explainer.js';
import { Pacer } from '../models/pacer.js';
import { transform } from '../pipeline/preprocess.js';
import { featureGroupsIn } from '../pipeline/pipeline.js';
import type { Fold, ModelArtifacts } from '../result/artifacts.js';
import type { ModelResult } from '../result/compare.js';
import type { ShapSection } from '../result/explain.js';
import { createRng, deriveSeed, shuffleInPlace } from '../util/random.js';
import { offThread } from './jobs.js';

/**
 * Work budget per model for the global SHAP, in fastShapCost units (per row Σ over trees of nodes × quadrature
 * nodes × (outputs + 1); 4–8 ns each measured here): every model gets about 1.5–3 s of one core, so a 100-tree
 * forest of fully grown trees on credit_data (~2·10⁶ per row, ~10 ms) explains fewer rows than a single tree — never
 * fewer than MIN_SHAP_ROWS per fold. A budget of work rather than of seconds: the same seed explains the same rows on
 * any machine, loaded or not.
 */
export const SHAP_BUDGET = 4e8;
const MIN_SHAP_ROWS = 20;

export type ModelShap = ShapSection['models'][number];

export interface ShapInputs {
  readonly dataset: Dataset;
  readonly features: readonly string[];
  /** The kept folds (the first repeat), whose pipelines the artifacts hold. */
  readonly folds: readonly Fold[];
}

/** Rows per fold explained for a model: the requested cap, or fewer when the budget affords fewer. */
export function shapRowsPerFold(a: ModelArtifacts, rowsPerFold: number): number {
  const cost = Math.max(...a.pipelines.map((p) => explainerFor(p.model).costPerRow), 1);
  const affordable = Math.max(MIN_SHAP_ROWS, Math.floor(SHAP_BUDGET / (a.pipelines.length * cost)));
  return Math.min(rowsPerFold, affordable);
}

/**
 * Starts (engine models: all folds at once on the workers) and completes one model's SHAP summary. `pacer`: in-thread
 * work pauses between folds so a cancel can land.
 */
export async function modelShap(
  m: ModelResult,
  a: ModelArtifacts,
  inputs: ShapInputs,
  rowsPerFold: number,
  seed: number,
  signal?: AbortSignal,
  pacer: Pacer = new Pacer(signal),
): Promise<ModelShap> {
  const { dataset, features, folds } = inputs;
  const perFold = shapRowsPerFold(a, rowsPerFold);
  let explained: { units: ModelShap['units']; method: ModelShap['method'] } = { units: 'value', method: 'tree-shap' };
  const perFoldShap: Promise<Float64Array>[] = [];
  for (const [f, pipeline] of a.pipelines.entries()) {
    const rows = sampleRows(folds[f].test, perFold, deriveSeed(seed, 7, f));
    const X = transform(pipeline.preprocessor, dataset, rows);
    const explainer = explainerFor(pipeline.model);
    explained = { units: explainer.units, method: explainer.method };
    const groups = featureGroupsIn(pipeline, features);
    const model = pipeline.model;
    if (isEngineModel(model)) {
      const job = offThread(
        'shap',
        {
          ensemble: model.ensemble,
          classes: model.classes?.length ?? 0,
          X: { data: X.data, rows: X.rows, cols: X.cols },
          groups,
          featureCount: features.length,
        },
        signal,
      );
      job.catch(() => undefined); // awaited below, after the other folds have started
      perFoldShap.push(job);
    } else {
      await pacer.breathe();
      const all = Int32Array.from({ length: X.rows }, (_, i) => i);
      perFoldShap.push(Promise.resolve(meanAbsShap(explainer, X.data, X.cols, all, groups, features.length)));
    }
    await pacer.breathe();
  }
  const perFeature: number[][] = features.map(() => []);
  for (const values of await Promise.all(perFoldShap)) values.forEach((v, j) => perFeature[j].push(v));
  const meanAbs = features.map((feature, j) => {
    const s = summarize(perFeature[j]);
    return { feature, mean: s.mean, std: s.std };
  });
  return { id: m.id, method: explained.method, units: explained.units, rowsPerFold: perFold, meanAbs };
}

/** A seeded sample of at most n rows, kept in ascending order. */
function sampleRows(rows: Int32Array, n: number, seed: number): Int32Array {
  if (rows.length <= n) return rows;
  return shuffleInPlace(rows.slice(), createRng(seed)).subarray(0, n).sort();
}
