/**
 * The desktop's "Open model…" and "Export the recommended model", through the real handlers and compute worker:
 * a model file opened by grant becomes a pre-trained row (as `compare --models file:` makes it), and an exported
 * model is byte for byte what `sapling train` / `sapling export` write.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTrainedModel } from '../../app/evaluate/model-rows.js';
import type { IpcError, Result } from '../../app/ipc/contract.js';
import { runCli } from '../helpers/run-cli.js';
import { createDesktopFixture, type DesktopFixture } from '../helpers/desktop.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function error<T>(result: Result<T>): IpcError {
  if (result.ok) assert.fail('expected an error result');
  return result.error;
}

let app: DesktopFixture;
let dir: string;
let op = 0;
const opId = (): string => `op-${++op}`;
const TARGET = 'target';

before(async () => {
  app = await createDesktopFixture();
  dir = await mkdtemp(join(tmpdir(), 'sapling-model-files-'));
  const made = await runCli([
    'train',
    'examples/iris.csv',
    '--target',
    TARGET,
    '--model',
    'tree',
    '--out',
    join(dir, 'iris-tree.json'),
    '--no-log',
  ]);
  assert.equal(made.code, 0, made.stderr);
});
after(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Open model… and Export the recommended model', () => {
  test('an opened model file is a labelled pre-trained row; exports equal sapling train and sapling export', async () => {
    app.fileQueue.push(join(dir, 'iris-tree.json'));
    const file = value(await app.handlers.chooseModelFile({}));
    assert.ok(file);
    assert.equal(file.id, 'file:iris-tree.json');
    assert.equal(file.model, 'tree');
    assert.equal(file.target, TARGET);
    assert.equal(file.trainedOn.fileName, 'iris.csv');

    const data = value(
      await app.handlers.loadDataset({ operationId: opId(), source: { kind: 'sample', name: 'iris' } }),
    );
    const run = value(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: data.datasetId,
        target: TARGET,
        models: ['linear'],
        seed: 7,
        folds: 3,
        modelFiles: [file.token],
      }),
    );
    const rows = run.result.models.filter(isTrainedModel);
    assert.deepEqual(
      rows.map((m) => m.id),
      ['linear', 'file:iris-tree.json'],
    );
    assert.equal(rows[1].label, 'iris-tree.json (pre-trained tree)');
    assert.equal(rows[1].preTrained?.overlap, 'same-file', 'trained on the very file it is scored on');
    assert.equal(rows[1].trainMetrics, undefined);
    assert.equal(run.result.recommendation?.modelId, 'linear', 'an in-sample score is never the answer');
    // The curves and the inspector reach the pre-trained row by its id like any other.
    value(await app.handlers.getCurves({ runId: run.runId, modelId: 'file:iris-tree.json' }));

    // The recommended (trained) model, kept: the bytes `sapling train` writes with the same settings and seed.
    const kept = join(dir, 'kept.model.json');
    app.saveQueue.push(kept);
    const exported = value(
      await app.handlers.exportModel({ operationId: opId(), runId: run.runId, modelId: 'linear', format: 'json' }),
    );
    assert.equal(exported?.path, kept);
    const viaCli = join(dir, 'cli-linear.json');
    const trained = await runCli([
      'train',
      'examples/iris.csv',
      '--target',
      TARGET,
      '--model',
      'linear',
      '--seed',
      '7',
      '--out',
      viaCli,
      '--no-log',
    ]);
    assert.equal(trained.code, 0, trained.stderr);
    assert.equal(await readFile(kept, 'utf8'), await readFile(viaCli, 'utf8'));

    // A pre-trained row exports its own file: as JSON byte for byte, as ONNX what `sapling export` writes.
    const copy = join(dir, 'copy.json');
    app.saveQueue.push(copy);
    value(
      await app.handlers.exportModel({
        operationId: opId(),
        runId: run.runId,
        modelId: 'file:iris-tree.json',
        format: 'json',
      }),
    );
    assert.deepEqual(await readFile(copy), await readFile(join(dir, 'iris-tree.json')));
    const onnx = join(dir, 'tree.onnx');
    app.saveQueue.push(onnx);
    const written = value(
      await app.handlers.exportModel({
        operationId: opId(),
        runId: run.runId,
        modelId: 'file:iris-tree.json',
        format: 'onnx',
      }),
    );
    const cliOnnx = join(dir, 'cli-tree.onnx');
    const exportedByCli = await runCli(['export', join(dir, 'iris-tree.json'), '--format', 'onnx', '--out', cliOnnx]);
    assert.equal(exportedByCli.code, 0, exportedByCli.stderr);
    assert.deepEqual(await readFile(onnx), await readFile(cliOnnx));
    assert.equal(written?.bytes, (await readFile(cliOnnx)).length);

    // Cancelling the save dialog writes nothing.
    app.saveQueue.push(null);
    assert.equal(
      value(
        await app.handlers.exportModel({ operationId: opId(), runId: run.runId, modelId: 'linear', format: 'sql' }),
      ),
      null,
    );
  });

  test('a file that is not a model is refused when opened; a model of other data is refused before training', async () => {
    await writeFile(join(dir, 'notes.json'), '{"hello": "world"}');
    app.fileQueue.push(join(dir, 'notes.json'));
    const refused = error(await app.handlers.chooseModelFile({}));
    assert.equal(refused.code, 'BAD_MODEL_FILE');
    assert.match(refused.message, /notes\.json is not a Sapling model file/);

    app.fileQueue.push(join(dir, 'iris-tree.json'));
    const file = value(await app.handlers.chooseModelFile({}))!;
    const wine = value(
      await app.handlers.loadDataset({ operationId: opId(), source: { kind: 'sample', name: 'wine' } }),
    );
    const mismatch = error(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: wine.datasetId,
        target: 'target',
        models: ['tree'],
        seed: 1,
        modelFiles: [file.token],
      }),
    );
    assert.equal(mismatch.code, 'SCHEMA_MISMATCH');
    assert.match(
      mismatch.message,
      /iris-tree\.json does not fit wine\.csv: .*wine\.csv has no column 'sepal length \(cm\)'/,
    );

    const forged = error(
      await app.handlers.runCompare({
        operationId: opId(),
        datasetId: wine.datasetId,
        target: 'target',
        models: ['tree'],
        seed: 1,
        modelFiles: ['AAAAAAAAAAAAAAAAAAAAAA'],
      }),
    );
    assert.match(forged.message, /Sapling opens only files you chose/);
  });
});
