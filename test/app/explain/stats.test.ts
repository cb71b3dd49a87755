import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { agreement, importanceRanks } from '../../../app/explain/agreement.js';
import {
  crossFitCalibration,
  fitIsotonic,
  fitPlatt,
  reliability,
  summarizeCalibration,
} from '../../../app/explain/calibration.js';
import { averageRanks, kendallTauB, spearman } from '../../../app/explain/rank.js';
import { classificationGroups, groupLabels, MIN_GAP_ROWS } from '../../../app/explain/subgroups.js';
import { pairedTest } from '../../../app/explain/verdict.js';
import { studentTCdf } from '../../../app/evaluate/stats.js';
import { createRng } from '../../../app/util/random.js';
import { makeDataset } from '../../helpers/dataset.js';

const close = (a: number, b: number, tol = 1e-9, what = '') =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

describe('rank correlation', () => {
  test('Spearman and Kendall: same order 1, reversed −1, ties averaged', () => {
    assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1);
    assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
    assert.equal(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40]), 1);
    assert.equal(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1]), -1);
    assert.deepEqual(Array.from(averageRanks([5, 1, 5, 3])), [3.5, 1, 3.5, 2]);
    assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])));
  });

  test('known values: scipy.stats.spearmanr / kendalltau on a small list with a tie', () => {
    // scipy 1.11: spearmanr([1,2,3,4,5],[2,1,4,3,5]) = 0.8; kendalltau(...) = 0.6
    close(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 0.8, 1e-12, 'spearman');
    close(kendallTauB([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 0.6, 1e-12, 'kendall');
    // with a tie: kendalltau([1,2,2,3],[1,2,3,4]) = 0.9128709291752769 (tau-b)
    close(kendallTauB([1, 2, 2, 3], [1, 2, 3, 4]), 0.9128709291752769, 1e-12, 'tau-b');
  });

  test('importance ranks: 1 = largest, ties share the better rank', () => {
    assert.deepEqual(importanceRanks([0.1, 0.5, 0.5, 0.2]), [4, 1, 1, 3]);
  });
});

describe('verdicts', () => {
  test('the corrected t-test uses (1/J + n_test/n_train)·σ², by hand', () => {
    const a = [0.8, 0.82, 0.79, 0.81, 0.83];
    const b = [0.78, 0.8, 0.78, 0.8, 0.79];
    const d = a.map((v, i) => v - b[i]);
    const mean = d.reduce((s, v) => s + v, 0) / 5;
    const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / 4;
    const t = mean / Math.sqrt((1 / 5 + 0.2 / 0.8) * variance);
    const r = pairedTest(a, b, 0.2, 0.01);
    close(r.t, t, 1e-12, 't');
    close(r.p, 2 * (1 - studentTCdf(Math.abs(t), 4)), 1e-12, 'p');
    assert.equal(r.df, 4);
    // The plain t-test would be more confident: the correction only ever widens.
    assert.ok(Math.abs(r.t) < Math.abs(mean / Math.sqrt(variance / 5)));
    const { aBetter, equivalent, bBetter } = r.probabilities;
    close(aBetter + equivalent + bBetter, 1, 1e-12, 'probabilities sum');
    assert.ok(aBetter > bBetter);
  });

  test('two models within a hair of each other are practically equivalent with a wide rope, not with a tiny one', () => {
    const rng = createRng(2);
    const a = Array.from({ length: 10 }, () => 0.8 + 0.01 * rng.next());
    const b = a.map((v) => v - 0.001 + 0.002 * rng.next());
    assert.ok(pairedTest(a, b, 0.1, 0.02).probabilities.equivalent > 0.95);
    assert.ok(pairedTest(a, b, 0.1, 0.0001).probabilities.equivalent < 0.5);
  });

  test('identical differences on every fold: a point mass; one split: no test', () => {
    const r = pairedTest([0.9, 0.9, 0.9], [0.8, 0.8, 0.8], 1 / 3, 0.01);
    assert.equal(r.p, 0);
    assert.equal(r.probabilities.aBetter, 1);
    assert.ok(Number.isNaN(pairedTest([0.9], [0.8], 0.2, 0.01).p));
  });
});

