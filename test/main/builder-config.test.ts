/** electron-builder.yml: valid for electron-builder (its own schema, offline) and shipping only the built app. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../helpers/desktop.js';

const require = createRequire(import.meta.url);
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: { filter: string[] }[];
  asarUnpack?: string[];
  extraResources?: { from: string; to: string; filter: string[] }[];
  linux?: { target: string[] };
  win?: { target: string[] };
  mac?: { target: string[] };
  [key: string]: unknown;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, path: string | null, options: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger, log } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
  log: { stream: { write(text: string): unknown } };
};
// electron-builder logs "• loaded configuration" to stdout; in a node:test child process stdout carries the
// runner's serialized messages, and a stray write there can corrupt them ("Unable to deserialize cloned data").
log.stream = process.stderr;

test('electron-builder.yml passes electron-builder’s validation; a wrong key does not', async () => {
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  await assert.rejects(validateConfiguration({ ...config, filez: ['x'] }, new DebugLogger(false)), /filez/);
});

test('it packages only the built output and package.json, plus the sample CSVs as resources', async () => {
  const config = await getConfig(ROOT, null, null);
  assert.equal(config.appId, 'org.sapling.workbench');
  assert.equal(config.productName, 'Sapling');
  // Source maps carry every source file (sourcesContent): excluded so no sources ship.
  assert.deepEqual(config.files, [{ filter: ['package.json', 'out/**/*', '!**/node_modules/**/*', '!**/*.map'] }]);
  assert.deepEqual(config.asarUnpack, ['out/main/worker.cjs', 'out/main/engine-worker.cjs']);
  assert.deepEqual(config.extraResources, [{ from: 'examples', to: 'examples', filter: ['*.csv'] }]);
  assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
  assert.deepEqual(config.win?.target, ['nsis']);
  assert.deepEqual(config.mac?.target, ['dmg']);
  assert.equal(existsSync(join(ROOT, 'app/package.json')), false, 'no package.json inside app/');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { main: string };
  assert.equal(pkg.main, 'out/main/main.cjs');
});

test('the packaged app flips every hardening fuse (Electron ≥ 30 and electron-builder ≥ 26 support them all)', async () => {
  const config = await getConfig(ROOT, null, null);
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
  // An app that does not pack into app.asar would make onlyLoadAppFromAsar refuse to start it.
  assert.notEqual(config.asar, false);
  // The installed electron-builder knows these fuse names: its schema rejects unknown ones.
  await assert.rejects(
    validateConfiguration({ ...config, electronFuses: { notAFuse: true } }, new DebugLogger(false)),
    /notAFuse|electronFuses/,
  );
  const builder = require('electron-builder/package.json') as { version: string };
  assert.ok(Number(builder.version.split('.')[0]) >= 26, `electron-builder ${builder.version}`);
});
