/**
 * Every learner, by the kind a model description names (describe.ts LearnerSpec). A new model that reuses a
 * learner needs no change here; a new learning algorithm adds one line.
 */
import { engineBoostLearner, engineForestLearner, engineTreeLearner } from '../engine/learners.js';
import type { LearnerKind } from '../models/describe.js';
import type { Learner } from '../models/learner.js';
import { linearLearner } from '../models/linear.js';
import { mljsForestLearner } from '../models/mljs/forest.js';
import { mljsTreeLearner } from '../models/mljs/tree.js';

export const LEARNERS: Readonly<Record<LearnerKind, Learner>> = Object.freeze({
  'engine-tree': engineTreeLearner,
  'engine-forest': engineForestLearner,
  'engine-boost': engineBoostLearner,
  'mljs-tree': mljsTreeLearner,
  'mljs-forest': mljsForestLearner,
  linear: linearLearner,
});
