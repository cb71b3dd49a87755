/**
 * Pre-trained models in a comparison: a Sapling model file (from `sapling train`, or `sapling import` of an
 * XGBoost/ONNX model) scored as it is on every held-out fold next to the models trained in the run. It is never
 * refitted, so its scores are held-out only if it never saw these rows: the row carries PRE_TRAINED_NOTE, and a
 * model whose file says it was trained on this very data (same SHA-256) gets a warning and is never recommended.
 *
 * Reading the file goes through the one loader, pipelineFromJSON (it validates every field); this module only adds
 * what a comparison needs to know: the row's id, the file's fingerprint, and whether the model fits the data.
 */
import { columnByName, type Dataset } from '../data/dataset.js';
import type { Target } from '../models/matrix.js';
import { pipelineFromJSON } from '../pipeline/model-file.js';
import type { TrainedPipeline } from '../pipeline/pipeline.js';
import { PRE_TRAINED_NOTE, type PreTrainedId, type PreTrainedInfo } from '../result/pre-trained.js';
import type { Recommendation } from '../result/answer.js';
import { SaplingError } from '../util/errors.js';

export { PRE_TRAINED_NOTE };

/** A model file read for a comparison. */
export interface PreTrainedModel {
  readonly id: PreTrainedId;
  readonly fileName: string;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
  /** Size of the file in bytes (the row's "saved" column). */
  readonly bytes: number;
  readonly pipeline: TrainedPipeline;
  readonly trainedOn: PreTrainedInfo['trainedOn'];
  readonly importedFrom?: PreTrainedInfo['importedFrom'];
}

/** The row id of a model file: `file:` + its name (two files of the same name in one run are refused). */
export function preTrainedId(fileName: string): PreTrainedId {
  return `file:${fileName}`;
}

/** A model file's parsed JSON → a pre-trained model (BAD_MODEL_FILE, naming the file, when it is not one). */
export function readPreTrained(
  json: unknown,
  file: { readonly fileName: string; readonly sha256: string; readonly bytes: number },
): PreTrainedModel {
  const pipeline = pipelineFromJSON(json, file.fileName);
  const raw = json as { trainedOn?: unknown; importedFrom?: unknown };
  const trainedOn = fingerprint(raw.trainedOn, ['fileName', 'sha256'], file.fileName, 'trainedOn');
  const rows = (raw.trainedOn as { rows?: unknown }).rows;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0)
    throw new SaplingError('BAD_MODEL_FILE', `${file.fileName} is damaged: trainedOn.rows must be a whole number`, {
      file: file.fileName,
    });
  const importedFrom =
    raw.importedFrom === undefined
      ? undefined
      : fingerprint(raw.importedFrom, ['format', 'fileName', 'sha256'], file.fileName, 'importedFrom');
  return {
    id: preTrainedId(file.fileName),
    ...file,
    pipeline,
    trainedOn: { fileName: trainedOn.fileName, sha256: trainedOn.sha256, rows },
    ...(importedFrom
      ? {
          importedFrom: {
            format: importedFrom.format,
            fileName: importedFrom.fileName,
            sha256: importedFrom.sha256,
          },
        }
      : {}),
  };
}

function fingerprint<K extends string>(
  value: unknown,
  keys: readonly K[],
  fileName: string,
  what: string,
): Record<K, string> {
  const object = value as Record<string, unknown> | null;
  for (const key of keys)
    if (!object || typeof object !== 'object' || typeof object[key] !== 'string')
      throw new SaplingError('BAD_MODEL_FILE', `${fileName} is damaged: ${what}.${key} must be text`, {
        file: fileName,
      });
  return object as Record<K, string>;
}

/**
 * Refuses, in one SCHEMA_MISMATCH error naming every problem, a model that cannot be scored on this comparison's
 * rows: another target or task, other classes, columns the data lacks or holds other values in, or columns the
 * comparison does not use as features (the target, excluded or identifier columns).
 */
