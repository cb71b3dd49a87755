import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readCsv } from '../../../app/data/read-csv.js';
import { profileDataset } from '../../../app/data/profile.js';

// The targets named in examples/README.md (from /work/shared/datasets/README.md). mtcars (mpg) and airquality (Ozone)
// keep their target in the first column, which no name reveals: there the proposal is the last column and says only that.
const EXPECTED: Record<string, string> = {
  'iris.csv': 'target',
  'breast_cancer.csv': 'target',
  'wine.csv': 'target',
  'diabetes.csv': 'target',
  'penguins.csv': 'species',
  'credit_data.csv': 'Status',
  'ames.csv': 'Sale_Price',
  'glass.csv': 'Type',
  'sonar.csv': 'Class',
};

test('the proposed target of every sample dataset is its documented target (or, without a telling name, the last column)', async () => {
  for (const file of [...Object.keys(EXPECTED), 'mtcars.csv', 'airquality.csv']) {
    const bytes = new Uint8Array(readFileSync(new URL(`../../../examples/${file}`, import.meta.url)));
    const ds = await readCsv(bytes, { fileName: file });
    const proposal = profileDataset(ds).proposedTarget!;
    if (EXPECTED[file]) assert.equal(proposal.column, EXPECTED[file], `${file}: ${proposal.reason}`);
    else {
      assert.equal(proposal.column, ds.columns[ds.columns.length - 1].name, file);
      assert.match(proposal.reason, /^'[^']+' is the last column$/, file);
    }
  }
});
