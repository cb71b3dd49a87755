/**
 * `--test-file` in the desktop: the renderer chooses the other file through the open dialog (a grant, like a dataset)
 * and runCompare scores every model on it — the same `external` block as the CLI's.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
let scratch: string;
let main: string;
let other: string;
const settings = { target: 'target', models: ['tree' as const, 'linear' as const], seed: 7, folds: 3 };

before(async () => {
  app = await createDesktopFixture();
  scratch = await mkdtemp(join(tmpdir(), 'sapling-test-file-'));
  // iris split in two: every other row in each file.
  const [header, ...rows] = (await readFile('examples/iris.csv', 'utf8')).trimEnd().split('\n');
  main = join(scratch, 'iris-even.csv');
  other = join(scratch, 'iris-odd.csv');
  await writeFile(main, [header, ...rows.filter((_, i) => i % 2 === 0)].join('\n') + '\n');
  await writeFile(other, [header, ...rows.filter((_, i) => i % 2 === 1)].join('\n') + '\n');
});
after(async () => {
  await app.close();
  await rm(scratch, { recursive: true, force: true });
});

async function choose(path: string): Promise<string> {
  app.fileQueue.push(path);
  return value(await app.handlers.chooseFile({}))!.token;
}

describe('runCompare with a test file', () => {
  test('every model is also scored on the chosen file, exactly as `compare --test-file` scores it', async () => {
    const data = value(
      await app.handlers.loadDataset({ operationId: 'l1', source: { kind: 'file', token: await choose(main) } }),
    );
    const token = await choose(other);
    const run = value(
      await app.handlers.runCompare({ operationId: 'r1', datasetId: data.datasetId, ...settings, testFile: { token } }),
    );
    const external = run.result.external!;
    assert.equal(external.fileName, 'iris-odd.csv');
    assert.equal(external.rows, 75);
    assert.deepEqual(
      external.models.map((m) => m.id),
      ['tree', 'linear'],
    );
    assert.equal(external.shift.verdict, 'similar', 'alternate rows of one file are alike');
    const out = join(scratch, 'cli.json');
    const cli = await runCli([
      'compare',
      '--no-log',
      main,
      '--target',
      'target',
      '--models',
      'tree,linear',
      '--folds',
      '3',
      '--seed',
      '7',
      '--test-file',
      other,
      '--json',
      out,
      '--quiet',
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    const fromCli = JSON.parse(await readFile(out, 'utf8')) as { external: unknown };
    assert.deepEqual(JSON.parse(JSON.stringify(external)), fromCli.external);
  });

  test('only a file the user chose can be the test file', async () => {
    const data = value(await app.handlers.loadDataset({ operationId: 'l2', source: { kind: 'sample', name: 'iris' } }));
    const e = error(
      await app.handlers.runCompare({
        operationId: 'r2',
        datasetId: data.datasetId,
        ...settings,
        testFile: { token: 'AAAAAAAAAAAAAAAAAAAAAA' },
      }),
    );
    assert.equal(e.code, 'BAD_INPUT');
    assert.match(e.message, /only files you chose/);
    const bad = error(
      await app.handlers.runCompare({
        operationId: 'r3',
        datasetId: data.datasetId,
        ...settings,
        testFile: { path: other } as never,
      }),
    );
    assert.equal(bad.code, 'INVALID_REQUEST');
  });

  test('a file without a needed column fails before any training, naming the column', async () => {
    const data = value(await app.handlers.loadDataset({ operationId: 'l4', source: { kind: 'sample', name: 'iris' } }));
    const narrow = join(scratch, 'narrow.csv');
    await writeFile(narrow, 'sepal length (cm),target\n5.1,setosa\n');
    const before = app.progress.length;
    const e = error(
      await app.handlers.runCompare({
        operationId: 'r4',
        datasetId: data.datasetId,
        ...settings,
        testFile: { token: await choose(narrow) },
      }),
    );
    assert.equal(e.code, 'SCHEMA_MISMATCH');
    assert.match(e.message, /column 'petal length \(cm\)' is missing/);
    assert.ok(!app.progress.slice(before).some((p) => /fitting/.test(p.message)), 'no model was trained');
  });
});