describe('calibration', () => {
  test('reliability bins and ECE by hand', () => {
    const scores = Float64Array.of(0.05, 0.15, 0.15, 0.95);
    const events = Uint8Array.of(0, 1, 0, 1);
    const { bins, ece } = reliability(scores, events, 10);
    assert.equal(bins[1].count, 2);
    close(bins[1].meanPredicted, 0.15, 1e-12, 'mean');
    close(bins[1].observed, 0.5, 1e-12, 'observed');
    // (1/4)|0−0.05| + (2/4)|0.5−0.15| + (1/4)|1−0.95|
    close(ece, 0.25 * 0.05 + 0.5 * 0.35 + 0.25 * 0.05, 1e-12, 'ece');
  });

  test('isotonic regression is monotone and pools violators (pool-adjacent-violators)', () => {
    const map = fitIsotonic(Float64Array.of(0.1, 0.2, 0.3, 0.4), Uint8Array.of(0, 1, 0, 1));
    assert.deepEqual([0.1, 0.2, 0.3, 0.4].map(map), [0, 0.5, 0.5, 1]);
    assert.equal(map(0.25), 0.5);
    assert.equal(map(0), 0);
  });

  test('Platt scaling pulls over-confident scores towards the observed rate', () => {
    const rng = createRng(4);
    const scores = new Float64Array(2000);
    const events = new Uint8Array(2000);
    for (let i = 0; i < 2000; i++) {
      const p = rng.next();
      events[i] = rng.next() < p ? 1 : 0;
      scores[i] = p > 0.5 ? 0.5 + (p - 0.5) * 0.2 : 0.5 - (0.5 - p) * 0.2; // under-confident by a factor 5
    }
    const map = fitPlatt(scores, events);
    assert.ok(map(0.58) > 0.75, `calibrated ${map(0.58)}`);
    const before = reliability(scores, events).ece;
    const after = reliability(Float64Array.from(scores, map), events).ece;
    assert.ok(after < before / 3, `ECE ${before} → ${after}`);
  });

  test('cross-fitted recalibration never uses a fold’s own labels', () => {
    // Fold 0's labels are the opposite of what its scores say; the other folds are honest. If fold 0's own
    // labels leaked into its map, its recalibrated probabilities would follow them.
    const n = 300;
    const codes = new Int32Array(n);
    const proba = new Float64Array(n * 2);
    const rng = createRng(9);
    for (let i = 0; i < n; i++) {
      const p = rng.next();
      proba[i * 2] = 1 - p;
      proba[i * 2 + 1] = p;
      codes[i] = i < 100 ? (p > 0.5 ? 0 : 1) : p > 0.5 ? 1 : 0;
    }
    const folds = [0, 1, 2].map((f) => ({ test: Int32Array.from({ length: 100 }, (_, i) => f * 100 + i) }));
    const recal = crossFitCalibration(codes, proba, folds, 'isotonic');
    for (let i = 0; i < 100; i++) if (proba[i * 2 + 1] > 0.8) assert.ok(recal[i * 2 + 1] > 0.5);
    const summary = summarizeCalibration(
      codes,
      recal,
      2,
      Array.from({ length: n }, (_, i) => i),
      'P(1)',
    );
    assert.equal(summary.rows, n);
  });
});

describe('subgroups', () => {
  test('per group rates and the gap, by hand; quartile bands for many-valued numbers', () => {
    const labels = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
    const codes = Int32Array.of(1, 1, 0, 0, 1, 1, 0, 0);
    const predicted = Float64Array.of(1, 0, 1, 0, 1, 1, 1, 0);
    const { groups } = classificationGroups(labels, codes, predicted, 1);
    assert.deepEqual(
      groups.map((g) => [g.group, g.count, g.selectionRate, g.accuracy, g.tpr, g.fpr]),
      [
        ['a', 4, 0.5, 0.5, 0.5, 0.5],
        ['b', 4, 0.75, 0.75, 1, 0.5],
      ],
    );
    const big = Array.from({ length: 2 * MIN_GAP_ROWS }, (_, i) => (i % 2 === 0 ? 'a' : 'b'));
    const bigCodes = Int32Array.from(big, () => 1);
    const bigPred = Float64Array.from(big, (g) => (g === 'a' ? 1 : 0));
    close(classificationGroups(big, bigCodes, bigPred, 1).gaps.selectionRate, 1, 0, 'gap');
    const ds = makeDataset({ age: Array.from({ length: 40 }, (_, i) => 20 + i) });
    const bands = new Set(groupLabels(ds, 'age'));
    assert.equal(bands.size, 4);
    assert.throws(() => groupLabels(ds, 'nope'), /no column 'nope'/);
  });
});

describe('agreement', () => {
  test('notes impurity favouring a many-valued column, and agreement when all methods agree', () => {
    const features = ['id_like', 'x', 'y', 'z', 'w'];
    const section = agreement(
      features,
      [
        {
          id: 'tree',
          label: 'Tree',
          shap: [0.01, 0.5, 0.3, 0.2, 0.1],
          permutation: [0.0, 0.2, 0.1, 0.05, 0.02],
          impurity: [0.6, 0.2, 0.1, 0.06, 0.04],
        },
        {
          id: 'linear',
          label: 'Linear',
          shap: [0.5, 0.01, 0.02, 0.03, 0.04],
          permutation: [0.2, 0.0, 0.01, 0.02, 0.03],
          impurity: null,
        },
      ],
      [900, 50, 10, 5, 3],
    );
    assert.equal(section.methods[0].pairs.length, 3);
    assert.equal(section.methods[1].pairs.length, 1);
    assert.ok(
      section.notes.some((n) => /impurity importance ranks 'id_like' #1 .* many-valued/.test(n)),
      section.notes.join('\n'),
    );
    assert.ok(section.notes.some((n) => /Tree and Linear rely on different features/.test(n)));
    assert.ok(section.notes.some((n) => /Linear: every method puts 'id_like' first/.test(n)));
    const shapPairs = section.models.find((m) => m.method === 'shap')!.pairs;
    assert.ok(shapPairs[0].spearman < 0);
  });
});
