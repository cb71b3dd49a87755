/** The LLM's standing in the recommendation: on exactly the rows it answered, against its interval. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { llmStanding } from '../../../app/answer/llm-standing.js';
import type { LlmModelRow } from '../../../app/result/compare.js';

const row = (id: LlmModelRow['id'], value: number, ci95: [number, number], cost = 0.02): LlmModelRow => ({
  id,
  kind: 'llm',
  label: id === 'llm' ? 'LLM (m)' : `LLM (m) + ${id}`,
  metrics: {},
  folds: [],
  scoredRows: 10,
  pooledAccuracy: { value, ci95, n: 10 },
  invalidAnswerRate: 0,
  costPer1000: cost,
  timing: { predictRowMsP50: 1, predictRowMsP95: 2, rowsPerSecond: 3 },
  note: '',
});

// Rows 0–9 asked; the tree is right on rows 0–7 (0.8) and on none of rows 10–19, which the LLM was not asked about.
const truth = Int32Array.from({ length: 20 }, () => 1);
const oof = Float64Array.from({ length: 20 }, (_, i) => (i < 8 ? 1 : 0));
const asked = Array.from({ length: 10 }, (_, i) => i);
const tree = { modelId: 'tree', label: 'Decision tree' };

test('the recommended model is scored on the LLM’s own rows and placed against the LLM’s interval', () => {
  const within = llmStanding(tree, [row('llm', 0.7, [0.4, 0.9])], { oof, truth }, asked)!;
  assert.equal(within.modelAccuracy, 0.8, 'only the asked rows count');
  assert.equal(within.position, 'within');
  assert.match(
    within.text,
    /LLM \(m\) scored 0.7 accuracy on its 10 sampled rows \(95% interval 0.4–0.9\) at 0.02 per 1,000 predictions; Decision tree scored 0.8 on the same rows: within the LLM's interval/,
  );
  assert.equal(llmStanding(tree, [row('llm', 0.4, [0.2, 0.7])], { oof, truth }, asked)!.position, 'above');
  assert.equal(llmStanding(tree, [row('llm', 0.95, [0.85, 1])], { oof, truth }, asked)!.position, 'below');
});

test('a prompt variant that scored higher is the one compared; no rows or no accuracy → no standing', () => {
  const s = llmStanding(
    tree,
    [row('llm', 0.5, [0.2, 0.8]), row('llm:retrieved', 0.9, [0.6, 1])],
    { oof, truth },
    asked,
  )!;
  assert.equal(s.llmId, 'llm:retrieved');
  assert.equal(s.position, 'within');
  assert.equal(llmStanding(tree, [row('llm', 0.5, [0.2, 0.8])], { oof, truth }, []), undefined);
  const { pooledAccuracy: _p, ...regression } = row('llm', 0.5, [0.2, 0.8]);
  assert.equal(llmStanding(tree, [regression], { oof, truth }, asked), undefined);
});
