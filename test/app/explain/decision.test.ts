import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { nearestCounterfactual } from '../../../app/explain/counterfactual.js';
import { decisionCard, ruleNaming, type DecisionModel } from '../../../app/explain/decision.js';
import { decisionPath, pathText, savedTreeRules } from '../../../app/explain/rules.js';
import { datasetFromValues, rowValues } from '../../../app/explain/rows.js';
import { isEngineModel } from '../../../app/engine/fitted.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { transform } from '../../../app/pipeline/preprocess.js';
import { createRng } from '../../../app/util/random.js';
import { makeDataset } from '../../helpers/dataset.js';

/** 'good' when income is high and home is not 'rent'; noise feature n. */
function credit(n: number, seed = 1) {
  const rng = createRng(seed);
  const income: (number | null)[] = [];
  const home: string[] = [];
  const noise: number[] = [];
  const status: string[] = [];
  for (let i = 0; i < n; i++) {
    const inc = Math.round(50 + 150 * rng.next());
    const h = ['owner', 'rent', 'parents'][rng.int(3)];
    income.push(rng.next() < 0.05 ? null : inc);
    home.push(h);
    noise.push(rng.next());
    status.push(inc > 110 && h !== 'rent' ? 'good' : rng.next() < 0.1 ? 'good' : 'bad');
  }
  return makeDataset({ Income: income, Home: home, Noise: noise, Status: status });
}

const quick = { forest: { trees: 20 }, boost: { rounds: 20 } };

