import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS } from '../../../app/registry/models.js';
import { base64ToBytes, bytesToBase64, decodeArray, encodeArray } from '../../../app/engine/serialize.js';
import type { ModelFactory, SerializedModel } from '../../../app/models/estimator.js';
import { createRng } from '../../../app/util/random.js';
import { blobs, gaussian, linearTarget, sameBits } from '../models/fixtures.js';
import { rejectsWith } from '../models/check-estimator.js';
import { engine, mat } from './helpers.js';

const engineBoostFactory = MODELS.boost;
const engineForestFactory = MODELS.forest;
const engineTreeFactory = MODELS.tree;

/** Numeric, categorical and missing values together. */
function mixed(n: number) {
  const rng = createRng(11);
  const rows: number[][] = [];
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const cat = rng.int(6);
    const x = gaussian(rng);
    rows.push([cat, rng.next() < 0.2 ? NaN : x, gaussian(rng)]);
    codes.push((cat % 2 === 0 ? 1 : 0) ^ (x > 1 ? 1 : 0));
  }
  return {
    X: mat(rows, [true, false, false]),
    y: { task: 'classification' as const, codes: Int32Array.from(codes), classes: ['no', 'yes'] },
  };
}

const factories: [ModelFactory, Record<string, number>][] = [
  [engineTreeFactory, {}],
  [engineForestFactory, { trees: 7 }],
  [MODELS['extra-trees'], { trees: 7 }],
  [engineBoostFactory, { rounds: 15 }],
];

