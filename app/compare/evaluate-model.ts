/**
 * One model through every fold: fit the pipeline inside the training fold, score the held-out rows, permutation
 * and impurity importance, and (on the first fold) its costs — size, single-row latency, batch throughput.
 * A pre-trained model file (pre-trained.ts) goes the same way, minus the fitting: it is scored as it is on each fold.
 */
import { classReport } from '../answer/class-report.js';
import { modelSize } from '../answer/model-size.js';
import type { ModelSize } from '../answer/size.js';
import type { Dataset } from '../data/dataset.js';
import { isEngineModel } from '../engine/fitted.js';
import { CLASSIFICATION_METRICS, REGRESSION_METRICS, accuracy, computeMetrics, r2 } from '../evaluate/metrics.js';
import { permutationDropsPaced } from '../evaluate/permutation.js';
import type { StageClock } from '../evaluate/stages.js';
import { summarize } from '../evaluate/stats.js';
import { measureRowLatency, measureThroughput } from '../evaluate/timing.js';
import type { FittedModel, ModelId, Params } from '../models/estimator.js';
import { predictBothPaced } from './predict-paced.js';
import type { FeatureMatrix, Target } from '../models/matrix.js';
import { getRow, selectTarget } from '../models/matrix.js';
import { getModelFactory } from '../registry/models.js';
import type { TrainedPipeline } from '../pipeline/pipeline.js';
import { featureGroupsIn, fitPipeline, pipelineToJSON } from '../pipeline/pipeline.js';
import { transform } from '../pipeline/preprocess.js';
import type { Fold, ModelArtifacts } from '../result/artifacts.js';
import type { ImportanceEntry, ModelResult, Summary } from '../result/compare.js';
import { PRE_TRAINED_NOTE, type PreTrainedInfo } from '../result/pre-trained.js';
import type { PreTrainedModel } from './pre-trained.js';
import { throwIfAborted } from '../util/errors.js';
import { Pacer } from '../models/pacer.js';
import { offThread } from './jobs.js';
import { deriveSeed } from '../util/random.js';

/** Batch throughput is timed over at least this long (it is indicative, and every model pays it). */
const THROUGHPUT_SECONDS = 0.05;
export const IMPURITY_NOTE =
  'impurity decrease on the training rows: biased towards many-valued features; prefer permutation importance';

