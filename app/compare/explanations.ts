/**
 * The explanation sections of a comparison (`shap`, `verdicts`, `calibration`, `subgroups` in the
 * CompareResult), computed from what runComparison leaves behind: the fold pipelines, the folds and the
 * out-of-fold predictions. Every number here is a function of the data, the settings and the seed.
 */
import { columnByName, type Dataset } from '../data/dataset.js';
import { distinctCount } from '../data/profile.js';
import type { ComparisonArtifacts } from '../result/artifacts.js';
import type { ModelResult } from '../result/compare.js';
import type { RowId } from '../result/pre-trained.js';
import { modelShap, type ModelShap } from './model-shap.js';
import { DEFAULT_ROPE, DEFAULT_SHAP_ROWS } from '../settings/compare.js';
import { Pacer } from '../models/pacer.js';
import { timed, type StageClock } from '../evaluate/stages.js';
import { agreement } from '../explain/agreement.js';
import { crossFitCalibration, summarizeCalibration, type CalibrationMethod } from '../explain/calibration.js';
import { classificationGroups, groupLabels, regressionGroups, type SubgroupReport } from '../explain/subgroups.js';
import { pairedTest, type PairedTest } from '../explain/verdict.js';
import type { CalibrationSection, ModelCalibration, ShapSection, Verdict } from '../result/explain.js';
export type { CalibrationSection, ModelCalibration, ShapSection, Verdict };

export interface ExplainSettings {
  readonly shapRows?: number;
  readonly rope?: number;
  readonly calibrate?: CalibrationMethod;
  readonly subgroups?: readonly string[];
}

export interface ExplainSections {
  readonly shap: ShapSection;
  readonly verdicts: readonly Verdict[];
  readonly calibration?: CalibrationSection;
  readonly subgroups?: readonly SubgroupReport[];
}

export const SHAP_NOTE =
  'Exact TreeSHAP (path-dependent) for tree models, exact linear SHAP for the linear model, on held-out rows of each fold; ' +
  'units: probability for tree, forest and the ml-cart trees, log-odds (raw margin) for boosting and logistic regression, target units for regression. ' +
  'Rank comparisons are unit-free.';

export async function explainSections(
  models: readonly ModelResult[],
  artifacts: ComparisonArtifacts,
  settings: ExplainSettings & { readonly seed: number; readonly primaryMetric: string; readonly testFraction: number },
  signal?: AbortSignal,
  /** Called before each model's SHAP values are computed (the slow part). */
  onModel?: (index: number, label: string) => void,
  /** Collects each section's seconds (bench:compare). */
  stages?: StageClock,
  /** Models whose SHAP summary is already under way (started on the workers as their folds finished). */
  started?: ReadonlyMap<RowId, Promise<ModelShap>>,
): Promise<ExplainSections> {
  const shapStarted = stages?.start() ?? 0;
  const shap = await shapSection(
    models,
    artifacts,
    settings.shapRows ?? DEFAULT_SHAP_ROWS,
    settings.seed,
    signal,
    onModel,
    started,
  );
  stages?.stop('shap', shapStarted);
  const verdicts = timed(stages, 'verdicts', () =>
    verdictsOf(models, settings.primaryMetric, settings.testFraction, settings.rope ?? DEFAULT_ROPE),
  );
  const calibration = timed(stages, 'calibration', () =>
    artifacts.target.task === 'classification' ? calibrationSection(models, artifacts, settings.calibrate) : undefined,
  );
  const subgroups =
    settings.subgroups && settings.subgroups.length > 0
      ? subgroupSection(models, artifacts, settings.subgroups)
      : undefined;
  return { shap, verdicts, ...(calibration ? { calibration } : {}), ...(subgroups ? { subgroups } : {}) };
}

async function shapSection(
  models: readonly ModelResult[],
  artifacts: ComparisonArtifacts,
  rowsPerFold: number,
  seed: number,
  signal?: AbortSignal,
  onModel?: (index: number, label: string) => void,
  started?: ReadonlyMap<RowId, Promise<ModelShap>>,
): Promise<ShapSection> {
  const { dataset, features, folds } = artifacts;
  // Pauses between models and folds so a cancel can land mid-explanation (the worker's abort arrives as an event).
  const pacer = new Pacer(signal);
  const out: ModelShap[] = [];
  for (const [index, m] of models.entries()) {
    onModel?.(index, m.label);
    await pacer.pause();
    out.push(
      await (started?.get(m.id) ??
        modelShap(m, artifacts.models.get(m.id)!, { dataset, features, folds }, rowsPerFold, seed, signal, pacer)),
    );
  }
  const importances = models.map((m, i) => ({
    id: m.id,
    label: m.label,
    shap: out[i].meanAbs.map((e) => e.mean),
    permutation: m.importance.permutation.map((e) => e.mean),
    impurity: m.importance.impurity ? m.importance.impurity.map((e) => e.mean) : null,
  }));
  return {
    rowsPerFold,
    note: SHAP_NOTE,
    models: out,
    agreement: agreement(features, importances, await distinctCounts(dataset, features, pacer)),
  };
}

