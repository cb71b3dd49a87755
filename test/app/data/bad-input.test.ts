import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv } from '../../../app/data/read-csv.js';
import { fixture, rejectsWith } from './helpers.js';

/**
 * Every file in test/fixtures/bad/, with the exact error a user sees (bad/invalid-utf8.csv is read as Windows-1252
 * unless UTF-8 is chosen: test/app/data/encoding.test.ts).
 */
const CASES: { file: string; code: string; message: string; location: object }[] = [
  { file: 'empty.csv', code: 'EMPTY_FILE', message: 'empty.csv: the file is empty', location: { file: 'empty.csv' } },
  {
    file: 'whitespace-only.csv',
    code: 'EMPTY_FILE',
    message: 'whitespace-only.csv: the file is empty',
    location: { file: 'whitespace-only.csv' },
  },
  {
    file: 'header-only.csv',
    code: 'HEADER_ONLY',
    message: 'header-only.csv: the file has a header (line 1) but no data rows',
    location: { file: 'header-only.csv', line: 1 },
  },
  {
    file: 'ragged-row.csv',
    code: 'RAGGED_ROW',
    message: 'ragged-row.csv line 7: expected 4 fields (as in the header) but found 5',
    location: { file: 'ragged-row.csv', line: 7 },
  },
  {
    // A later quote exists, so papaparse reports InvalidQuotes after swallowing line 6: still the quote opened on line 5.
    file: 'unclosed-quote.csv',
    code: 'UNCLOSED_QUOTE',
    message: 'unclosed-quote.csv line 5, field 2: a quoted field starts here but its closing quote is missing',
    location: { file: 'unclosed-quote.csv', line: 5, column: 2 },
  },
  {
    file: 'unclosed-quote-at-end.csv',
    code: 'UNCLOSED_QUOTE',
    message: 'unclosed-quote-at-end.csv line 5, field 2: a quoted field starts here but its closing quote is missing',
    location: { file: 'unclosed-quote-at-end.csv', line: 5, column: 2 },
  },
  {
    file: 'malformed-quote.csv',
    code: 'BAD_INPUT',
    message: 'malformed-quote.csv line 2, field 2: a quote inside a quoted field must be doubled ("")',
    location: { file: 'malformed-quote.csv', line: 2, column: 2 },
  },
  {
    file: 'duplicate-header.csv',
    code: 'DUPLICATE_HEADER',
    message: "duplicate-header.csv line 1: columns 2 and 4 are both named 'x'",
    location: { file: 'duplicate-header.csv', line: 1, column: 4 },
  },
  {
    file: 'empty-header.csv',
    code: 'EMPTY_HEADER',
    message: 'empty-header.csv line 1: column 2 has no name',
    location: { file: 'empty-header.csv', line: 1, column: 2 },
  },
  {
    file: 'image.png',
    code: 'BINARY_FILE',
    message: 'image.png: this is a PNG image, not a CSV text file',
    location: { file: 'image.png' },
  },
  {
    file: 'data.csv.gz',
    code: 'BINARY_FILE',
    message: 'data.csv.gz: this is a gzip archive, not a CSV text file',
    location: { file: 'data.csv.gz' },
  },
  {
    file: 'nul-byte.csv',
    code: 'BINARY_FILE',
    message: 'nul-byte.csv: this is a binary file, not CSV text (NUL byte at offset 10)',
    location: { file: 'nul-byte.csv' },
  },
  {
    file: 'utf16.csv',
    code: 'ENCODING',
    message: 'utf16.csv: the file is UTF-16 text; save it as UTF-8',
    location: { file: 'utf16.csv', line: 1 },
  },
];

describe('bad input files', () => {
  for (const { file, code, message, location } of CASES) {
    test(`${file} → ${code}`, async () => {
      const error = await rejectsWith(readCsv(fixture(`bad/${file}`), { fileName: file }), code, message);
      assert.deepEqual(error.location, location);
    });
  }

  test('a whole quoted header line that is never closed names line 1', async () => {
    const bytes = new TextEncoder().encode('"a,b\n1,2\n');
    await rejectsWith(
      readCsv(bytes, { fileName: 'h.csv' }),
      'UNCLOSED_QUOTE',
      'h.csv line 1, field 1: a quoted field starts here but its closing quote is missing',
    );
  });
});
