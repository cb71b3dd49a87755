/**
 * Every model Sapling offers, by id, and the parameter parsing the CLI and UI share.
 */
import { engineBoostFactory, engineForestFactory, engineTreeFactory } from '../engine/models.js';
import { ENGINE_BOOST_PARAMS, ENGINE_FOREST_PARAMS, ENGINE_TREE_PARAMS } from '../engine/params.js';
import { SaplingError } from '../util/errors.js';
import type { ModelFactory, ModelId, Params } from './estimator.js';
import { FOREST_PARAMS, mljsForestFactory } from './forest.js';
import { LINEAR_PARAMS, linearFactory } from './linear.js';
import { parseParamStrings, type ParamSchema } from './params.js';
import { TREE_PARAMS, mljsTreeFactory } from './tree.js';

/** In MODEL_IDS order. */
export const MODELS: Readonly<Record<ModelId, ModelFactory>> = Object.freeze({
  tree: engineTreeFactory,
  forest: engineForestFactory,
  boost: engineBoostFactory,
  'mljs-tree': mljsTreeFactory,
  'mljs-forest': mljsForestFactory,
  linear: linearFactory,
});

const SCHEMAS: Readonly<Record<ModelId, ParamSchema>> = {
  tree: ENGINE_TREE_PARAMS,
  forest: ENGINE_FOREST_PARAMS,
  boost: ENGINE_BOOST_PARAMS,
  'mljs-tree': TREE_PARAMS,
  'mljs-forest': FOREST_PARAMS,
  linear: LINEAR_PARAMS,
};

function isModelId(id: string): id is ModelId {
  return Object.hasOwn(MODELS, id);
}

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
  return parseParamStrings(factory.id, SCHEMAS[factory.id], raw);
}
