/**
 * Issue 15, defect 9 on the command line: a Windows-1252 file (as Excel writes) is read with a visible warning
 * naming the guess; --encoding (declared once in cli/args.ts CSV_OPTIONS) is taken by the commands that read CSVs;
 * a run records its encoding and `reproduce` reads the file the same way.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const EXCEL = 'test/fixtures/encoding/excel-windows-1252.csv';
let dir: string;
let latin: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-encoding-'));
  // 60 rows in Windows-1252: a city column with accents (Zürich, Köln, Genève), a number and a class.
  const cities = ['Zürich', 'Köln', 'Genève', 'Malmö'];
  const rows = Array.from({ length: 60 }, (_, i) => `${cities[i % 4]},${(i * 7) % 31},${i % 4 < 2 ? 'oui' : 'non'}`);
  latin = join(dir, 'villes.csv');
  await writeFile(latin, Buffer.from(`ville,valeur,classe\r\n${rows.join('\r\n')}\r\n`, 'latin1'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('encodings on the command line', () => {
  test('profile: detected Windows-1252, the warning names the guess; the letters are right', async () => {
    const r = await runCli(['profile', EXCEL]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /5 € off/);
    assert.match(r.stdout, /l’été/);
    assert.match(
      r.stdout,
      /excel-windows-1252\.csv is not UTF-8 \(byte 0xE9 on line 2\), so it was read as Windows-1252, the encoding Excel saves "CSV" in/,
    );
  });

  test('--encoding utf-8 refuses it naming the line; latin1 reads it without a guess; other names are refused', async () => {
    const utf8 = await runCli(['profile', EXCEL, '--encoding', 'utf-8']);
    assert.equal(utf8.code, 1);
    assert.match(utf8.stderr, /^error: excel-windows-1252\.csv line 2: the file is not valid UTF-8 \(byte 0xE9\)/);
    const latin1 = await runCli(['profile', EXCEL, '--encoding', 'latin1']);
    assert.equal(latin1.code, 0, latin1.stderr);
    assert.match(latin1.stdout, /naïve café/);
    assert.doesNotMatch(latin1.stdout, /is not UTF-8/);
    const bad = await runCli(['profile', EXCEL, '--encoding', 'cp437']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--encoding must be one of utf-8, windows-1252, latin1, got 'cp437'/);
  });

  test('compare, train and predict take --encoding; the run records it and reproduce reads the file the same way', async () => {
    const log = join(dir, 'runs.jsonl');
    const compare = await runCli(
      [
        'compare',
        latin,
        '--target',
        'classe',
        '--models',
        'tree',
        '--folds',
        '2',
        '--encoding',
        'windows-1252',
        '--log',
        log,
      ],
      { cwd: dir },
    );
    assert.equal(compare.code, 0, compare.stderr);
    const records = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(records.at(-1).record.dataset.parser.encoding, 'windows-1252');
    const again = await runCli(['reproduce', log, '--quiet'], { cwd: dir });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /REPRODUCED/);

    const model = join(dir, 'tree.json');
    const train = await runCli(['train', latin, '--target', 'classe', '--model', 'tree', '--out', model, '--no-log']);
    assert.equal(train.code, 0, train.stderr);
    assert.match(train.stdout + train.stderr, /read as Windows-1252/);
    const predict = await runCli(['predict', model, latin, '--encoding', 'latin1']);
    assert.equal(predict.code, 0, predict.stderr);
    assert.match(predict.stdout, /Zürich/);
  });
});
