/**
 * The fair comparison: every model is trained and scored on exactly the same folds (a paired design),
 * with preprocessing fitted inside each training fold, and judged by the same metrics, intervals,
 * costs and importances.
 */
import { baselineResult } from '../answer/baseline.js';
import { choosePrimaryMetric } from '../answer/primary-metric.js';
import { recommend } from '../answer/recommend.js';
import { preTrainingChecks } from '../data/checks.js';
import { leakageCheck } from '../data/profile.js';
import type { Column, Dataset } from '../data/dataset.js';
import { Pacer } from '../models/pacer.js';
import { featureColumns, prepareTarget, requireColumn } from '../data/target.js';
import { predictionAgreement } from '../evaluate/prediction-agreement.js';
import { timed, type StageClock } from '../evaluate/stages.js';
import { groupLabels } from '../explain/subgroups.js';
import type { LlmRuntime } from '../llm/evaluate.js';
import type { Target, Task } from '../models/matrix.js';
import type { ComparisonArtifacts, ModelArtifacts } from '../result/artifacts.js';
import type { RowId } from '../result/pre-trained.js';
import type { CompareResult, ModelResult, PartialLeaderboard } from '../result/compare.js';
import { RESULT_FORMAT, RESULT_VERSION } from '../result/compare.js';
import {
  DEFAULT_FOLDS,
  DEFAULT_MODELS,
  DEFAULT_PERMUTATION_REPEATS,
  DEFAULT_ROPE,
  DEFAULT_SHAP_ROWS,
  type CompareSettings,
} from '../settings/compare.js';
import { SaplingError } from '../util/errors.js';
import { liveWarnings, warning, type Warning } from '../util/warnings.js';
import { SAPLING_VERSION } from '../version.js';
import { evaluateModel, type ModelOutcome, type RowSource } from './evaluate-model.js';
import { explainSections } from './explanations.js';
import { MeasuredEta } from './eta.js';
import { modelShap, type ModelShap } from './model-shap.js';
import { getEngineRunner } from '../engine/parallel.js';
import { makeFolds } from './folds.js';
import { llmVerdicts } from './llm-verdicts.js';
import { runLlmSection } from './llm.js';
import { llmModelRows } from './llm-rows.js';
import { llmStanding } from '../answer/llm-standing.js';
import {
  checkPreTrained,
  overlapWarning,
  preTrainedInfo,
  withPreTrainedCaveat,
  type PreTrainedModel,
} from './pre-trained.js';

/** Share of the progress bar for training and scoring; the rest is the explanations (SHAP per model). */
const TRAIN_SHARE = 0.9;

export interface CompareProgress {
  readonly model: RowId | 'llm';
  readonly fold: number;
  readonly folds: number;
  /** Overall fraction done, in [0, 1]. */
  readonly fraction: number;
  readonly message: string;
  /** Seconds left, from the work measured so far (app/compare/eta.ts); absent until a fold has finished. */
  readonly etaSeconds?: number;
  /** Models not timed yet (not started): etaSeconds leaves them out, so it is a lower bound ("at least … left"). */
  readonly etaUntimed?: number;
  /** Set on the event a model's folds are all scored: the leaderboard so far (results as they come). */
  readonly partial?: PartialLeaderboard;
}

export interface CompareOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CompareProgress) => void;
  /** What the LLM run needs besides settings (key, fetch, cache); required when settings.llm is set. */
  readonly llm?: Omit<LlmRuntime, 'signal' | 'onProgress'>;
  /** Collects the seconds each stage takes (bench:compare); absent = nothing timed. */
  readonly stages?: StageClock;
  /** Model files scored as they are on every held-out fold, after the models trained in the run (pre-trained.ts). */
  readonly preTrained?: readonly PreTrainedModel[];
}

export async function compareModels(
  input: Dataset,
  settings: CompareSettings,
  options: CompareOptions = {},
): Promise<CompareResult> {
  return (await runComparison(input, settings, options)).result;
}

