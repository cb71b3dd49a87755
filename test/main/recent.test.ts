import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_RECENT, createRecentFiles } from '../../main/handlers/recent.js';

let dir: string;
let json: string;
let clock = 0;
const now = () => new Date(Date.UTC(2025, 0, 1, 12, 0, clock++));

async function touch(name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, 'a,b\n1,2\n');
  return path;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-recent-'));
  json = join(dir, 'recent-files.json');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('recent files', () => {
  test('newest first, a reopened file moves to the front, persisted as JSON', async () => {
    const recent = createRecentFiles(json, { now });
    const [a, b] = [await touch('a.csv'), await touch('b.csv')];
    await recent.add(a);
    await recent.add(b);
    await recent.add(a);
    const listed = await recent.list();
    assert.deepEqual(
      listed.map((f) => f.fileName),
      ['a.csv', 'b.csv'],
    );
    assert.match(listed[0].openedAt, /^2025-01-01T12:00:0\d\.000Z$/);
    const stored = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(stored.version, 1);
    assert.deepEqual(stored.files, listed);
    assert.deepEqual(await createRecentFiles(json).list(), listed, 'another instance reads the same list');
  });

  test(`keeps at most ${MAX_RECENT}`, async () => {
    const recent = createRecentFiles(json, { now });
    for (let i = 0; i < MAX_RECENT + 5; i++) await recent.add(await touch(`f${i}.csv`));
    const listed = await recent.list();
    assert.equal(listed.length, MAX_RECENT);
    assert.equal(listed[0].fileName, `f${MAX_RECENT + 4}.csv`);
  });

  test('files that no longer exist are dropped (and the list rewritten)', async () => {
    const recent = createRecentFiles(json, { now });
    const [a, b] = [await touch('a.csv'), await touch('b.csv')];
    await recent.add(a);
    await recent.add(b);
    await rm(a);
    assert.deepEqual(
      (await recent.list()).map((f) => f.path),
      [b],
    );
    assert.deepEqual(
      JSON.parse(await readFile(json, 'utf8')).files.map((f: { path: string }) => f.path),
      [b],
    );
  });

  test('writes are atomic and one at a time: concurrent adds leave a complete file and no temp files', async () => {
    const recent = createRecentFiles(json, { now });
    const paths = await Promise.all(Array.from({ length: 15 }, (_, i) => touch(`c${i}.csv`)));
    await Promise.all(paths.map((p) => recent.add(p)));
    const stored = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(stored.files.length, MAX_RECENT);
    assert.equal(new Set(stored.files.map((f: { path: string }) => f.path)).size, MAX_RECENT);
    assert.equal(stored.files[0].path, paths[14], 'the last add wins the front');
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  test('a missing or corrupt file is an empty list, and the next add replaces it', async () => {
    const recent = createRecentFiles(json, { now });
    assert.deepEqual(await recent.list(), []);
    await writeFile(json, '{"version": 1, "files": [{"path": 3}]');
    assert.deepEqual(await recent.list(), []);
    await writeFile(json, '{"version": 2, "files": []}');
    assert.deepEqual(await recent.list(), []);
    const a = await touch('a.csv');
    await recent.add(a);
    assert.deepEqual(
      (await recent.list()).map((f) => f.path),
      [a],
    );
  });
});