export function checkPreTrained(
  model: PreTrainedModel,
  dataset: Dataset,
  targetName: string,
  target: Target,
  features: readonly string[],
): void {
  const { pipeline, fileName } = model;
  const data = dataset.source.fileName;
  const problems: string[] = [];
  if (pipeline.target.name !== targetName)
    problems.push(`it predicts '${pipeline.target.name}', this comparison '${targetName}'`);
  if (pipeline.target.task !== target.task)
    problems.push(`it is a ${pipeline.target.task} model, this comparison is ${target.task}`);
  else if (target.task === 'classification') {
    const theirs = pipeline.target.classes ?? [];
    if (theirs.length !== target.classes.length || theirs.some((c, i) => c !== target.classes[i]))
      problems.push(`its classes are ${list(theirs)}, ${data}'s '${targetName}' has ${list(target.classes)}`);
  }
  const missing = pipeline.features.filter((name) => !columnByName(dataset, name));
  if (missing.length > 0) problems.push(`${data} has no column ${list(missing)}`);
  const unused = pipeline.features.filter((name) => columnByName(dataset, name) && !features.includes(name));
  if (unused.length > 0)
    problems.push(
      `it reads ${list(unused)}, which this comparison does not use as features (the target, --exclude, or an identifier/constant column)`,
    );
  for (const spec of pipeline.preprocessor.columns) {
    const column = columnByName(dataset, spec.name);
    if (spec.kind !== 'number' || column?.storage !== 'category') continue;
    const text = column.categories.find((c) => c.trim() === '' || !Number.isFinite(Number(c.trim())));
    if (text !== undefined) problems.push(`column '${spec.name}' holds text ('${text}') where it expects numbers`);
  }
  if (problems.length > 0)
    throw new SaplingError('SCHEMA_MISMATCH', `${fileName} does not fit ${data}: ${problems.join('; ')}`, {
      file: fileName,
    });
}

/** What the leaderboard row says about the model file, given the data it is scored on. */
export function preTrainedInfo(model: PreTrainedModel, dataset: Dataset): PreTrainedInfo {
  const overlap = model.trainedOn.sha256 === dataset.source.sha256 ? 'same-file' : 'unknown';
  return {
    fileName: model.fileName,
    sha256: model.sha256,
    model: model.pipeline.model.id,
    trainedOn: model.trainedOn,
    ...(model.importedFrom ? { importedFrom: model.importedFrom } : {}),
    overlap,
    note: PRE_TRAINED_NOTE,
  };
}

/** The warning a comparison shows when a model file says it was trained on the very rows it is scored on. */
export function overlapWarning(label: string, info: PreTrainedInfo, dataFileName: string): string | undefined {
  if (info.overlap !== 'same-file') return undefined;
  return (
    `${label}: trained on ${info.trainedOn.fileName} (${info.trainedOn.rows.toLocaleString('en-US')} rows), which has the same SHA-256 as ${dataFileName}: ` +
    'its fold scores are on rows it was trained on, not held-out — it is not recommended'
  );
}

/**
 * When the answer is a pre-trained model, its second sentence says what its score cannot show: the file was not
 * cross-validated here, and a model that saw these rows scores optimistically.
 */
export function withPreTrainedCaveat(
  recommendation: Recommendation | undefined,
  rows: readonly { readonly id: string; readonly preTrained?: PreTrainedInfo }[],
): Recommendation | undefined {
  const info = rows.find((r) => r.id === recommendation?.modelId)?.preTrained;
  if (!recommendation || !info) return recommendation;
  const [first, ...rest] = recommendation.reasons;
  const caveat = `It is a pre-trained model file (${info.fileName}), scored as it is on each held-out fold, not refitted: it was not cross-validated here, and if it was trained on any of these rows, its score is optimistic.`;
  return { ...recommendation, reasons: [first, caveat, ...rest] };
}

function list(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}
