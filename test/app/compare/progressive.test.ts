/**
 * Results as they come (issues 13, 14): each model's leaderboard row is reported as soon as its folds are scored,
 * the time left comes from measured work, and a cancel lands mid-explanation.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison, type CompareProgress } from '../../../app/compare/run.js';
import { MeasuredEta } from '../../../app/compare/eta.js';
import { SaplingError } from '../../../app/util/errors.js';
import { createRng } from '../../../app/util/random.js';
import { makeDataset } from '../../helpers/dataset.js';

function synthetic(n: number, seed = 3) {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    a.push(rng.next() * 2 - 1);
    b.push(rng.next());
    y.push(a[i] + (rng.next() - 0.5) * 0.4 > 0 ? 'yes' : 'no');
  }
  return makeDataset({ a, b, y });
}

describe('progressive results', () => {
  test('each model row is reported when its folds are scored, equal to the final row', async () => {
    const seen: CompareProgress[] = [];
    const { result } = await runComparison(
      synthetic(120),
      { target: 'y', seed: 2, folds: 3, models: ['tree', 'linear', 'forest'], params: { forest: { trees: 5 } } },
      { onProgress: (p) => seen.push(p) },
    );
    const partials = seen.filter((p) => p.partial !== undefined);
    assert.deepEqual(
      partials.map((p) => p.partial!.models.map((m) => m.id)),
      [['tree'], ['tree', 'linear'], ['tree', 'linear', 'forest']],
    );
    // The first row arrives while later models still train (its permutation importance may finish while the next
    // model fits), and every row before any explanation starts.
    const firstRow = seen.indexOf(partials[0]);
    const lastFold = seen.findIndex((p) => p.model === 'forest' && p.message.includes('fold 3/3 done'));
    assert.ok(firstRow >= 0 && firstRow < lastFold, `${firstRow} < ${lastFold}`);
    const firstShap = seen.findIndex((p) => p.message.includes('SHAP'));
    assert.ok(seen.indexOf(partials[2]) < firstShap);
    for (const p of partials) {
      assert.equal(p.partial!.of, 3);
      assert.equal(p.partial!.primaryMetric, result.primaryMetric);
      assert.equal(p.partial!.task, 'classification');
    }
    assert.deepEqual(partials[2].partial!.models, result.models);
  });

  test('the time left is absent before anything is measured, then present', async () => {
    const seen: CompareProgress[] = [];
    await runComparison(
      synthetic(80),
      { target: 'y', seed: 2, folds: 2, models: ['tree', 'linear'], permutationRepeats: 1 },
      { onProgress: (p) => seen.push(p) },
    );
    const firstDone = seen.findIndex((p) => p.message.includes('fold 1/2 done'));
    assert.ok(firstDone > 0);
    assert.equal(seen[0].etaSeconds, undefined); // nothing measured yet
    // The linear model has not started when the tree's first fold is done: the time left is the tree's only.
    assert.equal(seen[firstDone].etaUntimed, 1);
    // Every finished fold has measured its model's pace.
    const doneEvents = seen.filter((p) => / fold \d\/2 done$/.test(p.message));
    assert.equal(doneEvents.length, 4);
    assert.ok(doneEvents.every((p) => typeof p.etaSeconds === 'number' && p.etaSeconds >= 0));
    assert.equal(seen.at(-1)!.etaSeconds, 0);
    assert.equal(seen.at(-1)!.etaUntimed, undefined);
  });

  test('a cancel that arrives while SHAP values are computed stops the run', async () => {
    const controller = new AbortController();
    let explaining = false;
    const run = runComparison(
      synthetic(400),
      // A forest of deep trees on every held-out row: seconds of SHAP work, so the cancel lands inside it.
      { target: 'y', seed: 1, folds: 2, models: ['forest'], params: { forest: { trees: 60 } }, shapRows: 200 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (!explaining && p.message.includes('SHAP')) {
            explaining = true;
            // As a cancel arrives from outside: an event after the explanation has started, not inside the callback.
            setTimeout(() => controller.abort(), 0);
          }
        },
      },
    );
    await assert.rejects(run, (e: unknown) => e instanceof SaplingError && e.code === 'CANCELLED');
    assert.ok(explaining);
  });
});

describe('MeasuredEta', () => {
  test('costs each model its measured seconds per fold; models not started are left out and counted', () => {
    let now = 0;
    const eta = new MeasuredEta(2, 3, () => now);
    assert.equal(eta.untimed(), 2);
    eta.modelStarted(0);
    assert.equal(eta.remainingSeconds(), undefined);
    now = 1000;
    eta.foldDone(0); // model 0: 1 s per fold
    // model 0: 2 folds × 1 s; model 1 (not started) is not priced at model 0's pace: one model untimed.
    assert.equal(eta.remainingSeconds(), 2);
    assert.equal(eta.untimed(), 1);
    now = 1500; // half a fold into model 0's second fold
    assert.equal(eta.remainingSeconds(), 1.5);
    now = 2000;
    eta.foldDone(0);
    now = 3000;
    eta.foldDone(0);
    eta.modelStarted(1);
    // Model 1 is under way but has not told its pace: no number rather than model 0's.
    assert.equal(eta.remainingSeconds(), undefined);
    assert.equal(eta.untimed(), 0);
    now = 7000;
    eta.foldDone(1); // model 1: 4 s per fold
    assert.equal(eta.remainingSeconds(), 8);
  });

  test('a first fold still running is extrapolated from its own progress (trees grown)', () => {
    let now = 0;
    const eta = new MeasuredEta(2, 3, () => now);
    eta.modelStarted(0);
    now = 200;
    eta.foldProgress(0, 0.01);
    assert.equal(eta.remainingSeconds(), undefined); // too early to tell
    now = 2000;
    eta.foldProgress(0, 0.25); // a quarter of the fold in 2 s → 8 s per fold
    // model 0: this fold's last 6 s + 2 more folds; model 1 (not started): left out, counted as untimed
    assert.equal(eta.remainingSeconds(), 6 + 16);
    assert.equal(eta.untimed(), 1);
  });

  test('adds the explanations once one has been measured', () => {
    let now = 0;
    const eta = new MeasuredEta(2, 1, () => now);
    eta.modelStarted(0);
    now = 1000;
    eta.foldDone(0);
    eta.modelStarted(1);
    now = 2000;
    eta.foldDone(1);
    assert.equal(eta.remainingSeconds(), 0);
    eta.explainStarted();
    now = 5000;
    eta.explainDone();
    eta.explainStarted();
    assert.equal(eta.remainingSeconds(), 3);
    now = 6000;
    assert.equal(eta.remainingSeconds(), 2);
  });
});
