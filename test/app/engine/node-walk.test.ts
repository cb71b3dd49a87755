/**
 * Prediction through node-walk.ts (eight rows per tree at once, arithmetic child choice) against the split rule
 * itself, one node at a time (goesLeft) — the walk prediction used before issue 14's batch work, kept here as the
 * oracle: every output bit for bit, for random ensembles (every combine and link; missing values going either way;
 * categorical splits with unseen and non-integer codes; values exactly on a threshold; ±∞ thresholds) and for fitted
 * forests, boosters and trees on data with missing values and a categorical column. Row counts that are not a multiple
 * of eight exercise the lanes' remainder.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyLink,
  goesLeft,
  leafOf,
  predictBatch,
  predictColumns,
  predictRowInto,
  type Combine,
  type TreeEnsemble,
} from '../../../app/engine/ensemble.js';
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from '../../../app/engine/tree-store.js';
import type { ModelId } from '../../../app/models/estimator.js';
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { treeLeavesFrom } from '../../../app/engine/node-walk.js';
import { createRng, type Rng } from '../../../app/util/random.js';
import { blobs, linearTarget } from '../models/fixtures.js';
import { engine } from './helpers.js';

/** The oracle: a row's leaf by the split rule, node by node. */
function oracleLeaf(e: TreeEnsemble, root: number, data: Float64Array, offset: number): number {
  let node = root;
  while (e.left[node] >= 0) node = goesLeft(e, node, data[offset + e.feature[node]]) ? e.left[node] : e.right[node];
  return node;
}

/** The oracle's batch: tree by tree, rows summed in tree order, then the mean or the link (as predictBatch). */
function oracleBatch(e: TreeEnsemble, data: Float64Array, rows: number, classes: number): Float64Array {
  const c = e.combine;
  if (c.kind === 'mean') {
    const w = e.width;
    const out = new Float64Array(rows * w);
    for (let t = 0; t < e.trees; t++)
      for (let i = 0; i < rows; i++) {
        const leaf = oracleLeaf(e, e.treeStart[t], data, i * e.cols) * w;
        for (let k = 0; k < w; k++) out[i * w + k] += e.value[leaf + k];
      }
    if (e.trees > 1) for (let i = 0; i < out.length; i++) out[i] /= e.trees;
    return out;
  }
  const K = c.outputs;
  const raw = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = c.base[k];
  for (let t = 0; t < e.trees; t++)
    for (let i = 0; i < rows; i++) raw[i * K + (t % K)] += e.value[oracleLeaf(e, e.treeStart[t], data, i * e.cols)];
  const width = c.link === 'identity' ? 1 : classes;
  const out = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) applyLink(c, raw, i * K, out, i * width, classes);
  return out;
}

function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++)
    assert.ok(Object.is(actual[i], expected[i]), `${what} [${i}]: ${actual[i]} vs ${expected[i]}`);
}

/** Every prediction path against the oracle on `rows` rows of data. */
function checkAll(e: TreeEnsemble, data: Float64Array, rows: number, classes: number, what: string): void {
  const expected = oracleBatch(e, data, rows, classes);
  assertSameBits(predictBatch(e, data, rows, classes), expected, `${what}: predictBatch`);
  const columns = Array.from({ length: e.cols }, (_, f) =>
    Float64Array.from({ length: rows }, (_, i) => data[i * e.cols + f]),
  );
  assertSameBits(predictColumns(e, columns, rows, classes), expected, `${what}: predictColumns`);
  const width = expected.length / Math.max(rows, 1);
  const one = new Float64Array(width);
  const raw = new Float64Array(e.combine.kind === 'sum' ? e.combine.outputs : 1);
  for (let i = 0; i < rows; i++) {
    predictRowInto(e, data, i * e.cols, one, 0, raw, classes);
    assertSameBits(one, expected.subarray(i * width, (i + 1) * width), `${what}: predictRowInto row ${i}`);
    for (let t = 0; t < e.trees; t++)
      assert.equal(leafOf(e, e.treeStart[t], data, i * e.cols), oracleLeaf(e, e.treeStart[t], data, i * e.cols));
  }
}

// ---------- random ensembles ----------

interface Shape {
  readonly cols: number;
  /** Categories per column (0 = numeric). */
  readonly categories: readonly number[];
  readonly trees: number;
  readonly width: number;
  readonly combine: Combine;
}

