/**
 * A fitted engine model (`EngineFitted`: a Fitted with its tree ensemble exposed) and what every engine
 * learner shares: binning X into EngineData, class weights, and reading a saved model back.
 *
 * Missing values (NaN) are handled natively and categorical columns (FeatureMatrix.categorical) get
 * category-subset splits. The fitted models expose their trees (`EngineFitted.ensemble`) for
 * explanations, predict a single row without allocating (`predictRowInto`), and save compactly.
 */
import type { ModelId, SerializedModel } from '../models/estimator.js';
import { Fitted, type ModelCore, type ModelHeader } from '../models/fitted.js';
import type { FeatureMatrix, Target } from '../models/matrix.js';
import type { ParamSchema } from '../models/params.js';
import { badModel, field, numbers, readHeader } from '../models/serialized.js';
import { SaplingError } from '../util/errors.js';
import { binFeatures, binFeaturesPaced, type BinnedFeatures, type BinningOptions } from './binning.js';
import { Pacer } from '../models/pacer.js';
import { predictBatch, predictColumns, predictRowInto, type TreeEnsemble } from './ensemble.js';
import { ensembleFromJSON, ensembleToJSON } from './serialize.js';
import type { EngineData } from './data.js';

/** A fitted engine model: a Fitted with its tree ensemble exposed. */
export class EngineFitted extends Fitted {
  private readonly raw: Float64Array;

  constructor(
    header: ModelHeader,
    core: ModelCore,
    /** The trees, for explanations (TreeSHAP), display and the fast single-row path. */
    readonly ensemble: TreeEnsemble,
    /** Forest with oobScore: out-of-bag accuracy (classification) or R² (regression); else null. */
    readonly oobScore: number | null = null,
  ) {
    super(header, core);
    this.raw = new Float64Array(ensemble.combine.kind === 'sum' ? ensemble.combine.outputs : 1);
  }

  /**
   * Predicts one row (data[offset … offset + cols)) into out[outOffset …]: class probabilities
   * (classes.length of them) or the value. No checks and no allocation: the latency-critical path.
   */
  predictRowInto(data: Float64Array, offset: number, out: Float64Array, outOffset = 0): void {
    predictRowInto(this.ensemble, data, offset, out, outOffset, this.raw, this.classes?.length ?? 1);
  }

  /**
   * Batch prediction from column-major input: columns[f][i] is feature f of row i (one array per feature,
   * in featureNames order, encoded as for fit). Rows × classes probabilities, or one value per row.
   */
  predictColumns(columns: readonly ArrayLike<number>[], rows: number): Float64Array {
    if (columns.length !== this.featureNames.length || columns.some((c) => c.length < rows)) {
      throw new SaplingError(
        'BAD_INPUT',
        `prediction data: expected ${this.featureNames.length} columns of at least ${rows} values`,
      );
    }
    return predictColumns(this.ensemble, columns, rows, this.classes?.length ?? 1);
  }
}

export function isEngineModel(model: unknown): model is EngineFitted {
  return model instanceof EngineFitted;
}

export function engineCore(
  ensemble: TreeEnsemble,
  classes: number,
  importance: Float64Array,
  extra: Record<string, unknown>,
): ModelCore {
  return {
    predictMatrix: (X: FeatureMatrix) => predictBatch(ensemble, X.data, X.rows, classes),
    importance: () => importance,
    state: () => ({ ensemble: ensembleToJSON(ensemble), importance: Array.from(importance), ...extra }),
    acceptsMissing: true,
  };
}

export function engineData(X: FeatureMatrix, y: Target, maxBins: number): EngineData {
  return withTarget(binFeatures(X.data, X.rows, X.cols, binningOptions(X, maxBins)), y);
}

/**
 * engineData for a fit: the same bins, with pauses (binning a million rows is seconds of work in this thread, and
 * a cancel must land during it). Throws CANCELLED when the signal fires.
 */
export async function engineDataPaced(
  X: FeatureMatrix,
  y: Target,
  maxBins: number,
  signal: AbortSignal | undefined,
): Promise<EngineData> {
  const pacer = new Pacer(signal);
  const binned = await binFeaturesPaced(X.data, X.rows, X.cols, binningOptions(X, maxBins), () => pacer.breathe());
  return withTarget(binned, y);
}

