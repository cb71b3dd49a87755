/** The Inspect view's tree, read from each tree implementation's serialized JSON, against the live model. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareTarget } from '../../../app/data/target.js';
import type { ModelId } from '../../../app/models/estimator.js';
import { fitPipeline } from '../../../app/pipeline/pipeline.js';
import { transform } from '../../../app/pipeline/preprocess.js';
import { createRng } from '../../../app/util/random.js';
import { treeView } from '../../../app/explain/tree-view.js';
import { makeDataset } from '../../helpers/dataset.js';

/** y depends on a colour (a category) and on x, with some missing cells. */
function data(n = 240) {
  const rng = createRng(4);
  const colour: (string | null)[] = [];
  const x: (number | null)[] = [];
  const noise: number[] = [];
  const y: string[] = [];
  const amount: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = ['red', 'green', 'blue', 'amber'][rng.int(4)];
    const v = rng.next() * 10;
    colour.push(rng.next() < 0.05 ? null : c);
    x.push(rng.next() < 0.05 ? null : v);
    noise.push(rng.next());
    y.push((c === 'red' || c === 'amber') !== v > 7 ? 'yes' : 'no');
    amount.push((c === 'red' ? 10 : 0) + v + rng.next());
  }
  return makeDataset({ colour, x, noise, y, amount });
}

async function fitted(modelId: ModelId, target: 'y' | 'amount', params: Record<string, number> = { maxDepth: 5 }) {
  const dataset = data();
  const prepared = prepareTarget(dataset, target);
  const features = ['colour', 'x', 'noise'];
  const rows = Int32Array.from({ length: prepared.dataset.rowCount }, (_, i) => i);
  const { pipeline } = await fitPipeline(prepared.dataset, target, prepared.target, features, rows, {
    modelId,
    seed: 3,
    params,
  });
  const X = transform(pipeline.preprocessor, prepared.dataset);
  return {
    pipeline,
    X,
    get view() {
      return treeView(pipeline.model.toJSON(), pipeline.preprocessor);
    },
  };
}

for (const [modelId, comparison] of [
  ['tree', '≤'],
  ['mljs-tree', '<'],
] as const) {
  describe(`tree view of '${modelId}'`, () => {
    test('every row’s path ends at the leaf whose prediction and distribution the model gives', async () => {
      const { pipeline, X, view } = await fitted(modelId, 'y');
      const predicted = pipeline.model.predict(X);
      const proba = pipeline.model.predictProba(X);
      const classes = pipeline.model.classes!;
      for (let i = 0; i < X.rows; i++) {
        const path = view.path(X.data.subarray(i * X.cols, (i + 1) * X.cols));
        assert.equal(path[0], 0);
        path.slice(1).forEach((node, k) => {
          const parent = view.nodes[path[k]];
          assert.ok(node === parent.left || node === parent.right, 'each step goes to a child');
        });
        const leaf = view.nodes[path.at(-1)!];
        assert.equal(leaf.feature, undefined);
        assert.equal(leaf.prediction, classes[predicted[i]], `row ${i}`);
        classes.forEach((label, c) =>
          assert.ok(Math.abs(leaf.distribution![label] - proba[i * classes.length + c]) < 1e-12),
        );
      }
    });

    test('splits name the feature, categorical splits list the categories going left', async () => {
      const { view } = await fitted(modelId, 'y');
      const splits = view.nodes.filter((n) => n.feature !== undefined);
      assert.ok(splits.length > 0);
      for (const s of splits) {
        assert.ok(['colour', 'x', 'noise'].includes(s.feature!));
        if (s.feature === 'colour') {
          assert.ok(s.leftCategories && s.leftCategories.every((c) => ['amber', 'blue', 'green', 'red'].includes(c)));
          assert.equal(s.threshold, undefined);
        } else {
          assert.equal(s.comparison, comparison);
          assert.equal(typeof s.threshold, 'number');
        }
        assert.equal(
          s.missingGoesLeft === undefined,
          modelId === 'mljs-tree',
          'only the engine routes missing values itself',
        );
        assert.ok(s.samples! > 0);
      }
      assert.ok(
        splits.some((s) => s.feature === 'colour'),
        'the colour matters',
      );
      assert.equal(view.nodes[0].samples, 240);
    });

    test('regression leaves predict the model’s value', async () => {
      const { pipeline, X, view } = await fitted(modelId, 'amount');
      const predicted = pipeline.model.predict(X);
      for (let i = 0; i < X.rows; i += 7) {
        const leaf = view.nodes[view.path(X.data.subarray(i * X.cols, (i + 1) * X.cols)).at(-1)!];
        assert.equal(Number(leaf.prediction), predicted[i]);
        assert.equal(leaf.distribution, undefined);
      }
    });
  });
}

test('a model without a readable tree is refused with a message', async () => {
  const { pipeline } = await fitted('linear', 'y', {});
  assert.throws(() => treeView(pipeline.model.toJSON(), pipeline.preprocessor), /holds no tree/);
});
