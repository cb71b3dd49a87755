import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedParams, parseParamInput } from '../../renderer/src/lib/params.js';
import { cliCommand, shellQuote } from '../../renderer/src/lib/cli-command.js';

test('parameter inputs take the type of their default', () => {
  assert.deepEqual(parseParamInput('10', 100), { ok: true, value: 10 });
  assert.deepEqual(parseParamInput(' 0.5 ', 1), { ok: true, value: 0.5 });
  assert.equal(parseParamInput('', 1).ok, false);
  assert.equal(parseParamInput('ten', 1).ok, false);
  assert.deepEqual(parseParamInput('false', true), { ok: true, value: false });
  assert.equal(parseParamInput('maybe', true).ok, false);
  assert.deepEqual(parseParamInput('sqrt', 'auto'), { ok: true, value: 'sqrt' });
});

test('only changed parameters are spelled out', () => {
  assert.deepEqual(changedParams({ trees: 10, maxDepth: 0 }, { trees: 100, maxDepth: 0 }), { trees: 10 });
});

test('the CLI equivalent of the UI settings', () => {
  assert.equal(
    cliCommand({ fileName: 'iris.csv', target: 'target', models: ['tree', 'forest', 'linear'], folds: 5, seed: 42, params: { forest: { trees: 10 } } }),
    'npx sapling compare iris.csv --target target --models tree,forest,linear --folds 5 --seed 42 --param forest.trees=10',
  );
  assert.equal(
    cliCommand({ fileName: 'my data.csv', target: "it's", models: ['tree'], holdout: 0.2, seed: 1, task: 'regression', exclude: ['id', 'b'] }),
    `npx sapling compare 'my data.csv' --target 'it'\\''s' --models tree --holdout 0.2 --seed 1 --task regression --exclude id,b`,
  );
  assert.equal(shellQuote(''), "''");
});
