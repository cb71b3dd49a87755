import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { binFeatures, binFeaturesPaced, binOf, numericEdges } from '../../../app/engine/binning.js';
import { engineDataPaced } from '../../../app/engine/fitted.js';
import type { Target } from '../../../app/models/matrix.js';
import { SaplingError } from '../../../app/util/errors.js';
import { createRng } from '../../../app/util/random.js';

describe('engine binning', () => {
  test('few distinct values: one bin each, edges halfway between neighbours', () => {
    assert.deepEqual(Array.from(numericEdges(Float64Array.from([1, 1, 2, 4, 4, 4]), 255)), [1.5, 3]);
    assert.deepEqual(Array.from(numericEdges(Float64Array.from([7, 7]), 255)), []);
    assert.deepEqual(Array.from(numericEdges(new Float64Array(0), 255)), []);
  });

  test('many distinct values: at most maxBins bins of roughly equal counts', () => {
    const rng = createRng(1);
    const values = Float64Array.from({ length: 10000 }, () => rng.next()).sort();
    const edges = numericEdges(values, 16);
    assert.equal(edges.length, 15);
    const counts = new Array(16).fill(0);
    for (const v of values) counts[edges.findIndex((e) => v <= e) === -1 ? 15 : edges.findIndex((e) => v <= e)]++;
    for (const c of counts) assert.ok(Math.abs(c - 625) <= 2, `bin of ${c} rows`);
  });

  test('a heavily tied value gets its own bin', () => {
    const values = Float64Array.from([...Array(900).fill(0), ...Array.from({ length: 100 }, (_, i) => i + 1)]).sort();
    const edges = numericEdges(values, 10);
    assert.equal(edges[0], 0.5); // all the zeros in bin 0
    assert.ok(edges.length <= 9);
  });

  test('adjacent floats: the midpoint never swallows the larger value', () => {
    const a = 1;
    const b = 1 + Number.EPSILON;
    const [edge] = numericEdges(Float64Array.from([a, b]), 255);
    assert.ok(a <= edge && !(b <= edge));
  });

  test('binFeatures: row-major codes (rows padded to 4 bytes), missing bin last, categorical codes mapped, histogram slots laid out', () => {
    // f0 numeric with a NaN, f1 categorical codes {0, 3} and a NaN.
    const data = Float64Array.from([1, 0, 2, 3, NaN, NaN, 3, 0]);
    const b = binFeatures(data, 4, 2, { categorical: [false, true] });
    assert.deepEqual(Array.from(b.count), [3, 2]);
    assert.deepEqual(Array.from(b.offset), [0, 4, 7]);
    assert.equal(b.stride, 4); // rows padded to four bytes
    assert.deepEqual(Array.from(b.bins), [0, 0, 0, 0, 1, 1, 0, 0, 3, 2, 0, 0, 2, 0, 0, 0]);
    assert.deepEqual(Array.from(b.hasMissing), [1, 1]);
    assert.deepEqual(Array.from(b.codeToBin), [0, -1, -1, 1]);
    assert.equal(binOf(b, 1, 7), 2, 'an unseen category goes to the missing bin');
    assert.equal(binOf(b, 1, 1), 2, 'a code never seen in training too');
    assert.equal(binOf(b, 0, 2.5), 1, 'on the edge: lower bin');
    assert.equal(binOf(b, 0, 2.6), 2);
    assert.equal(binOf(b, 0, 1.5), 0, 'x ≤ edge is the lower bin (the split rule)');
  });

  test('more categories than bins: the rarest share one bin', () => {
    const codes = Array.from({ length: 300 }, (_, i) => (i < 100 ? 0 : i - 99)); // code 0 ×100, codes 1…200 once
    const b = binFeatures(Float64Array.from(codes), 300, 1, { categorical: [true], maxBins: 10 });
    assert.equal(b.count[0], 10);
    assert.equal(b.codeToBin[0], 0, 'the most frequent keeps its own bin');
    const shared = new Set(Array.from(b.codeToBin.slice(1)));
    assert.ok(shared.has(9), 'the rest go to the last bin');
  });

  test('categorical values must be whole numbers ≥ 0', () => {
    assert.throws(
      () => binFeatures(Float64Array.from([0, 1.5]), 2, 1, { categorical: [true] }),
      /category codes must be whole numbers/,
    );
    assert.throws(() => binFeatures(Float64Array.from([0, -1]), 2, 1, { categorical: [true] }), /category codes/);
  });

  test('maxBins is checked', () => {
    assert.throws(() => binFeatures(new Float64Array(2), 2, 1, { maxBins: 1 }), /maxBins/);
    assert.throws(() => binFeatures(new Float64Array(2), 2, 1, { maxBins: 300 }), /maxBins/);
  });
});

describe('paced binning (a pause between columns and row chunks, so a cancel lands at 1M rows)', () => {
  // 300,000 rows: more than two chunks of mapped rows; a categorical column, NaN and a constant column.
  const rows = 300_000;
  const cols = 3;
  const rng = createRng(5);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    data[r * cols] = rng.next() < 0.01 ? NaN : rng.next() * 100;
    data[r * cols + 1] = Math.floor(rng.next() * 7);
    data[r * cols + 2] = 3;
  }
  const options = { maxBins: 64, categorical: [false, true, false] };

  test('gives the same bins as binFeatures, pausing more than once per column', async () => {
    let pauses = 0;
    const paced = await binFeaturesPaced(data, rows, cols, options, async () => void pauses++);
    assert.deepEqual(paced, binFeatures(data, rows, cols, options));
    assert.ok(pauses > cols + 1, `${pauses} pauses`);
  });

  test('a fit whose signal fires mid-binning stops with CANCELLED', async () => {
    const X = { data, rows, cols, featureNames: ['a', 'b', 'c'], categorical: [false, true, false] };
    const y: Target = { task: 'regression', values: new Float64Array(rows) };
    // A signal that reads as fired from its fourth look on: the pauses between steps look at it, so binning stops
    // after three steps instead of running to the end (deterministic, unlike a timer racing the binning).
    let looks = 0;
    const signal = {
      get aborted() {
        return ++looks > 3;
      },
    } as AbortSignal;
    await assert.rejects(
      engineDataPaced(X, y, 64, signal),
      (e: unknown) => e instanceof SaplingError && e.code === 'CANCELLED',
    );
    assert.equal(looks, 4);
  });
});