describe('engine serialization', () => {
  test('base64 round-trips any bytes; typed arrays are little-endian', () => {
    for (const len of [0, 1, 2, 3, 4, 5, 100, 4097 * 3 + 1]) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 37 + 11) & 255);
      assert.deepEqual(base64ToBytes(bytesToBase64(bytes), 'x'), bytes);
    }
    assert.equal(bytesToBase64(new TextEncoder().encode('Sapling')), 'U2FwbGluZw==');
    // The same text as Node's own encoder, for every length mod 3 and every byte value.
    for (const len of [1, 2, 3, 255, 256, 257, 70_001]) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 131 + (i >> 8)) & 255);
      assert.equal(bytesToBase64(bytes), Buffer.from(bytes).toString('base64'), `${len} bytes`);
    }
    assert.equal(encodeArray(Int32Array.of(1)), 'AQAAAA==');
    const f = Float64Array.of(0.1, -0, NaN, Infinity, 1e-310);
    assert.ok(sameBits(decodeArray(encodeArray(f), 'f', Float64Array), f));
  });

  for (const [factory, params] of factories) {
    test(`${factory.id}: categorical + missing data round-trips through JSON text with identical predictions`, async () => {
      const { X, y } = mixed(400);
      const model = engine(await factory.create('classification', params).fit(X, y, { seed: 3 }));
      const json = JSON.stringify(model.toJSON());
      const back = engine(factory.fromJSON(JSON.parse(json) as SerializedModel));
      assert.ok(sameBits(back.predictProba(X), model.predictProba(X)));
      assert.equal(JSON.stringify(back.toJSON()), json);
      // Compact: base64 arrays, not number lists.
      assert.ok(json.length < 200 * model.ensemble.treeStart[model.ensemble.trees] + 2000, `${json.length} bytes`);
    });
  }

  test('single-row predictRowInto gives exactly predict / predictProba, without allocating', async () => {
    const { X, y } = mixed(300);
    for (const [factory, params] of factories) {
      const model = engine(await factory.create('classification', params).fit(X, y, { seed: 3 }));
      const proba = model.predictProba(X);
      const out = new Float64Array(2);
      for (let i = 0; i < X.rows; i++) {
        model.predictRowInto(X.data, i * X.cols, out);
        assert.ok(sameBits(out, proba.subarray(2 * i, 2 * i + 2)), `${factory.id} row ${i}`);
      }
    }
    const reg = linearTarget(1, 200, 3);
    const model = engine(await engineBoostFactory.create('regression', { rounds: 10 }).fit(reg.X, reg.y, { seed: 1 }));
    const pred = model.predict(reg.X);
    const out = new Float64Array(1);
    for (let i = 0; i < reg.X.rows; i++) {
      model.predictRowInto(reg.X.data, i * 3, out);
      assert.equal(out[0], pred[i]);
    }
  });

  test('batch prediction over columns equals prediction over rows', async () => {
    const { X, y } = mixed(300);
    const columns = Array.from({ length: X.cols }, (_, f) =>
      Float64Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + f]),
    );
    for (const [factory, params] of factories) {
      const model = engine(await factory.create('classification', params).fit(X, y, { seed: 3 }));
      assert.ok(sameBits(model.predictColumns(columns, X.rows), model.predictProba(X)), factory.id);
    }
    const model = engine(await engineTreeFactory.create('classification').fit(X, y, { seed: 3 }));
    await rejectsWith(() => model.predictColumns(columns.slice(1), X.rows), 'BAD_INPUT');
  });

  test('the exposed trees are consistent (children after parents, cover adds up) — what TreeSHAP needs', async () => {
    const { X, y } = blobs(4, 300, 4, 3, 1);
    const e = engine(await engineForestFactory.create('classification', { trees: 4 }).fit(X, y, { seed: 1 })).ensemble;
    for (let t = 0; t < e.trees; t++) {
      for (let i = e.treeStart[t]; i < e.treeStart[t + 1]; i++) {
        if (e.left[i] < 0) continue;
        assert.ok(e.left[i] > i && e.right[i] > i && e.right[i] < e.treeStart[t + 1]);
        assert.equal(e.cover[e.left[i]] + e.cover[e.right[i]], e.cover[i]);
        // Internal node values are the cover-weighted mean of their children's.
        for (let c = 0; c < 3; c++) {
          const mix =
            (e.cover[e.left[i]] * e.value[e.left[i] * 3 + c] + e.cover[e.right[i]] * e.value[e.right[i] * 3 + c]) /
            e.cover[i];
          assert.ok(Math.abs(mix - e.value[i * 3 + c]) < 1e-12);
        }
      }
    }
  });

  test('corrupt model files are refused with BAD_MODEL_FILE', async () => {
    const { X, y } = blobs(5, 100, 4, 3, 2);
    const json = (await engineForestFactory.create('classification', { trees: 3 }).fit(X, y, { seed: 1 })).toJSON();
    const state = json.state as Record<string, Record<string, unknown>>;
    const withEnsemble = (patch: Record<string, unknown>): SerializedModel => ({
      ...json,
      state: { ...state, ensemble: { ...state.ensemble, ...patch } },
    });
    const left = decodeArray(state.ensemble.left, 'left', Int32Array);
    const loop = left.slice();
    loop[0] = 0; // a node that is its own child
    const badFeature = decodeArray(state.ensemble.feature, 'feature', Int32Array).slice();
    badFeature[0] = 99;
    for (const patch of [
      { left: 'not base64!' },
      { left: encodeArray(left.subarray(1)) },
      { left: encodeArray(loop) },
      { feature: encodeArray(badFeature) },
      { trees: 0 },
      { combine: { kind: 'sum' } },
      { width: 2 },
    ]) {
      await rejectsWith(() => engineForestFactory.fromJSON(withEnsemble(patch)), 'BAD_MODEL_FILE');
    }
    await rejectsWith(
      () => engineTreeFactory.fromJSON({ ...json, id: 'tree', params: {} }),
      'BAD_MODEL_FILE',
      /exactly one tree/,
    );
    await rejectsWith(
      () => engineBoostFactory.fromJSON({ ...json, id: 'boost', params: {} }),
      'BAD_MODEL_FILE',
      /width is 3, expected 1/,
    );
  });
});
