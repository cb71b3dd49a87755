import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEnvironment, stoppedRecord, type RecordInput } from '../../app/audit/record.js';
import { appendRunRecord, readRunLog } from '../../io/run-log.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-runlog-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const input: RecordInput = {
  kind: 'train',
  startedAt: new Date(0),
  finishedAt: new Date(1000),
  environment: defaultEnvironment(),
  dataset: {
    fileName: 'd.csv',
    sha256: 'f'.repeat(64),
    bytes: 10,
    rowsInFile: 2,
    columns: [],
    parser: { delimiter: ',', decimalComma: false, missingTokens: [''] },
    warnings: [],
  },
  settings: { target: 'y', models: ['tree'], params: {}, seed: 1, exclude: [] },
};

describe('run log on disk', () => {
  test('parallel appends each get their own place in one intact chain', async () => {
    const log = join(dir, 'parallel.jsonl');
    const sealed = await Promise.all(
      Array.from({ length: 12 }, (_, i) => appendRunRecord(log, stoppedRecord(input, 'failed', `run ${i}`))),
    );
    assert.deepEqual(
      sealed.map((s) => s.seq).sort((a, b) => a - b),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const report = await readRunLog(log);
    assert.equal(report.ok, true);
    assert.equal(report.verified.length, 12);
  });

  test('a torn or edited last line is refused and the file is left exactly as it was', async () => {
    const log = join(dir, 'torn.jsonl');
    await appendRunRecord(log, stoppedRecord(input, 'cancelled', 'stop'));
    await appendFile(log, '{"format":"sapling-run","seq":2,');
    const before = await readFile(log, 'utf8');
    await assert.rejects(
      appendRunRecord(log, stoppedRecord(input, 'failed', 'x')),
      /last record is incomplete.*will not append/,
    );
    assert.equal(await readFile(log, 'utf8'), before);

    const edited = join(dir, 'edited.jsonl');
    await appendRunRecord(edited, stoppedRecord(input, 'cancelled', 'stop'));
    await writeFile(edited, (await readFile(edited, 'utf8')).replace('"stop"', '"go"'));
    await assert.rejects(appendRunRecord(edited, stoppedRecord(input, 'failed', 'x')), /last record does not verify/);
  });

  test('a lock left by a process that no longer exists does not block the log', async () => {
    const log = join(dir, 'stale.jsonl');
    await writeFile(`${log}.lock`, '2147483646');
    const sealed = await appendRunRecord(log, stoppedRecord(input, 'failed', 'x'));
    assert.equal(sealed.seq, 1);
  });
});

describe('run log inside a project', () => {
  test('a .sapling project’s runLog reads and verifies like a .jsonl log', async () => {
    const { serializeProject, emptyProject } = await import('../../app/project/project.js');
    const log = join(dir, 'for-project.jsonl');
    for (const i of [1, 2]) await appendRunRecord(log, stoppedRecord(input, 'failed', `run ${i}`));
    const lines = (await readFile(log, 'utf8')).trimEnd().split('\n');
    const project = join(dir, 'p.sapling');
    await writeFile(project, serializeProject({ ...emptyProject('p'), runLog: lines }, new Date(0)));
    const report = await readRunLog(project);
    assert.equal(report.ok, true);
    assert.equal(report.verified.length, 2);
    await writeFile(
      project,
      serializeProject({ ...emptyProject('p'), runLog: [lines[0], lines[1].replace('run 2', 'run 3')] }, new Date(0)),
    );
    const broken = await readRunLog(project);
    assert.equal(broken.broken?.seq, 2);
  });
});
