/**
 * Every learner, by the kind a model description names (describe.ts LearnerSpec). A new model that reuses a
 * learner needs no change here; a new learning algorithm adds one line.
 */
import { engineBoostLearner, engineForestLearner, engineTreeLearner } from '../engine/learners.js';
import type { LearnerKind } from './describe.js';
import type { Learner } from './learner.js';
import { linearLearner } from './linear.js';
import { mljsForestLearner } from './mljs/forest.js';
import { mljsTreeLearner } from './mljs/tree.js';

export const LEARNERS: Readonly<Record<LearnerKind, Learner>> = Object.freeze({
  'engine-tree': engineTreeLearner,
  'engine-forest': engineForestLearner,
  'engine-boost': engineBoostLearner,
  'mljs-tree': mljsTreeLearner,
  'mljs-forest': mljsForestLearner,
  linear: linearLearner,
});
