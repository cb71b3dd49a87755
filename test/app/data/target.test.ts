import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectTask,
  featureColumns,
  preparedRowsOf,
  prepareTarget,
  selectRowsOfDataset,
} from '../../../app/data/target.js';
import { defaultFeatureNames } from '../../../app/data/feature-rule.js';
import { cells, column, read, rejectsWith } from './helpers.js';

describe('prepareTarget', () => {
  test('unknown target lists the columns', async () => {
    const ds = await read('a,b,c\n1,2,3\n4,5,6\n');
    await rejectsWith(
      () => prepareTarget(ds, 'Foo'),
      'UNKNOWN_COLUMN',
      "unknown target column 'Foo'; the columns are: a, b, c",
    );
  });

  test('a target missing on every row', async () => {
    const ds = await read('x,y\n1,\n2,NA\n');
    await rejectsWith(() => prepareTarget(ds, 'y'), 'TARGET_ALL_MISSING', "target 'y' is missing on every row");
  });

  test('rows with a missing target are dropped, features stay aligned', async () => {
    const ds = await read('x,t,y\n1,a,p\n2,b,\n3,c,q\n4,d,NA\n5,e,p\n');
    const prepared = prepareTarget(ds, 'y');
    assert.equal(prepared.droppedRows, 2);
    assert.deepEqual(prepared.warnings, ['2 rows with a missing target were dropped']);
    assert.equal(prepared.dataset.rowCount, 3);
    assert.deepEqual(cells(prepared.dataset, 'x'), [1, 3, 5]);
    assert.deepEqual(cells(prepared.dataset, 't'), ['a', 'c', 'e']);
    assert.equal(column(prepared.dataset, 'y').missing, 0);
    assert.deepEqual(prepared.target, {
      task: 'classification',
      codes: Int32Array.from([0, 1, 0]),
      classes: ['p', 'q'],
    });
    assert.deepEqual(prepared.classes, ['p', 'q']);
    // The input is untouched.
    assert.equal(ds.rowCount, 5);
    // The way back to the file's data rows (what cards and Inspect call a row), and its inverse.
    assert.deepEqual([...prepared.fileRows], [0, 2, 4]);
    assert.deepEqual([...preparedRowsOf(prepared.fileRows, ds.rowCount)], [0, -1, 1, -1, 2]);
  });

  test('one dropped row is singular', async () => {
    const prepared = prepareTarget(await read('x,y\n1,a\n2,\n3,b\n'), 'y');
    assert.deepEqual(prepared.warnings, ['1 row with a missing target was dropped']);
  });

  test('task detection', async () => {
    const ds = await read(
      'txt,flag,small,big,real\n' +
        Array.from(
          { length: 30 },
          (_, i) => `${'abc'[i % 3]},${i % 2 ? 'yes' : 'no'},${[0, 1, 2, 10][i % 4]},${i},${i + 0.5}`,
        ).join('\n'),
    );
    const task = (name: string): string => prepareTarget(ds, name).task;
    assert.equal(task('txt'), 'classification');
    assert.equal(task('flag'), 'classification');
    assert.equal(task('small'), 'classification'); // integers, ≤ 20 distinct
    assert.equal(task('big'), 'regression'); // 30 distinct integers
    assert.equal(task('real'), 'regression');
    assert.equal(detectTask(column(ds, 'small')), 'classification');
  });

  test('numeric labels sort numerically; booleans keep the words the file used', async () => {
    const ds = await read('y,b\n10,yes\n2,no\n0,yes\n1,no\n2,yes\n');
    const prepared = prepareTarget(ds, 'y');
    assert.deepEqual(prepared.classes, ['0', '1', '2', '10']);
    assert.deepEqual(prepared.target, {
      task: 'classification',
      codes: Int32Array.from([3, 2, 0, 1, 2]),
      classes: ['0', '1', '2', '10'],
    });
    assert.deepEqual(prepareTarget(ds, 'b').classes, ['no', 'yes']);
  });

  test('regression target values', async () => {
    const prepared = prepareTarget(await read('x,y\n1,0.5\n2,\n3,2.25\n'), 'y');
    assert.deepEqual(prepared.target, { task: 'regression', values: Float64Array.from([0.5, 2.25]) });
    assert.equal(prepared.classes, undefined);
  });

  test('the task can be overridden; text cannot be regressed', async () => {
    const ds = await read('y,t\n1.5,a\n2.5,b\n1.5,a\n');
    const prepared = prepareTarget(ds, 'y', 'classification');
    assert.deepEqual(prepared.classes, ['1.5', '2.5']);
    assert.equal(prepareTarget(await read('y\n1\n2\n1\n'), 'y', 'regression').task, 'regression');
    await rejectsWith(
      () => prepareTarget(ds, 't', 'regression'),
      'BAD_PARAMETER',
      "target 't' is text; it cannot be predicted by regression",
    );
  });

  test('a single class', async () => {
    const ds = await read('x,y\n1,yes\n2,yes\n3,\n');
    await rejectsWith(
      () => prepareTarget(ds, 'y'),
      'SINGLE_CLASS',
      "target 'y' has a single class ('yes'); there is nothing to predict",
    );
  });

  test('a single value in regression', async () => {
    const ds = await read('x,y\n1,2.5\n2,2.5\n');
    await rejectsWith(
      () => prepareTarget(ds, 'y', 'regression'),
      'SINGLE_CLASS',
      "target 'y' has a single value (2.5); there is nothing to predict",
    );
  });

  test('an identifier cannot be the target', async () => {
    const ds = await read('name,v\n' + Array.from({ length: 25 }, (_, i) => `p${i},${i}`).join('\n'));
    await rejectsWith(
      () => prepareTarget(ds, 'name'),
      'BAD_PARAMETER',
      "target 'name' has a different value on every row (it looks like a row identifier); there is nothing to predict",
    );
  });
});

