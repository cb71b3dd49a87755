/**
 * The two-class gini scan (split.ts scanNumericGini2, compare's default forest on a binary target) gives the
 * generic class scan's split bit for bit: same gain, feature, bin, missing side and left totals. Class weights
 * of exactly 1 send the generic scan (w · 1 = w, so the numbers are the same), which makes it the oracle.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { binFeatures } from '../../../app/engine/binning.js';
import { TreeGrower, type GrowSettings } from '../../../app/engine/grow.js';
import { classTotalImpurity, scanNumeric, SplitResult, type SplitContext } from '../../../app/engine/split.js';
import { treeSample } from '../../../app/engine/tasks.js';
import { createRng } from '../../../app/util/random.js';

function ctx(minSamplesLeaf: number, generic: boolean): SplitContext {
  return {
    kind: 'class',
    channels: 2,
    L: new Float64Array(2),
    R: new Float64Array(2),
    entropy: false,
    classWeight: generic ? Float64Array.of(1, 1) : null,
    minSamplesLeaf,
    l2: 0,
    minChildWeight: 0,
  };
}

function sameSplit(a: SplitResult, b: SplitResult, what: string): void {
  assert.ok(Object.is(a.gain, b.gain), `${what}: gain ${a.gain} vs ${b.gain}`);
  assert.equal(a.feature, b.feature, `${what}: feature`);
  assert.equal(a.bin, b.bin, `${what}: bin`);
  assert.equal(a.missingLeft, b.missingLeft, `${what}: missing side`);
  assert.equal(a.categorical, b.categorical, `${what}: categorical`);
  assert.deepEqual(Array.from(a.left), Array.from(b.left), `${what}: left totals`);
}

describe('two-class gini scan = the generic class scan', () => {
  test('random histograms: empty bins, missing values, ties, minimum leaf sizes, occupied lists', () => {
    const rng = createRng(42);
    let splits = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const bins = 1 + rng.int(trial % 7 === 0 ? 4 : 40);
      const slot0 = rng.int(3); // the feature's first slot in a shared buffer
      const hist = new Float64Array((slot0 + bins + 1) * 2);
      // Small integer counts (bootstrap multiplicities) with many empty bins; mirrored halves give tied gains.
      const mirror = trial % 5 === 1;
      for (let b = 0; b < bins; b++) {
        if (rng.next() < 0.4) continue;
        const src = mirror && b >= bins / 2 ? bins - 1 - b : b;
        const at = (slot0 + b) * 2;
        if (src !== b) {
          hist[at] = hist[(slot0 + src) * 2 + 1];
          hist[at + 1] = hist[(slot0 + src) * 2];
        } else {
          hist[at] = rng.int(4);
          hist[at + 1] = rng.int(4);
        }
      }
      if (trial % 3 === 0) {
        hist[(slot0 + bins) * 2] = rng.int(3);
        hist[(slot0 + bins) * 2 + 1] = rng.int(3);
      }
      const total = new Float64Array(2);
      for (let b = 0; b <= bins; b++) for (let c = 0; c < 2; c++) total[c] += hist[(slot0 + b) * 2 + c];
      const occupied = new Int32Array(bins);
      let occupiedCount = 0;
      for (let b = 0; b < bins; b++)
        if (hist[(slot0 + b) * 2] + hist[(slot0 + b) * 2 + 1] > 0) occupied[occupiedCount++] = b;
      const minLeaf = [1, 1, 2, 5][trial % 4];
      const parent = classTotalImpurity(ctx(minLeaf, true), total, 0);
      // A previous feature's split, sometimes better than anything here, sometimes an exact tie.
      const prior = trial % 4 === 3 ? (trial % 8 === 3 ? parent * rng.next() : 0) : -Infinity;
      const results = [true, false].map((generic) =>
        [null, occupied].map((occ) => {
          const best = new SplitResult(2);
          best.gain = prior;
          scanNumeric(ctx(minLeaf, generic), hist, slot0, bins, total, parent, 3, best, occ, occupiedCount);
          return best;
        }),
      );
      sameSplit(results[1][0], results[0][0], `trial ${trial}, dense`);
      sameSplit(results[1][1], results[0][1], `trial ${trial}, occupied bins`);
      if (results[0][0].feature >= 0) splits++;
    }
    assert.ok(splits > 1500, `most trials found a split (${splits})`);
  });

  test('a forest tree on a binary target is the same with class weights of exactly 1 (generic scan)', () => {
    const rows = 900;
    const rng = createRng(9);
    const X = new Float64Array(rows * 4);
    const codes = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const a = rng.next();
      const b = rng.next() < 0.1 ? NaN : rng.int(5);
      X.set([a, b, rng.next() * 3, 2], i * 4);
      codes[i] = a + (b === 2 ? 0.4 : 0) + rng.next() * 0.6 > 0.9 ? 1 : 0;
    }
    const binned = binFeatures(X, rows, 4, {});
    const settings = (classWeight: Float64Array | null): GrowSettings => ({
      kind: 'class',
      classes: 2,
      entropy: false,
      classWeight,
      maxDepth: Infinity,
      maxLeaves: 0,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      minImpurityDecrease: 0,
      featuresPerSplit: 2,
      l2: 0,
      minChildWeight: 0,
    });
    const ALL = Int32Array.of(0, 1, 2, 3);
    for (let t = 0; t < 4; t++) {
      const [fast, generic] = [null, Float64Array.of(1, 1)].map((cw) => {
        const s = settings(cw);
        const sampleRng = createRng(50 + t);
        const job = { settings: { ...s, classWeight: null }, seed: 0, ccpAlpha: 0, oob: false } as const;
        const { rows: r, weight } = treeSample(rows, { ...job, sampling: 'bootstrap', sampleFraction: 1 }, sampleRng);
        return new TreeGrower(binned, s, { codes }).grow(r, weight, ALL, sampleRng);
      });
      assert.ok(fast.nodes > 100, `tree ${t} has ${fast.nodes} nodes`);
      for (const key of ['feature', 'bin', 'flags', 'left', 'right', 'gain', 'impurity', 'value', 'count'] as const)
        assert.deepEqual(fast[key], generic[key], `tree ${t}: ${key}`);
    }
  });
});
