/**
 * The per-decision card: for one row, every model's prediction and probability, its top signed reasons
 * (SHAP per source feature, in the units the explainer states), the decision tree's path, and whether the
 * models disagree. The same code serves the batch `sapling explain` (many rows, one model) and what-if
 * (an edited row, every model).
 */
import { modelDescription } from '../models/catalog/index.js';
import { booleanLabel, columnByName, type Dataset } from '../data/dataset.js';
import { isEngineModel } from '../engine/fitted.js';
import type { RowId } from '../result/pre-trained.js';
import type { FeatureMatrix } from '../models/matrix.js';
import type { TrainedPipeline } from '../pipeline/pipeline.js';
import { featureGroups, outputFeatureNames, transform } from '../pipeline/preprocess.js';
import { attributeRow } from './attribution.js';
import { explainerFor } from './explainer.js';
import { decisionPath, pathText, type RuleNaming } from './rules.js';
import { datasetFromValues, type RowValues } from './rows.js';
import type { ModelDecision, Reason } from '../result/explain.js';
export type { ModelDecision, Reason };

export interface DecisionModel {
  /** The leaderboard row (a model id, or `file:<name>` for a pre-trained model file). */
  readonly id: RowId;
  readonly label: string;
  readonly pipeline: TrainedPipeline;
}

/** Decisions of one pipeline for every row of an encoded matrix; `text(i, feature)` gives a row's value. */
export function explainMatrix(
  model: DecisionModel,
  X: FeatureMatrix,
  text: (i: number, feature: string) => string,
  top: number,
  like?: Dataset,
): ModelDecision[] {
  const { pipeline } = model;
  const fitted = pipeline.model;
  const explainer = explainerFor(fitted);
  const groups = featureGroups(pipeline.preprocessor);
  const features = pipeline.features;
  const classes = pipeline.target.classes ?? [];
  const classification = pipeline.target.task === 'classification';
  const predicted = fitted.predict(X);
  const proba = classification ? fitted.predictProba(X) : null;
  const k = classes.length;
  const naming = ruleNaming(pipeline, like);
  const out: ModelDecision[] = [];
  for (let i = 0; i < X.rows; i++) {
    const cls = classification ? predicted[i] : -1;
    const a = attributeRow(explainer, X.data, i * X.cols, groups, features.length, cls);
    const contributions = Object.fromEntries(features.map((f, j) => [f, a.contributions[j]]));
    const reasons = features
      .map((feature, j) => ({ feature, value: text(i, feature), contribution: a.contributions[j] }))
      .filter((r) => r.contribution !== 0)
      .sort((p, q) => Math.abs(q.contribution) - Math.abs(p.contribution) || p.feature.localeCompare(q.feature))
      .slice(0, top);
    let path: string | null = null;
    if (modelDescription(fitted.id)?.tags.treeView === true && isEngineModel(fitted)) {
      const x = X.data.subarray(i * X.cols, (i + 1) * X.cols);
      path = pathText(
        decisionPath(fitted.ensemble, 0, X.data, i * X.cols, { ...naming, hasMissing: (j) => Number.isNaN(x[j]) }),
      );
    }
    const probabilities = proba ? Object.fromEntries(classes.map((c, j) => [c, proba[i * k + j]])) : null;
    out.push({
      id: model.id,
      label: model.label,
      prediction: classification ? classes[cls] : String(predicted[i]),
      probabilities,
      score: proba ? proba[i * k + cls] : predicted[i],
      units: a.units,
      explains: classification
        ? `${a.units === 'probability' ? 'probability' : 'log-odds'} of '${classes[cls]}'`
        : `predicted ${pipeline.target.name}`,
      baseValue: a.baseValue,
      value: a.value,
      contributions,
      reasons,
      path,
    });
  }
  return out;
}

/** How rules name the pipeline's matrix columns; `like` (a dataset with the training columns) supplies yes/no words. */
export function ruleNaming(pipeline: TrainedPipeline, like?: Dataset): RuleNaming {
  const state = pipeline.preprocessor;
  const groups = featureGroups(state);
  const names = outputFeatureNames(state);
  const booleans = names.map((_, j) => {
    const c = state.columns[groups[j]];
    const column = like && c.kind === 'number' ? columnByName(like, c.name) : undefined;
    return column?.storage === 'number' && column.type === 'boolean'
      ? ([booleanLabel(column, 0), booleanLabel(column, 1)] as const)
      : undefined;
  });
  return {
    booleans,
    names: names.map((n, j) => (state.encoding === 'onehot' ? n : state.columns[groups[j]].name)),
    levels: names.map((_, j) => {
      const c = state.columns[groups[j]];
      return c.kind === 'category' && state.encoding !== 'onehot' ? c.levels : undefined;
    }),
    ...(pipeline.target.classes ? { classes: pipeline.target.classes } : {}),
  };
}

export interface DecisionCard {
  readonly values: RowValues;
  readonly models: readonly ModelDecision[];
  /** Classification: the models do not all predict the same class. */
  readonly disagree: boolean;
}

/** Every model's decision on one row given as text values (`like`: a dataset with the training columns). */
export function decisionCard(
  models: readonly DecisionModel[],
  like: Dataset,
  values: RowValues,
  top: number,
): DecisionCard {
  const one = datasetFromValues(like, [values]);
  const decisions = models.map(
    (m) => explainMatrix(m, transform(m.pipeline.preprocessor, one), (_, f) => values[f] ?? '', top, like)[0],
  );
  const classes = new Set(decisions.map((d) => d.prediction));
  const classification = models[0]?.pipeline.target.task === 'classification';
  return { values, models: decisions, disagree: classification && classes.size > 1 };
}