/** Each feature's distinct values (a sort of the column each: a pause between them, as at 1M rows they add up). */
async function distinctCounts(dataset: Dataset, features: readonly string[], pacer: Pacer): Promise<number[]> {
  const out: number[] = [];
  for (const name of features) {
    await pacer.breathe();
    out.push(distinctCount(columnByName(dataset, name)!));
  }
  return out;
}

function verdictsOf(models: readonly ModelResult[], metric: string, testFraction: number, rope: number): Verdict[] {
  const ranked = [...models].sort(
    (x, y) => (y.metrics[metric]?.mean ?? -Infinity) - (x.metrics[metric]?.mean ?? -Infinity),
  );
  const verdicts: Verdict[] = [];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const a = ranked[i];
      const b = ranked[j];
      const test = pairedTest(
        a.folds.map((f) => f[metric]),
        b.folds.map((f) => f[metric]),
        testFraction,
        rope,
      );
      verdicts.push({
        a: a.id,
        b: b.id,
        metric,
        rope,
        ...test,
        text: verdictText(a.label, b.label, metric, rope, test),
      });
    }
  }
  return verdicts;
}

function points(metric: string, v: number): string {
  return metric === 'accuracy'
    ? `${(100 * v).toFixed(1)} point${Math.abs(100 * v - 1) < 1e-9 ? '' : 's'}`
    : v.toFixed(3);
}

export function verdictText(a: string, b: string, metric: string, rope: number, t: PairedTest): string {
  if (!(t.splits > 1)) return `${a} vs ${b}: one split only, no test possible (use k-fold)`;
  const p = t.p < 0.001 ? 'p < 0.001' : `p = ${t.p.toFixed(3)}`;
  const head =
    t.p < 0.05
      ? `${a} beats ${b} on ${metric} by ${points(metric, t.meanDifference)} (${p})`
      : `${a} vs ${b}: no significant difference in ${metric} (${a} ahead by ${points(metric, t.meanDifference)}, ${p})`;
  return `${head}; ${a} ≈ ${b} within ${points(metric, rope)}: probability ${t.probabilities.equivalent.toFixed(2)}`;
}

function calibrationSection(
  models: readonly ModelResult[],
  artifacts: ComparisonArtifacts,
  method?: CalibrationMethod,
): CalibrationSection {
  const target = artifacts.target as Extract<typeof artifacts.target, { task: 'classification' }>;
  const k = target.classes.length;
  const event = k === 2 ? `P(${target.classes[1]})` : 'confidence in the predicted class';
  const out: ModelCalibration[] = [];
  for (const m of models) {
    const a = artifacts.models.get(m.id)!;
    const proba = a.oofProba!;
    const rows: number[] = [];
    for (let i = 0; i < a.oofPredictions.length; i++) if (!Number.isNaN(a.oofPredictions[i])) rows.push(i);
    const raw = summarizeCalibration(target.codes, proba, k, rows, event);
    if (method && k === 2 && artifacts.folds.length > 1) {
      const recal = crossFitCalibration(target.codes, proba, artifacts.folds, method);
      out.push({ id: m.id, raw, calibrated: summarizeCalibration(target.codes, recal, k, rows, event) });
    } else out.push({ id: m.id, raw });
  }
  const note =
    'Out-of-fold probabilities, 10 equal-width bins; ECE = Σ (bin share) · |observed − predicted|. ' +
    (method
      ? k === 2
        ? `${method === 'isotonic' ? 'Isotonic' : 'Platt'} recalibration is cross-fitted: each fold's map is fitted on the other folds' out-of-fold probabilities only.`
        : 'Recalibration is offered for two classes only.'
      : '');
  return { ...(method ? { method } : {}), note: note.trim(), models: out };
}

function subgroupSection(
  models: readonly ModelResult[],
  artifacts: ComparisonArtifacts,
  columns: readonly string[],
): SubgroupReport[] {
  const { dataset, target } = artifacts;
  return columns.map((column) => {
    const labels = groupLabels(dataset, column);
    if (target.task === 'classification') {
      const positive = target.classes.length - 1;
      return {
        column,
        positiveClass: target.classes[positive],
        models: models.map((m) => ({
          model: m.id,
          ...classificationGroups(labels, target.codes, artifacts.models.get(m.id)!.oofPredictions, positive),
        })),
      };
    }
    return {
      column,
      models: models.map((m) => ({
        model: m.id,
        ...regressionGroups(labels, target.values, artifacts.models.get(m.id)!.oofPredictions),
      })),
    };
  });
}
