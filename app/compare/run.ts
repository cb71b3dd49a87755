/**
 * The fair comparison: every model is trained and scored on exactly the same folds (a paired design),
 * with preprocessing fitted inside each training fold, and judged by the same metrics, intervals,
 * costs and importances.
 */
import type { Dataset } from '../data/dataset.js';
import { leakageWarnings } from '../data/profile.js';
import { featureColumns, prepareTarget, requireColumn } from '../data/target.js';
import type { FittedModel, ModelId, Params } from '../models/estimator.js';
import type { FeatureMatrix, Target } from '../models/matrix.js';
import { getRow, selectTarget } from '../models/matrix.js';
import { getModelFactory } from '../models/registry.js';
import { classCodes, Fitted } from '../models/fitted.js';
import { isEngineModel } from '../engine/fitted.js';
import { PermutedPredictor } from '../engine/permuted-predict.js';
import { featureGroupsIn, fitPipeline, pipelineToJSON } from '../pipeline/pipeline.js';
import type { TrainedPipeline } from '../pipeline/pipeline.js';
import { transform } from '../pipeline/preprocess.js';
import { SaplingError, throwIfAborted } from '../util/errors.js';
import { deriveSeed } from '../util/random.js';
import { SAPLING_VERSION } from '../version.js';
import type { ComparisonArtifacts, Fold, ModelArtifacts } from '../result/artifacts.js';
import { PRE_TRAINED_NOTE, type PreTrainedInfo, type RowId } from '../result/pre-trained.js';
import { checkPreTrained, overlapWarning, preTrainedInfo, type PreTrainedModel } from './pre-trained.js';
import {
  DEFAULT_FOLDS,
  DEFAULT_MODELS,
  DEFAULT_PERMUTATION_REPEATS,
  DEFAULT_ROPE,
  SETTINGS,
  checkSetting,
  type CompareSettings,
} from '../settings/compare.js';
import { llmVerdicts } from './llm-verdicts.js';
import { explainSections } from './explanations.js';
import { groupLabels } from '../explain/subgroups.js';
import type { LlmRuntime } from '../llm/evaluate.js';
import { runLlmSection } from './llm.js';
import { CLASSIFICATION_METRICS, REGRESSION_METRICS, accuracy, computeMetrics, r2 } from '../evaluate/metrics.js';
import { permutationDrops } from '../evaluate/permutation.js';
import type { CompareResult, ImportanceEntry, ModelResult, Summary } from '../result/compare.js';
import { RESULT_FORMAT, RESULT_VERSION } from '../result/compare.js';
import { holdout, kFold, stratifiedKFold } from '../evaluate/splits.js';
import { summarize } from '../evaluate/stats.js';
import { timed, type StageClock } from '../evaluate/stages.js';
import { measureRowLatency, measureThroughput } from '../evaluate/timing.js';
import { baselineResult } from '../answer/baseline.js';
import { preTrainingChecks } from '../data/checks.js';
import { classReport } from '../answer/class-report.js';
import { choosePrimaryMetric } from '../answer/primary-metric.js';
import { recommend } from '../answer/recommend.js';
import { modelSize } from '../answer/model-size.js';
import type { ModelSize } from '../answer/size.js';

/** Share of the progress bar for training and scoring; the rest is the explanations (SHAP per model). */
const TRAIN_SHARE = 0.9;
/** Batch throughput is timed over at least this long (it is indicative, and every model pays it). */
const THROUGHPUT_SECONDS = 0.05;
export const IMPURITY_NOTE =
  'impurity decrease on the training rows: biased towards many-valued features; prefer permutation importance';

export interface CompareProgress {
  readonly model: RowId | 'llm';
  readonly fold: number;
  readonly folds: number;
  /** Overall fraction done, in [0, 1]. */
  readonly fraction: number;
  readonly message: string;
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
  const leaks = leakageWarnings(dataset, requireColumn(dataset, settings.target), target.task).filter((w) =>
    features.some((f) => w.startsWith(`'${f}' `)),
  );
  const warnings = [...dataset.warnings, ...prepared.warnings, ...split.warnings, ...leaks, ...checks.warnings];
  const repeats = settings.permutationRepeats ?? DEFAULT_PERMUTATION_REPEATS;
  const primary = choosePrimaryMetric(target.task, classCounts(target));
  const primaryMetric = primary.metric;

