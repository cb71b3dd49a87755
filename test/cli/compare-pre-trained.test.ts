/**
 * `sapling compare --models …,file:model.json` end to end: a model file is a leaderboard row scored as it is on every
 * held-out fold — its fold metrics are exactly what `sapling predict` gives on those rows — labelled pre-trained, in
 * --json, the report, the run record (file SHA-256) and `reproduce`; a file that does not fit the data is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { decodeFolds } from '../../app/audit/folds.js';
import { computeMetrics } from '../../app/evaluate/metrics.js';
import type { Target } from '../../app/models/matrix.js';
import type { CompareResult } from '../../app/result/compare.js';
import { runCli } from '../helpers/run-cli.js';
import { trainedModels } from '../../app/evaluate/model-rows.js';

let dir: string;
const path = (name: string) => join(dir, name);
const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-pre-trained-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Per fold, the metrics of `sapling predict`'s output on that fold's test rows. */
async function predictedFoldMetrics(
  model: string,
  data: string,
  targetName: string,
  split: Parameters<typeof decodeFolds>[0],
  classes?: readonly string[],
): Promise<Record<string, number>[]> {
  const out = path(`${model}.predictions.csv`);
  const r = await runCli(['predict', path(model), data, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const rows = Papa.parse<Record<string, string>>(await readFile(out, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  return decodeFolds(split).map((fold) => {
    const test = Array.from(fold.test, (i) => rows[i]);
    if (!classes) {
      const y: Target = { task: 'regression', values: Float64Array.from(test, (row) => Number(row[targetName])) };
      return computeMetrics(
        'regression',
        y,
        Float64Array.from(test, (row) => Number(row.prediction)),
      );
    }
    const code = (label: string) => classes.indexOf(label);
    const y: Target = { task: 'classification', classes, codes: Int32Array.from(test, (row) => code(row[targetName])) };
    const proba = Float64Array.from(test.flatMap((row) => classes.map((c) => Number(row[`proba_${c}`]))));
    return computeMetrics(
      'classification',
      y,
      Float64Array.from(test, (row) => code(row.prediction)),
      proba,
    );
  });
}

/** Fold by fold, metric by metric (a metric of the other task is NaN, written as null in the JSON). */
function assertSameMetrics(
  recorded: readonly Readonly<Record<string, number | null>>[],
  expected: readonly Record<string, number>[],
  tolerance: number,
): void {
  assert.equal(recorded.length, expected.length);
  let compared = 0;
  for (const [f, metrics] of expected.entries())
    for (const [name, value] of Object.entries(metrics)) {
      const got = recorded[f][name];
      if (Number.isNaN(value)) {
        assert.equal(got, null, `fold ${f} ${name}`);
        continue;
      }
      assert.ok(
        got !== null && Math.abs(got - value) <= tolerance * Math.max(1, Math.abs(value)),
        `fold ${f} ${name}: compare ${got}, predict ${value}`,
      );
      compared++;
    }
  assert.ok(compared >= 3 * expected.length, `${compared} numbers compared`);
}

describe('compare --models file:model.json', () => {
  test('an imported XGBoost model: a labelled row whose fold metrics equal sapling predict on those rows; record, report, reproduce', async () => {
    const imported = path('imported.json');
    const made = await runCli([
      'import',
      'test/fixtures/xgboost/credit-binary.model.json',
      '--schema',
      'examples/credit_data.csv',
      '--target',
      'Status',
      '--out',
      imported,
      '--no-log',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const log = path('runs.jsonl');
    const r = await runCli([
      'compare',
      'examples/credit_data.csv',
      '--target',
      'Status',
      '--models',
      `tree,file:${imported}`,
      '--json',
      path('out.json'),
      '--report',
      path('report.html'),
      '--report-cards',
      '0',
      '--log',
      log,
      '-q',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /imported\.json \(pre-trained boost\): pre-trained: not cross-validated, may have seen these rows — scored as it is on each held-out fold, not refitted/,
    );
    const result = JSON.parse(await readFile(path('out.json'), 'utf8')) as CompareResult;
    assert.deepEqual(
      result.models.map((m) => m.id),
      ['tree', 'file:imported.json'],
    );
    const row = trainedModels(result)[1];
    assert.equal(row.label, 'imported.json (pre-trained boost)');
    assert.equal(row.trainMetrics, undefined, 'no training fold: no gap');
    assert.equal(row.preTrained?.sha256, await sha256(imported));
    assert.equal(row.preTrained?.overlap, 'unknown');
    assert.equal(row.preTrained?.importedFrom?.format, 'xgboost-json');
    assert.equal(row.notes[0], 'pre-trained: not cross-validated, may have seen these rows');
    assert.deepEqual(result.settings.preTrained, ['file:imported.json']);
    // Recommended, it says what its score cannot show.
    assert.equal(result.recommendation?.modelId, 'file:imported.json');
    assert.match(result.recommendation!.reasons[1], /It is a pre-trained model file \(imported\.json\)/);

    const record = JSON.parse((await readFile(log, 'utf8')).trim().split('\n').at(-1)!).record;
    assert.equal(record.settings.preTrained[0].sha256, await sha256(imported));
    assert.equal(record.settings.preTrained[0].fileName, 'imported.json');
    // The cross-check: every fold's metrics are sapling predict's on that fold's held-out rows, number for number.
    const classes = result.dataset.classes!;
    const expected = await predictedFoldMetrics(
      'imported.json',
      'examples/credit_data.csv',
      'Status',
      record.split,
      classes,
    );
    assert.equal(expected.length, 5);
    assertSameMetrics(row.folds, expected, 1e-12);

    const report = await readFile(path('report.html'), 'utf8');
    assert.match(report, /imported\.json \(pre-trained boost\)<\/strong>: pre-trained: not cross-validated/);
    assert.match(
      report,
      /scored as it is on each held-out fold, not refitted; imported from credit-binary\.model\.json/,
    );

    const again = await runCli(['reproduce', log, '-q']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /REPRODUCED/);
    await writeFile(imported, `${await readFile(imported, 'utf8')} `);
    const changed = await runCli(['reproduce', log, '-q']);
    assert.equal(changed.code, 1);
    assert.match(changed.stderr, /imported\.json is not the model file this run scored: its SHA-256 is/);
  });

  test('a model trained on this very file: warned, labelled, never recommended; regression folds equal predict', async () => {
    const data = 'examples/diabetes.csv';
    const trained = await runCli([
      'train',
      data,
      '--target',
      'target',
      '--model',
      'tree',
      '--out',
      path('d.json'),
      '--no-log',
    ]);
    assert.equal(trained.code, 0, trained.stderr);
    const log = path('diabetes.jsonl');
    const r = await runCli([
      'compare',
      data,
      '--target',
      'target',
      '--models',
      `linear,file:${path('d.json')}`,
      '--json',
      path('d-out.json'),
      '--log',
      log,
      '-q',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(await readFile(path('d-out.json'), 'utf8')) as CompareResult;
    const row = trainedModels(result).find((m) => m.id === 'file:d.json')!;
    assert.equal(row.preTrained?.overlap, 'same-file');
    assert.ok(
      result.warnings.some(
        (w) =>
          w.code === 'pre-trained-overlap' &&
          /same SHA-256 as diabetes\.csv: its fold scores are on rows it was trained on/.test(w.message),
      ),
      result.warnings.map((w) => w.message).join('\n'),
    );
    // A fully grown tree scored on its own training rows looks perfect — exactly why it must not be the answer.
    assert.ok(row.metrics.r2.mean > result.models[0].metrics.r2.mean);
    assert.equal(result.recommendation?.modelId, 'linear');
    const record = JSON.parse((await readFile(log, 'utf8')).trim().split('\n').at(-1)!).record;
    const expected = await predictedFoldMetrics('d.json', data, 'target', record.split);
    assertSameMetrics(row.folds, expected, 1e-12);
  });

  test('a model file that does not fit the data, or is not a model file: one clear error before training', async () => {
    const [header, ...rows] = (await readFile('examples/credit_data.csv', 'utf8')).trim().split('\n');
    const cols = header.split(',');
    const drop = new Set([cols.indexOf('"Income"'), cols.indexOf('"Seniority"')]);
    const keep = (line: string) =>
      line
        .split(',')
        .filter((_, j) => !drop.has(j))
        .join(',');
    await writeFile(path('narrow.csv'), `${[keep(header), ...rows.map(keep)].join('\n')}\n`);
    const imported = path('imported.json');
    const narrow = await runCli([
      'compare',
      path('narrow.csv'),
      '--target',
      'Status',
      '--models',
      `tree,file:${imported}`,
      '--no-log',
    ]);
    assert.equal(narrow.code, 1);
    assert.match(
      narrow.stderr,
      /imported\.json does not fit narrow\.csv: narrow\.csv has no column 'Seniority', 'Income'/,
    );
    assert.doesNotMatch(narrow.stderr, /fitting fold/, 'refused before any training');

    await writeFile(path('broken.json'), '{"format": "sapling-model", "version": 1, "target"');
    const broken = await runCli([
      'compare',
      'examples/credit_data.csv',
      '--target',
      'Status',
      '--models',
      `tree,file:${path('broken.json')}`,
      '--no-log',
    ]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /broken\.json: not valid JSON/);
  });
});
