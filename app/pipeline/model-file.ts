/**
 * Reading a model file: THE boundary every consumer passes through — `sapling predict`, `explain`, `rules`,
 * `export`, `import` (which loads what it is about to write) and projects (app/project/project.ts checks each
 * model a .sapling file carries). A model file is untrusted: shared, hand-edited, truncated or crafted. Before
 * anything predicts with it, it is checked for internal consistency, and every problem is one BAD_MODEL_FILE
 * error naming the file and the field:
 *
 * 1. the envelope (format, version, target, features, preprocessor, trainedOn, importedFrom) against a schema;
 * 2. the parts against each other — the model's task is the target's, its classes are the target's classes in
 *    the same order (a model whose class list is shorter, longer or reordered would print wrong labels with
 *    status 0), its features are exactly the columns the preprocessor produces, the preprocessor encodes them
 *    as the model expects, and an engine model's categorical splits and category codes fit those columns;
 * 3. the model's own state, by its learner (app/engine/serialize.ts, app/models/mljs/cart-json.ts,
 *    app/models/linear.ts): array lengths against the class count, finite numbers, features in range, bins in
 *    range, probabilities that are probabilities, and trees that are trees (app/models/tree-limits.ts: no
 *    cycles, every node reached once, bounded depth and size — checked with loops, so a million-node chain is
 *    refused at once instead of overflowing the stack later).
 *
 * What cannot be checked: a consistent file whose class NAMES were swapped in both lists. Model files carry no
 * signature (see SECURITY.md: a model file is code-like input; trust it as you trust its sender).
 */
import { isEngineModel } from '../engine/fitted.js';
import { FLAG_CATEGORICAL } from '../engine/tree-store.js';
import type { SerializedModel } from '../models/estimator.js';
import { isModelId } from '../models/catalog/index.js';
import { MODELS } from '../registry/models.js';
import { SaplingError } from '../util/errors.js';
import { z } from 'zod';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, type TrainedPipeline } from './pipeline.js';
import { outputFeatureNames, type PreprocessorState } from './preprocess.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');
const name = z.string().max(10_000);

const MODEL_FILE_SCHEMA = z
  .object({
    trainedOn: z.object({ fileName: name, sha256, rows: z.number().int().nonnegative() }).passthrough(),
    /** Files written by `sapling import` say where the model came from. */
    importedFrom: z
      .object({ format: z.string(), fileName: name, sha256, detail: z.string().max(10_000) })
      .passthrough()
      .optional(),
    target: z.discriminatedUnion('task', [
      z.object({ name, task: z.literal('classification'), classes: z.array(name).min(1) }),
      z.object({ name, task: z.literal('regression') }),
    ]),
    features: z.array(name),
    preprocessor: z.object({
      encoding: z.enum(['ordinal', 'onehot', 'native']),
      columns: z.array(
        z.discriminatedUnion('kind', [
          z.object({
            name,
            kind: z.literal('number'),
            fill: z.number(),
            booleanLabels: z.tuple([name, name]).optional(),
          }),
          z.object({ name, kind: z.literal('category'), levels: z.array(name).min(1), fill: name }),
        ]),
      ),
    }),
    model: z
      .object({ id: z.string(), task: z.string(), featureNames: z.array(z.string()), classes: z.unknown().optional() })
      .passthrough(),
  })
  .passthrough();

type CheckedFile = z.infer<typeof MODEL_FILE_SCHEMA>;

/** Reads a model file's JSON (already parsed) into a pipeline, or throws one BAD_MODEL_FILE error naming `fileName`. */
export function pipelineFromJSON(json: unknown, fileName: string): TrainedPipeline {
  const bad = (message: string): SaplingError =>
    new SaplingError('BAD_MODEL_FILE', `${fileName} is damaged: ${message}`, { file: fileName });
  const file = json as { format?: unknown; version?: unknown } | null;
  if (!file || typeof file !== 'object' || Array.isArray(file) || file.format !== MODEL_FILE_FORMAT)
    throw new SaplingError(
      'BAD_MODEL_FILE',
      `${fileName} is not a Sapling model file (expected "format": "${MODEL_FILE_FORMAT}")`,
      { file: fileName },
    );
  if (file.version !== MODEL_FILE_VERSION)
    throw new SaplingError(
      'BAD_MODEL_FILE',
      `${fileName} has model file version ${String(file.version)}; this Sapling reads version ${MODEL_FILE_VERSION}`,
      { file: fileName },
    );
  const checked = MODEL_FILE_SCHEMA.safeParse(file);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw bad(`${issue.path.map(String).join('.') || 'the file'}: ${issue.message}`);
  }
  const problem = partsProblem(checked.data);
  if (problem) throw bad(problem);
  if (!isModelId(checked.data.model.id))
    throw bad(
      `model.id '${checked.data.model.id}' is not a model this Sapling knows (${Object.keys(MODELS).join(', ')})`,
    );
  let model;
  try {
    model = MODELS[checked.data.model.id].fromJSON(checked.data.model as unknown as SerializedModel);
  } catch (error) {
    if (!(error instanceof SaplingError)) throw error;
    // The learners say "model file: state.…": name the file, and the field by its path from the file's top.
    const detail = error.message.replace(/^model file: /, '');
    throw bad(/^state\b/.test(detail) ? `model.${detail}` : `model: ${detail}`);
  }
  const preprocessor = checked.data.preprocessor as PreprocessorState;
  if (isEngineModel(model)) {
    const codes = engineCodesProblem(model.ensemble, preprocessor);
    if (codes) throw bad(codes);
  }
  return { target: checked.data.target, features: checked.data.features, preprocessor, model };
}

