// `npm start`: builds the app (out/), then starts it with Electron. Where the Electron binary is not
// installed (npm could not download it), says how to get it and how to use the command line meanwhile,
// and exits 1.
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
  console.error(`Sapling's desktop app needs the Electron binary, which is not installed here (it could not be downloaded during npm install).
  With network access, install it with:   node node_modules/electron/install.js   then run npm start again.
  Meanwhile the command line does everything the app shows, e.g.:
    npx sapling profile examples/credit_data.csv --target Status
    npx sapling compare examples/credit_data.csv --target Status --models tree,forest,linear
    npx sapling --help`);
  process.exit(1);
}

const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('close', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
