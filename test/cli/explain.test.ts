import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-explain-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sapling compare: explanation sections', () => {
  test('--json carries shap, verdicts, calibration and subgroups; verdicts print under the leaderboard', async () => {
    const out = join(dir, 'penguins.json');
    const r = await runCli([
      'compare',
      '--no-log',
      'examples/penguins.csv',
      '--target',
      'sex',
      '--models',
      'tree,linear',
      '--folds',
      '3',
      '--repeats',
      '2',
      '--rope',
      '0.02',
      '--calibrate',
      'platt',
      '--subgroups',
      'island',
      '--quiet',
      '--json',
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /verdicts \(corrected resampled t-test and Bayesian correlated t-test on the same 3 folds × 2 repeats\):\n {2}- (Linear|Decision tree).* within 2\.0 points: probability \d\.\d\d/,
    );
    assert.match(r.stdout, /calibration \(P\(male\), out-of-fold\)/);
    assert.match(r.stdout, /subgroups by 'island'/);
    const json = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(json.settings.repeats, 2);
    assert.equal(json.settings.rope, 0.02);
    assert.equal(json.verdicts.length, 1);
    assert.equal(json.verdicts[0].splits, 6);
    assert.deepEqual(
      json.shap.models.map((m: { id: string }) => m.id),
      ['tree', 'linear'],
    );
    assert.equal(json.calibration.models[0].calibrated.bins.length, 10);
    assert.deepEqual(
      json.subgroups[0].models[0].groups.map((g: { group: string }) => g.group),
      ['Biscoe', 'Dream', 'Torgersen'],
    );
    const bad = await runCli([
      'compare',
      '--no-log',
      'examples/penguins.csv',
      '--target',
      'sex',
      '--calibrate',
      'magic',
    ]);
    assert.match(bad.stderr, /^error: --calibrate must be one of isotonic, platt, got 'magic'\n$/);
  });
});

describe('sapling explain', () => {
  test('per row: prediction, probability, top-k signed reasons; the JSON adds up', async () => {
    const model = join(dir, 'forest.json');
    const t = await runCli([
      'train',
      '--no-log',
      'examples/iris.csv',
      '--target',
      'target',
      '--model',
      'forest',
      '--param',
      'trees=10',
      '--out',
      model,
    ]);
    assert.equal(t.code, 0, t.stderr);
    const [csv, json] = [join(dir, 'd.csv'), join(dir, 'd.json')];
    const r = await runCli(['explain', model, 'examples/iris.csv', '--out', csv, '--json', json, '--top', '2']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote 150 explained decisions .* \(probability units\)/);
    const rows = Papa.parse<string[]>(await readFile(csv, 'utf8'), { skipEmptyLines: true }).data;
    assert.deepEqual(rows[0], [
      'row',
      'prediction',
      'probability',
      'explains',
      'base_value',
      'reason_1',
      'contribution_1',
      'reason_2',
      'contribution_2',
    ]);
    assert.equal(rows.length, 151);
    assert.match(rows[1][5], /^(petal|sepal) (length|width) \(cm\) = [\d.]+$/);
    const doc = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(doc.rows.length, 150);
    for (const row of doc.rows) {
      const sum = row.baseValue + Object.values(row.contributions as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - row.value) < 1e-9, `row ${row.row}`);
      assert.ok(Math.abs(row.value - row.probabilities[row.prediction]) < 1e-9);
      assert.equal(Object.keys(row.contributions).length, 4);
    }
    assert.equal(Number(rows[1][2]), doc.rows[0].probabilities[doc.rows[0].prediction]);
  });

  test('text that looks like a formula is escaped in the decisions CSV', async () => {
    const data = join(dir, 'formula.csv');
    const lines = ['=cmd|x,amount,label'];
    for (let i = 0; i < 40; i++) lines.push(`${i % 2 === 0 ? 'a' : 'b'},${i},${i % 2 === 0 ? '=yes' : 'no'}`);
    await writeFile(data, `${lines.join('\n')}\n`);
    const model = join(dir, 'formula.json');
    assert.equal(
      (await runCli(['train', '--no-log', data, '--target', 'label', '--model', 'tree', '--out', model])).code,
      0,
    );
    const csv = join(dir, 'formula-out.csv');
    const r = await runCli(['explain', model, data, '--out', csv, '--top', '1']);
    assert.equal(r.code, 0, r.stderr);
    const rows = Papa.parse<string[]>(await readFile(csv, 'utf8'), { skipEmptyLines: true }).data;
    assert.equal(rows[1][1], "'=yes");
    assert.match(rows[1][5], /^'=cmd\|x = a$/);
  });

  test('bad input is one error line', async () => {
    const r = await runCli(['explain', 'nope.json', 'examples/iris.csv', '--out', join(dir, 'x.csv')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: cannot read nope\.json: no such file\n$/);
    const m = await runCli(['explain', 'a.json', 'examples/iris.csv']);
    assert.match(m.stderr, /^error: missing --out decisions\.csv/);
    const top = await runCli(['explain', 'a.json', 'examples/iris.csv', '--out', 'x.csv', '--top', '0']);
    assert.match(top.stderr, /^error: --top must be a whole number from 1 to 50, got '0'/);
  });
});
