/**
 * Defect 7 of issue #15: a data path that is a FIFO or a device (/dev/zero) is refused at once with a clear
 * error — opening it used to block (FIFO) or never end (/dev/zero), hanging main while opening a project.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSha256, openFileChunks } from '../../io/files.js';
import { readCsvFile } from '../../io/read-csv-file.js';

test('/dev/zero and a FIFO are refused without reading', { timeout: 10_000 }, async (t) => {
  if (process.platform === 'win32') return t.skip('POSIX special files');
  await assert.rejects(openFileChunks('/dev/zero'), /\/dev\/zero is a device, not a file Sapling can read/);
  await assert.rejects(readCsvFile('/dev/zero'), (e: Error & { code?: string }) => e.code === 'BAD_INPUT');
  const dir = await mkdtemp(join(tmpdir(), 'sapling-fifo-'));
  try {
    const fifo = join(dir, 'data.csv');
    execFileSync('mkfifo', [fifo]); // no writer: a blocking open would never return
    await assert.rejects(openFileChunks(fifo), /data\.csv is a pipe \(FIFO\), not a file Sapling can read/);
    await assert.rejects(fileSha256(fifo), /pipe/);
    await assert.rejects(openFileChunks(dir), /is a folder/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
