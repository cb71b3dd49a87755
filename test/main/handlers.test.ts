/**
 * The desktop handlers as plain functions, bound to the real compute worker (worker_threads, from the
 * TypeScript sources): what the Electron IPC and the end-to-end harness both call.
 */
import { MAX_RUNS } from '../../main/compute/service.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMissing } from '../../app/data/dataset.js';
import { readCsv } from '../../app/data/read-csv.js';
import { binaryAuc } from '../../app/evaluate/metrics.js';
import { runComparison } from '../../app/compare/run.js';
import type { DatasetInfo, IpcError, ProgressEvent, Result, RunInfo } from '../../app/ipc/contract.js';
import { MODEL_IDS } from '../../app/models/estimator.js';
import { SaplingError } from '../../app/util/errors.js';
import { loadCsv } from '../../cli/load.js';
import { SAMPLES } from '../../main/handlers/samples.js';
import { createFileGrants } from '../../main/handlers/file-grants.js';
import { grantDroppedPath } from '../../main/handlers/index.js';
import { runCli, withoutTimings } from '../helpers/run-cli.js';
import { ROOT, SAMPLES_DIR, createDesktopFixture, type DesktopFixture } from '../helpers/desktop.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function error<T>(result: Result<T>): IpcError {
  if (result.ok) assert.fail('expected an error result');
  return result.error;
}

/** JSON as the CLI writes it (NaN → null), without the timing blocks. */
const comparable = (x: unknown): unknown => withoutTimings(JSON.stringify(x));

let app: DesktopFixture;
let scratch: string;
let op = 0;
const opId = (): string => `op-${++op}`;

async function loadSample(name: string): Promise<DatasetInfo> {
  return value(await app.handlers.loadDataset({ operationId: opId(), source: { kind: 'sample', name } }));
}

before(async () => {
  app = await createDesktopFixture();
  scratch = await mkdtemp(join(tmpdir(), 'sapling-handlers-'));
});
after(async () => {
  await app.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('request validation', () => {
  test('a bad payload is INVALID_REQUEST naming the channel and the field', async () => {
    const cases: [keyof DesktopFixture['handlers'], unknown, RegExp][] = [
      ['getRows', { datasetId: 'ds-1', offset: -1, limit: 10 }, /^getRows: offset: /],
      ['getRows', { datasetId: 'ds-1', offset: 0, limit: 5000 }, /^getRows: limit: /],
      ['getRows', { datasetId: '../etc', offset: 0, limit: 1 }, /^getRows: datasetId: /],
      ['loadDataset', { operationId: 'a', source: { kind: 'file', token: 5 } }, /^loadDataset: source\.token: /],
      [
        'loadDataset',
        { operationId: 'a', source: { kind: 'file', path: '/etc/passwd.txt' } },
        /^loadDataset: source(\.\w+)?: /,
      ],
      ['loadDataset', { operationId: 'a b', source: { kind: 'sample', name: 'iris' } }, /^loadDataset: operationId: /],
      [
        'loadDataset',
        { operationId: 'a', source: { kind: 'url', url: 'https://x' } },
        /^loadDataset: source(\.kind)?: /,
      ],
      ['listSamples', { extra: 1 }, /^listSamples: request: .*'extra'/],
      ['getRows', null, /^getRows: request: /],
      [
        'runCompare',
        { operationId: 'a', datasetId: 'ds-1', target: 't', models: ['svm'], seed: 1 },
        /^runCompare: models\.0: /,
      ],
      [
        'runCompare',
        { operationId: 'a', datasetId: 'ds-1', target: 't', models: ['tree'], seed: 1, folds: 5, holdout: 0.2 },
        /^runCompare: holdout: use either folds or holdout/,
      ],
      [
        'runCompare',
        { operationId: 'a', datasetId: 'ds-1', target: 't', models: ['tree'], seed: -1 },
        /^runCompare: seed: /,
      ],
      ['inspectRow', { runId: 'run-1', row: 1.5 }, /^inspectRow: row: /],
    ];
    for (const [channel, payload, message] of cases) {
      const e = error(await (app.handlers[channel] as (p: unknown) => Promise<Result<unknown>>)(payload));
      assert.equal(e.code, 'INVALID_REQUEST', `${channel} ${JSON.stringify(payload)}`);
      assert.match(e.message, message);
    }
  });

  test('params may name some models only (zod 4 records over an enum are exhaustive unless partial)', async () => {
    const e = error(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: 'ds-999',
        target: 't',
        models: ['forest'],
        params: { forest: { trees: 5 } },
        seed: 1,
      }),
    );
    assert.equal(e.code, 'NOT_FOUND'); // got past the schema
  });
});