/** Thresholds drawn from a small grid that the data uses too, so values land exactly on them. */
const GRID = [-2, -1, -0.5, 0, 0.25, 1, 3];

function randomEnsemble(rng: Rng, shape: Shape): TreeEnsemble {
  const { cols, categories, trees, width } = shape;
  const feature: number[] = [];
  const threshold: number[] = [];
  const flags: number[] = [];
  const left: number[] = [];
  const catSets: number[] = [];
  const treeStart = [0];
  for (let t = 0; t < trees; t++) {
    const root = feature.length;
    const depthOf = new Map<number, number>([[root, 0]]);
    feature.push(0);
    threshold.push(0);
    flags.push(0);
    left.push(-1);
    // Nodes are expanded in order; children are appended as adjacent pairs (the layout the engine builds).
    for (let node = root; node < feature.length; node++) {
      const depth = depthOf.get(node)!;
      if (depth >= 9 || rng.next() < 0.15 + depth * 0.07) continue;
      const f = rng.int(cols);
      feature[node] = f;
      if (categories[f] > 0) {
        flags[node] = FLAG_CATEGORICAL | (rng.next() < 0.5 ? FLAG_MISSING_LEFT : 0);
        threshold[node] = catSets.length / 8;
        for (let w = 0; w < 8; w++) catSets.push(w === 0 ? rng.int(2 ** 30) : 0);
      } else {
        flags[node] = rng.next() < 0.5 ? FLAG_MISSING_LEFT : 0;
        const r = rng.next();
        threshold[node] =
          r < 0.05 ? Infinity : r < 0.1 ? -Infinity : GRID[rng.int(GRID.length)] + (rng.next() < 0.3 ? 0.1 : 0);
      }
      const l = feature.length;
      left[node] = l;
      for (let c = 0; c < 2; c++) {
        depthOf.set(l + c, depth + 1);
        feature.push(0);
        threshold.push(0);
        flags.push(0);
        left.push(-1);
      }
    }
    treeStart.push(feature.length);
  }
  const n = feature.length;
  const codeStart = [0];
  const codeToBin: number[] = [];
  for (const k of categories) {
    // Some codes were never seen in training (bin −1).
    for (let code = 0; code < k; code++) codeToBin.push(rng.next() < 0.15 ? -1 : rng.int(30));
    codeStart.push(codeToBin.length);
  }
  return {
    cols,
    width,
    trees,
    treeStart: Int32Array.from(treeStart),
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    flags: Uint8Array.from(flags),
    left: Int32Array.from(left),
    right: Int32Array.from(left, (l) => (l < 0 ? -1 : l + 1)),
    cover: Float64Array.from({ length: n }, () => 1),
    value: Float64Array.from({ length: n * width }, () => rng.next() * 4 - 2),
    catSets: Uint32Array.from(catSets),
    codeToBin: Int32Array.from(codeToBin),
    codeStart: Int32Array.from(codeStart),
    combine: shape.combine,
  };
}

function randomRows(rng: Rng, rows: number, categories: readonly number[]): Float64Array {
  const cols = categories.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let f = 0; f < cols; f++) {
      const r = rng.next();
      const k = categories[f];
      data[i * cols + f] =
        r < 0.1
          ? NaN
          : k > 0
            ? r < 0.15
              ? 1.5 // not a whole code
              : rng.int(k + 2) - 1 // −1 and k are outside the codes
            : r < 0.5
              ? GRID[rng.int(GRID.length)]
              : r < 0.52
                ? (rng.next() < 0.5 ? 1 : -1) * Infinity
                : rng.next() * 8 - 4;
    }
  return data;
}

const sum = (link: 'identity' | 'logistic' | 'softmax', outputs: number): Combine => ({
  kind: 'sum',
  link,
  outputs,
  base: Float64Array.from({ length: outputs }, (_, k) => 0.1 * k - 0.05),
  classMap: Int32Array.from({ length: outputs === 1 ? 2 : outputs }, (_, k) => k),
});

