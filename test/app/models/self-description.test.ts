/**
 * Each model's description (app/models/catalog/<id>.ts) must be true of the fitted model: the explainer it
 * declares is the one applied, impurity importance and probabilities are there when it says so, and a
 * model tagged `treeView` can be drawn. Run on every catalog model, so a new model is checked by adding it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_CATALOG } from '../../../app/models/catalog/index.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { explainerFor } from '../../../app/explain/explainer.js';
import { treeView } from '../../../app/explain/tree-view.js';
import type { Target } from '../../../app/models/matrix.js';
import { fitPipeline } from '../../../app/pipeline/pipeline.js';
import { makeDataset } from '../../helpers/dataset.js';
import { blobs } from './fixtures.js';

/** Small settings so every model fits in milliseconds. */
function quick(defaults: Readonly<Record<string, unknown>>): Record<string, number> {
  return {
    ...('trees' in defaults ? { trees: 3 } : {}),
    ...('rounds' in defaults ? { rounds: 3 } : {}),
  };
}

describe('every model describes itself truthfully', () => {
  const { X, y } = blobs(1, 90, 3, 3, 2);
  for (const d of MODEL_CATALOG) {
    test(d.id, async () => {
      const factory = getModelFactory(d.id);
      assert.equal(factory.description, d);
      assert.equal(factory.label, d.label);
      assert.deepEqual(Object.keys(factory.defaults), Object.keys(d.params));
      const model = await factory.create('classification', quick(factory.defaults)).fit(X, y, { seed: 1 });
      assert.equal(model.id, d.id);
      assert.equal(explainerFor(model).method, d.explainer);
      assert.equal(model.impurityImportance() !== undefined, d.tags.impurityImportance);
      if (d.tags.probabilities) assert.equal(model.predictProba(X).length, X.rows * 3);
      assert.equal(getModelFactory(d.id).fromJSON(model.toJSON()).id, d.id);
    });
  }

  // Through the pipeline: inputs are encoded as declared, and tree views exist where promised.
  const n = 60;
  const dataset = makeDataset({
    size: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i)),
    colour: Array.from({ length: n }, (_, i) => ['red', 'green', 'blue'][i % 3]),
  });
  const target: Target = {
    task: 'classification',
    codes: Int32Array.from({ length: n }, (_, i) => +(i > 30)),
    classes: ['no', 'yes'],
  };
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  for (const d of MODEL_CATALOG) {
    test(`${d.id}: encoding '${d.encoding}'${d.tags.treeView ? ', a drawable tree' : ''}`, async () => {
      const { pipeline } = await fitPipeline(dataset, 'label', target, ['size', 'colour'], rows, {
        modelId: d.id,
        params: quick(getModelFactory(d.id).defaults),
        seed: 1,
      });
      assert.equal(pipeline.preprocessor.encoding, d.encoding);
      if (d.tags.treeView) assert.ok(treeView(pipeline.model.toJSON(), pipeline.preprocessor).nodes.length >= 1);
    });
  }
});
