/**
 * Every model Sapling offers, by id, and the parameter parsing the CLI and UI share.
 */
import { SaplingError } from '../util/errors.js';
import type { ModelFactory, ModelId, Params } from './estimator.js';
import { FOREST_PARAMS, forestFactory } from './forest.js';
import { LINEAR_PARAMS, linearFactory } from './linear.js';
import { parseParamStrings, type ParamSchema } from './params.js';
import { TREE_PARAMS, treeFactory } from './tree.js';

export const MODELS: Readonly<Record<ModelId, ModelFactory>> = Object.freeze({
  tree: treeFactory,
  forest: forestFactory,
  linear: linearFactory,
});

const SCHEMAS: Readonly<Record<ModelId, ParamSchema>> = { tree: TREE_PARAMS, forest: FOREST_PARAMS, linear: LINEAR_PARAMS };

function isModelId(id: string): id is ModelId {
  return Object.hasOwn(MODELS, id);
}

export function getModelFactory(id: string): ModelFactory {
  if (!isModelId(id)) throw new SaplingError('BAD_PARAMETER', `unknown model '${id}'; choose from ${Object.keys(MODELS).join(', ')}`);
  return MODELS[id];
}

/**
 * `name=value` strings from the CLI → typed, validated parameters for `factory.create`.
 * Each value takes its default's type (number, boolean or string); unknown names are rejected
 * with the list of valid ones, bad values with the rule they break (all BAD_PARAMETER).
 */
export function parseParams(factory: ModelFactory, raw: Readonly<Record<string, string>>): Params {
  return parseParamStrings(factory.id, SCHEMAS[factory.id], raw);
}
