/**
 * The grower's fast paths give the same trees as the plain ones: sparse histograms for small nodes
 * (sparse-hist.ts) against dense ones, the category order without allocation (split-categorical.ts) against
 * Array.prototype.sort, and a best-first tree's first splits (raw-tree.ts firstSplits, used by the decision
 * tree's leaf-limit search) against growing with that limit.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { binFeatures, type BinnedFeatures } from '../../../app/engine/binning.js';
import { TreeGrower, type GrowSettings, type GrowTarget } from '../../../app/engine/grow.js';
import { firstSplits, toRawTree, type RawTree } from '../../../app/engine/raw-tree.js';
import { sortByKey } from '../../../app/engine/split-categorical.js';
import { treeSample } from '../../../app/engine/tasks.js';
import type { GrownTree } from '../../../app/engine/tree-store.js';
import { createRng } from '../../../app/util/random.js';

const COLS = 7;

/**
 * Rows of: two continuous features (many bins), a 6-valued one, a 3-valued one with missing values, a categorical
 * one (8 categories, missing), a constant one, and a continuous one with a fifth missing. Target: noisy
 * interaction of three of them, as codes (`classes` > 1) or values.
 */
function data(rows: number, seed: number, classes: number): { binned: BinnedFeatures; target: GrowTarget } {
  const rng = createRng(seed);
  const X = new Float64Array(rows * COLS);
  const codes = new Int32Array(rows);
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = rng.next() * 10;
    const b = rng.next() * 5 - 2;
    const c = rng.int(6);
    const d = rng.next() < 0.15 ? NaN : rng.int(3);
    const e = rng.next() < 0.1 ? NaN : rng.int(8);
    const g = rng.next() < 0.2 ? NaN : rng.next() * 100;
    X.set([a, b, c, d, e, 1, g], i * COLS);
    const signal = (a > 5 ? 1 : 0) + (e === 2 || e === 5 ? 1 : 0) + b * 0.3 + (rng.next() - 0.5) * 1.5;
    values[i] = signal;
    codes[i] = Math.max(0, Math.min(classes - 1, Math.floor(signal + (classes > 2 ? 0.5 : 0))));
  }
  const categorical = [false, false, false, false, true, false, false];
  const binned = binFeatures(X, rows, COLS, { categorical });
  return { binned, target: classes > 1 ? { codes } : { values } };
}

function settings(classes: number, extra: Partial<GrowSettings>): GrowSettings {
  return {
    kind: classes > 1 ? 'class' : 'reg',
    classes: classes > 1 ? classes : 1,
    entropy: false,
    classWeight: null,
    maxDepth: Infinity,
    maxLeaves: 0,
    minSamplesSplit: 2,
    minSamplesLeaf: 1,
    minImpurityDecrease: 0,
    featuresPerSplit: Infinity,
    l2: 0,
    minChildWeight: 0,
    ...extra,
  };
}

const ALL = Int32Array.from({ length: COLS }, (_, j) => j);

function assertSameTree(a: GrownTree | RawTree, b: GrownTree | RawTree, what: string): void {
  assert.equal(a.nodes, b.nodes, `${what}: nodes`);
  for (const key of Object.keys(a) as (keyof typeof a)[]) {
    const x = a[key];
    const y = b[key as never] as unknown;
    if (ArrayBuffer.isView(x)) {
      const bx = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
      const by = new Uint8Array((y as Uint8Array).buffer, (y as Uint8Array).byteOffset, (y as Uint8Array).byteLength);
      assert.deepEqual(bx, by, `${what}: ${String(key)} differs`);
    } else assert.equal(x, y, `${what}: ${String(key)}`);
  }
}

describe('grower fast paths give the same trees', () => {
  for (const classes of [2, 3, 0]) {
    const kind = classes > 1 ? `${classes} classes` : 'regression';
    test(`sparse histograms for small nodes = dense ones (forest trees, ${kind})`, () => {
      const { binned, target } = data(700, 11 + classes, classes);
      for (let t = 0; t < 6; t++) {
        const grown = [0, Infinity, undefined].map((sparseRowsPerBin) => {
          const s = settings(classes, {
            featuresPerSplit: 3,
            ...(sparseRowsPerBin === undefined ? {} : { sparseRowsPerBin }),
            ...(t % 3 === 2 ? { minSamplesLeaf: 3 } : {}),
          });
          const grower = new TreeGrower(binned, s, target);
          const rng = createRng(100 + t);
          const job = { sampling: t % 2 === 0 ? 'bootstrap' : 'subsample', sampleFraction: 0.8 } as const;
          const { rows, weight } = treeSample(
            binned.rows,
            { ...job, settings: { ...s, classWeight: null }, seed: 0, ccpAlpha: 0, oob: false },
            rng,
          );
          // Two trees in a row from the same grower: its buffers must come back clean.
          grower.grow(rows.slice(), weight, ALL, createRng(7));
          return grower.grow(rows, weight, ALL, rng);
        });
        assert.ok(grown[0].nodes > 50, `tree ${t} is big enough to have small nodes (${grown[0].nodes} nodes)`);
        assertSameTree(grown[1], grown[0], `tree ${t}, always sparse vs never`);
        assertSameTree(grown[2], grown[0], `tree ${t}, default vs never`);
      }
    });

    test(`a best-first tree's first splits = the tree grown with that leaf limit (${kind})`, () => {
      const { binned, target } = data(500, 5 + classes, classes);
      const grow = (maxLeaves: number): RawTree =>
        toRawTree(
          new TreeGrower(binned, settings(classes, { maxLeaves }), target).grow(
            Int32Array.from({ length: binned.rows }, (_, i) => i),
            null,
            ALL,
            null,
          ),
          binned,
        );
      const largest = grow(64);
      assert.ok(largest.catSets.length >= 16, 'the largest tree has categorical splits');
      for (const leaves of [2, 3, 4, 7, 8, 16, 29, 32, 64])
        assertSameTree(firstSplits(largest, leaves - 1), grow(leaves), `${leaves} leaves`);
      // Asking for more splits than the tree has returns it whole.
      assert.equal(firstSplits(largest, 1000), largest);
    });
  }

  test('categories ordered in place = Array.prototype.sort with the (statistic, bin) comparison', () => {
    const rng = createRng(3);
    const pool = [0.25, 0.5, 0.5, 1, -0, 0, Infinity, -Infinity, 0.1 + 0.2, 0.3];
    for (let trial = 0; trial < 500; trial++) {
      const m = 1 + rng.int(12);
      const bins = Array.from({ length: m }, (_, i) => i * 3 + rng.int(3));
      const keys = bins.map(() => (rng.next() < 0.5 ? pool[rng.int(pool.length)] : rng.next()));
      if (trial % 50 === 0) keys[rng.int(m)] = NaN;
      const expected = bins
        .map((b, i) => ({ b, v: keys[i] }))
        .sort((x, y) => x.v - y.v || x.b - y.b)
        .map((k) => k.b);
      const present = Int32Array.from(bins);
      const key = Float64Array.from(keys);
      assert.deepEqual(Array.from(sortByKey(present, key, m)), expected, `trial ${trial}`);
    }
  });
});
