/**
 * Real databases for the SQL export tests: SQLite (node:sqlite, built into Node 24) and DuckDB
 * (@duckdb/node-api), each loaded with a dataset as the export expects the table — numbers as DOUBLE,
 * text and yes/no columns as text (the words as written), missing cells as NULL. A database returns rows in
 * any order (DuckDB's parallel plans do reorder them), so each table gets one extra column, ROW_KEY, the row's
 * position, for the tests to sort by — as a user would by their own key.
 */
import { DatabaseSync } from 'node:sqlite';
import { DuckDBInstance } from '@duckdb/node-api';
import { cellText, type Dataset } from '../../app/data/dataset.js';
import { quoteIdent } from '../../app/interop/sql/export-sql.js';

export type Row = Record<string, unknown>;

export const ROW_KEY = 'sapling_test_row';

export interface Database {
  readonly name: string;
  load(table: string, dataset: Dataset): Promise<void>;
  query(sql: string): Promise<{ columns: string[]; rows: Row[] }>;
  close(): void;
}

function isNumeric(c: Dataset['columns'][number]): boolean {
  return c.storage === 'number' && c.type !== 'boolean';
}

function cell(c: Dataset['columns'][number], i: number): number | string | null {
  if (c.storage === 'number' && Number.isNaN(c.values[i])) return null;
  if (c.storage === 'category' && c.codes[i] < 0) return null;
  return isNumeric(c) ? (c as { values: Float64Array }).values[i] : cellText(c, i);
}

function createTable(table: string, dataset: Dataset): string {
  const cols = dataset.columns.map((c) => `${quoteIdent(c.name)} ${isNumeric(c) ? 'DOUBLE' : 'VARCHAR'}`);
  cols.push(`${ROW_KEY} INTEGER`);
  return `CREATE TABLE ${quoteIdent(table)} (${cols.join(', ')})`;
}

export function sqlite(): Database {
  const db = new DatabaseSync(':memory:');
  return {
    name: 'SQLite',
    async load(table, dataset) {
      db.exec(createTable(table, dataset));
      const insert = db.prepare(
        `INSERT INTO ${quoteIdent(table)} VALUES (${dataset.columns.map(() => '?').join(', ')}, ?)`,
      );
      db.exec('BEGIN');
      for (let i = 0; i < dataset.rowCount; i++) insert.run(...dataset.columns.map((c) => cell(c, i)), i);
      db.exec('COMMIT');
    },
    async query(sql) {
      const statement = db.prepare(sql);
      const columns = statement.columns().map((c) => c.name);
      return { columns, rows: statement.all() as Row[] };
    },
    close: () => db.close(),
  };
}

export async function duckdb(): Promise<Database> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  return {
    name: 'DuckDB',
    async load(table, dataset) {
      await con.run(createTable(table, dataset));
      const appender = await con.createAppender(table);
      for (let i = 0; i < dataset.rowCount; i++) {
        for (const c of dataset.columns) {
          const v = cell(c, i);
          if (v === null) appender.appendNull();
          else if (typeof v === 'number') appender.appendDouble(v);
          else appender.appendVarchar(v);
        }
        appender.appendInteger(i);
        appender.endRow();
      }
      appender.closeSync();
    },
    async query(sql) {
      const reader = await con.runAndReadAll(sql);
      return { columns: reader.columnNames(), rows: reader.getRowObjects() as Row[] };
    },
    close: () => {
      con.closeSync();
      instance.closeSync();
    },
  };
}
