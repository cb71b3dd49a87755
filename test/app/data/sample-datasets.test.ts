import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv } from '../../../app/data/read-csv.js';
import { featureColumns, prepareTarget } from '../../../app/data/target.js';
import { profileDataset } from '../../../app/data/profile.js';
import { cells, column, fixture } from './helpers.js';

// Copies of /work/shared/datasets (see its README for sources and licences).
const load = (name: string) => readCsv(fixture(`datasets/${name}`), { fileName: name });

describe('sample datasets', () => {
  test('iris: 150 rows, 4 numeric features, 3 balanced classes', async () => {
    const ds = await load('iris.csv');
    assert.equal(ds.rowCount, 150);
    assert.deepEqual(
      ds.columns.map((c) => c.type),
      ['numeric', 'numeric', 'numeric', 'numeric', 'categorical'],
    );
    assert.deepEqual(cells(ds, 'sepal length (cm)').slice(0, 3), [5.1, 4.9, 4.7]);
    const prepared = prepareTarget(ds, 'target');
    assert.equal(prepared.task, 'classification');
    assert.deepEqual(prepared.classes, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(
      profileDataset(ds, 'target').target?.classBalance?.map((c) => c.count),
      [50, 50, 50],
    );
    assert.deepEqual(ds.warnings, []);
  });

  test('penguins: species is a 3-class target, features have missing values', async () => {
    const ds = await load('penguins.csv');
    assert.equal(ds.rowCount, 344);
    assert.equal(column(ds, 'species').type, 'categorical');
    assert.equal(column(ds, 'island').type, 'categorical');
    assert.equal(column(ds, 'bill_length_mm').type, 'numeric');
    assert.equal(column(ds, 'bill_length_mm').missing, 2);
    assert.equal(column(ds, 'sex').missing, 11);
    const prepared = prepareTarget(ds, 'species');
    assert.equal(prepared.task, 'classification');
    assert.deepEqual(prepared.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.equal(prepared.droppedRows, 0);
    assert.equal(featureColumns(ds, 'species').length, 6);
    assert.deepEqual(profileDataset(ds, 'species').warnings, []);
  });

  test('airquality: rows with a missing Ozone are dropped with a warning', async () => {
    const ds = await load('airquality.csv');
    assert.equal(ds.rowCount, 153);
    assert.equal(column(ds, 'Ozone').missing, 37);
    assert.equal(column(ds, 'Solar.R').missing, 7);
    const prepared = prepareTarget(ds, 'Ozone');
    assert.equal(prepared.task, 'regression');
    assert.equal(prepared.droppedRows, 37);
    assert.deepEqual(prepared.warnings, [
      { code: 'target-rows-dropped', message: '37 rows with a missing target were dropped', columns: ['Ozone'] },
    ]);
    assert.equal(prepared.dataset.rowCount, 116);
    assert.ok(prepared.target.task === 'regression' && prepared.target.values.every((v) => !Number.isNaN(v)));
    assert.deepEqual(Array.from(prepared.target.values.slice(0, 4)), [41, 36, 12, 18]);
  });

  test('mtcars: 32 rows, all numeric, mpg is a regression', async () => {
    const ds = await load('mtcars.csv');
    assert.equal(ds.rowCount, 32);
    assert.equal(ds.columns.length, 11);
    assert.ok(ds.columns.every((c) => c.type === 'numeric'));
    assert.equal(prepareTarget(ds, 'mpg').task, 'regression');
    // Few distinct integers: a classification target if chosen.
    assert.equal(prepareTarget(ds, 'cyl').task, 'classification');
    assert.deepEqual(prepareTarget(ds, 'cyl').classes, ['4', '6', '8']);
    assert.deepEqual(cells(ds, 'mpg').slice(-2), [15, 21.4]);
  });
});
