/**
 * Issue 15, defect 7 (terminal escapes): column names and cells holding control sequences reach the terminal only as
 * visible escapes, in every kind of CLI output — tables, warnings, errors, rules — through one function.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminalText } from '../../app/util/terminal-text.js';
import { runCli } from '../helpers/run-cli.js';

const ESC = '\x1b';
/** Any character the terminal would act on (C0 but tab and newline, DEL, C1, bidi controls). */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

let dir: string;
let file: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-escapes-'));
  file = join(dir, 'evil.csv');
  // Names that clear the screen, set the window title, reverse the line (U+202E); cells that recolour or return.
  const header = `size${ESC}[2J,colour${ESC}]0;pwned\x07,\u202Elabel`;
  const rows = Array.from({ length: 40 }, (_, i) => (i % 2 ? `${i},red${ESC}[31m,yes` : `${i},blue\r\u009b2J,no`));
  await writeFile(file, `${header}\n${rows.join('\n')}\n`);
});
after(() => rm(dir, { recursive: true, force: true }));

describe('terminalText', () => {
  test('control characters become visible escapes; tab, newline and ordinary Unicode stay', () => {
    assert.equal(terminalText(`a${ESC}[31mb\x07c\r\x08\x7f\u009b`), 'a\\x1B[31mb\\x07c\\x0D\\x08\\x7F\\x9B');
    assert.equal(terminalText('\u202Eevil\u2066x\u200F'), '\\u202Eevil\\u2066x\\u200F');
    assert.equal(terminalText('tab\there\nnext line: café, 中文, €, ’'), 'tab\there\nnext line: café, 中文, €, ’');
    assert.equal(terminalText(terminalText(`${ESC}[2J`)), '\\x1B[2J', 'escaping twice changes nothing more');
  });
});

describe('no control character from a file reaches the terminal raw', () => {
  test('profile: the table, the warnings and the proposal show the names escaped', async () => {
    const r = await runCli(['profile', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.match(r.stdout, /size\\x1B\[2J +numeric/);
    assert.match(r.stdout, /colour\\x1B\]0;pwned\\x07 +categorical/);
    assert.match(r.stdout, /red\\x1B\[31m \(20\)/);
    assert.match(r.stdout, /\\u202Elabel/);
  });

  test('errors: an unknown target lists the columns escaped on stderr', async () => {
    const r = await runCli(['profile', file, '--target', `nope${ESC}[5m`]);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, RAW_CONTROL);
    assert.match(r.stderr, /unknown target column 'nope\\x1B\[5m'.*size\\x1B\[2J/);
  });

  test('compare: leaderboard and importances; train + rules: the rules text', async () => {
    const compare = await runCli(
      ['compare', file, '--target', '\u202Elabel', '--models', 'tree', '--folds', '2', '--no-log'],
      { cwd: dir },
    );
    assert.equal(compare.code, 0, compare.stderr);
    assert.doesNotMatch(compare.stdout + compare.stderr, RAW_CONTROL);
    assert.match(compare.stdout, /colour\\x1B\]0;pwned\\x07/);

    const model = join(dir, 'tree.json');
    const train = await runCli(
      ['train', file, '--target', '\u202Elabel', '--model', 'tree', '--out', model, '--no-log'],
      { cwd: dir },
    );
    assert.equal(train.code, 0, train.stderr);
    assert.doesNotMatch(train.stdout + train.stderr, RAW_CONTROL);
    const rules = await runCli(['rules', model]);
    assert.equal(rules.code, 0, rules.stderr);
    assert.doesNotMatch(rules.stdout, RAW_CONTROL);
    assert.match(rules.stdout, /colour\\x1B\]0;pwned\\x07/);
  });

  test('predict to a pipe keeps the data byte-exact (escaped only when stdout is a terminal)', async () => {
    const model = join(dir, 'tree.json');
    const r = await runCli(['predict', model, file]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(`red${ESC}[31m`), 'the cells are the file’s, unchanged, for a file or a pipe');
  });
});