describe('samples, models, datasets', () => {
  test('listSamples lists every bundled CSV with its target; each loads with that many rows and task', async () => {
    const samples = value(await app.handlers.listSamples({}));
    assert.deepEqual(samples.map((s) => s.name).sort(), SAMPLES.map((s) => s.name).sort());
    for (const s of samples) {
      const info = await loadSample(s.name);
      assert.equal(info.rows, s.rows, s.name);
      assert.equal(info.suggestedTarget, s.target, s.name);
      assert.equal(info.profile.target?.task, s.task, s.name);
      assert.equal(info.fileName, s.fileName);
      assert.equal(info.path, undefined, 'samples do not expose a path');
      assert.ok(s.description.length > 20 && !s.description.includes('\n'));
    }
  });

  test('listSamples leaves out files missing from the samples folder', async () => {
    const other = await createDesktopFixture({ samplesDir: scratch });
    try {
      await copyFile(join(SAMPLES_DIR, 'iris.csv'), join(scratch, 'iris.csv'));
      assert.deepEqual(
        value(await other.handlers.listSamples({})).map((s) => s.name),
        ['iris'],
      );
    } finally {
      await other.close();
    }
  });

  test('listModels gives every model with its defaults and help', async () => {
    const models = value(await app.handlers.listModels({}));
    assert.deepEqual(
      models.map((m) => m.id),
      [...MODEL_IDS],
    );
    const forest = models.find((m) => m.id === 'forest')!;
    assert.equal(forest.defaults.trees, 100);
    assert.ok(forest.paramHelp.trees.length > 0);
  });

  test('loadDataset on a sample: info, profile with the usual target, progress ending at 1', async () => {
    const operationId = opId();
    const info = value(await app.handlers.loadDataset({ operationId, source: { kind: 'sample', name: 'iris' } }));
    assert.match(info.datasetId, /^ds-\d+$/);
    assert.equal(info.rows, 150);
    assert.deepEqual(info.columnNames, [
      'sepal length (cm)',
      'sepal width (cm)',
      'petal length (cm)',
      'petal width (cm)',
      'target',
    ]);
    assert.deepEqual(
      info.profile.target?.classBalance?.map((c) => [c.label, c.count]),
      [
        ['setosa', 50],
        ['versicolor', 50],
        ['virginica', 50],
      ],
    );
    const mine = app.progress.filter((p) => p.operationId === operationId);
    assert.ok(mine.length >= 2);
    assert.equal(mine.at(-1)?.fraction, 1);
    assert.ok(mine.every((p, i) => i === 0 || p.fraction >= mine[i - 1].fraction));
  });

  test('a bad CSV passes its error code and location through', async () => {
    const path = join(ROOT, 'test/fixtures/bad/ragged-row.csv');
    const e = error(await app.handlers.loadDataset({ operationId: opId(), source: app.fileSource(path) }));
    const expected = await readCsv(await readFile(path), { fileName: 'ragged-row.csv' }).then(
      () => assert.fail('the fixture should not parse'),
      (err: SaplingError) => err,
    );
    assert.equal(e.code, 'RAGGED_ROW');
    assert.equal(e.message, expected.message);
    assert.deepEqual(e.location, { ...expected.location });
    assert.equal(e.location?.file, 'ragged-row.csv');
    assert.ok(typeof e.location?.line === 'number');
  });

  test('the renderer cannot name a path: only tokens main granted open files (a private file stays private)', async () => {
    // The audit's attack: a compromised renderer asks for a private .txt file by path, or by a made-up token.
    const secret = join(scratch, 'private-notes.txt');
    await writeFile(secret, 'name,ssn\nann,123-45-6789\n');
    const byPath = error(
      await app.handlers.loadDataset({ operationId: opId(), source: { kind: 'file', path: secret } as never }),
    );
    assert.equal(byPath.code, 'INVALID_REQUEST');
    const forged = error(
      await app.handlers.loadDataset({
        operationId: opId(),
        source: { kind: 'file', token: 'AAAAAAAAAAAAAAAAAAAAAA' },
      }),
    );
    assert.equal(forged.code, 'BAD_INPUT');
    assert.match(forged.message, /only files you chose/);
    // The same file opens once the user chose it in the dialog.
    app.fileQueue.push(secret);
    const chosen = value(await app.handlers.chooseFile({}));
    assert.equal(chosen?.path, secret);
    const info = value(
      await app.handlers.loadDataset({ operationId: opId(), source: { kind: 'file', token: chosen!.token } }),
    );
    assert.equal(info.rows, 1);
  });

  test('a dropped path becomes a grant only for CSV/TSV files; a missing chosen file is named', async () => {
    const grants = createFileGrants();
    const drop = grantDroppedPath(grants, '/etc/shadow');
    assert.equal(!drop.ok && drop.error.code, 'BAD_INPUT');
    assert.match(!drop.ok ? drop.error.message : '', /CSV or TSV/);
    assert.equal(grantDroppedPath(grants, 'examples/iris.csv').ok, false, 'relative paths are refused');
    assert.equal(grantDroppedPath(grants, 42).ok, false);
    const csv = grantDroppedPath(grants, join(scratch, 'dropped.csv'));
    assert.ok(csv.ok && csv.value.token.length >= 16 && csv.value.fileName === 'dropped.csv');
    const missing = error(
      await app.handlers.loadDataset({ operationId: opId(), source: app.fileSource(join(scratch, 'nope.csv')) }),
    );
    assert.equal(missing.code, 'BAD_INPUT');
    assert.match(missing.message, /no such file/);
    const sample = error(
      await app.handlers.loadDataset({ operationId: opId(), source: { kind: 'sample', name: 'titanic' } }),
    );
    assert.equal(sample.code, 'BAD_PARAMETER');
    assert.match(sample.message, /iris/);
  });

  test('opening a user file returns its path and records it in the recent files', async () => {
    const path = join(scratch, 'my flowers.csv');
    await copyFile(join(SAMPLES_DIR, 'iris.csv'), path);
    const info = value(await app.handlers.loadDataset({ operationId: opId(), source: app.fileSource(path) }));
    assert.equal(info.path, path);
    assert.equal(info.fileName, 'my flowers.csv');
    assert.equal(info.suggestedTarget, 'target', 'guessed: the last usable column');
    const recent = value(await app.handlers.listRecent({}));
    assert.equal(recent[0].path, path);
    assert.equal(recent[0].fileName, 'my flowers.csv');
    // Each recent file comes with a token that opens it (the recent list is main's own record of user choices).
    const again = value(
      await app.handlers.loadDataset({ operationId: opId(), source: { kind: 'file', token: recent[0].token } }),
    );
    assert.equal(again.path, path);
  });

  test('chooseFile answers the dialog: a path, or null when cancelled', async () => {
    app.fileQueue.push('/data/a.csv', null);
    const chosen = value(await app.handlers.chooseFile({}));
    assert.equal(chosen?.path, '/data/a.csv');
    assert.equal(chosen?.fileName, 'a.csv');
    assert.match(chosen?.token ?? '', /^[A-Za-z0-9_-]{22}$/);
    assert.equal(value(await app.handlers.chooseFile({})), null);
  });

  test('getRows pages through the file as text', async () => {
    const { datasetId } = await loadSample('iris');
    const first = value(await app.handlers.getRows({ datasetId, offset: 0, limit: 3 }));
    assert.deepEqual(first, {
      offset: 0,
      total: 150,
      rows: [
        ['5.1', '3.5', '1.4', '0.2', 'setosa'],
        ['4.9', '3', '1.4', '0.2', 'setosa'],
        ['4.7', '3.2', '1.3', '0.2', 'setosa'],
      ],
    });
    const last = value(await app.handlers.getRows({ datasetId, offset: 145, limit: 10 }));
    assert.equal(last.rows.length, 5);
    assert.deepEqual(last.rows[4], ['5.9', '3', '5.1', '1.8', 'virginica']);
    assert.deepEqual(value(await app.handlers.getRows({ datasetId, offset: 1000, limit: 10 })).rows, []);
    const air = await loadSample('airquality');
    assert.equal(
      value(await app.handlers.getRows({ datasetId: air.datasetId, offset: 4, limit: 1 })).rows[0][0],
      '',
      'missing cells are empty text',
    );
  });

  test('an id that is not held is NOT_FOUND', async () => {
    assert.equal(error(await app.handlers.getRows({ datasetId: 'ds-9999', offset: 0, limit: 1 })).code, 'NOT_FOUND');
    assert.equal(error(await app.handlers.getCurves({ runId: 'run-9999', modelId: 'tree' })).code, 'NOT_FOUND');
  });

  test('profileTarget profiles with another target; an unknown column is UNKNOWN_COLUMN', async () => {
    const { datasetId } = await loadSample('penguins');
    const profile = value(await app.handlers.profileTarget({ datasetId, target: 'island' }));
    assert.equal(profile.target?.name, 'island');
    assert.equal(profile.target?.task, 'classification');
    const e = error(await app.handlers.profileTarget({ datasetId, target: 'wingspan' }));
    assert.equal(e.code, 'UNKNOWN_COLUMN');
    assert.match(e.message, /species/);
  });
});