  const results: ModelResult[] = [];
  const artifacts = new Map<RowId, ModelArtifacts>();
  if (settings.llm && !options.llm)
    throw new SaplingError('BAD_PARAMETER', 'an LLM run needs its runtime (options.llm)');
  // Progress: training, then the LLM (when configured), then the explanations (the last 10%).
  const treeShare = settings.llm ? TRAIN_SHARE / 2 : TRAIN_SHARE;
  const sources: RowSource[] = [
    ...modelIds.map((id): RowSource => ({ kind: 'fit', id, params: settings.params?.[id] })),
    ...preTrained.map((model): RowSource => ({ kind: 'pre-trained', model, info: preTrainedInfo(model, dataset) })),
  ];
  for (const [m, source] of sources.entries()) {
    const rowId = rowIds[m];
    const step = (fold: number, inner: number, message: string): void =>
      options.onProgress?.({
        model: rowId,
        fold,
        folds: split.folds.length,
        fraction: (treeShare * (m * split.folds.length + fold + inner)) / (sources.length * split.folds.length),
        message,
      });
    const { result, artifacts: modelArtifacts } = await evaluateModel(
      source,
      dataset,
      settings.target,
      target,
      features,
      split.folds,
      {
        seed: settings.seed,
        repeats,
        latencyCalls: settings.latencyCalls ?? 200,
        keptFolds: firstRepeat,
        signal: options.signal,
        step,
        stages: options.stages,
      },
    );
    for (const note of result.notes)
      if (!warnings.includes(`${result.label}: ${note}`)) warnings.push(`${result.label}: ${note}`);
    const overlap = result.preTrained && overlapWarning(result.label, result.preTrained, dataset.source.fileName);
    if (overlap) warnings.push(overlap);
    results.push(result);
    artifacts.set(rowId, modelArtifacts);
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
      )
    : undefined;
  options.stages?.stop('llm', llmStarted);
  if (llm) for (const note of llm.llm.notes) warnings.push(`${llm.llm.label}: ${note}`);

