/** `sapling import` end to end: an XGBoost model becomes a file predict and explain read; bad files get one clear error. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runCli } from '../helpers/run-cli.js';

const FIXTURE = 'test/fixtures/xgboost/credit-binary.model.json';
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-import-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function importArgs(model: string, out: string, extra: string[] = []): string[] {
  return ['import', model, '--schema', 'examples/credit_data.csv', '--target', 'Status', '--out', out, ...extra];
}

describe('sapling import', () => {
  test('an XGBoost model → a model file predict and explain accept, with the SHA-256 in the run record', async () => {
    const out = join(dir, 'credit.json');
    const log = join(dir, 'runs.jsonl');
    const r = await runCli(importArgs(FIXTURE, out, ['--log', log]));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /imported credit-binary\.model\.json \(XGBoost binary:logistic, 30 trees; 13 features/);
    assert.match(r.stdout, /pre-trained: not cross-validated, may have seen these rows/);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    // Recorded as it starts and as it ends, like compare and train.
    assert.deepEqual(
      lines.map((l) => JSON.parse(l).record.status),
      ['started', 'completed'],
    );
    const record = JSON.parse(lines[1]).record;
    assert.equal(record.kind, 'import');
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256')
      .update(await readFile(FIXTURE))
      .digest('hex');
    assert.equal(record.imported.sha256, sha);

    const predicted = await runCli(['predict', out, 'examples/credit_data.csv', '--out', join(dir, 'p.csv')]);
    assert.equal(predicted.code, 0, predicted.stderr);
    const rows = Papa.parse<Record<string, string>>(await readFile(join(dir, 'p.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    assert.equal(rows.length, 4454);
    assert.ok(rows.every((row) => row.prediction === 'good' || row.prediction === 'bad'));

    const explained = await runCli(['explain', out, 'examples/credit_data.csv', '--out', join(dir, 'e.csv')]);
    assert.equal(explained.code, 0, explained.stderr);
  });

  test('a truncated file, an unsupported objective or booster, and a feature the data lacks: one clear error', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const cases: [string, string, RegExp][] = [
      ['truncated.json', text.slice(0, 5000), /truncated\.json: not a complete JSON document \(truncated\?\)/],
      [
        'ranker.json',
        text.replace('"name":"binary:logistic"', '"name":"rank:pairwise"'),
        /objective 'rank:pairwise' is not supported; import reads binary:logistic, multi:softprob/,
      ],
      ['dart.json', text.replace('"name":"gbtree"', '"name":"dart"'), /the 'dart' booster is not supported/],
      [
        'renamed.json',
        text.replace('"Seniority"', '"Years_at_job"'),
        /renamed\.json needs 13 features; credit_data\.csv has no column 'Years_at_job'/,
      ],
      ['model.onnx', 'not protobuf', /error: model\.onnx: not a readable ONNX model/],
    ];
    for (const [name, content, message] of cases) {
      const path = join(dir, name);
      await writeFile(path, content);
      const r = await runCli(importArgs(path, join(dir, 'x.json'), ['--no-log']));
      assert.equal(r.code, 1, name);
      assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
      assert.match(r.stderr, message);
    }
  });
});