describe('runCompare', () => {
  let iris: DatasetInfo;
  let run: RunInfo;
  const settings = {
    target: 'target',
    models: ['tree', 'forest', 'linear'] as ('tree' | 'forest' | 'linear')[],
    params: { forest: { trees: 5 } },
    seed: 42,
  };

  before(async () => {
    iris = await loadSample('iris');
    const operationId = opId();
    run = value(await app.handlers.runCompare({ operationId, datasetId: iris.datasetId, ...settings }));
    const mine = app.progress.filter((p) => p.operationId === operationId);
    assert.ok(mine.length > 0, 'progress reached the renderer side');
  });

  test('gives the same result as compareModels with the same seed', async () => {
    const direct = await runComparison(await loadCsv(join(SAMPLES_DIR, 'iris.csv'), {}), { ...settings, folds: 5 });
    assert.match(run.runId, /^run-\d+$/);
    assert.deepEqual(comparable(run.result), comparable(direct.result));
  });

  test("gives the same result as the CLI's JSON", async () => {
    const out = join(scratch, 'iris.json');
    const cli = await runCli([
      'compare',
      '--no-log',
      'examples/iris.csv',
      '--target',
      'target',
      '--models',
      'tree,forest,linear',
      '--param',
      'forest.trees=5',
      '--seed',
      '42',
      '--json',
      out,
      '--quiet',
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(comparable(run.result), withoutTimings(await readFile(out, 'utf8')));
  });

  test('with the tree engine on a thread pool (as in the app) the result is the same', async () => {
    const pooled = await createDesktopFixture({}, { engineThreads: 2 });
    try {
      const data = value(
        await pooled.handlers.loadDataset({ operationId: 'load', source: { kind: 'sample', name: 'iris' } }),
      );
      const r = value(await pooled.handlers.runCompare({ operationId: 'run', datasetId: data.datasetId, ...settings }));
      assert.deepEqual(comparable(r.result), comparable(run.result));
      assert.deepEqual(pooled.logs, []);
    } finally {
      await pooled.close();
    }
  });

  test('exportResult writes the run as the CLI would (through the save dialog), or nothing when cancelled', async () => {
    const out = join(scratch, 'export.json');
    app.saveQueue.push(out);
    assert.deepEqual(value(await app.handlers.exportResult({ runId: run.runId })), { path: out });
    assert.deepEqual(withoutTimings(await readFile(out, 'utf8')), comparable(run.result));
    app.saveQueue.push(null);
    assert.equal(value(await app.handlers.exportResult({ runId: run.runId })), null);
    assert.equal(error(await app.handlers.exportResult({ runId: 'run-9999' })).code, 'NOT_FOUND');
  });

  test('a second run with the same operationId while the first runs is refused', async () => {
    const operationId = opId();
    const first = app.handlers.runCompare({ operationId, datasetId: iris.datasetId, ...settings });
    const second = error(await app.handlers.runCompare({ operationId, datasetId: iris.datasetId, ...settings }));
    assert.equal(second.code, 'INVALID_REQUEST');
    value(await first);
  });

  test('core errors pass through: unknown target, bad parameter', async () => {
    const target = error(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: iris.datasetId,
        target: 'species',
        models: ['tree'],
        seed: 1,
      }),
    );
    assert.equal(target.code, 'UNKNOWN_COLUMN');
    const param = error(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: iris.datasetId,
        target: 'target',
        models: ['forest'],
        params: { forest: { trees: 0 } },
        seed: 1,
      }),
    );
    assert.equal(param.code, 'BAD_PARAMETER');
    assert.match(param.message, /trees/);
  });

  test('getCurves: one ROC per class, thinned to ≤ 200 points, AUC = binaryAuc of the out-of-fold probabilities', async () => {
    const direct = await runComparison(await loadCsv(join(SAMPLES_DIR, 'iris.csv'), {}), { ...settings, folds: 5 });
    const forest = direct.artifacts.models.get('forest')!;
    const target = direct.artifacts.target;
    assert.equal(target.task, 'classification');
    if (target.task !== 'classification') return;
    const curves = value(await app.handlers.getCurves({ runId: run.runId, modelId: 'forest' }));
    assert.equal(curves.modelId, 'forest');
    assert.equal(curves.predictedVsActual, undefined);
    assert.deepEqual(
      curves.roc?.map((c) => c.label),
      ['setosa', 'versicolor', 'virginica'],
    );
    curves.roc!.forEach((curve, c) => {
      assert.ok(curve.points.length >= 2 && curve.points.length <= 200);
      assert.deepEqual(curve.points[0], { x: 0, y: 0 });
      assert.deepEqual(curve.points.at(-1), { x: 1, y: 1 });
      const scores = Array.from({ length: 150 }, (_, i) => forest.oofProba![i * 3 + c]);
      assert.equal(
        curve.auc,
        binaryAuc(
          Array.from(target.codes, (t) => t === c),
          scores,
        ),
      );
    });
    const linearOnly = value(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: iris.datasetId,
        target: 'target',
        models: ['linear'],
        seed: 1,
      }),
    );
    const e = error(await app.handlers.getCurves({ runId: linearOnly.runId, modelId: 'forest' }));
    assert.equal(e.code, 'BAD_PARAMETER');
    assert.match(e.message, /not part of this comparison/);
  });

  test('getCurves: a binary target has one curve, for the positive class', async () => {
    const sonar = await loadSample('sonar');
    const r = value(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: sonar.datasetId,
        target: 'Class',
        models: ['linear'],
        seed: 3,
        folds: 3,
      }),
    );
    const curves = value(await app.handlers.getCurves({ runId: r.runId, modelId: 'linear' }));
    assert.equal(curves.roc?.length, 1);
    assert.equal(curves.roc?.[0].label, r.result.dataset.classes?.[1]);
  });

  test('getCurves: regression gives out-of-fold predicted against actual, one point per row (≤ 2000)', async () => {
    const diabetes = await loadSample('diabetes');
    const r = value(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: diabetes.datasetId,
        target: 'target',
        models: ['linear'],
        seed: 7,
        folds: 3,
      }),
    );
    const curves = value(await app.handlers.getCurves({ runId: r.runId, modelId: 'linear' }));
    const direct = await runComparison(await loadCsv(join(SAMPLES_DIR, 'diabetes.csv'), {}), {
      target: 'target',
      models: ['linear'],
      seed: 7,
      folds: 3,
    });
    const target = direct.artifacts.target;
    if (target.task !== 'regression') assert.fail('diabetes is a regression');
    const oof = direct.artifacts.models.get('linear')!.oofPredictions;
    assert.equal(curves.roc, undefined);
    assert.equal(curves.predictedVsActual?.length, 442);
    assert.deepEqual(
      curves.predictedVsActual,
      Array.from(target.values, (y, i) => ({ x: y, y: oof[i] })),
    );
  });

  test('inspectRow: cell values, actual, test fold, every model’s out-of-fold prediction, the fold tree and the row’s path', async () => {
    const direct = await runComparison(await loadCsv(join(SAMPLES_DIR, 'iris.csv'), {}), { ...settings, folds: 5 });
    const row = 77;
    const inspected = value(await app.handlers.inspectRow({ runId: run.runId, row }));
    assert.equal(inspected.row, row);
    assert.deepEqual(inspected.values, {
      'sepal length (cm)': '6.7',
      'sepal width (cm)': '3',
      'petal length (cm)': '5',
      'petal width (cm)': '1.7',
      target: 'versicolor',
    });
    assert.equal(inspected.actual, 'versicolor');
    const fold = direct.artifacts.folds.find((f) => f.test.includes(row))!;
    assert.equal(inspected.fold, fold.index);
    assert.deepEqual(
      inspected.predictions.map((p) => p.modelId),
      ['tree', 'forest', 'linear'],
    );
    for (const p of inspected.predictions) {
      const a = direct.artifacts.models.get(p.modelId)!;
      assert.equal(p.prediction, ['setosa', 'versicolor', 'virginica'][a.oofPredictions[row]]);
      assert.deepEqual(p.proba, {
        setosa: a.oofProba![row * 3],
        versicolor: a.oofProba![row * 3 + 1],
        virginica: a.oofProba![row * 3 + 2],
      });
    }
    const tree = inspected.tree!;
    assert.equal(tree.modelId, 'tree');
    assert.equal(tree.path[0], 0);
    const leaf = tree.nodes[tree.path.at(-1)!];
    assert.equal(leaf.feature, undefined);
    assert.equal(
      leaf.prediction,
      inspected.predictions[0].prediction,
      'the path ends at the leaf that made the tree’s prediction',
    );
    const values: Readonly<Record<string, string>> = inspected.values;
    for (let i = 1; i < tree.path.length; i++) {
      const parent = tree.nodes[tree.path[i - 1]];
      const x = Number(values[parent.feature!]);
      const left = parent.comparison === '≤' ? x <= parent.threshold! : x < parent.threshold!;
      assert.equal(
        tree.path[i],
        left ? parent.left : parent.right,
        'each step follows the split rule on the row’s value',
      );
    }
  });

  test('explainRow: the per-decision card agrees with inspectRow, adds up, and a what-if edit changes the decisions', async () => {
    const row = 77;
    const inspected = value(await app.handlers.inspectRow({ runId: run.runId, row }));
    const card = value(await app.handlers.explainRow({ runId: run.runId, row }));
    assert.equal(card.fold, inspected.fold);
    assert.deepEqual(card.edited, []);
    assert.deepEqual(
      card.models.map((m) => m.id),
      ['tree', 'forest', 'linear'],
    );
    for (const m of card.models) {
      const p = inspected.predictions.find((q) => q.modelId === m.id)!;
      assert.equal(m.prediction, p.prediction, `${m.id}: the card's model is the row's fold model`);
      const sum = m.baseValue + Object.values(m.contributions).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - m.value) < 1e-9);
    }
    assert.match(card.models[0].path!, /→ (setosa|versicolor|virginica)/);
    assert.deepEqual(
      card.counterfactuals.map((c) => c.modelId),
      ['tree', 'forest'],
    );
    const edited = value(
      await app.handlers.explainRow({
        runId: run.runId,
        row,
        values: {
          'sepal length (cm)': '5',
          'sepal width (cm)': '3.4',
          'petal length (cm)': '1.5',
          'petal width (cm)': '0.2',
        },
      }),
    );
    assert.deepEqual(edited.edited, ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']);
    for (const m of edited.models) assert.equal(m.prediction, 'setosa', m.id);
    const bad = error(await app.handlers.explainRow({ runId: run.runId, row, values: { nope: '1' } }));
    assert.equal(bad.code, 'BAD_PARAMETER');
    assert.match(bad.message, /'nope' is not a feature/);
    const text = error(
      await app.handlers.explainRow({ runId: run.runId, row, values: { 'petal length (cm)': 'long' } }),
    );
    assert.match(text.message, /'petal length \(cm\)' takes a number, not 'long'/);
  });

  test('inspectRow maps file rows past dropped missing-target rows, and refuses rows without honest predictions', async () => {
    const air = await loadSample('airquality');
    const r = value(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: air.datasetId,
        target: 'Ozone',
        models: ['tree', 'linear'],
        seed: 5,
        folds: 3,
      }),
    );
    const dataset = await loadCsv(join(SAMPLES_DIR, 'airquality.csv'), {});
    const ozone = dataset.columns[0];
    const missingRow = Array.from({ length: dataset.rowCount }, (_, i) => i).find((i) => isMissing(ozone, i))!;
    const e = error(await app.handlers.inspectRow({ runId: r.runId, row: missingRow }));
    assert.equal(e.code, 'BAD_INPUT');
    assert.match(e.message, /no value for the target/);
    const direct = await runComparison(dataset, { target: 'Ozone', models: ['tree', 'linear'], seed: 5, folds: 3 });
    const row = 152; // the last file row; several rows before it were dropped
    let prepared = -1;
    for (let i = 0; i <= row; i++) if (!isMissing(ozone, i)) prepared++;
    const inspected = value(await app.handlers.inspectRow({ runId: r.runId, row }));
    assert.equal(inspected.actual, '20');
    assert.equal(
      inspected.predictions[1].prediction,
      String(direct.artifacts.models.get('linear')!.oofPredictions[prepared]),
    );
    assert.equal(inspected.predictions[1].proba, undefined);
    assert.equal(error(await app.handlers.inspectRow({ runId: r.runId, row: 153 })).code, 'BAD_PARAMETER');

    const holdout = value(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: air.datasetId,
        target: 'Ozone',
        models: ['linear'],
        seed: 5,
        holdout: 0.25,
      }),
    );
    const rows = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.handlers.inspectRow({ runId: holdout.runId, row: i + 20 })),
    );
    assert.ok(rows.some((x) => x.ok) && rows.some((x) => !x.ok && /training row of the holdout/.test(x.error.message)));
  });
});

