// postinstall: fetch Electron's binary where the network allows it, warn (never fail) where it does not.
//
// package.json sets "allowScripts": {"electron": false} so that `npm install` / `npm ci` succeed on machines
// that cannot reach Electron's download host (CI, air-gapped analysts). That also skips Electron's own
// postinstall, so we run it here ourselves: users with internet still get a working Electron from a plain
// `npm install`. The core, the CLI and the tests do not need the binary.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let installScript;
try {
  installScript = require.resolve('electron/install.js');
} catch {
  process.exit(0); // electron is a devDependency; absent in production installs
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
const electronDir = installScript.replace(/install\.js$/, '');
if (existsSync(`${electronDir}path.txt`)) process.exit(0); // already installed

const result = spawnSync(process.execPath, [installScript], { cwd: electronDir, encoding: 'utf8', timeout: 300_000 });
if (result.status !== 0) {
  const reason =
    `${result.stderr ?? ''}${result.stdout ?? ''}`.match(/(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN)[^\n]*/)?.[0] ??
    `exit code ${result.status}`;
  console.warn(
    `\nsapling: warning: could not download the Electron binary (${reason.trim()}).\n` +
      '  The command line (npx sapling) and the tests work without it; the desktop app needs it.\n' +
      '  With network access, run: node node_modules/electron/install.js\n',
  );
}
