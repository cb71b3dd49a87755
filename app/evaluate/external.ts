/**
 * Generalization beyond the folds: every model of the comparison is trained once on all rows of the main file (same
 * parameters and seed as in the comparison) and scored on an external file with the same schema — a later month, another
 * branch, another hospital. The external score sits next to the cross-validated one, with the drop between them, and a
 * shift check (shift.ts) says how different the new rows are. A pre-trained model file (compare --models file:…) is
 * scored as it is, not retrained.
 *
 * The external file must carry the target and every feature the comparison used, with the same kind of values (numbers
 * where the main file has numbers); each mismatch is named in one error. Classes the models never saw are an error too:
 * no model could predict them, so any score would mislead.
 */
import type { Dataset } from '../data/dataset.js';
import { columnByName } from '../data/dataset.js';
import { prepareTarget } from '../data/target.js';
import type { Target } from '../models/matrix.js';
import { fitPipeline, predictDataset, type TrainedPipeline } from '../pipeline/pipeline.js';
import type { ModelId } from '../models/estimator.js';
import type { CompareResult } from '../result/compare.js';
import type { ExternalModelResult, ExternalResult } from '../result/external.js';
import { SaplingError } from '../util/errors.js';
import { computeMetrics, metricDirection, type MetricName } from './metrics.js';
import { shiftCheck } from './shift.js';
import { trainedModels } from './model-rows.js';

export type { ExternalModelResult, ExternalResult } from '../result/external.js';

/** Every way the external file's schema differs from what the models need, or an empty list. */
export function schemaMismatches(main: Dataset, external: Dataset, columns: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of columns) {
    const a = columnByName(main, name);
    const b = columnByName(external, name);
    if (!a) continue;
    if (!b) problems.push(`column '${name}' is missing`);
    else if (a.storage === 'number' && b.storage === 'category' && b.missing < external.rowCount)
      problems.push(
        `column '${name}' holds text (e.g. '${b.categories[0]}') where ${main.source.fileName} has numbers`,
      );
  }
  return problems;
}

/** The external target as codes into the training classes (classification), or its values (regression). */
function alignTarget(trained: Target, external: Target, fileName: string): Target {
  if (trained.task === 'regression' || external.task === 'regression') return external;
  const index = new Map(trained.classes.map((c, i) => [c, i]));
  const unseen = external.classes.filter((c) => !index.has(c));
  if (unseen.length > 0)
    throw new SaplingError(
      'SCHEMA_MISMATCH',
      `${fileName} has target classes the models never saw in training: ${unseen.map((c) => `'${c}'`).join(', ')}`,
    );
  return {
    task: 'classification',
    classes: trained.classes,
    codes: Int32Array.from(external.codes, (c) => index.get(external.classes[c])!),
  };
}

/** Throws one SCHEMA_MISMATCH error naming every mismatch, so a wrong file fails before any training. */
export function checkSameSchema(main: Dataset, external: Dataset, columns: readonly string[]): void {
  const mismatches = schemaMismatches(main, external, columns);
  if (mismatches.length > 0)
    throw new SaplingError(
      'SCHEMA_MISMATCH',
      `${external.source.fileName} does not match ${main.source.fileName}: ${mismatches.join('; ')}`,
    );
}

/** `preTrained`: the pipelines of the comparison's pre-trained rows, by row id — scored as they are, not retrained. */
export async function evaluateExternal(
  main: Dataset,
  external: Dataset,
  result: CompareResult,
  signal?: AbortSignal,
  preTrained: ReadonlyMap<string, TrainedPipeline> = new Map(),
): Promise<ExternalResult> {
  const { target: targetName, task, features } = result.dataset;
  checkSameSchema(main, external, [targetName, ...features]);
  const trained = prepareTarget(main, targetName, task);
  const scored = prepareTarget(external, targetName, task);
  const truth = alignTarget(trained.target, scored.target, external.source.fileName);
  const metric = result.primaryMetric as MetricName;
  const all = Int32Array.from({ length: trained.dataset.rowCount }, (_, i) => i);
  const models: ExternalModelResult[] = [];
  for (const m of trainedModels(result)) {
    const given = preTrained.get(m.id);
    if (m.preTrained && !given) throw new SaplingError('BAD_PARAMETER', `${m.label}: its model file was not given`);
    const pipeline =
      given ??
      (
        await fitPipeline(trained.dataset, targetName, trained.target, features, all, {
          modelId: m.id as ModelId,
          params: m.params,
          seed: result.settings.seed,
          signal,
        })
      ).pipeline;
    const predicted = predictDataset(pipeline, scored.dataset);
    const metrics = computeMetrics(task, truth, predicted.values, predicted.proba ?? undefined);
    const cv = m.metrics[metric]?.mean ?? NaN;
    const sign = metricDirection(metric) === 'higher' ? 1 : -1;
    models.push({ id: m.id, label: m.label, crossValidated: cv, metrics, drop: sign * (cv - metrics[metric]) });
  }
  const shift = await shiftCheck(trained.dataset, scored.dataset, features, result.settings.seed, signal);
  return {
    fileName: external.source.fileName,
    sha256: external.source.sha256,
    rows: scored.dataset.rowCount,
    rowsInFile: external.rowCount,
    metric,
    models,
    shift,
    warnings: scored.warnings.map((w) => `${external.source.fileName}: ${w}`),
  };
}
