import { describe, test } from 'node:test';
import { averagePrecision, prPoints } from '../../../app/answer/class-report.js';
import assert from 'node:assert/strict';
import {
  MAX_ROC_POINTS,
  predictedVsActual,
  rocCurves,
  rocPoints,
  sampleIndices,
  thinCurve,
  trapezoidArea,
} from '../../../app/evaluate/curves.js';
import { binaryAuc, rocAuc } from '../../../app/evaluate/metrics.js';
import { createRng } from '../../../app/util/random.js';

describe('rocPoints', () => {
  test('a small worked example, with a tie making a diagonal step', () => {
    // scores: positives 0.9, 0.5 ; negatives 0.5, 0.1
    const points = rocPoints([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]);
    assert.deepEqual(points, [
      { x: 0, y: 0 },
      { x: 0, y: 0.5 },
      { x: 0.5, y: 1 },
      { x: 1, y: 1 },
    ]);
    assert.equal(trapezoidArea(points), 0.875);
    assert.equal(binaryAuc([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]), 0.875);
  });

  test('its trapezoid area equals binaryAuc (Mann–Whitney with midranks) on random tied scores', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + rng.int(300);
      const labels = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
      labels[0] = 1;
      labels[1] = 0;
      const scores = Array.from({ length: n }, (_, i) => Math.round((rng.next() + labels[i] * 0.3) * 10) / 10); // many ties
      assert.ok(Math.abs(trapezoidArea(rocPoints(labels, scores)) - binaryAuc(labels, scores)) < 1e-12);
    }
  });

  test('undefined without both classes or with a NaN score', () => {
    assert.deepEqual(rocPoints([1, 1], [0.2, 0.3]), []);
    assert.deepEqual(rocPoints([1, 0], [NaN, 0.3]), []);
    assert.throws(() => rocPoints([1, 0, 1], [0.1, 0.2]), RangeError);
  });
});

describe('thinCurve', () => {
  test('keeps at most max points, the first and the last, in order', () => {
    const rng = createRng(3);
    const n = 5000;
    const labels = Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
    const scores = Array.from({ length: n }, (_, i) => rng.next() + labels[i] * 0.5);
    const full = rocPoints(labels, scores);
    assert.ok(full.length > 1000);
    const thin = thinCurve(full);
    assert.ok(thin.length <= MAX_ROC_POINTS && thin.length > MAX_ROC_POINTS / 2, `${thin.length} points`);
    assert.deepEqual(thin[0], { x: 0, y: 0 });
    assert.deepEqual(thin.at(-1), { x: 1, y: 1 });
    for (let i = 1; i < thin.length; i++) assert.ok(thin[i].x >= thin[i - 1].x && thin[i].y >= thin[i - 1].y);
    assert.ok(
      Math.abs(trapezoidArea(thin) - trapezoidArea(full)) < 0.01,
      'the drawn curve stays close to the full one',
    );
  });

  test('short curves pass unchanged', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 0.5, y: 0.7 },
      { x: 1, y: 1 },
    ];
    assert.deepEqual(thinCurve(pts, 3), pts);
    assert.throws(() => thinCurve(pts, 1), RangeError);
  });
});

describe('rocCurves', () => {
  test('two classes: one curve for the positive class, AUC as rocAuc', () => {
    const codes = Int32Array.from([0, 1, 1, 0, 1]);
    const proba = Float64Array.from([0.8, 0.2, 0.3, 0.7, 0.6, 0.4, 0.9, 0.1, 0.2, 0.8]);
    const curves = rocCurves(codes, proba, ['no', 'yes']);
    assert.equal(curves.length, 1);
    assert.equal(curves[0].label, 'yes');
    assert.equal(curves[0].auc, rocAuc(codes, proba, 2));
  });

  test('three classes: one-vs-rest curves whose mean AUC is the macro rocAuc', () => {
    const rng = createRng(5);
    const n = 90;
    const codes = Int32Array.from({ length: n }, (_, i) => i % 3);
    const proba = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const raw = [rng.next(), rng.next(), rng.next()];
      raw[codes[i]] += 0.5;
      const total = raw[0] + raw[1] + raw[2];
      raw.forEach((v, c) => (proba[i * 3 + c] = v / total));
    }
    const curves = rocCurves(codes, proba, ['a', 'b', 'c']);
    assert.deepEqual(
      curves.map((c) => c.label),
      ['a', 'b', 'c'],
    );
    const mean = curves.reduce((s, c) => s + c.auc, 0) / 3;
    assert.ok(Math.abs(mean - rocAuc(codes, proba, 3)) < 1e-12);
  });

  test('shape errors are RangeErrors', () => {
    assert.throws(() => rocCurves([0, 1], [0.5, 0.5], ['a', 'b']), RangeError);
    assert.throws(() => rocCurves([0], [1], ['a']), RangeError);
  });
});

