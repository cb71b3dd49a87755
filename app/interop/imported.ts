/**
 * A model trained elsewhere (XGBoost, an ONNX tree ensemble) as a Sapling model file: the engine's boosting
 * or forest model over the native encoding, with the schema CSV naming the columns, their category levels and
 * the classes. The file says where it came from (`importedFrom`: format, file name, SHA-256 of the original
 * bytes) and carries the note every view shows: pre-trained, not cross-validated, may have seen these rows.
 */
import type { Column, Dataset } from '../data/dataset.js';
import { columnByName } from '../data/dataset.js';
import { prepareTarget } from '../data/target.js';
import type { Task } from '../models/matrix.js';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, type ModelFile } from '../pipeline/pipeline.js';
import { SaplingError } from '../util/errors.js';

import { PRE_TRAINED_NOTE } from '../result/pre-trained.js';
export { PRE_TRAINED_NOTE };

export interface ImportOptions {
  /** The column the model predicts (names the classes, in Sapling's order: code k = k-th sorted label). */
  readonly target: string;
}

export type ImportColumn =
  | { readonly name: string; readonly kind: 'number'; readonly booleanLabels?: readonly [string, string] }
  | { readonly name: string; readonly kind: 'category'; readonly levels: readonly string[] };

export interface ImportSchema {
  readonly options: ImportOptions;
  readonly columns: readonly ImportColumn[];
  readonly classes: readonly string[];
}

export interface ImportSource {
  readonly format: 'xgboost-json' | 'onnx';
  readonly fileName: string;
  /** SHA-256 of the original model file, hex. */
  readonly sha256: string;
  /** One line on what was read, e.g. "XGBoost binary:logistic, 30 trees". */
  readonly detail: string;
}

export type ImportedModel = ModelFile & { readonly importedFrom: ImportSource };

/** Category levels an imported model can address (the engine's category sets hold 256). */
const MAX_LEVELS = 256;

/**
 * The model's features matched to the schema CSV's columns, by name. `categorical[f]`: the model splits
 * feature f by category codes (the code of a level = its position in the sorted distinct values, as the
 * CSV reader sorts them and as pandas' category dtype does).
 */
export function matchSchema(
  schema: Dataset,
  options: ImportOptions,
  task: Task,
  features: readonly { readonly name: string; readonly categorical: boolean }[],
  fileName: string,
): ImportSchema {
  const source = schema.source.fileName;
  if (!columnByName(schema, options.target))
    throw new SaplingError('UNKNOWN_COLUMN', `${source} has no column '${options.target}' (--target)`, {
      file: source,
    });
  const missing = features.filter((f) => !columnByName(schema, f.name)).map((f) => `'${f.name}'`);
  if (missing.length > 0)
    throw new SaplingError(
      'BAD_INPUT',
      `${fileName} needs ${features.length} features; ${source} has no column ${missing.join(', ')}`,
      { file: source },
    );
  const columns = features.map(({ name, categorical }): ImportColumn => {
    const column = columnByName(schema, name) as Column;
    if (categorical) {
      if (column.storage !== 'category')
        throw new SaplingError(
          'BAD_INPUT',
          `${fileName} treats '${name}' as categorical, but ${source} holds numbers there`,
        );
      if (column.categories.length > MAX_LEVELS)
        throw new SaplingError(
          'BAD_INPUT',
          `'${name}' has ${column.categories.length} categories; import handles up to ${MAX_LEVELS}`,
        );
      return { name, kind: 'category', levels: column.categories };
    }
    if (column.storage !== 'number')
      throw new SaplingError(
        'BAD_INPUT',
        `${fileName} reads '${name}' as a number, but ${source} holds text there ('${column.categories[0] ?? ''}')`,
      );
    return column.booleanLabels
      ? { name, kind: 'number', booleanLabels: [column.booleanLabels[0], column.booleanLabels[1]] }
      : { name, kind: 'number' };
  });
  const classes = task === 'classification' ? (prepareTarget(schema, options.target, task).classes ?? []) : [];
  return { options, columns, classes };
}

/** Features named by the schema when the model names none: every column but the target, in file order. */
export function positionalFeatures(schema: Dataset, target: string, count: number, fileName: string): string[] {
  const names = schema.columns.filter((c) => c.name !== target).map((c) => c.name);
  if (names.length !== count)
    throw new SaplingError(
      'BAD_INPUT',
      `${fileName} has ${count} features and does not name them, but ${schema.source.fileName} has ${names.length} columns besides '${target}'`,
    );
  return names;
}

/** The Sapling model file for an imported engine ensemble (`state`: ensemble, importance, …). */
export function importedModelFile(input: {
  readonly source: ImportSource;
  readonly schema: ImportSchema;
  readonly task: Task;
  readonly modelId: 'boost' | 'forest';
  readonly params: Readonly<Record<string, number>>;
  readonly state: Record<string, unknown>;
}): ImportedModel {
  const { source, schema, task } = input;
  const features = schema.columns.map((c) => c.name);
  const classes = task === 'classification' ? { classes: [...schema.classes] } : {};
  return {
    format: MODEL_FILE_FORMAT,
    version: MODEL_FILE_VERSION,
    // Not trained by Sapling: the "training data" is unknown; the file the model came from stands in.
    trainedOn: { fileName: source.fileName, sha256: source.sha256, rows: 0 },
    target: { name: schema.options.target, task, ...classes },
    features,
    preprocessor: {
      encoding: 'native',
      columns: schema.columns.map((c) =>
        c.kind === 'category'
          ? { name: c.name, kind: 'category', levels: c.levels, fill: c.levels[0] }
          : { name: c.name, kind: 'number', fill: 0, ...(c.booleanLabels ? { booleanLabels: c.booleanLabels } : {}) },
      ),
    },
    model: {
      id: input.modelId,
      task,
      params: input.params,
      seed: 0,
      featureNames: features,
      ...classes,
      state: {
        notes: [PRE_TRAINED_NOTE, `imported from ${source.fileName} (${source.detail}; SHA-256 ${source.sha256})`],
        ...input.state,
      },
    },
    importedFrom: source,
  };
}
