import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { access, appendFile, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cliKey, runCli } from '../helpers/run-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-audit-'));
  await copyFile(join(ROOT, 'examples/iris.csv'), join(dir, 'iris.csv'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const compareArgs = [
  'compare',
  'iris.csv',
  '--target',
  'target',
  '--models',
  'tree,boost,linear',
  '--folds',
  '3',
  '--seed',
  '5',
];

describe('audit trail (CLI)', () => {
  test('compare and train append to sapling-runs.jsonl in the working directory; audit verify and list read it; reproduce confirms every number', async () => {
    const env = { OPENAI_API_KEY: 'sk-test-THISMUSTNEVERBELOGGED0123' };
    const c = await runCli(compareArgs, { cwd: dir, env });
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stderr, /run [0-9a-f]{12} \(record 2\) appended to sapling-runs\.jsonl/);
    const t = await runCli(
      ['train', 'iris.csv', '--target', 'target', '--model', 'forest', '--param', 'trees=20', '--out', 'm.json'],
      { cwd: dir, env },
    );
    assert.equal(t.code, 0, t.stderr);

    const log = await readFile(join(dir, 'sapling-runs.jsonl'), 'utf8');
    // Each run: a `started` record before any work, then its outcome.
    assert.equal(log.trimEnd().split('\n').length, 4);
    assert.ok(!log.includes('THISMUSTNEVERBELOGGED'));
    assert.equal(JSON.parse(log.split('\n')[0]).record.status, 'started');
    const first = JSON.parse(log.split('\n')[1]);
    assert.equal(first.record.status, 'completed');
    assert.equal(first.record.dataset.path, 'iris.csv');
    assert.equal(first.record.split.folds, 3);
    assert.equal(first.record.result.models.length, 3);

    const v = await runCli(['audit', 'verify', 'sapling-runs.jsonl'], { cwd: dir });
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /OK — 4 record\(s\), chain intact/);
    const l = await runCli(['audit', 'list', 'sapling-runs.jsonl'], { cwd: dir });
    assert.match(l.stdout, /1 {2}[0-9a-f]{12} .* compare started {3}iris\.csv/);
    assert.match(l.stdout, /2 {2}[0-9a-f]{12} .* compare completed iris\.csv/);
    assert.match(l.stdout, /4 {2}[0-9a-f]{12} .* train {3}completed iris\.csv .*forest → m\.json/);

    const r1 = await runCli(['reproduce', 'sapling-runs.jsonl', '--run', '2', '--quiet'], { cwd: dir });
    assert.equal(r1.code, 0, r1.stdout + r1.stderr);
    assert.match(r1.stdout, /REPRODUCED: all \d+ recorded values are identical/);
    const r2 = await runCli(['reproduce', 'sapling-runs.jsonl', '--quiet'], { cwd: dir });
    assert.equal(r2.code, 0, r2.stdout + r2.stderr);
    assert.match(r2.stdout, /run 4 .*train of iris\.csv/);

    // A recorded number that differs from the re-run is found and named (the record is re-sealed so the chain still verifies).
    const lines = log.trimEnd().split('\n');
    const { sealRecord } = await import('../../app/audit/chain.js');
    const record = JSON.parse(lines[1]).record;
    record.result.models[0].metrics.accuracy.mean += 0.01;
    await writeFile(join(dir, 'altered.jsonl'), sealRecord(record, undefined, (await cliKey()).signer).line);
    const bad = await runCli(['reproduce', 'altered.jsonl', '--quiet'], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(
      bad.stdout,
      /NOT REPRODUCED: 1 of \d+ recorded values differ:\n {2}models\[0\]\.metrics\.accuracy\.mean: recorded/,
    );
  });

  test('a tampered log is named at the first broken record; reproduce refuses runs after the break', async () => {
    const log = (await readFile(join(dir, 'sapling-runs.jsonl'), 'utf8')).trimEnd().split('\n');
    const second = JSON.parse(log[1]);
    second.record.settings.seed = 99;
    await writeFile(join(dir, 'tampered.jsonl'), `${log[0]}\n${JSON.stringify(second)}\n`);
    const v = await runCli(['audit', 'verify', 'tampered.jsonl'], { cwd: dir });
    assert.equal(v.code, 1);
    assert.match(
      v.stderr,
      /tampered\.jsonl: BROKEN at record 2 \([0-9a-f]{12}\), line 2: record 2 was changed after it was written/,
    );
    const r = await runCli(['reproduce', 'tampered.jsonl', '--run', '2'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /does not verify from record 2 on/);
  });

  test('reproduce says clearly when the data file changed since the run', async () => {
    const sub = join(dir, 'changed');
    await rm(sub, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(sub));
    await copyFile(join(dir, 'iris.csv'), join(sub, 'iris.csv'));
    const c = await runCli([...compareArgs, '--quiet'], { cwd: sub });
    assert.equal(c.code, 0, c.stderr);
    await appendFile(join(sub, 'iris.csv'), '5.0,3.3,1.4,0.2,0\n');
    const r = await runCli(['reproduce', 'sapling-runs.jsonl'], { cwd: sub });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /error: .*iris\.csv is not the data this run used: its SHA-256 is [0-9a-f]{12}…, the record says [0-9a-f]{12}… .*The file changed since the run/,
    );
  });

  test('--no-log writes no log, --log chooses the file, and a damaged log is never appended to', async () => {
    const sub = join(dir, 'flags');
    await import('node:fs/promises').then((fs) => fs.mkdir(sub, { recursive: true }));
    await copyFile(join(dir, 'iris.csv'), join(sub, 'iris.csv'));
    const n = await runCli([...compareArgs, '--no-log', '--quiet'], { cwd: sub });
    assert.equal(n.code, 0, n.stderr);
    await assert.rejects(access(join(sub, 'sapling-runs.jsonl')));
    const own = await runCli([...compareArgs, '--log', 'audit/own.jsonl', '--quiet'], { cwd: sub }).then(async (r) => {
      // The folder must exist: a log in a missing folder is an error, not a silent skip.
      assert.equal(r.code, 1);
      assert.match(r.stderr, /own\.jsonl/);
      await import('node:fs/promises').then((fs) => fs.mkdir(join(sub, 'audit')));
      return runCli([...compareArgs, '--log', 'audit/own.jsonl', '--quiet'], { cwd: sub });
    });
    assert.equal(own.code, 0, own.stderr);
    const record = JSON.parse((await readFile(join(sub, 'audit/own.jsonl'), 'utf8')).split('\n')[0]).record;
    // Outside the log's folder the data path is kept absolute, so reproduce finds it from anywhere.
    assert.equal(record.dataset.path, join(sub, 'iris.csv'));

    await appendFile(join(sub, 'audit/own.jsonl'), '{"half a rec');
    const before = await readFile(join(sub, 'audit/own.jsonl'), 'utf8');
    const torn = await runCli([...compareArgs, '--log', 'audit/own.jsonl', '--quiet'], { cwd: sub });
    assert.equal(torn.code, 1);
    assert.equal(
      torn.stdout,
      '',
      'the damaged log stops the run before it starts (its started record cannot be written)',
    );
    assert.match(torn.stderr, /last record is incomplete.*will not append/);
    assert.equal(await readFile(join(sub, 'audit/own.jsonl'), 'utf8'), before);
  });
});

describe('tests and the repository', () => {
  test('a test cannot run compare or train in the checkout without --no-log (it would leave sapling-runs.jsonl there)', () => {
    assert.throws(
      () => runCli(['compare', 'examples/iris.csv', '--target', 'target']),
      /would append to sapling-runs\.jsonl in the repository/,
    );
    assert.throws(
      () => runCli(['train', 'examples/iris.csv', '--target', 'target', '--out', join(dir, 'x.json')], { cwd: ROOT }),
      /pass --no-log/,
    );
  });
});

describe('sapling rules', () => {
  test('a saved decision tree prints as rules; a forest is refused with a reason', async () => {
    const t = await runCli(
      [
        'train',
        'iris.csv',
        '--target',
        'target',
        '--model',
        'tree',
        '--param',
        'maxDepth=2',
        '--out',
        'tree.json',
        '--no-log',
      ],
      { cwd: dir },
    );
    assert.equal(t.code, 0, t.stderr);
    const r = await runCli(['rules', 'tree.json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Decision tree: [2-4] rules predicting target/);
    assert.match(r.stdout, /IF petal (length|width) \(cm\) ≤ [\d.]+/);
    assert.match(r.stdout, /THEN target = setosa \(setosa 100%/);
    const f = await runCli(
      [
        'train',
        'iris.csv',
        '--target',
        'target',
        '--model',
        'forest',
        '--param',
        'trees=3',
        '--out',
        'forest.json',
        '--no-log',
      ],
      { cwd: dir },
    );
    assert.equal(f.code, 0, f.stderr);
    const refused = await runCli(['rules', 'forest.json'], { cwd: dir });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /forest\.json holds a Random forest: rules are written for a single decision tree/);
  });
});
