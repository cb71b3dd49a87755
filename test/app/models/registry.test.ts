import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_IDS } from '../../../app/models/estimator.js';
import { getModelFactory, MODELS, parseParams } from '../../../app/registry/models.js';
import { rejectsWith } from './check-estimator.js';

describe('model registry', () => {
  test('knows the engine models, the mljs models and linear, in MODEL_IDS order', () => {
    assert.deepEqual(Object.keys(MODELS), [...MODEL_IDS]);
    assert.deepEqual(Object.keys(MODELS), [
      'tree',
      'forest',
      'boost',
      'extra-trees',
      'mljs-tree',
      'mljs-forest',
      'linear',
    ]);
    for (const [id, factory] of Object.entries(MODELS)) assert.equal(factory.id, id);
    assert.equal(getModelFactory('forest'), MODELS.forest);
  });

  test('an unknown model lists the valid ones', async () => {
    await rejectsWith(
      () => getModelFactory('xgboost'),
      'BAD_PARAMETER',
      /unknown model 'xgboost'; choose from tree, forest, boost, extra-trees, mljs-tree, mljs-forest, linear/,
    );
    await rejectsWith(() => getModelFactory('toString'), 'BAD_PARAMETER', /unknown model/);
  });

  test('parseParams types CLI strings by each default and merges defaults', () => {
    const p = parseParams(MODELS.forest, { trees: '50', maxFeatures: '0.5', maxDepth: ' 8 ' });
    assert.deepEqual({ ...p }, { ...MODELS.forest.defaults, trees: 50, maxFeatures: '0.5', maxDepth: 8 });
    assert.deepEqual({ ...parseParams(MODELS.linear, { C: '1e-2' }) }, { ...MODELS.linear.defaults, C: 0.01 });
    assert.deepEqual({ ...parseParams(MODELS.tree, {}) }, { ...MODELS.tree.defaults });
  });

  test('parseParams rejects unknown names (listing the valid ones) and bad values', async () => {
    await rejectsWith(
      () => parseParams(MODELS.tree, { depth: '3' }),
      'BAD_PARAMETER',
      /unknown parameter 'depth' for model 'tree'; valid parameters: pruning, maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, maxLeaves, criterion, classWeight, ccpAlpha, maxBins/,
    );
    await rejectsWith(
      () => parseParams(MODELS.tree, { maxDepth: 'deep' }),
      'BAD_PARAMETER',
      /'maxDepth'.*must be a number, got 'deep'/,
    );
    await rejectsWith(() => parseParams(MODELS.tree, { maxDepth: '' }), 'BAD_PARAMETER', /must be a number/);
    await rejectsWith(() => parseParams(MODELS.tree, { maxDepth: '-2' }), 'BAD_PARAMETER', /whole number from 0/);
    await rejectsWith(() => parseParams(MODELS.forest, { trees: 'Infinity' }), 'BAD_PARAMETER', /must be a number/);
    await rejectsWith(
      () => parseParams(MODELS.forest, { maxFeatures: 'most' }),
      'BAD_PARAMETER',
      /'auto', 'sqrt', 'log2', 'all'/,
    );
    await rejectsWith(
      () => parseParams(MODELS['mljs-forest'], { maxFeatures: 'most' }),
      'BAD_PARAMETER',
      /'sqrt', 'log2', 'all'/,
    );
    await rejectsWith(
      () => parseParams(MODELS['mljs-tree'], { depth: '3' }),
      'BAD_PARAMETER',
      /valid parameters: maxDepth, minSamplesSplit, rowCap/,
    );
    await rejectsWith(() => parseParams(MODELS.boost, { learningRate: '0' }), 'BAD_PARAMETER', /learningRate/);
    await rejectsWith(
      () => parseParams(MODELS.boost, { earlyStopping: 'maybe' }),
      'BAD_PARAMETER',
      /'auto', 'on', 'off'/,
    );
    await rejectsWith(() => parseParams(MODELS.tree, { criterion: 'mse' }), 'BAD_PARAMETER', /'gini', 'entropy'/);
    await rejectsWith(() => parseParams(MODELS.linear, { C: '0' }), 'BAD_PARAMETER', /greater than 0/);
    await rejectsWith(
      () => parseParams(MODELS.linear, { toString: '1' }),
      'BAD_PARAMETER',
      /unknown parameter 'toString'/,
    );
  });

  test('every factory documents every parameter', () => {
    for (const f of Object.values(MODELS)) {
      assert.deepEqual(Object.keys(f.paramHelp), Object.keys(f.defaults));
      assert.ok(f.label.length > 0);
    }
  });
});