  const repeatsRun = split.folds.length / firstRepeat;
  const folds = split.folds.slice(0, firstRepeat);
  const artifactsOut: ComparisonArtifacts = { dataset, target, features, folds, models: artifacts };
  const testFraction = settings.holdout !== undefined ? settings.holdout : 1 / firstRepeat;
  const sections = explainSections(
    results,
    artifactsOut,
    { ...settings, subgroups: subgroupColumns, primaryMetric, testFraction },
    options.signal,
    (i, label) =>
      options.onProgress?.({
        model: rowIds[i],
        fold: split.folds.length - 1,
        folds: split.folds.length,
        fraction: TRAIN_SHARE + ((1 - TRAIN_SHARE) * i) / rowIds.length,
        message: `${label}: explaining held-out rows (exact SHAP)`,
      }),
    options.stages,
  );
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
  const recommendation = recommend(candidates, sections.verdicts, baseline, primary, {
    testFraction,
    rope: settings.rope ?? DEFAULT_ROPE,
  });
  options.onProgress?.({
    model: rowIds[rowIds.length - 1],
    fold: split.folds.length - 1,
    folds: split.folds.length,
    fraction: 1,
    message: 'Comparison done',
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
    models: results,
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

export function makeFolds(
  target: Target,
  rows: number,
  settings: CompareSettings,
): { folds: Fold[]; warnings: string[] } {
  if (settings.holdout !== undefined) {
    const labels = target.task === 'classification' ? target.codes : undefined;
    return { folds: [holdout(rows, settings.holdout, settings.seed, labels)], warnings: [] };
  }
  const k = settings.folds ?? DEFAULT_FOLDS;
  const repeats = settings.repeats ?? 1;
  if (!checkSetting('repeats', repeats).ok)
    throw new SaplingError('BAD_PARAMETER', `repeats must be ${SETTINGS.repeats.message}, got ${repeats}`);
  const folds: Fold[] = [];
  let warnings: string[] = [];
  for (let r = 0; r < repeats; r++) {
    // The first repeat uses the seed itself, so repeats = 1 gives exactly the plain k-fold split.
    const seed = r === 0 ? settings.seed : deriveSeed(settings.seed, 1000 + r);
    const drawn =
      target.task === 'classification'
        ? stratifiedKFold(target.codes, k, seed, target.classes)
        : { folds: kFold(rows, k, seed), warnings: [] };
    if (r === 0) warnings = drawn.warnings;
    for (const f of drawn.folds) folds.push({ ...f, index: r * k + f.index });
  }
  return { folds, warnings };
}

interface EvaluateContext {
  readonly seed: number;
  readonly repeats: number;
  readonly latencyCalls: number;
  /** Folds (the first repeat) whose pipelines and out-of-fold predictions are kept. */
  readonly keptFolds: number;
  readonly signal?: AbortSignal;
  readonly step: (fold: number, inner: number, message: string) => void;
  readonly stages?: StageClock;
}

/** A leaderboard row: a model trained on each training fold, or a model file scored as it is (pre-trained.ts). */
type RowSource =
  | { readonly kind: 'fit'; readonly id: ModelId; readonly params?: Params }
  | { readonly kind: 'pre-trained'; readonly model: PreTrainedModel; readonly info: PreTrainedInfo };

async function evaluateModel(
  source: RowSource,
  dataset: Dataset,
  targetName: string,
  target: Target,
  features: readonly string[],
  folds: readonly Fold[],
  ctx: EvaluateContext,
): Promise<{ result: ModelResult; artifacts: ModelArtifacts }> {
  const given = source.kind === 'pre-trained' ? source.model : undefined;
  const factory = getModelFactory(source.kind === 'pre-trained' ? source.model.pipeline.model.id : source.id);
  const label = given ? `${given.fileName} (pre-trained ${factory.label.toLowerCase()})` : factory.label;
  const resolvedParams =
    source.kind === 'pre-trained'
      ? source.model.pipeline.model.toJSON().params
      : factory.create(target.task, source.params).params;
  const testScores: Record<string, number>[] = [];
  const trainScores: Record<string, number>[] = [];
  const fitSeconds: number[] = [];
  const permutation: number[][] = features.map(() => []);
  const impurity: number[][] = features.map(() => []);
  let hasImpurity = true;
  // Notes keyed by their wording without numbers: "subsample of 2,000 of 3,563 rows" on one fold and
  // "… of 3,564 rows" on the next are one note, reported once (as the first fold said it).
  const notes = new Map<string, string>();
  const k = target.task === 'classification' ? target.classes.length : 0;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let sizeBytes = 0;
  let size: ModelSize = { measure: 'leaves', count: 0 };
  const pipelines: TrainedPipeline[] = [];
  const oofPredictions = new Float64Array(dataset.rowCount).fill(NaN);
  const oofProba = target.task === 'classification' ? new Float64Array(dataset.rowCount * k).fill(NaN) : null;
  let timing = { p50Ms: NaN, p95Ms: NaN, calls: 0, rowsPerSecond: NaN };

  for (const fold of folds) {
    throwIfAborted(ctx.signal);
    const foldSeed = deriveSeed(ctx.seed, fold.index);
    const fitting = `${label}: fitting fold ${fold.index + 1}/${folds.length} on ${fold.train.length.toLocaleString('en-US')} rows`;
    ctx.step(fold.index, 0, fitting);
    const fitStarted = ctx.stages?.start() ?? 0;
    const started = performance.now();
    // A pre-trained model is the same on every fold: nothing is fitted, and it has no training fold to score.
    const { pipeline, X: trainX } = given
      ? { pipeline: given.pipeline, X: undefined }
      : await fitPipeline(dataset, targetName, target, features, fold.train, {
          modelId: factory.id,
          params: source.kind === 'fit' ? source.params : undefined,
          seed: foldSeed,
          signal: ctx.signal,
          onProgress: (f) => ctx.step(fold.index, 0.8 * f, fitting),
        });
    if (!given) fitSeconds.push((performance.now() - started) / 1000);
    ctx.stages?.stop('fit', fitStarted);
    const model = pipeline.model;
    const kept = fold.index < ctx.keptFolds;
    if (kept) pipelines.push(pipeline);
    for (const note of model.notes) {
      const key = note.message.replace(/[\d,.]+/g, '#');
      if (!notes.has(key)) notes.set(key, note.message);
    }

    ctx.step(
      fold.index,
      0.8,
      `${label}: scoring fold ${fold.index + 1}/${folds.length} on ${fold.test.length.toLocaleString('en-US')} held-out rows`,
    );
    const scoreStarted = ctx.stages?.start() ?? 0;
    const testX = transform(pipeline.preprocessor, dataset, fold.test);
    const yTest = selectTarget(target, fold.test);
    const { predicted, proba } = predictBoth(model, testX);
    testScores.push(computeMetrics(yTest.task, yTest, predicted, proba));
    if (trainX) trainScores.push(score(model, trainX, selectTarget(target, fold.train)));
    ctx.stages?.stop('score', scoreStarted);
    if (kept)
      fold.test.forEach((row, i) => {
        oofPredictions[row] = predicted[i];
        if (oofProba && proba) oofProba.set(proba.subarray(i * k, (i + 1) * k), row * k);
        if (yTest.task === 'classification') confusion[yTest.codes[i]][predicted[i]]++;
      });

    const groups = featureGroupsIn(pipeline, features);
    const drops = timed(ctx.stages, 'permutation', () =>
      permutationDrops(testX, {
        groups,
        featureCount: features.length,
        repeats: ctx.repeats,
        seed: deriveSeed(foldSeed, 1),
        score: (X) => primaryScore(model, X, yTest),
        ...permutedScore(model, testX, yTest),
        signal: ctx.signal,
      }),
    );
    drops.forEach((d, f) => permutation[f].push(...d));
    const imp = model.impurityImportance();
    if (imp) {
      const perFeature = new Float64Array(features.length);
      imp.forEach((v, j) => (perFeature[groups[j]] += v));
      perFeature.forEach((v, f) => impurity[f].push(v));
    } else {
      hasImpurity = false;
    }

    if (fold.index === 0) {
      const costsStarted = ctx.stages?.start() ?? 0;
      // Costs measured once, on the first fold's model: size of the saved pipeline, single-row latency, batch throughput.
      size = modelSize(model);
      sizeBytes = given
        ? given.bytes
        : new TextEncoder().encode(
        JSON.stringify(
          pipelineToJSON(pipeline, {
            fileName: dataset.source.fileName,
            sha256: dataset.source.sha256,
            rows: fold.train.length,
          }),
        ),
      ).length;
      const one: FeatureMatrix = {
        rows: 1,
        cols: testX.cols,
        data: getRow(testX, 0),
        featureNames: testX.featureNames,
      };
      const latency = measureRowLatency(
        (i) => {
          (one as { data: Float64Array }).data = getRow(testX, i);
          model.predict(one);
        },
        testX.rows,
        { calls: ctx.latencyCalls },
      );
      const throughput = measureThroughput(() => {
        model.predict(testX);
        return testX.rows;
      }, THROUGHPUT_SECONDS);
      timing = { ...latency, rowsPerSecond: throughput.rowsPerSecond };
      ctx.stages?.stop('latency', costsStarted);
    }
    ctx.step(fold.index, 1, `${label}: fold ${fold.index + 1}/${folds.length} done`);
  }

  const metricNames = target.task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  const summarizeAll = (scores: Record<string, number>[]): Record<string, Summary> =>
    Object.fromEntries(metricNames.map((name) => [name, toSummary(scores.map((s) => s[name]))]));
  const entries = (values: number[][]): ImportanceEntry[] =>
    features.map((feature, f) => {
      const s = summarize(values[f]);
      return { feature, mean: s.mean, std: s.std };
    });

  const rowNotes = [...notes.values()];
  // Every view of a pre-trained row says so (an imported model's file already carries the note).
  if (given && !rowNotes.includes(PRE_TRAINED_NOTE)) rowNotes.unshift(PRE_TRAINED_NOTE);
  const result: ModelResult = {
    id: given ? given.id : factory.id,
    label,
    params: resolvedParams,
    metrics: summarizeAll(testScores),
    ...(given ? {} : { trainMetrics: summarizeAll(trainScores) }),
    ...(source.kind === 'pre-trained' ? { preTrained: source.info } : {}),
    folds: testScores,
    ...(target.task === 'classification' ? { confusionMatrix: confusion } : {}),
    ...(target.task === 'classification'
      ? { classReport: classReport(confusion, target.classes, keptCodes(target, oofPredictions), oofProba) }
      : {}),
    sizeBytes,
    size,
    importance: {
      permutation: entries(permutation),
      permutationMetric: target.task === 'classification' ? 'accuracy' : 'r2',
      impurityNote: IMPURITY_NOTE,
      impurity: hasImpurity ? entries(impurity) : null,
    },
    notes: rowNotes,
    timing: {
      // A pre-trained model is not fitted here: 0 seconds (the views show "—" for it).
      fitSecondsMean: given ? 0 : summarize(fitSeconds).mean,
      fitSeconds,
      predictRowMsP50: timing.p50Ms,
      predictRowMsP95: timing.p95Ms,
      latencyCalls: timing.calls,
      rowsPerSecond: timing.rowsPerSecond,
    },
  };
  return { result, artifacts: { pipelines, oofPredictions, oofProba } };
}

/** Rows per class, in class order (the primary metric's imbalance rule reads this). */
function classCounts(target: Target): { label: string; count: number }[] | undefined {
  if (target.task !== 'classification') return undefined;
  const counts = target.classes.map((label) => ({ label, count: 0 }));
  for (const c of target.codes) counts[c].count++;
  return counts;
}

/** True class codes of the rows the kept folds scored (−1 where a row has no out-of-fold prediction). */
function keptCodes(target: Extract<Target, { task: 'classification' }>, oof: Float64Array): Int32Array {
  return Int32Array.from(target.codes, (c, i) => (Number.isNaN(oof[i]) ? -1 : c));
}

function toSummary(values: number[]): Summary {
  const s = summarize(values);
  return { mean: s.mean, std: s.std, ci95: [s.ci95[0], s.ci95[1]], n: s.n };
}

/**
 * Predictions and (classification) probabilities from one pass over the trees: a Fitted model's predict is
 * the argmax of its predictProba (models/fitted.ts), so the codes are derived rather than predicted twice.
 */
function predictBoth(model: FittedModel, X: FeatureMatrix): { predicted: Float64Array; proba?: Float64Array } {
  if (model.task !== 'classification') return { predicted: model.predict(X) };
  const proba = model.predictProba(X);
  if (!(model instanceof Fitted)) return { predicted: model.predict(X), proba };
  return { predicted: classCodes(proba, X.rows, model.classes!.length), proba };
}

function score(model: FittedModel, X: FeatureMatrix, y: Target): Record<string, number> {
  const { predicted: predictions, proba } = predictBoth(model, X);
  return computeMetrics(y.task, y, predictions, proba);
}

/**
 * Engine models re-predict a shuffled matrix by re-walking only the trees and rows whose paths touch the
 * shuffled columns (app/engine/permuted-predict.ts) — the same predictions, bit for bit, as model.predict.
 */
function permutedScore(
  model: FittedModel,
  X: FeatureMatrix,
  y: Target,
): { scoreChanged?: (X: FeatureMatrix, columns: readonly number[]) => number } {
  if (!isEngineModel(model)) return {};
  const k = model.classes?.length ?? 1;
  const predictor = new PermutedPredictor(model.ensemble, X.data, X.rows, k);
  return {
    scoreChanged: (shuffled, columns) => {
      const out = predictor.predict(shuffled.data, columns);
      return y.task === 'classification' ? accuracy(y.codes, classCodes(out, X.rows, k)) : r2(y.values, out);
    },
  };
}

/** The score permutation importance watches: accuracy or R², computed from predictions only (cheap). */
function primaryScore(model: FittedModel, X: FeatureMatrix, y: Target): number {
  const predictions = model.predict(X);
  return y.task === 'classification' ? accuracy(y.codes, predictions) : r2(y.values, predictions);
}
