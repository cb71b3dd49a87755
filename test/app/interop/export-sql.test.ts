/**
 * Every exported model family on every sample dataset: the SQL SELECT, run in SQLite and in DuckDB, returns the
 * table's columns plus the columns of `sapling predict`, with equal predictions and probabilities to 1e-9.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineToSql } from '../../../app/interop/sql/export-sql.js';
import { duckdb, ROW_KEY, sqlite, type Database } from '../../helpers/databases.js';
import { assertClose, EXPORTED_MODELS, SAMPLES, trainSample } from '../../helpers/samples.js';

/**
 * The decision tree at its default size (fully grown: ~700 leaves on ames); the forest's and boosting's trees are
 * capped and few, as every extra tree is the same SQL again and DuckDB plans each statement for seconds.
 */
const SQL_SIZES: Partial<Record<string, Record<string, number>>> = {
  tree: {},
  forest: { trees: 5, maxLeaves: 31 },
  'extra-trees': { trees: 5, maxLeaves: 31 },
  boost: { rounds: 10 },
};

let databases: Database[] = [];
before(async () => {
  databases = [sqlite(), await duckdb()];
});
after(() => databases.forEach((d) => d.close()));

describe('SQL export → SQLite and DuckDB equal Sapling', () => {
  for (const { file, target } of SAMPLES) {
    for (const model of EXPORTED_MODELS) {
      test(`${model} on ${file}`, async () => {
        const { pipeline, dataset, predictions } = await trainSample(file, target, model, SQL_SIZES[model]);
        const table = `${file}_${model}`;
        const sql = pipelineToSql(pipeline, `${file}.json`, { table });
        const classes = pipeline.target.classes ?? [];
        const expectedColumns = [
          ...dataset.columns.map((c) => c.name),
          ROW_KEY,
          'prediction',
          ...(predictions.proba ? classes.map((c) => `proba_${c}`) : []),
        ];
        for (const db of databases) {
          await db.load(table, dataset);
          const { columns, rows } = await db.query(`SELECT * FROM (${sql}) AS scored ORDER BY ${ROW_KEY}`);
          assert.deepEqual(columns, expectedColumns, db.name);
          assert.equal(rows.length, dataset.rowCount);
          if (predictions.labels) {
            assert.deepEqual(
              rows.map((r) => String(r.prediction)),
              predictions.labels,
              `${db.name}: predictions`,
            );
            const proba = rows.flatMap((r) => classes.map((c) => Number(r[`proba_${c}`])));
            assertClose(proba, predictions.proba!, 1e-9, `${db.name}: probabilities`);
          } else {
            assertClose(
              rows.map((r) => Number(r.prediction)),
              predictions.values,
              1e-9,
              `${db.name}: predictions`,
            );
          }
        }
      });
    }
  }
});
