/**
 * The engine's three learners, as app/registry/learners.ts lists them: each turns a model description
 * (id, parameter schema, learner settings) into the model's factory.
 */
import { describedFactory, type Learner } from '../models/learner.js';
import { EngineBoostEstimator } from './fit-boost.js';
import { EngineForestEstimator, EngineTreeEstimator } from './fit-trees.js';
import { engineLoader } from './fitted.js';

/** One histogram CART tree. */
export const engineTreeLearner: Learner = (d) =>
  describedFactory(d, {
    create: (task, params) => new EngineTreeEstimator(d.id, task, params),
    fromJSON: engineLoader(d.id, 'tree', d.params),
  });

/** Averaged trees on bootstrap samples or all rows, features drawn per split; best or random thresholds. */
export const engineForestLearner: Learner = (d) => {
  const splitter = d.learner.kind === 'engine-forest' ? d.learner.splitter : 'best';
  return describedFactory(d, {
    create: (task, params) => new EngineForestEstimator(d.id, splitter, task, params),
    fromJSON: engineLoader(d.id, 'forest', d.params),
  });
};

/** Gradient boosted trees. */
export const engineBoostLearner: Learner = (d) =>
  describedFactory(d, {
    create: (task, params) => new EngineBoostEstimator(d.id, task, params),
    fromJSON: engineLoader(d.id, 'boost', d.params),
  });