describe('decision tree as rules', () => {
  test('the path of a row reads as merged conditions and ends at the leaf the model uses', async () => {
    const ds = credit(400);
    const { artifacts } = await runComparison(ds, {
      target: 'Status',
      seed: 1,
      folds: 3,
      models: ['tree'],
      params: { tree: { maxDepth: 4 } },
      permutationRepeats: 1,
      latencyCalls: 10,
    });
    const pipeline = artifacts.models.get('tree')!.pipelines[0];
    assert.ok(isEngineModel(pipeline.model));
    const e = pipeline.model.ensemble;
    const X = transform(pipeline.preprocessor, artifacts.dataset);
    const naming = ruleNaming(pipeline);
    const proba = pipeline.model.predictProba(X);
    for (let i = 0; i < 30; i++) {
      const rule = decisionPath(e, 0, X.data, i * X.cols, naming);
      // The leaf's class probabilities are the model's prediction for the row.
      assert.equal(e.value[rule.leaf * 2 + 1], proba[i * 2 + 1]);
      // Each feature appears at most once: ranges are merged.
      const names = rule.conditions.map((c) => /(Income|Home|Noise)/.exec(c)![1]);
      assert.equal(new Set(names).size, names.length, pathText(rule));
      // A leaf of fewer than 20 training rows says its probability is unreliable; a larger one does not.
      const flag = rule.cover < 20 ? ', fewer than 20: an unreliable estimate' : '';
      assert.ok(
        pathText(rule).endsWith(`training row${Math.round(rule.cover) === 1 ? '' : 's'}${flag})`),
        pathText(rule),
      );
      assert.match(pathText(rule), / → (good|bad) \(p = \d\.\d\d, \d+ training rows?/);
    }
    // The whole tree (what `sapling rules` prints): one rule per leaf, the same leaves the paths end at.
    const text = savedTreeRules(pipeline, 'tree.json');
    const leaves = Array.from(e.left.subarray(0, e.treeStart[1])).filter((l) => l < 0).length;
    assert.match(text, new RegExp(`^Decision tree: ${leaves} rules predicting Status`));
    assert.equal(text.match(/^Rule \d+ — /gm)!.length, leaves);
    assert.match(text, /^IF .*\n(?: {3}AND .*\n)* {3}THEN Status = (good|bad) \(bad \d+%, good \d+%\)$/m);
    assert.match(text, /Home (not )?in \{/);
    // Rule covers add up to the root's cover: every training row lands in exactly one rule.
    const total = [...text.matchAll(/^Rule \d+ — (\d+) training rows?$/gm)].reduce((s, m) => s + Number(m[1]), 0);
    assert.ok(Math.abs(total - e.cover[0]) < 1e-6, `${total} vs ${e.cover[0]}`);
  });

  test('a yes/no column reads as words in rules ("Records = yes"), not as 0/1 thresholds', async () => {
    const rng = createRng(5);
    const n = 200;
    const records = Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const status = records.map((r) => (r === 1 ? 'bad' : rng.next() < 0.9 ? 'good' : 'bad'));
    const base = makeDataset({ Records: records, Other: records.map(() => rng.next()), Status: status });
    const ds = {
      ...base,
      columns: base.columns.map((c) =>
        c.name === 'Records' ? { ...c, type: 'boolean' as const, booleanLabels: ['no', 'yes'] as const } : c,
      ),
    };
    const { artifacts } = await runComparison(ds, {
      target: 'Status',
      seed: 1,
      folds: 2,
      models: ['tree'],
      params: { tree: { maxDepth: 1 } },
      permutationRepeats: 1,
      latencyCalls: 10,
    });
    const model: DecisionModel = { id: 'tree', label: 'Tree', pipeline: artifacts.models.get('tree')!.pipelines[0] };
    const card = decisionCard([model], artifacts.dataset, { ...rowValues(artifacts.dataset, 0), Records: 'yes' }, 2);
    assert.match(card.models[0].path!, /^Records = yes → bad/);
    assert.equal(card.models[0].reasons[0].value, 'yes');
  });
});

describe('per-decision card and what-if', () => {
  test('every model decides, contributions add up, and an edit changes every model', async () => {
    const ds = credit(300, 2);
    const { artifacts } = await runComparison(ds, {
      target: 'Status',
      seed: 2,
      folds: 3,
      params: quick,
      permutationRepeats: 1,
      latencyCalls: 10,
    });
    const models: DecisionModel[] = [...artifacts.models.entries()].map(([id, a]) => ({
      id,
      label: getModelFactory(id).label,
      pipeline: a.pipelines[0],
    }));
    const row = artifacts.folds[0].test[0];
    const values = { ...rowValues(artifacts.dataset, row), Income: '60', Home: 'rent' };
    const poor = decisionCard(models, artifacts.dataset, values, 3);
    assert.equal(poor.models.length, 4);
    for (const d of poor.models) {
      assert.equal(d.prediction, 'bad', `${d.id} on a low-income renter`);
      const sum = d.baseValue + Object.values(d.contributions).reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(sum - d.value) < 1e-9, `${d.id}: ${sum} vs ${d.value}`);
      if (d.units === 'probability') assert.ok(Math.abs(d.value - d.score) < 1e-9);
      assert.ok(d.reasons.length <= 3);
      for (let k = 1; k < d.reasons.length; k++)
        assert.ok(Math.abs(d.reasons[k - 1].contribution) >= Math.abs(d.reasons[k].contribution));
    }
    assert.match(poor.models.find((d) => d.id === 'tree')!.path!, /Income/);
    const rich = decisionCard(models, artifacts.dataset, { ...values, Income: '190', Home: 'owner' }, 3);
    for (const d of rich.models) assert.equal(d.prediction, 'good', `${d.id} on a high-income owner`);
    assert.throws(
      () => decisionCard(models, artifacts.dataset, { ...values, Income: 'lots' }, 3),
      /'Income' takes a number, not 'lots'/,
    );
  });

  test('the nearest counterfactual flips the decision with a small, plausible change', async () => {
    const ds = credit(400, 3);
    const { artifacts } = await runComparison(ds, {
      target: 'Status',
      seed: 3,
      folds: 3,
      models: ['tree', 'forest'],
      params: quick,
      permutationRepeats: 1,
      latencyCalls: 10,
    });
    for (const id of ['tree', 'forest'] as const) {
      const model: DecisionModel = { id, label: id, pipeline: artifacts.models.get(id)!.pipelines[0] };
      const train = artifacts.folds[0].train;
      const values = { ...rowValues(artifacts.dataset, artifacts.folds[0].test[0]), Income: '100', Home: 'owner' };
      const cf = nearestCounterfactual(model, artifacts.dataset, train, values);
      assert.ok(cf, `${id}: a counterfactual exists`);
      assert.notEqual(cf.from, cf.to);
      assert.ok(cf.changes.length >= 1 && cf.changes.length <= 2);
      // Applying the change really flips the model.
      const changed = { ...values, ...Object.fromEntries(cf.changes.map((c) => [c.feature, c.to])) };
      const X = transform(model.pipeline.preprocessor, datasetFromValues(artifacts.dataset, [changed]));
      assert.equal(model.pipeline.target.classes![model.pipeline.model.predict(X)[0]], cf.to);
      // Plausible: a value seen in the training rows.
      for (const c of cf.changes) {
        const column = artifacts.dataset.columns.find((col) => col.name === c.feature)!;
        const seen = Array.from(train, (r) =>
          column.storage === 'number' ? String(column.values[r]) : column.categories[column.codes[r]],
        );
        assert.ok(seen.includes(c.to), `${c.feature}=${c.to} was seen in training`);
      }
    }
  });
});

describe('comparison sections', () => {
  test('compare fills shap, verdicts, calibration and subgroups; repeats multiply the splits', async () => {
    const ds = credit(240, 4);
    const { result, artifacts } = await runComparison(ds, {
      target: 'Status',
      seed: 4,
      folds: 3,
      repeats: 2,
      rope: 0.02,
      calibrate: 'platt',
      subgroups: ['Home'],
      models: ['tree', 'forest', 'linear'],
      params: quick,
      permutationRepeats: 1,
      latencyCalls: 10,
    });
    assert.equal(result.settings.repeats, 2);
    assert.equal(result.models[0].folds.length, 6);
    assert.equal(artifacts.folds.length, 3);
    assert.equal(artifacts.models.get('tree')!.pipelines.length, 3);
    assert.equal(result.verdicts!.length, 3);
    for (const v of result.verdicts!) {
      assert.equal(v.splits, 6);
      assert.equal(v.rope, 0.02);
      assert.match(v.text, /within 2\.0 points: probability \d\.\d\d/);
    }
    const shap = result.shap!;
    assert.deepEqual(
      shap.models.map((m) => m.units),
      ['probability', 'probability', 'log-odds'],
    );
    for (const m of shap.models) {
      const top = [...m.meanAbs].sort((a, b) => b.mean - a.mean)[0].feature;
      assert.ok(top === 'Income' || top === 'Home', `${m.id} top feature ${top}`);
      assert.ok(
        m.meanAbs.find((e) => e.feature === 'Noise')!.mean < m.meanAbs.find((e) => e.feature === 'Income')!.mean,
      );
    }
    assert.equal(shap.agreement.methods.length, 3);
    assert.equal(result.calibration!.method, 'platt');
    for (const m of result.calibration!.models) {
      assert.equal(m.raw.bins.length, 10);
      assert.ok(m.calibrated && m.calibrated.ece >= 0);
    }
    const sub = result.subgroups![0];
    assert.equal(sub.column, 'Home');
    assert.deepEqual(
      sub.models[0].groups.map((g) => g.group),
      ['owner', 'parents', 'rent'],
    );
    // Renters are never 'good' by construction (apart from noise): a large selection gap.
    assert.ok(sub.models[0].gaps.selectionRate > 0.3);
    await assert.rejects(
      runComparison(ds, { target: 'Status', seed: 4, folds: 3, subgroups: ['Nope'], models: ['tree'] }),
      /no column 'Nope'/,
    );
  });
});
