/** `sapling ui`'s command line (main/web/command.ts): bad arguments are one specific error; where its settings live. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultUserDataDir, uiCommand } from '../../main/web/command.js';
import { SAMPLES_DIR } from '../helpers/desktop.js';

const quiet = { out: () => undefined, err: () => undefined };

test('bad arguments are refused before anything starts', async () => {
  await assert.rejects(uiCommand(['--port', 'abc'], quiet), /--port must be a whole number from 0 to 65535, got 'abc'/);
  await assert.rejects(uiCommand(['--port', '70000'], quiet), /--port must be/);
  await assert.rejects(
    uiCommand(['/no/such/file.csv'], quiet),
    /cannot open \/no\/such\/file\.csv: there is no such file/,
  );
  await assert.rejects(uiCommand([join(SAMPLES_DIR, 'README.md')], quiet), /is not a CSV or TSV file/);
  await assert.rejects(uiCommand(['a.csv', 'b.csv'], quiet), /one file at a time/);
  await assert.rejects(uiCommand(['--frobnicate'], quiet), /Unknown option '--frobnicate'[\s\S]*usage: sapling ui/);
});

test('--help prints the usage', async () => {
  let out = '';
  assert.equal(await uiCommand(['--help'], { out: (t) => (out += t), err: () => undefined }), 0);
  assert.match(out, /^sapling ui \[file\.csv\] \[--port N\] \[--host 127\.0\.0\.1\] \[--no-open\]/);
});

test('browser mode keeps its settings in a folder of its own, beside the desktop app’s', () => {
  assert.equal(defaultUserDataDir({}, 'linux', '/home/ana'), '/home/ana/.config/Sapling/browser');
  assert.equal(defaultUserDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ana'), '/cfg/Sapling/browser');
  assert.equal(
    defaultUserDataDir({}, 'darwin', '/Users/ana'),
    '/Users/ana/Library/Application Support/Sapling/browser',
  );
  assert.equal(
    defaultUserDataDir({ APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'win32', 'x'),
    join('C:/Users/ana/AppData/Roaming', 'Sapling', 'browser'),
  );
  assert.equal(defaultUserDataDir({ SAPLING_USER_DATA_DIR: '/tmp/u' }, 'linux', '/home/ana'), '/tmp/u');
});
