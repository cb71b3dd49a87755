import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestBalanced, chosenThresholdProblem, DEFAULT_THRESHOLD, pointAt } from '../../../app/answer/threshold.js';
import { runComparison } from '../../../app/compare/run.js';
import { trainedModels } from '../../../app/evaluate/model-rows.js';
import { renderReport } from '../../../app/report/report.js';
import { fmtSig } from '../../../app/util/format.js';
import { heatShade, paletteCssVariables } from '../../../app/util/palette.js';
import { methodAgreementGrid } from '../../../app/explain/agreement-grid.js';
import { modelColor } from '../../../renderer/src/lib/colors.js';
import { makeDataset } from '../../helpers/dataset.js';

const n = 240;
const data = makeDataset(
  {
    Income: Array.from({ length: n }, (_, i) => 40 + ((i * 37) % 200)),
    Seniority: Array.from({ length: n }, (_, i) => (i * 7) % 25),
    Status: Array.from({ length: n }, (_, i) => (40 + ((i * 37) % 200) > 90 !== (i % 9 === 0) ? 'good' : 'bad')),
  },
  'credit_like.csv',
);

test('the agreement heatmap and the decision threshold: computed from the fold predictions, in the JSON and the report', async () => {
  const { result, artifacts } = await runComparison(data, {
    target: 'Status',
    models: ['tree', 'linear'],
    folds: 3,
    seed: 1,
    permutationRepeats: 1,
    latencyCalls: 10,
  });
  // Agreement: the share of held-out rows on which tree and linear predict the same class.
  const a = result.predictionAgreement!;
  assert.deepEqual(a.ids, ['tree', 'linear']);
  const tree = artifacts.models.get('tree')!.oofPredictions;
  const linear = artifacts.models.get('linear')!.oofPredictions;
  let same = 0;
  for (let i = 0; i < tree.length; i++) if (tree[i] === linear[i]) same++;
  assert.equal(a.matrix[0][1], same / tree.length);
  assert.equal(a.rows, n);

  const html = renderReport({ result, generatedAt: '2026-01-01T00:00:00.000Z' });
  const section = (id: string) =>
    html.slice(html.indexOf(`<section id="${id}">`), html.indexOf('</section>', html.indexOf(`<section id="${id}">`)));
  const heat = section('prediction-agreement');
  assert.match(heat, new RegExp(`${Math.round((same / tree.length) * 100)}%`));
  // Each model named with its app colour.
  for (const id of a.ids) assert.ok(heat.includes(`fill="${modelColor(id)}"`), id);

  // The importance methods' rank agreement: one shaded row per model, one cell per method pair (its Spearman ρ on
  // the matrices' scale), not one table row per pair.
  const grid = methodAgreementGrid(result.shap!.agreement);
  const rank = html.slice(html.indexOf('<table class="agreement">'));
  assert.equal(
    rank
      .slice(0, rank.indexOf('</table>'))
      .match(/<tbody>.*<\/tbody>/s)![0]
      .split('<tr>').length - 1,
    grid.rows.length,
  );
  for (const cell of grid.cells.flat())
    if (cell) assert.ok(rank.includes(`background:${heatShade(cell.spearman).fill}`), String(cell.spearman));

  // Threshold: the curve of the recommended model, with the default point and the best balanced accuracy.
  const model = trainedModels(result).find((m) => m.id === result.recommendation!.modelId)!;
  const points = model.classReport!.thresholds!;
  const at = pointAt(points, DEFAULT_THRESHOLD);
  const best = bestBalanced(points);
  const thr = section('decision-threshold');
  assert.match(thr, /<svg role="img"/);
  assert.match(thr, new RegExp(`default</td><td class="num">0.5</td><td class="num">${fmtSig(at.precision, 3)}`));
  assert.match(thr, new RegExp(`best balanced accuracy</td><td class="num">${fmtSig(best.threshold, 2)}<`));
  assert.ok(points.every((p) => p.balancedAccuracy <= best.balancedAccuracy));

  // The palette: the report writes the app's sign and path colours as the same CSS variables the desktop sets.
  for (const [name, value] of Object.entries(paletteCssVariables())) assert.ok(html.includes(`${name}:${value}`), name);
  assert.ok(html.includes('.pos{color:var(--sign-positive)}.neg{color:var(--sign-negative)}'));

  // A threshold chosen on the slider (or --threshold) is marked "chosen" in its model's block, even for a model
  // that is not the recommended one; the recommended model keeps its block.
  const other = trainedModels(result).find((m) => m.id !== model.id)!;
  const chosen = renderReport({
    result,
    generatedAt: '2026-01-01T00:00:00.000Z',
    thresholds: [{ modelId: other.id, threshold: 0.3 }],
  });
  const picked = pointAt(other.classReport!.thresholds!, 0.3);
  const block = chosen.slice(chosen.indexOf('<section id="decision-threshold">'));
  assert.ok(block.indexOf(`<h3>${model.label}: answers`) < block.indexOf(`<h3>${other.label}: answers`));
  assert.match(block, new RegExp(`${other.label}: answers '[a-z]+' at the chosen threshold 0.3</h3>`));
  assert.match(
    block,
    new RegExp(`<td>chosen</td><td class="num">0.3</td><td class="num">${fmtSig(picked.precision, 3)}</td>`),
  );
  assert.ok(block.includes(`fill="${modelColor(other.id)}"`), 'the chosen point in the model colour');
  assert.ok(!thr.includes('<td>chosen</td>'), 'nothing chosen, nothing marked');

  // The one check of chosen thresholds (IPC boundary and CLI): a known two-class model, once, strictly in (0, 1).
  const models = trainedModels(result);
  assert.equal(chosenThresholdProblem(models, [{ modelId: 'tree', threshold: 0.2 }]), null);
  assert.match(chosenThresholdProblem(models, [{ modelId: 'boost', threshold: 0.2 }])!, /no model 'boost' in this run/);
  assert.match(chosenThresholdProblem(models, [{ modelId: 'tree', threshold: 1 }])!, /between 0 and 1/);
  assert.match(
    chosenThresholdProblem(models, [
      { modelId: 'tree', threshold: 0.2 },
      { modelId: 'tree', threshold: 0.4 },
    ])!,
    /given twice/,
  );
});
