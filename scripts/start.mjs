// `npm start`: builds the app (out/), then starts it with Electron. Where the Electron binary is not
// installed (npm could not download it) or there is no display (a server over SSH), says so in one line and
// starts the same workbench in the browser instead (`sapling ui`, main/web/). Arguments go to either.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url)), '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

let electron;
try {
  // The electron package exports the binary's path, and throws when the binary was never downloaded.
  electron = createRequire(import.meta.url)('electron');
} catch {
  electron = undefined;
}
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
