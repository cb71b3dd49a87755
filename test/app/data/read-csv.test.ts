import { cellText } from '../../../app/data/dataset.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readCsv } from '../../../app/data/read-csv.js';
import { cells, chunked, column, read, rejectsWith, utf8 } from './helpers.js';

describe('readCsv: delimiters', () => {
  for (const [name, d] of [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ] as const) {
    test(`sniffs ${name}`, async () => {
      const text = ['a', 'b', 'c'].join(d) + '\n' + ['1', 'x', '2'].join(d) + '\n' + ['3', 'y', '4'].join(d) + '\n';
      const ds = await read(text);
      assert.equal(ds.source.delimiter, d);
      assert.deepEqual(
        ds.columns.map((c) => c.name),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(cells(ds, 'c'), [2, 4]);
    });
  }

  test('delimiters inside quotes do not fool the sniffer', async () => {
    const ds = await read('name;note\n"a,b,c";1\n"d,e,f";2\n');
    assert.equal(ds.source.delimiter, ';');
    assert.deepEqual(cells(ds, 'name'), ['a,b,c', 'd,e,f']);
  });

  test('a single-column file is legal', async () => {
    const ds = await read('x\n1\n2\n3\n');
    assert.equal(ds.columns.length, 1);
    assert.equal(ds.source.delimiter, ',');
    assert.deepEqual(cells(ds, 'x'), [1, 2, 3]);
  });

  test('the delimiter can be given', async () => {
    const ds = await read('a,b|c\n1,2|3\n', { delimiter: '|' });
    assert.deepEqual(
      ds.columns.map((c) => c.name),
      ['a,b', 'c'],
    );
  });

  test('a ragged row among the first lines is reported against the sniffed delimiter', async () => {
    await rejectsWith(
      read('a,b,c\n1,2,3\n4,5\n'),
      'RAGGED_ROW',
      'data.csv line 3: expected 3 fields (as in the header) but found 2',
    );
  });
});

describe('readCsv: text layout', () => {
  test('a UTF-8 BOM is dropped (but hashed)', async () => {
    const bytes = utf8('\uFEFFa,b\n1,2\n');
    const ds = await read(bytes);
    assert.equal(ds.columns[0].name, 'a');
    assert.equal(ds.source.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(ds.source.bytes, bytes.length);
  });

  test('CRLF line endings leave no \\r behind', async () => {
    const ds = await read('a,b\r\n1,x\r\n2,"y"\r\n');
    assert.deepEqual(cells(ds, 'a'), [1, 2]);
    assert.deepEqual(cells(ds, 'b'), ['x', 'y']);
  });

  test('old Mac CR-only line endings', async () => {
    const ds = await read('a,b\r1,x\r2,y\r');
    assert.deepEqual(cells(ds, 'b'), ['x', 'y']);
    await rejectsWith(
      read('a,b\r1,x\r2\r'),
      'RAGGED_ROW',
      'data.csv line 3: expected 2 fields (as in the header) but found 1',
    );
  });

  test('quoted newlines stay in the cell, and later line numbers count them', async () => {
    const text = 'id,text,n\n1,"two\nlines",5\n2,"three\r\nmore\nlines",6\n3,x,7,8\n';
    await rejectsWith(read(text), 'RAGGED_ROW', 'data.csv line 7: expected 3 fields (as in the header) but found 4');
    const ds = await read('id,text,n\n1,"two\nlines",5\n2,x,6\n');
    assert.deepEqual(cells(ds, 'text'), ['two\nlines', 'x']);
  });

  test('escaped quotes', async () => {
    const ds = await read('a,b\n"He said ""hi""",1\n"""",2\n');
    assert.deepEqual(cells(ds, 'a'), ['He said "hi"', '"']);
  });

  test('blank lines in the middle and a trailing newline are skipped', async () => {
    const ds = await read('\na,b\n1,2\n\n   \n3,4\n\n');
    assert.equal(ds.rowCount, 2);
    assert.deepEqual(cells(ds, 'b'), [2, 4]);
  });

  test('a row of empty fields is a row of missing values, not a blank line', async () => {
    const ds = await read('a,b\n1,2\n,\n3,4\n');
    assert.equal(ds.rowCount, 3);
    assert.deepEqual(cells(ds, 'a'), [1, Number.NaN, 3]);
  });

  test('whitespace around header names and cells is trimmed', async () => {
    const ds = await read(' a , b \n 1 , x \n2,  y\n');
    assert.deepEqual(
      ds.columns.map((c) => c.name),
      ['a', 'b'],
    );
    assert.deepEqual(cells(ds, 'a'), [1, 2]);
    assert.deepEqual(cells(ds, 'b'), ['x', 'y']);
  });

  test('source records how the file was read', async () => {
    const ds = await read('a;b\n1,5;2\n3;4\n', { fileName: 'nums.csv' });
    assert.deepEqual(ds.source, {
      fileName: 'nums.csv',
      sha256: createHash('sha256').update('a;b\n1,5;2\n3;4\n').digest('hex'),
      bytes: 14,
      delimiter: ';',
      decimalComma: true,
      missingTokens: ['', 'NA', 'N/A', 'NaN', 'null', '?'],
    });
  });
});

describe('readCsv: numbers and missing values', () => {
  test('decimal comma with ;', async () => {
    const ds = await read('x;y;z\n1,5;a;1.5\n-2,25;b;2\n3;c;1e3\n');
    assert.equal(column(ds, 'x').type, 'numeric');
    assert.deepEqual(cells(ds, 'x'), [1.5, -2.25, 3]);
    // A '.' is still a decimal point; exponents work.
    assert.deepEqual(cells(ds, 'z'), [1.5, 2, 1000]);
  });

  test('thousands separators are not supported: 1.234,5 is text', async () => {
    const ds = await read('x;y\n1.234,5;a\n2;b\n');
    assert.equal(column(ds, 'x').type, 'categorical');
  });

  test('no decimal comma with , unless asked', async () => {
    const text = 'x,y\n"1,5",a\n"2,5",b\n';
    assert.equal(column(await read(text), 'x').type, 'categorical');
    assert.deepEqual(cells(await read(text, { decimalComma: true }), 'x'), [1.5, 2.5]);
  });

  test('default missing tokens, matched after trimming', async () => {
    const ds = await read('x,y\n1,a\nNA,b\n N/A ,c\nNaN,d\nnull,e\n?,f\n,g\n8,h\n');
    const x = column(ds, 'x');
    assert.equal(x.type, 'numeric');
    assert.equal(x.missing, 6);
    assert.deepEqual(cells(ds, 'x'), [1, NaN, NaN, NaN, NaN, NaN, NaN, 8]);
  });

  test('custom missing tokens replace the defaults; the empty cell stays missing', async () => {
    const ds = await read('x,y\n1,a\n-999,NA\n,b\n4,-\n', { missingTokens: ['-999', '-'] });
    assert.deepEqual(cells(ds, 'x'), [1, NaN, NaN, 4]);
    assert.deepEqual(cells(ds, 'y'), ['a', 'NA', 'b', null]);
    assert.equal(column(ds, 'y').missing, 1);
    assert.deepEqual(ds.source.missingTokens, ['', '-999', '-']);
  });

  test('leading-zero codes stay text; 0, 0.5, -0.2 are numbers', async () => {
    const ds = await read('zip,n,code\n007,0,0123\n10,0.5,1\n9,-0.2,2\n');
    const zip = column(ds, 'zip');
    assert.equal(zip.type, 'categorical');
    assert.ok(zip.storage === 'category');
    assert.deepEqual(zip.categories, ['007', '10', '9']); // plain `<` order
    assert.equal(column(ds, 'code').type, 'categorical');
    assert.deepEqual(cells(ds, 'n'), [0, 0.5, -0.2]);
  });

  test('hex, Infinity and over-long integers are text', async () => {
    for (const cell of ['0x1F', 'Infinity', '12345678901234567']) {
      const ds = await read(`v,w\n${cell},a\n1,b\n`);
      assert.equal(column(ds, 'v').type, 'categorical', cell);
    }
  });
});

describe('readCsv: column types', () => {
  test('booleans: true/false or yes/no, any case, stored as 0/1', async () => {
    const ds = await read('a,b,c,d\ntrue,yes,true,yes\nFALSE,No,yes,yes\nTrue,,false,yes\n');
    assert.equal(column(ds, 'a').type, 'boolean');
    assert.deepEqual(cells(ds, 'a'), [1, 0, 1]);
    assert.equal(column(ds, 'b').type, 'boolean');
    assert.deepEqual(cells(ds, 'b'), [1, 0, NaN]);
    // Mixed vocabularies are text.
    assert.equal(column(ds, 'c').type, 'categorical');
    // One value only: a constant, kept as the word.
    const d = column(ds, 'd');
    assert.equal(d.type, 'constant');
    assert.equal(d.storage, 'category');
    assert.deepEqual(cells(ds, 'd'), ['yes', 'yes', 'yes']);
  });

  test('booleans keep the words the file used, for display and export', async () => {
    const ds = await read('a,b\ntrue,yes\nFALSE,No\nTrue,\n');
    const b = column(ds, 'b');
    assert.ok(b.storage === 'number');
    assert.deepEqual(b.booleanLabels, ['No', 'yes']);
    assert.deepEqual(
      [0, 1, 2].map((i) => cellText(b, i)),
      ['yes', 'No', ''],
    );
    assert.deepEqual(
      [0, 1, 2].map((i) => cellText(column(ds, 'a'), i)),
      ['true', 'FALSE', 'true'],
    );
  });

  test('categories are sorted and codes follow them', async () => {
    const ds = await read('c\nb\na\nB\nb\n');
    const c = column(ds, 'c');
    assert.ok(c.storage === 'category');
    assert.deepEqual(c.categories, ['B', 'a', 'b']);
    assert.deepEqual(Array.from(c.codes), [2, 1, 0, 2]);
  });

  test('integer columns named like ids that are unique per row are identifiers', async () => {
    const ds = await read('id,Customer_ID,index,row,n,dup_id\n1,10,0,5,1,1\n2,20,1,6,2,1\n3,30,2,7,3,2\n');
    for (const name of ['id', 'Customer_ID', 'index', 'row']) {
      const c = column(ds, name);
      assert.equal(c.type, 'identifier', name);
      assert.equal(c.storage, 'number', name);
    }
    assert.equal(column(ds, 'n').type, 'numeric'); // unique, but not named like an id
    assert.equal(column(ds, 'dup_id').type, 'numeric'); // named like one, but not unique
    assert.deepEqual(
      ds.warnings.map((w) => w.message),
      [
        "column 'id' looks like a row identifier (unique per row); it is excluded from features by default",
        "column 'Customer_ID' looks like a row identifier (unique per row); it is excluded from features by default",
        "column 'index' looks like a row identifier (unique per row); it is excluded from features by default",
        "column 'row' looks like a row identifier (unique per row); it is excluded from features by default",
      ],
    );
  });

  test('text unique on every row is an identifier from 20 rows on', async () => {
    const rows = (n: number): string => 'name,v\n' + Array.from({ length: n }, (_, i) => `p${i},${i % 3}`).join('\n');
    assert.equal(column(await read(rows(20)), 'name').type, 'identifier');
    assert.equal(column(await read(rows(19)), 'name').type, 'categorical');
  });

  test('constants and empty columns', async () => {
    const ds = await read('k,e,t,x\n7,,a,1\n7,NA,a,2\n,,a,3\n');
    assert.equal(column(ds, 'k').type, 'constant');
    assert.equal(column(ds, 'k').storage, 'number');
    assert.equal(column(ds, 'k').missing, 1);
    assert.equal(column(ds, 'e').type, 'constant');
    assert.equal(column(ds, 'e').missing, 3);
    assert.equal(column(ds, 't').type, 'constant');
    assert.deepEqual(
      ds.warnings.map((w) => w.message),
      [
        "column 'k' has a single value ('7'); it is excluded from features by default",
        "column 'e' is empty (every cell is missing); it is excluded from features by default",
        "column 't' has a single value ('a'); it is excluded from features by default",
      ],
    );
  });

  test('missing counts per storage', async () => {
    const ds = await read('n,t\n1,a\n,\n3,NA\n');
    assert.equal(column(ds, 'n').missing, 1);
    assert.equal(column(ds, 't').missing, 2);
    assert.deepEqual(cells(ds, 't'), ['a', null, null]);
  });
});

describe('readCsv: input, fingerprint, progress, cancellation', () => {
  test('sha256 of the raw bytes', async () => {
    const ds = await read('a,b\n1,2\n');
    assert.equal(ds.source.sha256, createHash('sha256').update('a,b\n1,2\n').digest('hex'));
  });

  test('chunked input equals whole-buffer input, even when a chunk ends inside a UTF-8 character', async () => {
    const bytes = utf8('city,n,note\nKöln,1,"é\nà"\n東京,2,ü\nZürich,3,ß\n');
    const whole = await readCsv(bytes, { fileName: 'c.csv' });
    for (const size of [1, 2, 3, 5, 7]) {
      const streamed = await readCsv(chunked(bytes, size), { fileName: 'c.csv' });
      assert.deepEqual(streamed, whole, `chunks of ${size}`);
    }
    assert.deepEqual(cells(whole, 'city'), ['Köln', '東京', 'Zürich']);
    assert.deepEqual(cells(whole, 'note'), ['é\nà', 'ü', 'ß']);
  });

  test('onProgress reports the bytes read so far', async () => {
    const bytes = utf8('a,b\n1,2\n3,4\n');
    const seen: number[] = [];
    await readCsv(chunked(bytes, 4), { fileName: 'p.csv', onProgress: (n) => seen.push(n) });
    assert.deepEqual(seen, [4, 8, 12]);
    const once: number[] = [];
    await readCsv(bytes, { fileName: 'p.csv', onProgress: (n) => once.push(n) });
    assert.deepEqual(once, [12]);
  });

  test('an aborted signal cancels before reading', async () => {
    const ac = new AbortController();
    ac.abort();
    await rejectsWith(read('a\n1\n', { signal: ac.signal }), 'CANCELLED', 'cancelled by the user');
  });

  test('aborting while chunks arrive cancels', async () => {
    const ac = new AbortController();
    const bytes = utf8('a,b\n1,2\n3,4\n5,6\n');
    await rejectsWith(
      readCsv(chunked(bytes, 4), { fileName: 'x.csv', signal: ac.signal, onProgress: () => ac.abort() }),
      'CANCELLED',
      'cancelled by the user',
    );
  });

  test('aborting during a long parse cancels', async () => {
    const text = 'a,b\n' + Array.from({ length: 200_000 }, (_, i) => `${i},${i % 7}`).join('\n');
    const ac = new AbortController();
    const reading = read(text, { signal: ac.signal });
    setTimeout(() => ac.abort(), 0);
    await rejectsWith(reading, 'CANCELLED', 'cancelled by the user');
  });
});

describe('readCsv: files larger than one parse window (1 M characters)', () => {
  // Records with quoted newlines straddle the window cuts; values and line numbers must not notice.
  const n = 40_000;
  const body = Array.from({ length: n }, (_, i) => `${i},"note ${i}\nsecond line, with comma",${i % 5}`).join('\n');

  test('values survive the cuts', async () => {
    const ds = await read(`id,note,k\n${body}\n`);
    assert.equal(ds.rowCount, n);
    const note = cells(ds, 'note');
    assert.equal(note[0], 'note 0\nsecond line, with comma');
    assert.equal(note[n - 1], `note ${n - 1}\nsecond line, with comma`);
    assert.ok(note.every((v, i) => v === `note ${i}\nsecond line, with comma`));
    assert.deepEqual(cells(ds, 'k').slice(-3), [(n - 3) % 5, (n - 2) % 5, (n - 1) % 5]);
  });

  test('line numbers are right after many cuts', async () => {
    // Each record takes 2 lines; the ragged row follows the header and n records.
    await rejectsWith(
      read(`id,note,k\n${body}\n1,2\n`),
      'RAGGED_ROW',
      `data.csv line ${2 + 2 * n}: expected 3 fields (as in the header) but found 2`,
    );
  });

  test('CRLF files are cut on whole line breaks', async () => {
    const crlf = body.replaceAll('\n', '\r\n');
    const ds = await read(`id,note,k\r\n${crlf}\r\n`);
    assert.equal(ds.rowCount, n);
    assert.ok(cells(ds, 'note').every((v, i) => v === `note ${i}\r\nsecond line, with comma`));
    await rejectsWith(
      read(`id,note,k\r\n${crlf}\r\n1,2\r\n`),
      'RAGGED_ROW',
      `data.csv line ${2 + 2 * n}: expected 3 fields (as in the header) but found 2`,
    );
  });

  test('one quoted cell longer than a window', async () => {
    const big = 'x'.repeat(3_000_000);
    const ds = await read(`a,b\n1,"${big}\n${big}"\n2,y\n`);
    assert.equal(ds.rowCount, 2);
    assert.equal((cells(ds, 'b')[0] as string).length, 6_000_001);
    assert.deepEqual(cells(ds, 'a'), [1, 2]);
  });

  test('an unclosed quote far from the end is still found, on its line', async () => {
    await rejectsWith(
      read(`id,note,k\n${body}\n7,"open,1\n${'8,a,1\n'.repeat(200_000)}`),
      'UNCLOSED_QUOTE',
      `data.csv line ${2 + 2 * n}, field 2: a quoted field starts here but its closing quote is missing`,
    );
  });
});
