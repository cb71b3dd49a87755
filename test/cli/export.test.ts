/** `sapling export` end to end: the three formats from a model saved by `sapling train`, and the refusals. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as ort from 'onnxruntime-node';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-export-'));
  for (const model of ['tree', 'mljs-tree']) {
    const r = await runCli([
      'train',
      'examples/iris.csv',
      '--target',
      'target',
      '--model',
      model,
      '--no-log',
      '--out',
      join(dir, `${model}.json`),
    ]);
    assert.equal(r.code, 0, r.stderr);
  }
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sapling export', () => {
  test('--format onnx writes a file ONNX Runtime scores from the raw columns', async () => {
    const out = join(dir, 'tree.onnx');
    const r = await runCli(['export', join(dir, 'tree.json'), '--format', 'onnx', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote onnx \([\d,]+ bytes\)/);
    const session = await ort.InferenceSession.create(await readFile(out));
    assert.deepEqual(session.inputNames, [
      'sepal length (cm)',
      'sepal width (cm)',
      'petal length (cm)',
      'petal width (cm)',
    ]);
    const one = (v: number): ort.Tensor => new ort.Tensor('float64', Float64Array.from([v]), [1, 1]);
    const result = await session.run({
      'sepal length (cm)': one(5.1),
      'sepal width (cm)': one(3.5),
      'petal length (cm)': one(1.4),
      'petal width (cm)': one(0.2),
    });
    assert.deepEqual(Array.from(result.prediction.data as string[]), ['setosa']);
  });

  test('--format sql writes one SELECT over --table', async () => {
    const out = join(dir, 'tree.sql');
    const r = await runCli(['export', join(dir, 'tree.json'), '--format', 'sql', '--table', 'flowers', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const sql = await readFile(out, 'utf8');
    const db = new DatabaseSync(':memory:');
    db.exec(
      'CREATE TABLE flowers ("sepal length (cm)" REAL, "sepal width (cm)" REAL, "petal length (cm)" REAL, "petal width (cm)" REAL)',
    );
    db.exec('INSERT INTO flowers VALUES (5.1, 3.5, 1.4, 0.2), (6.3, 3.3, 6.0, 2.5)');
    const rows = db.prepare(sql).all() as Record<string, unknown>[];
    db.close();
    assert.deepEqual(
      rows.map((row) => row.prediction),
      ['setosa', 'virginica'],
    );
    assert.equal(rows[0].proba_setosa, 1);
  });

  test('--format rules is the rules text of sapling rules', async () => {
    const out = join(dir, 'tree.txt');
    const r = await runCli(['export', join(dir, 'tree.json'), '--format', 'rules', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const rules = await runCli(['rules', join(dir, 'tree.json')]);
    assert.equal(await readFile(out, 'utf8'), rules.stdout);
  });

  test('a model it cannot export, and an unknown format, are one error line each', async () => {
    const mljs = await runCli(['export', join(dir, 'mljs-tree.json'), '--format', 'onnx', '--out', join(dir, 'x')]);
    assert.equal(mljs.code, 1);
    assert.match(
      mljs.stderr,
      /^error: mljs-tree\.json holds a 'mljs-tree' model; export covers the tree-engine \(tree, forest, extra-trees, boost\) and linear models/,
    );
    const format = await runCli(['export', join(dir, 'tree.json'), '--format', 'pmml', '--out', join(dir, 'x')]);
    assert.equal(format.stderr, "error: --format must be one of onnx, sql, rules, got 'pmml'\n");
  });
});