/** Whether the target, the features, the preprocessor and the model agree with each other (field named). */
function partsProblem(file: CheckedFile): string | undefined {
  const { target, features, preprocessor, model } = file;
  if (model.task !== target.task)
    return `model.task is '${model.task}' but target.task is '${target.task}': the model would print ${target.task === 'regression' ? 'class codes as values' : 'values as class codes'}`;
  if (target.task === 'classification') {
    const classes = model.classes;
    if (!Array.isArray(classes) || !classes.every((c) => typeof c === 'string'))
      return 'model.classes must be a list of class names';
    if (new Set(target.classes).size !== target.classes.length) return 'target.classes names a class twice';
    if (classes.length !== target.classes.length)
      return `target.classes has ${target.classes.length} classes, model.classes ${classes.length}: every probability column would be shifted`;
    const at = classes.findIndex((c, i) => c !== target.classes[i]);
    if (at >= 0)
      return `target.classes[${at}] is '${target.classes[at]}' but model.classes[${at}] is '${classes[at]}': the labels would be swapped`;
  }
  if (new Set(features).size !== features.length) return 'features names a column twice';
  const columns = preprocessor.columns.map((c) => c.name);
  if (columns.length !== features.length || columns.some((c, i) => c !== features[i]))
    return `features (${features.length}) are not the preprocessor's columns (${columns.length}) in the same order`;
  const bad = preprocessor.columns.find(
    (c) => c.kind === 'category' && (new Set(c.levels).size !== c.levels.length || !c.levels.includes(c.fill)),
  );
  if (bad) return `preprocessor column '${bad.name}': its levels must be distinct and include its fill value`;
  const produced = outputFeatureNames(preprocessor as PreprocessorState);
  if (produced.length !== model.featureNames.length)
    return `model.featureNames has ${model.featureNames.length} features, but the preprocessor produces ${produced.length}`;
  const differs = produced.findIndex((n, i) => n !== model.featureNames[i]);
  if (differs >= 0)
    return `model.featureNames[${differs}] is '${model.featureNames[differs]}', but the preprocessor's column ${differs} is '${produced[differs]}'`;
  const expected = isModelId(model.id) ? MODELS[model.id].description.encoding : undefined;
  if (expected && expected !== preprocessor.encoding)
    return `preprocessor.encoding is '${preprocessor.encoding}', but a '${model.id}' model reads '${expected}' inputs`;
  return undefined;
}

/**
 * An engine model reads category codes of the native encoding: its categorical splits must be on category
 * columns, and the codes it knows for a column cannot exceed that column's levels (a number column has none).
 */
function engineCodesProblem(
  e: { cols: number; codeStart: Int32Array; flags: Uint8Array; feature: Int32Array; left: Int32Array },
  preprocessor: PreprocessorState,
): string | undefined {
  for (let f = 0; f < e.cols; f++) {
    const column = preprocessor.columns[f];
    const known = e.codeStart[f + 1] - e.codeStart[f];
    const levels = column.kind === 'category' ? column.levels.length : 0;
    if (known > levels)
      return `model.state.ensemble.codeStart gives column '${column.name}' ${known} category codes, but it has ${levels} levels`;
  }
  for (let i = 0; i < e.left.length; i++) {
    if (e.left[i] < 0 || (e.flags[i] & FLAG_CATEGORICAL) === 0) continue;
    const column = preprocessor.columns[e.feature[i]];
    if (column.kind !== 'category')
      return `model.state.ensemble: node ${i} splits number column '${column.name}' by categories`;
  }
  return undefined;
}