function binningOptions(X: FeatureMatrix, maxBins: number): BinningOptions {
  return { maxBins, ...(X.categorical ? { categorical: X.categorical } : {}) };
}

function withTarget(binned: BinnedFeatures, y: Target): EngineData {
  return y.task === 'classification'
    ? { binned, codes: y.codes, values: null, classes: y.classes.length }
    : { binned, codes: null, values: y.values, classes: 0 };
}

export function classWeights(y: Target, mode: string): number[] | null {
  if (y.task !== 'classification' || mode !== 'balanced') return null;
  const K = y.classes.length;
  const counts = new Float64Array(K);
  for (const c of y.codes) counts[c]++;
  let present = 0;
  for (const c of counts) if (c > 0) present++;
  // scikit-learn: n / (classes · count), over the classes present in y.
  return Array.from(counts, (c) => (c > 0 ? y.codes.length / (present * c) : 0));
}

/** Runs tree tasks on the pool (in parallel) or in this thread, in order; reports progress per tree. */

/** How a learner's ensembles are built: one tree, averaged trees, or boosted (summed) trees. */
export type EnsembleShape = 'tree' | 'forest' | 'boost';

/** Restores a saved engine model of id `id`, checking that its ensemble has the learner's shape. */
export function engineLoader(
  id: ModelId,
  shape: EnsembleShape,
  schema: ParamSchema,
): (json: SerializedModel) => EngineFitted {
  return (json) => {
    const { header, state } = readHeader(json, id, schema);
    const cols = header.featureNames.length;
    const classes = header.classes?.length ?? 1;
    const width = shape === 'boost' ? 1 : classes;
    const ensemble = ensembleFromJSON(field(state, 'ensemble'), 'state.ensemble', cols, width, classes);
    if ((shape === 'boost') !== (ensemble.combine.kind === 'sum'))
      throw badModel(`state.ensemble does not combine trees as a '${id}' model does`);
    if (shape === 'tree' && ensemble.trees !== 1) throw badModel('a tree model has exactly one tree');
    checkOutputs(ensemble, header);
    const importance = numbers(field(state, 'importance'), 'state.importance', cols);
    const extra: Record<string, unknown> = {};
    let oob: number | null = null;
    if ('oobScore' in state) {
      oob = numbers([state.oobScore], 'state.oobScore')[0];
      extra.oobScore = oob;
    }
    if ('rounds' in state) extra.rounds = numbers([state.rounds], 'state.rounds')[0];
    return new EngineFitted(header, engineCore(ensemble, classes, importance, extra), ensemble, oob);
  };
}

/**
 * The ensemble's outputs must mean what the header's task says: boosting's link is the identity exactly for
 * regression; averaged trees' leaves hold class probabilities (each in [0, 1], summing to 1) for classification.
 * A file that breaks this would print class codes as values, or probabilities outside [0, 1], with status 0.
 */
function checkOutputs(e: TreeEnsemble, header: ModelHeader): void {
  const c = e.combine;
  if (c.kind === 'sum') {
    if ((c.link === 'identity') !== (header.task === 'regression'))
      throw badModel(`state.ensemble.combine.link is '${c.link}', which does not fit a ${header.task} model`);
    if (c.link === 'identity' && c.outputs !== 1)
      throw badModel('state.ensemble.combine.outputs must be 1 for regression');
    return;
  }
  if (header.task !== 'classification') return;
  for (let i = 0; i < e.left.length; i++) {
    if (e.left[i] >= 0) continue;
    let sum = 0;
    for (let k = 0; k < e.width; k++) {
      const p = e.value[i * e.width + k];
      if (!(p >= 0 && p <= 1))
        throw badModel(`state.ensemble.value: leaf ${i} gives class ${k} the probability ${p}, outside 0 … 1`);
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-6)
      throw badModel(`state.ensemble.value: leaf ${i}'s class probabilities sum to ${sum}, not 1`);
  }
}

/** The three engine models differ only in id, label, parameter schema and estimator class. */