describe('node-walk prediction matches the split rule bit for bit on random ensembles', () => {
  const numeric = [0, 0, 0, 0, 0];
  const mixed = [0, 4, 0, 9, 0, 0];
  const cases: [string, Shape, number][] = [
    ['mean, 2 classes', { cols: 5, categories: numeric, trees: 13, width: 2, combine: { kind: 'mean' } }, 2],
    ['mean, regression', { cols: 6, categories: mixed, trees: 7, width: 1, combine: { kind: 'mean' } }, 0],
    ['mean, 3 classes, categorical', { cols: 6, categories: mixed, trees: 11, width: 3, combine: { kind: 'mean' } }, 3],
    ['one tree', { cols: 6, categories: mixed, trees: 1, width: 2, combine: { kind: 'mean' } }, 2],
    ['sum, identity', { cols: 6, categories: mixed, trees: 9, width: 1, combine: sum('identity', 1) }, 0],
    ['sum, logistic', { cols: 5, categories: numeric, trees: 10, width: 1, combine: sum('logistic', 1) }, 2],
    ['sum, softmax', { cols: 6, categories: mixed, trees: 12, width: 1, combine: sum('softmax', 3) }, 3],
  ];
  for (const [label, shape, classes] of cases)
    test(label, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const rng = createRng(seed);
        const e = randomEnsemble(rng, shape);
        for (const rows of [0, 1, 7, 8, 9, 61])
          checkAll(e, randomRows(rng, rows, shape.categories), rows, classes, `seed ${seed}, ${rows} rows`);
      }
    });
});

test('walks from any node with any row (treeLeavesFrom) end at the leaf the split rule gives', () => {
  const categories = [0, 4, 0, 9, 0, 0];
  for (let seed = 1; seed <= 5; seed++) {
    const rng = createRng(100 + seed);
    const e = randomEnsemble(rng, { cols: 6, categories, trees: 6, width: 1, combine: sum('identity', 1) });
    const rows = 40;
    const data = randomRows(rng, rows, categories);
    for (const n of [0, 5, 8, 37]) {
      const starts = Int32Array.from({ length: n }, () => rng.int(e.feature.length));
      const rowOffsets = Int32Array.from({ length: n }, () => rng.int(rows) * e.cols);
      const leaves = new Int32Array(n);
      treeLeavesFrom(e, starts, rowOffsets, n, data, leaves);
      for (let k = 0; k < n; k++)
        assert.equal(leaves[k], oracleLeaf(e, starts[k], data, rowOffsets[k]), `seed ${seed}, walk ${k} of ${n}`);
    }
  }
});

// ---------- fitted models ----------

/** Blobs with ~10% missing values in two columns and a categorical column (codes 0…4, and 7 never seen). */
function messy(P: { X: FeatureMatrix; y: Target }): { X: FeatureMatrix; y: Target; test: Float64Array } {
  const cols = P.X.cols;
  const rng = createRng(11);
  const data = P.X.data.slice();
  for (let i = 0; i < P.X.rows; i++) {
    data[i * cols] = rng.int(5);
    if (rng.next() < 0.1) data[i * cols + 1] = NaN;
    if (rng.next() < 0.1) data[i * cols + 2] = NaN;
  }
  const test = data.slice();
  for (let i = 0; i < P.X.rows; i += 13) test[i * cols] = 7;
  for (let i = 3; i < P.X.rows; i += 17) test[i * cols + 3] = NaN; // missing where training had none
  return { X: { ...P.X, data, categorical: Array.from({ length: cols }, (_, j) => j === 0) }, y: P.y, test };
}

describe('fitted engine models predict bit for bit like the split rule', () => {
  const cases: [string, ModelId, { X: FeatureMatrix; y: Target; test: Float64Array }, Record<string, number>][] = [
    ['forest, two classes', 'forest', messy(blobs(6, 243, 5, 2, 1.2)), { trees: 12 }],
    ['forest, three classes', 'forest', messy(blobs(5, 199, 4, 3, 1.2)), { trees: 9 }],
    ['forest, regression', 'forest', messy(linearTarget(8, 150, 4, 0.3)), { trees: 5 }],
    ['boost, two classes', 'boost', messy(blobs(6, 243, 5, 2, 1.2)), { rounds: 15 }],
    ['boost, three classes', 'boost', messy(blobs(5, 199, 4, 3, 1.2)), { rounds: 6 }],
    ['boost, regression', 'boost', messy(linearTarget(8, 150, 4, 0.3)), { rounds: 10 }],
    ['tree, two classes', 'tree', messy(blobs(2, 201, 5, 2, 1)), {}],
  ];
  for (const [label, id, P, params] of cases)
    test(label, async () => {
      const model = engine(await getModelFactory(id).create(P.y.task, params).fit(P.X, P.y, { seed: 1 }));
      const classes = P.y.task === 'classification' ? P.y.classes.length : 1;
      checkAll(model.ensemble, P.test, P.X.rows, classes, label);
    });
});
