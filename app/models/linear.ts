/**
 * The linear baseline: multinomial logistic regression (classification) or ridge (regression),
 * both on features standardized inside the model. Deterministic: the seed is recorded but unused.
 */
import { throwIfAborted } from '../util/errors.js';
import type { Estimator, FitNote, FitOptions, ModelId, Params, SerializedModel } from './estimator.js';
import { Fitted, fittedHeader, type ModelCore } from './fitted.js';
import { fitLogisticSteps, logisticProba, type LogisticModel } from './logistic.js';
import { Pacer } from './pacer.js';
import { runStepsPaced } from '../util/steps.js';
import type { FeatureMatrix, Target, Task } from './matrix.js';
import { describedFactory, type Learner } from './learner.js';
import { fitRidge, ridgePredict, type RidgeModel } from './ridge.js';
import { badModel, field, integers, numbers, readHeader } from './serialized.js';
import { applyScaling, fitScaling, type Scaling } from './standardize.js';
import { singleClassNote } from './notes.js';
import { checkFitCall } from './validate.js';

/** Largest weight a saved linear model may hold: far beyond any fit, far below where sums overflow. */
const MAX_WEIGHT = 1e100;

type LinearModel = { kind: 'logistic'; m: LogisticModel; k: number } | { kind: 'ridge'; m: RidgeModel };

function linearCore(scaling: Scaling, model: LinearModel): ModelCore {
  const p = scaling.means.length;
  return {
    predictMatrix: (X: FeatureMatrix) => {
      const Z = applyScaling(scaling, X);
      return model.kind === 'logistic'
        ? logisticProba(model.m, Z, X.rows, p, model.k)
        : ridgePredict(model.m, Z, X.rows, p);
    },
    importance: () => undefined,
    state: () => ({
      means: Array.from(scaling.means),
      stds: Array.from(scaling.stds),
      ...(model.kind === 'logistic' ? { present: Array.from(model.m.present) } : {}),
      coef: Array.from(model.m.coef),
      intercept: model.kind === 'logistic' ? Array.from(model.m.intercept) : [model.m.intercept],
    }),
  };
}

class LinearEstimator implements Estimator {
  constructor(
    readonly id: ModelId,
    private readonly task: Task,
    readonly params: Params,
  ) {}

  async fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<Fitted> {
    checkFitCall(this.task, X, y, options.seed);
    throwIfAborted(options.signal);
    const { C, alpha, maxIter } = this.params as { C: number; alpha: number; maxIter: number };
    const scaling = fitScaling(X);
    const Z = applyScaling(scaling, X);
    const notes: FitNote[] = [];
    let model: LinearModel;
    if (y.task === 'classification') {
      // A pass over the rows per step, with pauses: at 1M rows the fit is seconds in compare's thread.
      const pacer = new Pacer(options.signal);
      const fit = await runStepsPaced(fitLogisticSteps(Z, X.rows, X.cols, y.codes, C, maxIter), () => pacer.breathe());
      if (!fit.converged) {
        notes.push({
          message: `logistic regression did not converge in ${fit.iterations} iterations (largest gradient ${fit.gradientNorm.toExponential(1)}); raise maxIter or lower C`,
        });
      }
      const single = singleClassNote(y);
      if (single) notes.push(single);
      model = { kind: 'logistic', m: fit, k: y.classes.length };
    } else {
      model = { kind: 'ridge', m: fitRidge(Z, X.rows, X.cols, y.values, alpha) };
    }
    throwIfAborted(options.signal);
    options.onProgress?.(1);
    const header = fittedHeader(this.id, this.params, options.seed, X, y, notes);
    return new Fitted(header, linearCore(scaling, model));
  }
}

/** Logistic or ridge regression on standardized inputs (parameters: app/models/catalog/linear.ts). */
export const linearLearner: Learner = (d) =>
  describedFactory(d, {
    create: (task, params) => new LinearEstimator(d.id, task, params),
    fromJSON(json: SerializedModel): Fitted {
      const { header, state } = readHeader(json, d.id, d.params);
      const p = header.featureNames.length;
      const scaling = {
        means: numbers(field(state, 'means'), 'state.means', p),
        stds: numbers(field(state, 'stds'), 'state.stds', p),
      };
      if (scaling.stds.some((s) => s < 0)) throw badModel('state.stds must not be negative');
      // No fit produces weights near the float range; such a file would overflow to ±Infinity and NaN at predict.
      const huge = (xs: Float64Array): boolean => xs.some((x) => Math.abs(x) > MAX_WEIGHT);
      if (huge(scaling.means) || huge(scaling.stds))
        throw badModel(`state.means and state.stds must be within ±${MAX_WEIGHT}`);
      let model: LinearModel;
      if (header.task === 'classification') {
        const k = header.classes!.length;
        const present = integers(field(state, 'present'), 'state.present');
        if (present.length === 0 || present.some((c, j) => c < 0 || c >= k || (j > 0 && c <= present[j - 1]))) {
          throw badModel('state.present must list distinct class codes in ascending order');
        }
        const F = present.length === 1 ? 0 : present.length === 2 ? 1 : present.length;
        const coef = numbers(field(state, 'coef'), 'state.coef', F * p);
        const intercept = numbers(field(state, 'intercept'), 'state.intercept', F);
        if (huge(coef) || huge(intercept))
          throw badModel(`state.coef and state.intercept must be within ±${MAX_WEIGHT}`);
        model = { kind: 'logistic', m: { present, coef, intercept }, k };
      } else {
        const coef = numbers(field(state, 'coef'), 'state.coef', p);
        const intercept = numbers(field(state, 'intercept'), 'state.intercept', 1)[0];
        if (huge(coef) || Math.abs(intercept) > MAX_WEIGHT)
          throw badModel(`state.coef and state.intercept must be within ±${MAX_WEIGHT}`);
        model = { kind: 'ridge', m: { coef, intercept } };
      }
      return new Fitted(header, linearCore(scaling, model));
    },
  });
