/**
 * Issue 15, defect 9 in the desktop: loadDataset says how a file was decoded and whether it was a guess, and takes
 * an encoding to open the same file again (the Data page's "Open again as …").
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, createDesktopFixture, type DesktopFixture } from '../helpers/desktop.js';

let app: DesktopFixture;
before(async () => {
  app = await createDesktopFixture();
});
after(() => app.close());

const EXCEL = join(ROOT, 'test/fixtures/encoding/excel-windows-1252.csv');
let op = 0;

async function firstNote(encoding?: 'utf-8' | 'windows-1252' | 'latin1') {
  const result = await app.handlers.loadDataset({
    operationId: `enc-${++op}`,
    source: app.fileSource(EXCEL),
    ...(encoding ? { encoding } : {}),
  });
  if (!result.ok) return result.error;
  const rows = await app.handlers.getRows({ datasetId: result.value.datasetId, offset: 0, limit: 2 });
  assert.ok(rows.ok);
  return { info: result.value, note: rows.value.rows[0][2] };
}

test('detected: the answer says Windows-1252 was guessed, the profile warns, the cells are right', async () => {
  const got = await firstNote();
  assert.ok('info' in got, JSON.stringify(got));
  assert.deepEqual(got.info.encoding, { name: 'windows-1252', guessed: true });
  assert.equal(got.note, 'l’été');
  assert.ok(got.info.profile.warnings.some((w) => /is not UTF-8 \(byte 0xE9 on line 2\)/.test(w)));
});

test('opened again as latin1: no guess; as UTF-8: an ENCODING error naming the file and line', async () => {
  const latin1 = await firstNote('latin1');
  assert.ok('info' in latin1);
  assert.deepEqual(latin1.info.encoding, { name: 'windows-1252', guessed: false });
  assert.ok(!latin1.info.profile.warnings.some((w) => /is not UTF-8/.test(w)));
  const utf8 = await firstNote('utf-8');
  assert.ok(!('info' in utf8));
  assert.equal(utf8.code, 'ENCODING');
  assert.deepEqual(utf8.location, { file: 'excel-windows-1252.csv', line: 2 });
});

test('an unknown encoding is refused by the request check', async () => {
  const result = await app.handlers.loadDataset({
    operationId: 'enc-bad',
    source: app.fileSource(EXCEL),
    encoding: 'cp437' as never,
  });
  assert.ok(!result.ok);
  assert.equal(result.error.code, 'INVALID_REQUEST');
  assert.match(result.error.message, /^loadDataset: encoding: /);
});
