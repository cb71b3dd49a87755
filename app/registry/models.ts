/**
 * Every model Sapling offers, by id: the catalog's descriptions (app/models/catalog/) joined to their
 * learners (learners.ts), and the parameter parsing the CLI and UI share. Nothing here names a model.
 */
import { SaplingError } from '../util/errors.js';
import { isModelId, MODEL_CATALOG, type ModelId } from '../models/catalog/index.js';
import type { ModelFactory, Params } from '../models/estimator.js';
import { LEARNERS } from './learners.js';
import { parseParamStrings } from '../models/params.js';

/** In catalog order. */
export const MODELS: Readonly<Record<ModelId, ModelFactory>> = Object.freeze(
  Object.fromEntries(MODEL_CATALOG.map((d) => [d.id, LEARNERS[d.learner.kind](d)])) as Record<ModelId, ModelFactory>,
);

export function getModelFactory(id: string): ModelFactory {
  if (!isModelId(id))
    throw new SaplingError('BAD_PARAMETER', `unknown model '${id}'; choose from ${Object.keys(MODELS).join(', ')}`);
  return MODELS[id];
}

/**
 * `name=value` strings from the CLI → typed, validated parameters for `factory.create`.
 * Each value takes its default's type (number, boolean or string); unknown names are rejected
 * with the list of valid ones, bad values with the rule they break (all BAD_PARAMETER).
 */
export function parseParams(factory: ModelFactory, raw: Readonly<Record<string, string>>): Params {
  return parseParamStrings(factory.id, factory.description.params, raw);
}
