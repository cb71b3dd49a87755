import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCompareRequest, type ModelDefaults, type SettingsInput } from '../../renderer/src/lib/run-request.js';
import { cliCommand } from '../../renderer/src/lib/cli-command.js';

const models: ModelDefaults[] = [
  { id: 'tree', label: 'Decision tree', defaults: { maxDepth: 0, minSamplesSplit: 2 } },
  { id: 'forest', label: 'Random forest', defaults: { trees: 100, maxDepth: 0 } },
  { id: 'linear', label: 'Linear', defaults: { C: 1 } },
];
const base: SettingsInput = {
  selected: { tree: true, forest: true, linear: true },
  params: { forest: { trees: '10' } },
  split: 'folds',
  folds: '5',
  holdout: '0.2',
  seed: '42',
  task: 'auto',
};
const dataset = { fileName: 'iris.csv', target: 'target', exclude: [] };

test('the UI settings become the runCompare request and the matching CLI command', () => {
  const built = buildCompareRequest(base, models, dataset);
  assert.deepEqual(built.problems, {});
  assert.deepEqual(built.body, {
    target: 'target',
    models: ['tree', 'forest', 'linear'],
    params: { tree: { maxDepth: 0, minSamplesSplit: 2 }, forest: { trees: 10, maxDepth: 0 }, linear: { C: 1 } },
    exclude: [],
    folds: 5,
    seed: 42,
  });
  assert.equal(
    cliCommand(built.cli!),
    'npx sapling compare iris.csv --target target --models tree,forest,linear --folds 5 --seed 42 --param forest.trees=10',
  );
});

test('holdout, task override and exclusions', () => {
  const built = buildCompareRequest(
    { ...base, split: 'holdout', holdout: '0.25', task: 'classification', selected: { tree: true } },
    models,
    { ...dataset, exclude: ['id'] },
  );
  assert.equal(built.body?.holdout, 0.25);
  assert.equal(built.body?.folds, undefined);
  assert.equal(built.body?.task, 'classification');
  assert.deepEqual(built.body?.models, ['tree']);
  assert.deepEqual(built.body?.exclude, ['id']);
});

test('every bad input is named, and no request is built', () => {
  const built = buildCompareRequest({ ...base, selected: {}, folds: '1', seed: '-3' }, models, {
    ...dataset,
    target: '',
  });
  assert.equal(built.body, undefined);
  assert.deepEqual(Object.keys(built.problems).sort(), ['folds', 'models', 'seed', 'target']);
  const badParam = buildCompareRequest({ ...base, params: { forest: { trees: 'many' } } }, models, dataset);
  assert.equal(badParam.problems['forest.trees'], 'must be a number');
});

test('explanation settings: only non-defaults go into the request and the CLI command; bad ones are problems', () => {
  const columns = ['sex', 'age', 'target'];
  const same = buildCompareRequest({ ...base, repeats: '1', rope: '0.01', calibrate: 'none', subgroups: '' }, models, {
    ...dataset,
    columns,
  });
  assert.equal(same.body?.repeats, undefined);
  assert.equal(same.body?.rope, undefined);
  const built = buildCompareRequest(
    { ...base, repeats: '3', rope: '0.02', calibrate: 'isotonic', subgroups: 'sex, age' },
    models,
    { ...dataset, columns },
  );
  assert.deepEqual(built.problems, {});
  assert.equal(built.body?.repeats, 3);
  assert.equal(built.body?.rope, 0.02);
  assert.equal(built.body?.calibrate, 'isotonic');
  assert.deepEqual(built.body?.subgroups, ['sex', 'age']);
  assert.equal(
    cliCommand(built.cli!),
    'npx sapling compare iris.csv --target target --models tree,forest,linear --folds 5 --seed 42 --repeats 3 --rope 0.02 --calibrate isotonic --subgroups sex,age --param forest.trees=10',
  );
  const bad = buildCompareRequest({ ...base, repeats: '0', rope: '2', subgroups: 'sex,nope' }, models, {
    ...dataset,
    columns,
  });
  assert.deepEqual(Object.keys(bad.problems).sort(), ['repeats', 'rope', 'subgroups']);
  assert.match(bad.problems.subgroups, /'nope'/);
  const holdout = buildCompareRequest({ ...base, split: 'holdout', repeats: '2' }, models, { ...dataset, columns });
  assert.match(holdout.problems.repeats, /k-fold/);
});
