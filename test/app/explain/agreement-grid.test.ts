/** The rank-agreement grids: every pair lands in its row and column once; a pair a row lacks is null. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methodAgreementGrid, modelAgreementGrid } from '../../../app/explain/agreement-grid.js';
import type { AgreementSection } from '../../../app/result/explain.js';

const section: AgreementSection = {
  methods: [
    {
      model: 'forest',
      pairs: [
        { a: 'shap', b: 'permutation', spearman: 0.9, kendall: 0.8 },
        { a: 'shap', b: 'impurity', spearman: 0.4, kendall: 0.3 },
        { a: 'permutation', b: 'impurity', spearman: 0.5, kendall: 0.35 },
      ],
    },
    { model: 'linear', pairs: [{ a: 'shap', b: 'permutation', spearman: 0.7, kendall: 0.6 }] },
  ],
  models: [
    { method: 'shap', pairs: [{ a: 'forest', b: 'linear', spearman: 0.2, kendall: 0.1 }] },
    { method: 'impurity', pairs: [] },
  ],
  notes: [],
};

test('methods × models: one row per model, one column per method pair, missing pairs null', () => {
  const g = methodAgreementGrid(section);
  assert.deepEqual(g.rows, ['forest', 'linear']);
  assert.deepEqual(g.columns, [
    ['shap', 'permutation'],
    ['shap', 'impurity'],
    ['permutation', 'impurity'],
  ]);
  assert.deepEqual(g.cells[0][1], { spearman: 0.4, kendall: 0.3 });
  assert.deepEqual(g.cells[1], [{ spearman: 0.7, kendall: 0.6 }, null, null]);
});

test('models × methods: one row per method, one column per model pair; a method without pairs is an empty row', () => {
  const g = modelAgreementGrid(section);
  assert.deepEqual(g.rows, ['shap', 'impurity']);
  assert.deepEqual(g.columns, [['forest', 'linear']]);
  assert.deepEqual(g.cells, [[{ spearman: 0.2, kendall: 0.1 }], [null]]);
});
