import { checkEstimator } from '../models/check-estimator.js';
import { MODELS } from '../../../app/registry/models.js';

const engineBoostFactory = MODELS.boost;
const engineForestFactory = MODELS.forest;
const engineTreeFactory = MODELS.tree;

checkEstimator(engineTreeFactory, {
  acceptsMissing: true,
  badParams: [
    { maxDepth: -1 },
    { minSamplesSplit: 1 },
    { minSamplesLeaf: 0 },
    { maxDepth: 2.5 },
    { criterion: 'mse' },
    { classWeight: 'auto' },
    { ccpAlpha: -1 },
    { maxBins: 1 },
    { maxBins: 256 },
    { minImpurityDecrease: -0.1 },
  ],
});
checkEstimator(engineForestFactory, {
  params: { trees: 5 },
  seedDependent: true,
  acceptsMissing: true,
  badParams: [
    { trees: 0 },
    { maxFeatures: '0' },
    { maxFeatures: '1.5' },
    { maxFeatures: 'half' },
    { maxFeatures: 0.5 },
    { maxSamples: 0 },
    { maxSamples: 1.5 },
    { bootstrap: 'yes' },
  ],
});
checkEstimator(MODELS['extra-trees'], {
  params: { trees: 5 },
  seedDependent: true,
  acceptsMissing: true,
  badParams: [
    { trees: 0 },
    { maxFeatures: '0' },
    { maxFeatures: 'half' },
    { maxSamples: 0 },
    { bootstrap: 'yes' },
    { criterion: 'mse' },
  ],
});
checkEstimator(engineBoostFactory, {
  params: { rounds: 30, minSamplesLeaf: 2 },
  acceptsMissing: true,
  badParams: [
    { rounds: 0 },
    { learningRate: 0 },
    { learningRate: 2 },
    { subsample: 0 },
    { colsample: 1.5 },
    { earlyStopping: 'yes' },
    { validationFraction: 0.9 },
    { l2: -1 },
  ],
});
