import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictionAgreement } from '../../../app/evaluate/prediction-agreement.js';

const f = (values: number[]) => Float64Array.from(values);

test('classes: the share of held-out rows with the same predicted class, symmetric, rows every model predicted', () => {
  const a = predictionAgreement(
    [
      { id: 'tree', label: 'Tree', oof: f([0, 1, 1, 0, NaN]) },
      { id: 'linear', label: 'Linear', oof: f([0, 1, 0, 0, 1]) },
      { id: 'forest', label: 'Forest', oof: f([1, 0, 0, 1, 1]) },
    ],
    'classification',
  )!;
  assert.equal(a.measure, 'same-class');
  assert.equal(a.rows, 4);
  assert.deepEqual(a.matrix, [
    [1, 0.75, 0],
    [0.75, 1, 0.25],
    [0, 0.25, 1],
  ]);
  assert.deepEqual(a.ids, ['tree', 'linear', 'forest']);
});

test('numbers: Pearson r of the predictions; undefined (null) for a constant prediction; one model: none', () => {
  const a = predictionAgreement(
    [
      { id: 'a', label: 'A', oof: f([1, 2, 3, 4]) },
      { id: 'b', label: 'B', oof: f([2, 4, 6, 8]) },
      { id: 'c', label: 'C', oof: f([4, 3, 2, 1]) },
      { id: 'd', label: 'D', oof: f([5, 5, 5, 5]) },
    ],
    'regression',
  )!;
  assert.equal(a.measure, 'correlation');
  assert.ok(Math.abs((a.matrix[0][1] as number) - 1) < 1e-12);
  assert.ok(Math.abs((a.matrix[0][2] as number) + 1) < 1e-12);
  assert.equal(a.matrix[3][0], null);
  assert.equal(predictionAgreement([{ id: 'a', label: 'A', oof: f([1]) }], 'regression'), undefined);
});
