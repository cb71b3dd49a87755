// `npm run build`: bundles the Electron main process, the preload, the compute worker and the tree engine's
// worker into out/main/ (CommonJS, .cjs because package.json says "type": "module"), then builds the renderer
// into out/renderer/ with Vite (renderer/vite.config.ts).
// Usage: node scripts/build.mjs [--quiet] [--skip-renderer] [--main-out <dir>]   (--main-out: tests bundle main elsewhere)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');
const skipRenderer = process.argv.includes('--skip-renderer');
const mainOutFlag = process.argv.indexOf('--main-out');
const mainOut = mainOutFlag > 0 ? process.argv[mainOutFlag + 1] : `${root}/out/main`;
const started = Date.now();

// Electron 41 ships Node 24 and Chromium 146.
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
  logLevel: 'warning',
  legalComments: 'none',
  // The sources are ESM and use import.meta.url to find their neighbours; in a CJS bundle that is this file's URL.
  define: { 'import.meta.url': '__sapling_import_meta_url' },
  banner: { js: "const __sapling_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

rmSync(mainOut, { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'main/index.ts', worker: 'main/worker/worker.ts', 'engine-worker': 'io/engine-worker.ts' },
    outdir: mainOut,
    platform: 'node',
    target: 'node22',
    sourcemap: true,
  }),
  // The sandboxed preload gets only a tiny `require` (electron, events, timers, url): it must bundle to `require("electron")` alone.
  build({
    ...common,
    entryPoints: { preload: 'main/preload/index.ts' },
    outdir: mainOut,
    platform: 'browser',
    target: 'chrome130',
    banner: {},
    define: {},
  }),
]);
const preload = readFileSync(`${mainOut}/preload.cjs`, 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
if (required.some((name) => name !== 'electron')) {
  console.error(
    `build: the preload must require only "electron", but it requires: ${[...new Set(required)].join(', ')}`,
  );
  process.exit(1);
}

if (!skipRenderer) {
  if (!existsSync(`${root}/renderer/index.html`)) {
    console.error('build: renderer/index.html is missing, so there is no renderer to build');
    process.exit(1);
  }
  const vite = spawnSync(
    process.execPath,
    [
      `${root}/node_modules/vite/bin/vite.js`,
      'build',
      '--config',
      'renderer/vite.config.ts',
      ...(quiet ? ['--logLevel', 'warn'] : []),
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
if (!quiet)
  console.log(
    `build: out/main (main, preload, worker, engine-worker)${skipRenderer ? '' : ' and out/renderer'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
