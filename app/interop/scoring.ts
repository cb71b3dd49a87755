/**
 * What an exporter needs to know about a trained pipeline, in terms of the RAW columns a database table or an
 * ONNX caller holds — the one place that reads a pipeline for export, so the SQL and ONNX writers cannot
 * disagree about missing values, category encoding or scaling.
 *
 * Exportable: the tree engine's models — tree, forest, extra-trees, boost (native encoding: numbers with NaN, categories as level codes,
 * category-subset splits, learned missing directions) and the linear model (one-hot encoding, imputation,
 * standardization). The mljs trees are Sapling's second, small-data implementation and are not exported.
 */
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from '../engine/tree-store.js';
import { isEngineModel } from '../engine/fitted.js';
import { leftCodes, type TreeEnsemble } from '../engine/ensemble.js';
import type { TrainedPipeline } from '../pipeline/pipeline.js';
import type { PreprocessorState } from '../pipeline/preprocess.js';
import { outputFeatureNames } from '../pipeline/preprocess.js';
import { SaplingError } from '../util/errors.js';

/** A raw input column as the exported model reads it. */
export type RawInput =
  | { readonly name: string; readonly kind: 'number'; readonly fill: number }
  /** Text yes/no (or true/false, any case) read as 1/0; anything else counts as missing. */
  | {
      readonly name: string;
      readonly kind: 'boolean';
      readonly fill: number;
      readonly words: readonly [string, string];
    }
  | { readonly name: string; readonly kind: 'category'; readonly levels: readonly string[]; readonly fill: string };

/** Case-insensitive words the CSV reader takes for 0 and 1, by vocabulary (app/data/cells.ts). */
export function booleanWords(labels: readonly [string, string]): { zero: string[]; one: string[] } {
  const yesNo = ['yes', 'no'].includes(labels[1].toLowerCase()) || ['yes', 'no'].includes(labels[0].toLowerCase());
  return yesNo ? { zero: ['no'], one: ['yes'] } : { zero: ['false'], one: ['true'] };
}

/** Every upper/lower-case spelling of a word (the reader compares booleans case-insensitively). */
export function caseVariants(word: string): string[] {
  let out = [''];
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    out = out.flatMap((p) => (lower === upper ? [p + ch] : [p + lower, p + upper]));
  }
  return out;
}

export function rawInputs(pre: PreprocessorState): RawInput[] {
  return pre.columns.map((c): RawInput => {
    if (c.kind === 'category') return { name: c.name, kind: 'category', levels: c.levels, fill: c.fill };
    if (c.booleanLabels) return { name: c.name, kind: 'boolean', fill: c.fill, words: c.booleanLabels };
    return { name: c.name, kind: 'number', fill: c.fill };
  });
}

/** A split node of a tree in raw terms. */
export type RawSplit =
  | { readonly kind: 'number'; readonly input: number; readonly threshold: number; readonly missingLeft: boolean }
  | {
      readonly kind: 'category';
      readonly input: number;
      /** Levels sent left and right by the split; any other value (unseen, missing) follows missingLeft. */
      readonly left: readonly string[];
      readonly right: readonly string[];
      readonly missingLeft: boolean;
    };

export interface TreeScoring {
  readonly kind: 'trees';
  readonly ensemble: TreeEnsemble;
  readonly inputs: readonly RawInput[];
  split(node: number): RawSplit;
}

/** One-hot and standardized linear model over the raw inputs. */
export interface LinearScoring {
  readonly kind: 'linear';
  readonly inputs: readonly RawInput[];
  /** Per model column: the input it reads and, for a one-hot column, the level it tests. */
  readonly columns: readonly { readonly input: number; readonly level?: string }[];
  readonly means: readonly number[];
  readonly stds: readonly number[];
  /** Rows of weights: 1 for regression and two classes, one per present class for more. */
  readonly coef: readonly (readonly number[])[];
  readonly intercept: readonly number[];
  /** Classification: class codes the logits are over (ascending). */
  readonly present?: readonly number[];
}

export type Scoring = TreeScoring | LinearScoring;

export interface ScoringModel {
  readonly target: TrainedPipeline['target'];
  readonly scoring: Scoring;
}

const EXPORTABLE = 'tree-engine (tree, forest, extra-trees, boost) and linear';

export function scoringModel(pipeline: TrainedPipeline, fileName: string): ScoringModel {
  const model = pipeline.model;
  const inputs = rawInputs(pipeline.preprocessor);
  if (isEngineModel(model)) {
    if (pipeline.preprocessor.encoding !== 'native')
      throw unsupported(fileName, `a '${model.id}' model with ${pipeline.preprocessor.encoding} encoding`);
    const e = model.ensemble;
    const split = (node: number): RawSplit => {
      const input = e.feature[node];
      const missingLeft = (e.flags[node] & FLAG_MISSING_LEFT) !== 0;
      if ((e.flags[node] & FLAG_CATEGORICAL) === 0)
        return { kind: 'number', input, threshold: e.threshold[node], missingLeft };
      const levels = (inputs[input] as Extract<RawInput, { kind: 'category' }>).levels;
      const goLeft = new Set(leftCodes(e, node));
      const from = e.codeStart[input];
      const left: string[] = [];
      const right: string[] = [];
      levels.forEach((level, code) => {
        // A level the trees never saw in a bin (code → bin −1) goes where missing values go.
        if (code >= e.codeStart[input + 1] - from || e.codeToBin[from + code] < 0) return;
        (goLeft.has(code) ? left : right).push(level);
      });
      return { kind: 'category', input, left, right, missingLeft };
    };
    return { target: pipeline.target, scoring: { kind: 'trees', ensemble: e, inputs, split } };
  }
  if (model.id === 'linear') return { target: pipeline.target, scoring: linearScoring(pipeline, inputs) };
  throw unsupported(fileName, `a '${model.id}' model`);
}

function linearScoring(pipeline: TrainedPipeline, inputs: RawInput[]): LinearScoring {
  const state = pipeline.model.toJSON().state as {
    means: number[];
    stds: number[];
    coef: number[];
    intercept: number[];
    present?: number[];
  };
  const columns = pipeline.preprocessor.columns.flatMap((c, input) =>
    c.kind === 'category' ? c.levels.map((level) => ({ input, level })) : [{ input }],
  );
  const p = outputFeatureNames(pipeline.preprocessor).length;
  const rows = state.intercept.length;
  const coef = Array.from({ length: rows }, (_, f) => state.coef.slice(f * p, (f + 1) * p));
  return {
    kind: 'linear',
    inputs,
    columns,
    means: state.means,
    stds: state.stds,
    coef,
    intercept: state.intercept,
    ...(state.present ? { present: state.present } : {}),
  };
}

function unsupported(fileName: string, what: string): SaplingError {
  return new SaplingError(
    'BAD_PARAMETER',
    `${fileName} holds ${what}; export covers the ${EXPORTABLE} models (train one with --model tree|forest|extra-trees|boost|linear)`,
  );
}