export async function runComparison(
  input: Dataset,
  settings: CompareSettings,
  options: CompareOptions = {},
): Promise<{ result: CompareResult; artifacts: ComparisonArtifacts }> {
  const modelIds = settings.models ?? DEFAULT_MODELS;
  const preTrained = options.preTrained ?? [];
  if (modelIds.length + preTrained.length === 0) throw new SaplingError('BAD_PARAMETER', 'choose at least one model');
  const rowIds: RowId[] = [...modelIds, ...preTrained.map((p) => p.id)];
  const twice = rowIds.find((id, i) => rowIds.indexOf(id) !== i);
  // One row per model: a repeated id would train the same model twice and show it twice on the leaderboard.
  if (twice !== undefined) throw new SaplingError('BAD_PARAMETER', `model '${twice}' is listed twice`);
  const prepared = prepareTarget(input, settings.target, settings.task);
  const dataset = prepared.dataset;
  const target = prepared.target;
  const features = featureColumns(dataset, settings.target, [...(settings.exclude ?? [])]).map((c) => c.name);
  if (features.length === 0) {
    throw new SaplingError(
      'BAD_INPUT',
      `${dataset.source.fileName} has no usable feature columns besides the target '${settings.target}'`,
    );
  }
  // A model file that cannot be scored on these rows fails now, before any training.
  for (const model of preTrained) checkPreTrained(model, dataset, settings.target, target, features);
  // Checks before training (app/answer/checks.ts): a near-constant target needs confirming; columns that look
  // like protected attributes are named, and get per-group error rates unless the settings list other columns.
  const checks = preTrainingChecks(dataset, settings.target, settings.exclude ?? []);
  if (checks.target?.kind === 'near-constant' && !settings.confirmTarget)
    throw new SaplingError(
      'BAD_PARAMETER',
      `${checks.target.message} (sapling compare --confirm-target; in the app, Train anyway)`,
      { file: dataset.source.fileName },
    );
  const subgroupColumns = settings.subgroups ?? checks.protected.map((p) => p.column);
  // Subgroup columns are checked before any training, so a typo fails in a second, not after the run.
  for (const column of subgroupColumns) groupLabels(dataset, column);
  const split = timed(options.stages, 'folds', () => makeFolds(target, dataset.rowCount, settings));
  // With repeated k-fold, artifacts (fold pipelines, out-of-fold predictions) come from the first repeat.
  const firstRepeat =
    settings.holdout !== undefined ? split.folds.length : Math.min(split.folds.length, settings.folds ?? DEFAULT_FOLDS);
  // A near-perfect score is only good news if no column leaks the answer: say so next to the leaderboard.
  const leaks = liveWarnings(
    await pacedLeakageWarnings(dataset, requireColumn(dataset, settings.target), target.task, options.signal),
    (c) => features.includes(c),
  );
  const warnings: Warning[] = [
    ...dataset.warnings,
    ...prepared.warnings,
    ...split.warnings,
    ...leaks,
    ...checks.warnings,
  ];
  const repeats = settings.permutationRepeats ?? DEFAULT_PERMUTATION_REPEATS;
  const primary = choosePrimaryMetric(target.task, classCounts(target));
  const primaryMetric = primary.metric;

  const results: ModelResult[] = [];
  const artifacts = new Map<RowId, ModelArtifacts>();
  if (settings.llm && !options.llm)
    throw new SaplingError('BAD_PARAMETER', 'an LLM run needs its runtime (options.llm)');
  // Progress: training, then the LLM (when configured), then the explanations (the last 10%).
  const treeShare = settings.llm ? TRAIN_SHARE / 2 : TRAIN_SHARE;
  const eta = new MeasuredEta(rowIds.length, split.folds.length);
  // A model's row is announced while the next model already fits, so fractions can arrive out of order: keep the bar
  // moving forward only.
  let shownFraction = 0;
  const report = (progress: CompareProgress): void => {
    if (!options.onProgress) return;
    shownFraction = Math.max(shownFraction, progress.fraction);
    const left = eta.remainingSeconds();
    const untimed = eta.untimed();
    options.onProgress({
      ...progress,
      fraction: shownFraction,
      ...(left !== undefined ? { etaSeconds: left, ...(untimed > 0 ? { etaUntimed: untimed } : {}) } : {}),
    });
  };
  const shapInputs = { dataset, features, folds: split.folds.slice(0, firstRepeat) };
  const shapRows = settings.shapRows ?? DEFAULT_SHAP_ROWS;
  const startedShap = new Map<RowId, Promise<ModelShap>>();
  // Each model's outcome, announced in training order as soon as it and the models before it are complete.
  const outcomes: Promise<ModelOutcome>[] = [];
  const announced: ModelResult[] = [];
  const sources: RowSource[] = [
    ...modelIds.map((id): RowSource => ({ kind: 'fit', id, params: settings.params?.[id] })),
    ...preTrained.map((model): RowSource => ({ kind: 'pre-trained', model, info: preTrainedInfo(model, dataset) })),
  ];
  for (const [m, source] of sources.entries()) {
    const rowId = rowIds[m];
    eta.modelStarted(m);
    const step = (fold: number, inner: number, message: string): void => {
      // evaluateModel reports inner = 1 once per fold, when that fold is fitted and scored.
      if (inner >= 1) eta.foldDone(m);
      else eta.foldProgress(m, inner);
      report({
        model: rowId,
        fold,
        folds: split.folds.length,
        fraction: (treeShare * (m * split.folds.length + fold + inner)) / (sources.length * split.folds.length),
        message,
      });
    };
    const { rest } = await evaluateModel(source, dataset, settings.target, target, features, split.folds, {
      seed: settings.seed,
      repeats,
      latencyCalls: settings.latencyCalls ?? 200,
      keptFolds: firstRepeat,
      signal: options.signal,
      step,
      stages: options.stages,
    });
    const previous = outcomes.at(-1);
    const shown = Promise.all([rest, previous]).then(([outcome]) => {
      announced.push(outcome.result);
      // With workers, the model's SHAP values start now, beside the later models' fits (model-shap.ts).
      if (getEngineRunner()) {
        const shap = modelShap(outcome.result, outcome.artifacts, shapInputs, shapRows, settings.seed, options.signal);
        shap.catch(() => undefined); // awaited by the explanations; must not go unhandled if training fails first
        startedShap.set(rowId, shap);
      }
      report({
        model: rowId,
        fold: split.folds.length - 1,
        folds: split.folds.length,
        fraction: (treeShare * (m + 1)) / sources.length,
        message: `${outcome.result.label}: all ${split.folds.length} folds scored (${m + 1} of ${sources.length} models)`,
        partial: { task: target.task, primaryMetric, models: [...announced], of: sources.length },
      });
      return outcome;
    });
    shown.catch(() => undefined); // awaited after the loop; a failure must not go unhandled while later models fit
    outcomes.push(shown);
  }
  for (const [m, { result, artifacts: modelArtifacts }] of (await Promise.all(outcomes)).entries()) {
    for (const note of result.notes)
      if (!warnings.some((w) => w.message === `${result.label}: ${note}`))
        warnings.push(warning('model-note', `${result.label}: ${note}`));
    const overlap = result.preTrained && overlapWarning(result.label, result.preTrained, dataset.source.fileName);
    if (overlap) warnings.push(warning('pre-trained-overlap', overlap));
    results.push(result);
    artifacts.set(rowIds[m], modelArtifacts);
  }
  // The LLM is asked about the first repeat's test folds: the ones whose fold models and out-of-fold
  // predictions the cascade and the distilled tree are compared with.
  const llmStarted = options.stages?.start() ?? 0;
  const llm = settings.llm
    ? await runLlmSection(
        { dataset, targetName: settings.target, target, features, folds: split.folds.slice(0, firstRepeat) },
        settings.llm,
        {
          ...options.llm!,
          signal: options.signal,
          onProgress: (f, message) =>
            options.onProgress?.({
              model: 'llm',
              fold: 0,
              folds: split.folds.length,
              fraction: treeShare + (TRAIN_SHARE - treeShare) * f,
              message,
            }),
        },
        artifacts,
        { results, params: settings.params, seed: settings.seed },
      )
    : undefined;
  options.stages?.stop('llm', llmStarted);
  if (llm) for (const note of llm.llm.notes) warnings.push(warning('llm-note', `${llm.llm.label}: ${note}`));

  const repeatsRun = split.folds.length / firstRepeat;
  const folds = split.folds.slice(0, firstRepeat);
  const artifactsOut: ComparisonArtifacts = {
    dataset,
    fileRows: prepared.fileRows,
    target,
    features,
    folds,
    models: artifacts,
  };
  const testFraction = settings.holdout !== undefined ? settings.holdout : 1 / firstRepeat;
  const sections = await explainSections(
    results,
    artifactsOut,
    { ...settings, subgroups: subgroupColumns, primaryMetric, testFraction },
    options.signal,
    (i, label) => {
      eta.explainDone();
      eta.explainStarted();
      report({
        model: rowIds[i],
        fold: split.folds.length - 1,
        folds: split.folds.length,
        fraction: TRAIN_SHARE + ((1 - TRAIN_SHARE) * i) / rowIds.length,
        message: `${label}: explaining held-out rows (exact SHAP)`,
      });
    },
    options.stages,
    startedShap,
  );
  eta.explainDone();
  // Each model against the LLM, on the rows the LLM was asked about.
  const verdicts = llm
    ? [
        ...sections.verdicts,
        ...llmVerdicts(results, artifactsOut, llm.answers, llm.llm.label, {
          testFraction,
          rope: settings.rope ?? DEFAULT_ROPE,
        }),
      ]
    : sections.verdicts;
  const baseline = baselineResult(target, split.folds, firstRepeat);
  // A model file trained on these very rows scored them in-sample: it stays on the leaderboard, labelled, but is never the answer.
  const candidates = results.filter((r) => r.preTrained?.overlap !== 'same-file');
  const recommended = withPreTrainedCaveat(
    recommend(candidates, sections.verdicts, baseline, primary, {
      testFraction,
      rope: settings.rope ?? DEFAULT_ROPE,
    }),
    results,
  );
  // The LLM is never a candidate (it is scored on a sample, not every test row), but the answer says where it stands.
  const llmModels = llm ? llmModelRows(llm.llm) : [];
  const oof = recommended && artifacts.get(recommended.modelId as RowId)?.oofPredictions;
  const standing =
    recommended && oof && target.task === 'classification'
      ? llmStanding(
          recommended,
          llmModels,
          { oof, truth: target.codes },
          (llm?.answers ?? []).map((a) => a.row),
        )
      : undefined;
  const recommendation = recommended && standing ? { ...recommended, llm: standing } : recommended;
  const agreement = predictionAgreement(
    results.map((r) => ({ id: r.id, label: r.label, oof: artifacts.get(r.id)!.oofPredictions })),
    target.task,
  );
  options.onProgress?.({
    model: rowIds[rowIds.length - 1],
    fold: split.folds.length - 1,
    folds: split.folds.length,
    fraction: 1,
    message: 'Comparison done',
    etaSeconds: 0,
  });

  const result: CompareResult = {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    sapling: SAPLING_VERSION,
    dataset: {
      fileName: dataset.source.fileName,
      sha256: dataset.source.sha256,
      rows: dataset.rowCount,
      rowsInFile: input.rowCount,
      columns: input.columns.length,
      target: settings.target,
      task: target.task,
      ...(target.task === 'classification' ? { classes: target.classes } : {}),
      features,
    },
    settings: {
      ...(settings.holdout !== undefined ? { holdout: settings.holdout } : { folds: firstRepeat }),
      seed: settings.seed,
      models: [...modelIds],
      ...(preTrained.length > 0 ? { preTrained: preTrained.map((p) => p.id) } : {}),
      permutationRepeats: repeats,
      excluded: [...(settings.exclude ?? [])],
      ...(repeatsRun > 1 ? { repeats: repeatsRun } : {}),
      ...(settings.rope !== undefined ? { rope: settings.rope } : {}),
      ...(settings.calibrate ? { calibrate: settings.calibrate } : {}),
      ...(subgroupColumns.length > 0 ? { subgroups: [...subgroupColumns] } : {}),
      ...(settings.confirmTarget ? { confirmTarget: true } : {}),
    },
    primaryMetric,
    primaryMetricReason: primary.reason,
    ...(recommendation ? { recommendation } : {}),
    protectedColumns: checks.protected,
    warnings,
    baseline,
    // The LLM's rows after the trained models: ranked with them on the leaderboard, each scored on its sample.
    models: [...results, ...llmModels],
    ...(agreement ? { predictionAgreement: agreement } : {}),
    ...sections,
    verdicts,
    ...(llm
      ? {
          llm: llm.llm,
          ...(llm.cascade ? { cascade: llm.cascade } : {}),
          ...(llm.distilled ? { distilled: llm.distilled } : {}),
        }
      : {}),
  };
  return {
    result,
    artifacts: { ...artifactsOut, ...(llm ? { llmAnswers: llm.answers, llmCacheKeys: llm.cacheKeys } : {}) },
  };
}

/** Rows per class, in class order (the primary metric's imbalance rule reads this). */
function classCounts(target: Target): { label: string; count: number }[] | undefined {
  if (target.task !== 'classification') return undefined;
  const counts = target.classes.map((label) => ({ label, count: 0 }));
  for (const c of target.codes) counts[c].count++;
  return counts;
}

/** The leakage warnings, with a pause between features: at 1M rows the check takes seconds before the first fold. */
async function pacedLeakageWarnings(
  dataset: Dataset,
  target: Column,
  task: Task,
  signal: AbortSignal | undefined,
): Promise<Warning[]> {
  const check = leakageCheck(dataset, target, task);
  const pacer = new Pacer(signal);
  const out: Warning[] = [];
  for (const f of check.features) {
    await pacer.breathe();
    const w = check.warn(f);
    if (w) out.push(w);
  }
  return out;
}
