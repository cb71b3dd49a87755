// `npm start`: builds the app (out/), then starts it with Electron. Where the Electron binary is not
// installed (npm could not download it) or there is no display (a server over SSH), says so in one line and
// starts the same workbench in the browser instead (`sapling ui`, main/web/). Arguments go to either.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url)), '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

/** Electron's binary, or undefined when it was never downloaded (path.txt is written once it is). */
function electronBinary() {
  const require = createRequire(import.meta.url);
  try {
    // Checked first: requiring the package without its binary tries (and, offline, fails) to download it.
    if (!existsSync(join(dirname(require.resolve('electron/install.js')), 'path.txt'))) return undefined;
    return require('electron');
  } catch {
    return undefined;
  }
}
const electron = electronBinary();
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

if (electron === undefined || headlessLinux) {
  // Not an error: the same workbench runs in the browser (`sapling ui`); one line says why and how to get the desktop app.
  console.error(
    electron === undefined
      ? "sapling: Electron's binary is not installed (get it with: node node_modules/electron/install.js), so Sapling opens in your browser instead (sapling ui)."
      : 'sapling: no display for the desktop app here, so Sapling opens in your browser instead (sapling ui).',
  );
  const ui = spawn(
    process.execPath,
    [fileURLToPath(new URL('../bin/sapling.js', import.meta.url)), 'ui', ...process.argv.slice(2)],
    {
      cwd: process.cwd(),
      stdio: 'inherit',
    },
  );
  ui.on('close', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => ui.kill(signal));
} else {
  const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('close', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
