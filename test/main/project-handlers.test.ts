/**
 * The desktop's run log, report export and projects, through the real handlers and compute worker:
 * completed and cancelled runs are sealed into one chain, each as a `started` record and its outcome (as the CLI
 * writes them); a report without a printer refuses PDF with a
 * reason; a project saves and reopens with its log; a project whose data changed is reported, not loaded.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain } from '../../app/audit/chain.js';
import type { IpcError, Result } from '../../app/ipc/contract.js';
import { parseProject } from '../../app/project/project.js';
import { createDesktopFixture, SAMPLES_DIR, type DesktopFixture } from '../helpers/desktop.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
function error<T>(result: Result<T>): IpcError {
  if (result.ok) assert.fail('expected an error result');
  return result.error;
}

const statuses = (lines: readonly string[]): string[] =>
  lines.map((line) => (JSON.parse(line) as { record: { status: string } }).record.status);

let app: DesktopFixture;
let dir: string;
before(async () => {
  app = await createDesktopFixture();
  dir = await mkdtemp(join(tmpdir(), 'sapling-project-handlers-'));
  await copyFile(join(SAMPLES_DIR, 'iris.csv'), join(dir, 'iris.csv'));
});
after(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('run log, report and project handlers', () => {
  test(
    'completed and cancelled runs are sealed into one chain; report, save, reopen',
    { timeout: 120_000 },
    async () => {
      assert.match(error(await app.handlers.saveProject({})).message, /nothing to save yet/);
      const ds = value(
        await app.handlers.loadDataset({
          operationId: 'load-1',
          source: app.fileSource(join(dir, 'iris.csv')),
        }),
      );
      const request = {
        datasetId: ds.datasetId,
        target: 'target',
        models: ['tree' as const, 'linear' as const],
        folds: 3,
        seed: 7,
      };
      const run = value(await app.handlers.runCompare({ operationId: 'run-1', ...request }));
      // A cancelled run is recorded too.
      // (A forest big enough to be still training when its first progress event arrives.)
      const cancelled = app.handlers.runCompare({
        operationId: 'run-2',
        ...request,
        models: ['forest' as const],
        params: { forest: { trees: 5000 } },
      });
      while (!app.progress.some((p) => p.operationId === 'run-2')) await new Promise((r) => setImmediate(r));
      // Like the CLI, a run's `started` record is sealed into the log before any work: while run-2 is going, the
      // log (what a project saved now would hold) already lists it.
      assert.deepEqual(
        value(await app.handlers.getRunLog({})).entries.map((e) => e.status),
        ['completed', 'started'],
        'the panel lists runs: a run still going shows as started',
      );
      assert.equal(value(await app.handlers.cancel({ operationId: 'run-2' })).cancelled, true);
      assert.equal(error(await cancelled).code, 'CANCELLED');

      const log = value(await app.handlers.getRunLog({}));
      assert.equal(log.verified, true);
      assert.deepEqual(
        log.entries.map((e) => e.status),
        ['completed', 'cancelled'],
      );
      assert.equal(log.entries[0].best?.metric, 'accuracy');

      // HTML report through the save dialog; PDF needs a printer this fixture does not have.
      app.saveQueue.push(join(dir, 'r.html'));
      const html = value(await app.handlers.exportReport({ runId: run.runId, format: 'html' }));
      assert.ok(html && html.bytes > 5000);
      const text = await readFile(join(dir, 'r.html'), 'utf8');
      assert.ok(text.includes(`content="${log.entries[0].hash}"`));
      assert.match(text, /save the project, then <code>sapling audit verify &lt;project&gt;\.sapling<\/code>/);
      // The worker still holds the run: three per-decision cards, numbered by the file's rows.
      assert.equal(text.match(/<div class="card">/g)?.length, 3);
      assert.match(text, /<h3>Data row \d+ — actual /);
      assert.match(
        error(await app.handlers.exportReport({ runId: run.runId, format: 'pdf' })).message,
        /PDF export needs the desktop app/,
      );
      assert.equal(error(await app.handlers.exportReport({ runId: 'run-999', format: 'html' })).code, 'NOT_FOUND');
      // Slider thresholds are checked at the boundary: a number in (0, 1) (the contract), a two-class model of the run.
      const withThreshold = (modelId: string, threshold: number) =>
        app.handlers.exportReport({
          runId: run.runId,
          format: 'html',
          thresholds: [{ modelId: modelId as 'tree', threshold }],
        });
      assert.equal(error(await withThreshold('tree', 1)).code, 'INVALID_REQUEST');
      assert.equal(error(await withThreshold('tree', 0)).code, 'INVALID_REQUEST');
      assert.match(error(await withThreshold('boost', 0.3)).message, /report thresholds: no model 'boost' in this run/);
      assert.match(
        error(await withThreshold('tree', 0.3)).message,
        /has no decision threshold: only a two-class model/,
      );

      const path = join(dir, 'iris.sapling');
      app.saveQueue.push(path);
      assert.deepEqual(value(await app.handlers.saveProject({})), { path });
      const saved = parseProject(await readFile(path, 'utf8'), 'iris.sapling');
      // Two records per run, as the CLI writes them: `started` before any work, then the outcome.
      assert.deepEqual(statuses(saved.runLog), ['started', 'completed', 'started', 'cancelled']);
      assert.ok(verifyChain(`${saved.runLog.join('\n')}\n`, 'iris.sapling', (await app.key()).check()).ok);
      assert.equal(saved.data?.path, join(dir, 'iris.csv'));
      assert.equal(saved.result?.format, 'sapling-compare');

      app.fileQueue.push(path);
      const opened = value(await app.handlers.openProject({}));
      assert.equal(opened?.dataNote, null);
      assert.equal(opened?.dataPath, join(dir, 'iris.csv'));
      assert.equal(opened?.runLog.entries.length, 2);

      // The data file changes: opening says so.
      await appendFile(join(dir, 'iris.csv'), '5.0,3.0,1.5,0.2,setosa\n');
      app.fileQueue.push(path);
      assert.match(
        value(await app.handlers.openProject({}))?.dataNote ?? '',
        /iris\.csv changed since this project was saved/,
      );

      // A new run after reopening continues the same chain, and Save writes to the same file without asking.
      const ds2 = value(
        await app.handlers.loadDataset({
          operationId: 'load-2',
          source: app.fileSource(join(dir, 'iris.csv')),
        }),
      );
      value(await app.handlers.runCompare({ operationId: 'run-3', ...request, datasetId: ds2.datasetId }));
      assert.deepEqual(value(await app.handlers.saveProject({})), { path });
      const again = parseProject(await readFile(path, 'utf8'), 'iris.sapling');
      assert.equal(again.runLog.length, 6);
      assert.ok(verifyChain(`${again.runLog.join('\n')}\n`, 'iris.sapling', (await app.key()).check()).ok);
      // Save As asks again, and adds the extension.
      app.saveQueue.push(join(dir, 'copy'));
      assert.deepEqual(value(await app.handlers.saveProject({ saveAs: true })), { path: join(dir, 'copy.sapling') });
      assert.equal(parseProject(await readFile(join(dir, 'copy.sapling'), 'utf8'), 'copy.sapling').runLog.length, 6);
    },
  );
});
