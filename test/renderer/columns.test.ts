import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  autoExcludedReason,
  defaultFeatureNames,
  isLeakageWarning,
  warningsAbout,
} from '../../renderer/src/lib/columns.js';

const columns = [
  { name: 'id', type: 'identifier' },
  { name: 'age', type: 'numeric' },
  { name: 'country', type: 'constant' },
  { name: 'job', type: 'categorical' },
  { name: 'Status', type: 'categorical' },
];

test('identifier and constant columns and the target are not features by default', () => {
  assert.deepEqual([...defaultFeatureNames(columns, 'Status')], ['age', 'job']);
  assert.match(autoExcludedReason(columns[0]) ?? '', /identifier/);
  assert.match(autoExcludedReason(columns[2]) ?? '', /single value/);
  assert.equal(autoExcludedReason(columns[1]), undefined);
});

test('warnings are matched to columns by their quoted name', () => {
  const warnings = [
    "'Amount' alone predicts 'Status' with 99.1% accuracy — possible leakage",
    "column 'id' looks like a row identifier",
  ];
  assert.deepEqual(warningsAbout('Amount', warnings), [warnings[0]]);
  assert.deepEqual(warningsAbout('Amou', warnings), []);
  assert.equal(isLeakageWarning(warnings[0]), true);
  assert.equal(isLeakageWarning(warnings[1]), false);
});
