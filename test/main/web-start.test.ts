/**
 * `npm start` where Electron's binary is not installed (or there is no display): one line says so, and the same
 * workbench starts in the browser (`sapling ui`); Ctrl-C stops it. Runs scripts/start.mjs as npm does (it builds
 * first). Skipped where the binary is installed and a display exists: there npm start opens the desktop app.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/desktop.js';

const hasElectron = existsSync(join(ROOT, 'node_modules/electron/path.txt'));
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

test(
  'npm start without Electron says so in one line and starts sapling ui',
  {
    skip: hasElectron && hasDisplay ? 'Electron and a display are here: npm start opens the desktop app' : false,
    timeout: 300_000,
  },
  async () => {
    const home = await mkdtemp(join(tmpdir(), 'sapling-start-'));
    const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--no-open', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, SAPLING_USER_DATA_DIR: home },
    });
    try {
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Sapling is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`start.mjs exited (${code}):\n${stderr}`)));
      });
      assert.match(url, /token=[A-Za-z0-9_-]{43}$/);
      const notices = stderr.split('\n').filter((l) => l.startsWith('sapling: '));
      assert.equal(notices.length, 1, stderr);
      assert.match(notices[0], /so Sapling opens in your browser instead \(sapling ui\)\.$/);
      assert.doesNotMatch(stderr, /Downloading Electron|fetch failed/);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
      await rm(home, { recursive: true, force: true });
    }
  },
);
