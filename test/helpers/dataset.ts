/** Builds small in-memory Datasets for unit tests without going through the CSV reader. */
import type { Column, Dataset } from '../../app/data/dataset.js';

type Cells = readonly (number | string | null)[];

export function makeDataset(columns: Record<string, Cells>, fileName = 'test.csv'): Dataset {
  const built: Column[] = Object.entries(columns).map(([name, cells]) => {
    if (cells.every((c) => c === null || typeof c === 'number')) {
      const values = Float64Array.from(cells, (c) => (c === null ? NaN : (c as number)));
      return { name, type: 'numeric', storage: 'number', values, missing: cells.filter((c) => c === null).length };
    }
    const categories = [...new Set(cells.filter((c): c is string => c !== null).map(String))].sort();
    const codes = Int32Array.from(cells, (c) => (c === null ? -1 : categories.indexOf(String(c))));
    return {
      name,
      type: 'categorical',
      storage: 'category',
      codes,
      categories,
      missing: cells.filter((c) => c === null).length,
    };
  });
  const rowCount = Object.values(columns)[0]?.length ?? 0;
  return {
    source: { fileName, sha256: '0'.repeat(64), bytes: 0, delimiter: ',', decimalComma: false, missingTokens: [''] },
    rowCount,
    columns: built,
    warnings: [],
  };
}