describe('predictedVsActual', () => {
  test('all finite rows when there are few, in row order', () => {
    assert.deepEqual(predictedVsActual([1, 2, NaN, 4], [1.5, NaN, 3, 3.5], 1), [
      { x: 1, y: 1.5 },
      { x: 4, y: 3.5 },
    ]);
  });

  test('a seeded sample of at most max rows, the same for the same seed', () => {
    const n = 10_000;
    const actual = Float64Array.from({ length: n }, (_, i) => i);
    const predicted = Float64Array.from({ length: n }, (_, i) => i + 0.5);
    const a = predictedVsActual(actual, predicted, 42);
    assert.equal(a.length, 2000);
    assert.deepEqual(a, predictedVsActual(actual, predicted, 42));
    assert.notDeepEqual(a, predictedVsActual(actual, predicted, 43));
    assert.ok(a.every((p, i) => p.y === p.x + 0.5 && (i === 0 || p.x > a[i - 1].x)));
    assert.equal(predictedVsActual(actual, predicted, 1, 10).length, 10);
  });

  test('sampleIndices picks distinct indices, ascending', () => {
    const s = sampleIndices(100, 30, 9);
    assert.equal(new Set(s).size, 30);
    assert.ok(s.every((v, i) => v >= 0 && v < 100 && (i === 0 || v > s[i - 1])));
    assert.deepEqual(Array.from(sampleIndices(3, 10, 1)), [0, 1, 2]);
  });
});

describe('ranking curves from countsByScore (typed sorts of each class) equal a sort of the row indices', () => {
  // The references: the curves as first written — row indices sorted by score, one point per run of equal scores.
  const order = (scores: ArrayLike<number>): number[] =>
    Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const groups = (pos: ArrayLike<boolean>, scores: ArrayLike<number>): [number, number][] => {
    const o = order(scores);
    const out: [number, number][] = [];
    let tp = 0;
    let fp = 0;
    for (let at = 0; at < o.length;) {
      let end = at;
      while (end < o.length && scores[o[end]] === scores[o[at]]) {
        if (pos[o[end]]) tp++;
        else fp++;
        end++;
      }
      out.push([tp, fp]);
      at = end;
    }
    return out;
  };
  const refRoc = (pos: boolean[], scores: number[]): { x: number; y: number }[] => {
    const P = pos.filter(Boolean).length;
    const N = pos.length - P;
    if (P === 0 || N === 0) return [];
    return [{ x: 0, y: 0 }, ...groups(pos, scores).map(([tp, fp]) => ({ x: fp / N, y: tp / P }))];
  };
  const refPr = (pos: boolean[], scores: number[]): { x: number; y: number }[] => {
    const P = pos.filter(Boolean).length;
    if (P === 0) return [];
    const g = groups(pos, scores);
    return [{ x: 0, y: g[0][0] / (g[0][0] + g[0][1]) }, ...g.map(([tp, fp]) => ({ x: tp / P, y: tp / (tp + fp) }))];
  };
  const refAp = (pos: boolean[], scores: number[]): number => {
    const P = pos.filter(Boolean).length;
    if (P === 0) return NaN;
    let previous = 0;
    let ap = 0;
    for (const [tp, fp] of groups(pos, scores)) {
      ap += (tp / P - previous) * (tp / (tp + fp));
      previous = tp / P;
    }
    return ap;
  };

  test('on random scores with ties, ±0 and ±∞', () => {
    let seed = 3;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = [0, -0, 1, 0.5, 0.25, Infinity, -Infinity];
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(next() * 60);
      const scores = Array.from({ length: n }, () => (next() < 0.5 ? pool[Math.floor(next() * pool.length)] : next()));
      const pos = scores.map(() => next() < 0.4);
      const label = `trial ${trial}: ${scores.join(' ')} / ${pos.map(Number).join('')}`;
      assert.deepEqual(rocPoints(pos, scores), refRoc(pos, scores), label);
      assert.deepEqual(prPoints(pos, scores), refPr(pos, scores), label);
      assert.ok(Object.is(averagePrecision(pos, scores), refAp(pos, scores)), label);
      // AUC as the share of (positive, negative) pairs ranked right, ties counting half.
      let right = 0;
      let pairs = 0;
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++)
          if (pos[a] && !pos[b]) {
            pairs++;
            right += scores[a] > scores[b] ? 1 : scores[a] === scores[b] ? 0.5 : 0;
          }
      const auc = binaryAuc(pos, scores);
      if (pairs === 0) assert.ok(Number.isNaN(auc), label);
      else assert.ok(Math.abs(auc - right / pairs) < 1e-12, `${label}: ${auc} vs ${right / pairs}`);
    }
  });
});
