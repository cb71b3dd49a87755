/**
 * Issue 15, defect 9: CSVs as Excel on Windows saves them (Windows-1252) are read, with a warning naming the guess;
 * an encoding can be chosen. The fixture holds real Windows-1252 bytes: é 0xE9, € 0x80, ’ 0x92, “ ” 0x93 0x94.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncodingChoice } from '../../../app/data/text-input.js';
import { cells, chunked, fixture, read, rejectsWith, utf8 } from './helpers.js';

const EXCEL = fixture('encoding/excel-windows-1252.csv');
const FILE = 'excel-windows-1252.csv';
const NAMES = ['René', 'Zoë', 'Ana', 'Björn', 'Lukas', 'Amélie'];
const NOTES = ['l’été', '5 € off', '“quoted”', 'naïve café', '–', 'œuvre'];
const ADVICE = 'save it as UTF-8, or choose the encoding it was saved in (windows-1252 reads any byte)';

describe('Windows-1252 (what Excel writes)', () => {
  test('the fixture really is Windows-1252: é, € and ’ are single bytes', () => {
    const text = Array.from(EXCEL, (b) => b);
    assert.ok(text.includes(0xe9) && text.includes(0x80) && text.includes(0x92));
  });

  test('detected: every letter and symbol right, the guess in the source and in a warning naming the byte and line', async () => {
    for (const input of [EXCEL, chunked(EXCEL, 7)]) {
      const ds = await read(input, { fileName: FILE });
      assert.deepEqual(cells(ds, 'name'), NAMES);
      assert.deepEqual(cells(ds, 'note'), NOTES);
      assert.deepEqual(cells(ds, 'city').slice(0, 2), ['Zürich', 'Köln']);
      assert.deepEqual(cells(ds, 'price'), [12.5, 7, 3.25, 9, 4, 6]);
      assert.deepEqual(ds.source.encoding, { name: 'windows-1252', guessed: true });
      assert.equal(
        ds.warnings[0],
        `${FILE} is not UTF-8 (byte 0xE9 on line 2), so it was read as Windows-1252, the encoding Excel saves "CSV" in; ` +
          'if letters look wrong, open it again with the encoding it was saved in',
      );
    }
  });

  for (const choice of ['windows-1252', 'latin1'] as EncodingChoice[]) {
    test(`chosen (${choice}): the same text, no guess and no warning`, async () => {
      const ds = await read(EXCEL, { fileName: FILE, encoding: choice });
      assert.deepEqual(cells(ds, 'note'), NOTES);
      assert.deepEqual(ds.source.encoding, { name: 'windows-1252', guessed: false });
      assert.ok(!ds.warnings.some((w) => /Windows-1252/.test(w)));
    });
  }

  test('UTF-8 chosen for a Windows-1252 file: ENCODING naming the line and byte', async () => {
    const error = await rejectsWith(
      read(EXCEL, { fileName: FILE, encoding: 'utf-8' }),
      'ENCODING',
      `${FILE} line 2: the file is not valid UTF-8 (byte 0xE9); ${ADVICE}`,
    );
    assert.deepEqual(error.location, { file: FILE, line: 2 });
    await rejectsWith(
      read(fixture('bad/invalid-utf8.csv'), { fileName: 'invalid-utf8.csv', encoding: 'utf-8' }),
      'ENCODING',
      `invalid-utf8.csv line 3: the file is not valid UTF-8 (byte 0xE9); ${ADVICE}`,
    );
    const koeln = await read(fixture('bad/invalid-utf8.csv'));
    assert.deepEqual(cells(koeln, 'city'), ['Bonn', 'Kéln']); // the fixture's 0xE9 is é
  });

  test('a file whose only non-ASCII byte is its last one is Windows-1252 too', async () => {
    const bytes = Uint8Array.from([...utf8('city,n\n1,caf'), 0xe9]);
    const ds = await read(bytes);
    assert.deepEqual(cells(ds, 'n'), ['café']);
    assert.match(ds.warnings[0], /byte 0xE9 on line 2/);
  });
});

describe('UTF-8 stays UTF-8', () => {
  test('valid UTF-8 with accents, in any chunking: UTF-8, no encoding recorded, no warning', async () => {
    const text = 'name,note\nRené,l’été\nZoë,5 € off\n';
    for (const input of [utf8(text), chunked(utf8(text), 1), chunked(utf8(text), 2)]) {
      const ds = await read(input);
      assert.deepEqual(cells(ds, 'note'), ['l’été', '5 € off']);
      assert.equal(ds.source.encoding, undefined);
      assert.deepEqual(ds.warnings, []);
    }
  });

  test('UTF-8 letters and then a byte that is not UTF-8: the file mixes encodings, an error naming the line', async () => {
    const bytes = Uint8Array.from([...utf8('city,n\nZürich,1\n'), ...utf8('K'), 0xf6, ...utf8('ln,2\n')]);
    await rejectsWith(
      read(bytes),
      'ENCODING',
      `data.csv line 3: the file is not valid UTF-8 (byte 0xF6), although earlier lines are UTF-8; ${ADVICE}`,
    );
  });

  test('a UTF-8 byte-order mark says UTF-8: a later Windows-1252 byte is an error, not a guess', async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('city,n\nK'), 0xf6, ...utf8('ln,2\n')]);
    await rejectsWith(
      read(bytes),
      'ENCODING',
      `data.csv line 2: the file is not valid UTF-8 (byte 0xF6), although earlier lines are UTF-8; ${ADVICE}`,
    );
  });
});