describe('featureColumns', () => {
  test('drops the target, identifiers, constants and the excluded', async () => {
    const ds = await read('id,a,b,k,c,y\n1,1,x,7,q,0\n2,2,y,7,r,1\n3,3,x,7,s,0\n');
    assert.deepEqual(
      featureColumns(ds, 'y').map((c) => c.name),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      featureColumns(ds, 'y', ['c']).map((c) => c.name),
      ['a', 'b'],
    );
    // The renderer's default selection is the same rule (it imports app/data/feature-rule.ts, not a copy).
    assert.deepEqual([...defaultFeatureNames(ds.columns, 'y')], ['a', 'b', 'c']);
  });

  test('unknown names are errors, not silently ignored', async () => {
    const ds = await read('a,b,y\n1,2,3\n4,5,6\n');
    await rejectsWith(
      () => featureColumns(ds, 'y', ['b', 'zz']),
      'UNKNOWN_COLUMN',
      "unknown column 'zz' in the excluded columns; the columns are: a, b, y",
    );
    await rejectsWith(
      () => featureColumns(ds, 'Y'),
      'UNKNOWN_COLUMN',
      "unknown target column 'Y'; the columns are: a, b, y",
    );
  });
});

describe('selectRowsOfDataset', () => {
  test('picks rows in order, recounts missing, keeps types and categories', async () => {
    const ds = await read('n,t\n1,a\n,b\n3,\n4,c\n');
    const sub = selectRowsOfDataset(ds, Int32Array.from([3, 1, 1]));
    assert.equal(sub.rowCount, 3);
    assert.deepEqual(cells(sub, 'n'), [4, NaN, NaN]);
    assert.deepEqual(cells(sub, 't'), ['c', 'b', 'b']);
    assert.equal(column(sub, 'n').missing, 2);
    assert.equal(column(sub, 't').missing, 0);
    const t = column(sub, 't');
    assert.ok(t.storage === 'category');
    assert.deepEqual(t.categories, ['a', 'b', 'c']);
    assert.equal(sub.source, ds.source);
  });
});
