import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareResult } from '../../app/result/compare.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
const path = (name: string) => join(dir, name);

/** credit_data split three ways: even rows ≤ 45 years (training), odd rows ≤ 45 (same population), over 45 (shifted). */
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-test-file-'));
  const [header, ...rows] = (await readFile('examples/credit_data.csv', 'utf8')).trim().split('\n');
  const age = header.split(',').indexOf('"Age"');
  const young = rows.filter((r) => Number(r.split(',')[age]) <= 45);
  const old = rows.filter((r) => Number(r.split(',')[age]) > 45);
  const write = (name: string, lines: string[]) => writeFile(path(name), `${[header, ...lines].join('\n')}\n`);
  await write(
    'main.csv',
    young.filter((_, i) => i % 2 === 0),
  );
  await write(
    'same.csv',
    young.filter((_, i) => i % 2 === 1),
  );
  await write('old.csv', old);
  const cols = header.split(',');
  const income = cols.indexOf('"Income"');
  await writeFile(
    path('no-income.csv'),
    `${[
      cols.filter((_, j) => j !== income).join(','),
      ...old.map((r) =>
        r
          .split(',')
          .filter((_, j) => j !== income)
          .join(','),
      ),
    ].join('\n')}\n`,
  );
  const status = cols.indexOf('"Status"');
  await writeFile(
    path('new-class.csv'),
    `${[
      header,
      ...old.slice(0, 30).map((r, i) =>
        i === 0
          ? r
              .split(',')
              .map((c, j) => (j === status ? 'unknown' : c))
              .join(',')
          : r,
      ),
    ].join('\n')}\n`,
  );
});
after(() => rm(dir, { recursive: true, force: true }));

const compare = (testFile: string, extra: string[] = []) =>
  runCli([
    'compare',
    '--no-log',
    path('main.csv'),
    '--target',
    'Status',
    '--models',
    'tree,linear',
    '--folds',
    '3',
    '--param',
    'tree.maxDepth=4',
    '--test-file',
    path(testFile),
    ...extra,
  ]);

describe('sapling compare --test-file', () => {
  test('every model is scored on the other file next to its cross-validated score; the shift check sees the older applicants', async () => {
    const json = path('old.json');
    const report = path('old.html');
    const out = await compare('old.csv', ['--json', json, '--report', report]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /on old\.csv \([\d,]+ rows; every model trained on all [\d,]+ rows of main\.csv\)/);
    const result = JSON.parse(await readFile(json, 'utf8')) as CompareResult;
    const ext = result.external!;
    assert.equal(ext.fileName, 'old.csv');
    assert.deepEqual(
      ext.models.map((m) => m.id),
      ['tree', 'linear'],
    );
    for (const m of ext.models) {
      const cv = result.models.find((r) => r.id === m.id)!.metrics[ext.metric].mean;
      assert.equal(m.crossValidated, cv);
      assert.ok(Math.abs(m.drop - (cv - m.metrics[ext.metric])) < 1e-12, 'accuracy: drop = cv − external');
      assert.ok(m.metrics.accuracy > 0.5 && m.metrics.accuracy <= 1);
    }
    assert.equal(ext.shift.verdict, 'very different');
    assert.equal(ext.shift.columns[0].name, 'Age', 'the separating column is the one the files were split on');
    assert.match(out.stdout, /shift check: A forest tells the two files apart/);
    const html = await readFile(report, 'utf8');
    assert.match(html, /id="external-data"/);
  });

  test('a file from the same population is "similar"', async () => {
    const json = path('same.json');
    const out = await compare('same.csv', ['--json', json]);
    assert.equal(out.code, 0, out.stderr);
    const shift = (JSON.parse(await readFile(json, 'utf8')) as CompareResult).external!.shift;
    assert.equal(shift.verdict, 'similar', `ROC AUC ${shift.rocAuc}`);
  });

  test('reproduce re-checks the run and says the external evaluation was not re-run', async () => {
    const log = path('runs.jsonl');
    const args = ['compare', path('main.csv'), '--target', 'Status', '--models', 'tree', '--folds', '3'];
    const out = await runCli([...args, '--param', 'tree.maxDepth=3', '--test-file', path('same.csv'), '--log', log]);
    assert.equal(out.code, 0, out.stderr);
    const again = await runCli(['reproduce', log]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /REPRODUCED/);
    assert.match(again.stdout, /not re-run: the evaluation on same\.csv \(SHA-256 [0-9a-f]{12}…\) from --test-file/);
  });

  test('a missing column and an unseen class are named in one error line, before or instead of a wrong score', async () => {
    const missing = await compare('no-income.csv');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no-income\.csv does not match main\.csv: column 'Income' is missing/);
    const unseen = await compare('new-class.csv');
    assert.equal(unseen.code, 1);
    assert.match(unseen.stderr, /new-class\.csv has target classes the models never saw in training: 'unknown'/);
  });
});