export interface EvaluateContext {
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
export type RowSource =
  | { readonly kind: 'fit'; readonly id: ModelId; readonly params?: Params }
  | { readonly kind: 'pre-trained'; readonly model: PreTrainedModel; readonly info: PreTrainedInfo };

export interface ModelOutcome {
  readonly result: ModelResult;
  readonly artifacts: ModelArtifacts;
}

/**
 * Fits (or, pre-trained, takes) and scores the model on every fold; resolves once the last fold is scored, with
 * `rest`: the model's result once its permutation importance (running on the engine's workers) is complete.
 */
export async function evaluateModel(
  source: RowSource,
  dataset: Dataset,
  targetName: string,
  target: Target,
  features: readonly string[],
  folds: readonly Fold[],
  ctx: EvaluateContext,
): Promise<{ rest: Promise<ModelOutcome> }> {
  const given = source.kind === 'pre-trained' ? source.model : undefined;
  const factory = getModelFactory(source.kind === 'pre-trained' ? source.model.pipeline.model.id : source.id);
  const label = given ? `${given.fileName} (pre-trained ${factory.id})` : factory.label;
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
  const pendingDrops: Promise<Float64Array[]>[] = [];

  const pacer = new Pacer(ctx.signal);
  for (const fold of folds) {
    throwIfAborted(ctx.signal);
    const foldSeed = deriveSeed(ctx.seed, fold.index);
    const fitting = given
      ? `${label}: scored as it is (not refitted), fold ${fold.index + 1}/${folds.length}`
      : `${label}: fitting fold ${fold.index + 1}/${folds.length} on ${fold.train.length.toLocaleString('en-US')} rows`;
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
    // Pauses between the scoring steps: on a 200,000-row fold each takes a noticeable time, and a cancel must land.
    await pacer.pause();
    const testX = transform(pipeline.preprocessor, dataset, fold.test);
    const yTest = selectTarget(target, fold.test);
    const { predicted, proba } = await predictBothPaced(model, testX, pacer);
    await pacer.pause();
    testScores.push(computeMetrics(yTest.task, yTest, predicted, proba));
    if (trainX) {
      const train = await predictBothPaced(model, trainX, pacer);
      await pacer.pause();
      trainScores.push(computeMetrics(target.task, selectTarget(target, fold.train), train.predicted, train.proba));
    }
    ctx.stages?.stop('score', scoreStarted);
    if (kept)
      fold.test.forEach((row, i) => {
        oofPredictions[row] = predicted[i];
        if (oofProba && proba) oofProba.set(proba.subarray(i * k, (i + 1) * k), row * k);
        if (yTest.task === 'classification') confusion[yTest.codes[i]][predicted[i]]++;
      });

    const groups = featureGroupsIn(pipeline, features);
    // Engine models: on a worker while the next fold fits (jobs.ts); the drops are collected after the last fold.
    const drops = permutationOf(model, testX, yTest, groups, {
      featureCount: features.length,
      repeats: ctx.repeats,
      seed: deriveSeed(foldSeed, 1),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.stages ? { stages: ctx.stages } : {}),
    });
    drops.catch(() => undefined); // awaited below; a failure must not go unhandled while later folds fit
    pendingDrops.push(drops);
    // Off-thread jobs run while the next fold fits; one in this thread finishes first (stage clocks do not nest).
    if (!isEngineModel(model)) await drops;
    const imp = model.impurityImportance();
    if (imp) {
      const perFeature = new Float64Array(features.length);
      imp.forEach((v, j) => (perFeature[groups[j]] += v));
      perFeature.forEach((v, f) => impurity[f].push(v));
    } else {
      hasImpurity = false;
    }

    if (fold.index === 0) {
      await pacer.pause();
      const costsStarted = ctx.stages?.start() ?? 0;
      // Costs measured once, on the first fold's model: size of the saved pipeline, single-row latency, batch throughput.
      size = modelSize(model);
      sizeBytes = given ? given.bytes : savedBytes(pipeline, dataset, fold.train.length);
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

  // The result, once every fold's permutation drops are in.
  const summarizeModel = (): ModelOutcome => {
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
  };

  // The fits are done: what is left (the last folds' permutation jobs) finishes while the next model fits.
  const rest = (async () => {
    const waited = ctx.stages?.start() ?? 0;
    for (const drops of await Promise.all(pendingDrops)) drops.forEach((d, f) => permutation[f].push(...d));
    ctx.stages?.stop('permutation', waited);
    return summarizeModel();
  })();
  rest.catch(() => undefined); // the caller awaits it after starting the next model
  return { rest };
}

/** Bytes of the model file `sapling train` would write for this fold's pipeline. */
function savedBytes(pipeline: TrainedPipeline, dataset: Dataset, rows: number): number {
  const file = pipelineToJSON(pipeline, { fileName: dataset.source.fileName, sha256: dataset.source.sha256, rows });
  return new TextEncoder().encode(JSON.stringify(file)).length;
}

/** True class codes of the rows the kept folds scored (−1 where a row has no out-of-fold prediction). */
function keptCodes(target: Extract<Target, { task: 'classification' }>, oof: Float64Array): Int32Array {
  return Int32Array.from(target.codes, (c, i) => (Number.isNaN(oof[i]) ? -1 : c));
}

function toSummary(values: number[]): Summary {
  const s = summarize(values);
  return { mean: s.mean, std: s.std, ci95: [s.ci95[0], s.ci95[1]], n: s.n };
}

interface PermutationSettings {
  readonly featureCount: number;
  readonly repeats: number;
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly stages?: StageClock;
}

/**
 * Permutation importance of one fold's model. Engine models run it as an engine job (app/compare/jobs.ts: re-walks
 * only the trees and rows whose paths touch the shuffled columns, on a worker when a pool is installed); others here,
 * scoring the model's own predictions. Same drops, bit for bit, wherever it runs.
 */
function permutationOf(
  model: FittedModel,
  X: FeatureMatrix,
  y: Target,
  groups: Int32Array,
  settings: PermutationSettings,
): Promise<Float64Array[]> {
  const { featureCount, repeats, seed, signal } = settings;
  if (isEngineModel(model))
    return offThread(
      'permutation',
      {
        ensemble: model.ensemble,
        classes: model.classes?.length ?? 1,
        X: { data: X.data, rows: X.rows, cols: X.cols },
        y: y.task === 'classification' ? { codes: y.codes } : { values: y.values },
        groups,
        featureCount,
        repeats,
        seed,
      },
      signal,
    );
  const score = (M: FeatureMatrix): number => {
    const predictions = model.predict(M);
    return y.task === 'classification' ? accuracy(y.codes, predictions) : r2(y.values, predictions);
  };
  // In this thread, with a pause after each repeat: a linear model's importance on a 200,000-row fold is seconds.
  const pacer = new Pacer(signal);
  const started = settings.stages?.start() ?? 0;
  return permutationDropsPaced(X, { groups, featureCount, repeats, seed, score, ...(signal ? { signal } : {}) }, () =>
    pacer.breathe(),
  ).finally(() => settings.stages?.stop('permutation', started));
}