describe('cancel', () => {
  for (const engineThreads of [1, 2]) {
    test(`cancel during runCompare resolves it to CANCELLED part-way, and the worker stays usable (engine threads: ${engineThreads})`, async () => {
      const operationId = opId();
      let firstProgress!: () => void;
      const started = new Promise<void>((resolve) => (firstProgress = resolve));
      const events: ProgressEvent[] = [];
      const slow = await createDesktopFixture(
        {
          progress: (e) => {
            events.push(e);
            if (e.operationId === operationId) firstProgress();
          },
        },
        { engineThreads },
      );
      try {
        const data = value(
          await slow.handlers.loadDataset({ operationId: 'load', source: { kind: 'sample', name: 'credit_data' } }),
        );
        const pending = slow.handlers.runCompare({
          operationId,
          datasetId: data.datasetId,
          target: 'Status',
          models: ['forest'],
          params: { forest: { trees: 500 } },
          seed: 1,
        });
        await started;
        assert.deepEqual(value(await slow.handlers.cancel({ operationId })), { cancelled: true });
        const e = error(await pending);
        assert.equal(e.code, 'CANCELLED');
        // The work really stopped part-way (judged by work done, not by the clock): 500 trees × 5 folds were far from done.
        const fractions = events.filter((p) => p.operationId === operationId).map((p) => p.fraction);
        assert.ok(fractions.length > 0);
        assert.ok(Math.max(...fractions) < 0.5, `progress reached ${Math.max(...fractions)}`);
        assert.deepEqual(
          value(await slow.handlers.cancel({ operationId })),
          { cancelled: false },
          'nothing left to cancel',
        );
        // Still usable: the dataset is still held, and a new comparison runs.
        assert.equal(
          value(await slow.handlers.getRows({ datasetId: data.datasetId, offset: 0, limit: 2 })).rows.length,
          2,
        );
        const again = value(
          await slow.handlers.runCompare({
            operationId: opId(),
            datasetId: data.datasetId,
            target: 'Status',
            models: ['linear'],
            seed: 1,
            folds: 2,
          }),
        );
        assert.equal(again.result.models[0].id, 'linear');
      } finally {
        await slow.close();
      }
    });
  }

  test('cancel of an unknown operation is { cancelled: false }', async () => {
    assert.deepEqual(value(await app.handlers.cancel({ operationId: 'never-started' })), { cancelled: false });
  });

  test('cancel during loadDataset stops the read', async () => {
    const operationId = opId();
    const pending = app.handlers.loadDataset({ operationId, source: { kind: 'sample', name: 'ames' } });
    assert.deepEqual(value(await app.handlers.cancel({ operationId })), { cancelled: true });
    assert.equal(error(await pending).code, 'CANCELLED');
  });
});

// Last in the file: it fills the run cache, evicting the runs earlier tests hold.
describe('finished runs', () => {
  test('main and the worker forget the same finished runs: one bound (MAX_RUNS), oldest first', async () => {
    const iris = await loadSample('iris');
    const quick = { target: 'target', models: ['tree' as const], folds: 2, seed: 1 };
    const first = value(await app.handlers.runCompare({ operationId: opId(), datasetId: iris.datasetId, ...quick }));
    let last = first;
    for (let i = 0; i < MAX_RUNS; i++)
      last = value(await app.handlers.runCompare({ operationId: opId(), datasetId: iris.datasetId, ...quick }));
    // The oldest is gone from both sides with the same answer; the newest is still exportable and explainable.
    assert.equal(error(await app.handlers.exportResult({ runId: first.runId })).code, 'NOT_FOUND');
    assert.equal(error(await app.handlers.explainRow({ runId: first.runId, row: 0 })).code, 'NOT_FOUND');
    app.saveQueue.push(null);
    assert.equal(value(await app.handlers.exportResult({ runId: last.runId })), null);
    assert.equal(value(await app.handlers.explainRow({ runId: last.runId, row: 0 })).row, 0);
  });
});
