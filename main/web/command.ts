/**
 * `sapling ui [file.csv] [--port N] [--host 127.0.0.1] [--no-open]`: the desktop workbench in the browser you
 * have. Builds out/ when it is missing or older than the sources, starts the compute worker and the server
 * (main/web/server.ts), prints the URL with its per-start token and opens the default browser.
 * bin/sapling.js sends `ui` here (cli/ may not import main/: this command serves main's handlers).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SaplingError } from '../../app/util/errors.js';
import { findChromium, printHtmlToPdf } from '../../io/pdf.js';
import { createWorkerBackend } from '../compute/worker-backend.js';
import { DATA_FILE_EXTENSIONS } from '../handlers/index.js';
import { isLoopbackHost } from './gate.js';
import { startUiServer, type UiServer } from './server.js';
import { terminalText } from '../../app/util/terminal-text.js';

export const UI_USAGE = 'sapling ui [file.csv] [--port N] [--host 127.0.0.1] [--no-open]';
export const UI_SUMMARY = 'the desktop workbench in your browser, served on this machine (127.0.0.1)';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Sapling's settings folder as Electron names it (productName "Sapling"), with a folder of its own for browser mode. */
export function defaultUserDataDir(env = process.env, platform = process.platform, home = homedir()): string {
  if (env.SAPLING_USER_DATA_DIR) return env.SAPLING_USER_DATA_DIR;
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'Sapling', 'browser');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds out/ (renderer and worker bundles) when it is missing or older than the sources it comes from. */
export function ensureBuilt(root = ROOT, write: (line: string) => void = (l) => process.stderr.write(l)): void {
  const built = [join(root, 'out/renderer/index.html'), join(root, 'out/main/worker.cjs')];
  const missing = built.some((p) => !existsSync(p));
  const sources = ['renderer', 'app', 'main', 'io'].map((d) => join(root, d)).filter((d) => existsSync(d));
  const stale =
    !missing &&
    existsSync(join(root, 'scripts/build.mjs')) &&
    Math.max(...sources.map(newestMtime)) > Math.min(...built.map((p) => statSync(p).mtimeMs));
  if (!missing && !stale) return;
  if (!existsSync(join(root, 'scripts/build.mjs')))
    throw new SaplingError('BAD_INPUT', `the built app is missing (${built.join(', ')}) and cannot be built here`);
  write(`sapling ui: building the app (${missing ? 'first run' : 'sources changed'})…\n`);
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0)
    throw new SaplingError('BAD_INPUT', 'the build failed (see above); fix it or run npm run build');
}

/** Report → PDF with this machine's Chromium or Chrome (io/browser.ts), as `sapling compare --pdf` does. */
export async function printWithChromium(html: string): Promise<Uint8Array> {
  const chromium = findChromium();
  if (chromium === undefined)
    throw new SaplingError(
      'BAD_INPUT',
      'PDF export in the browser prints with a Chromium or Chrome on this machine, and none was found (set SAPLING_CHROMIUM to one); export the HTML report and print it from your browser instead',
    );
  const dir = await mkdtemp(join(tmpdir(), 'sapling-ui-pdf-'));
  try {
    await writeFile(join(dir, 'report.html'), html);
    await printHtmlToPdf(chromium, join(dir, 'report.html'), join(dir, 'report.pdf'));
    return new Uint8Array(await readFile(join(dir, 'report.pdf')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Opens `url` in the default browser; false when no opener could be started (the URL is printed anyway). */
export function openInBrowser(url: string, platform = process.platform): Promise<boolean> {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  return new Promise((done) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', () => done(false));
      child.once('spawn', () => {
        child.unref();
        done(true);
      });
    } catch {
      done(false);
    }
  });
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new SaplingError('BAD_PARAMETER', `--port must be a whole number from 0 to 65535, got '${value}'`);
  return port;
}

/** A data file from the command line: it must exist and be a CSV/TSV. */
function dataFile(arg: string | undefined): string | undefined {
  if (arg === undefined) return undefined;
  const path = resolve(arg);
  if (!DATA_FILE_EXTENSIONS.includes(extname(path).slice(1).toLowerCase()))
    throw new SaplingError('BAD_PARAMETER', `${arg} is not a CSV or TSV file (.${DATA_FILE_EXTENSIONS.join(', .')})`);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new SaplingError('BAD_INPUT', `cannot open ${arg}: there is no such file`);
  return path;
}

export interface UiRun {
  readonly server: UiServer;
  /** Resolves with the exit code once the server stopped (Ctrl-C, SIGTERM). */
  readonly stopped: Promise<number>;
}

export async function uiCommand(
  argv: string[],
  io: { out: (text: string) => void; err: (text: string) => void } = {
    // File names on the command line and in messages reach the terminal only as visible escapes (terminalText).
    out: (t) => process.stdout.write(terminalText(t)),
    err: (t) => process.stderr.write(terminalText(t)),
  },
): Promise<UiRun | number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new SaplingError(
      'BAD_PARAMETER',
      `${(error as Error).message.replace(/\. To specify.*$/s, '')}\nusage: ${UI_USAGE}`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${UI_USAGE}\n  ${UI_SUMMARY}\n`);
    return 0;
  }
  if (positionals.length > 1)
    throw new SaplingError('BAD_PARAMETER', `ui opens one file at a time\nusage: ${UI_USAGE}`);
  const file = dataFile(positionals[0]);
  const port = parsePort(values.port);
  const host = values.host ?? '127.0.0.1';
  if (values.host !== undefined && !isLoopbackHost(host))
    io.err(
      `sapling ui: WARNING: listening on ${host}, not only on this machine. Anyone who can reach it and learns the URL (its token) can use Sapling as you, over unencrypted HTTP. Prefer the default 127.0.0.1 with SSH port forwarding (ssh -L).\n`,
    );
  ensureBuilt(ROOT, io.err);

  const worker = (name: string): URL => pathToFileURL(join(ROOT, 'out/main', name));
  const log = (message: string): void => io.err(`${message}\n`);
  const compute = createWorkerBackend({
    url: worker('worker.cjs'),
    workerData: { engineThreads: availableParallelism(), engineWorker: worker('engine-worker.cjs').href },
    log,
  });
  const userDataDir = defaultUserDataDir();
  await mkdir(userDataDir, { recursive: true, mode: 0o700 });
  let server: UiServer;
  try {
    server = await startUiServer({
      rendererDir: join(ROOT, 'out/renderer'),
      samplesDir: join(ROOT, 'examples'),
      userDataDir,
      compute,
      host,
      hostExplicit: values.host !== undefined,
      port,
      printToPdf: printWithChromium,
      log,
    });
  } catch (error) {
    await compute.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new SaplingError(
        'BAD_PARAMETER',
        `port ${port} is in use; pick another with --port, or --port 0 for any free one`,
      );
    if (code === 'EADDRNOTAVAIL') throw new SaplingError('BAD_PARAMETER', `${host} is not an address of this machine`);
    throw error;
  }
  if (file) server.openPath(file);
  io.out(`Sapling is running at ${server.url}\n`);
  io.err(`(open that URL in a browser on this machine; it includes this run's access token. Ctrl-C stops Sapling.)\n`);
  if (!values['no-open'] && !(await openInBrowser(server.url)))
    io.err('sapling ui: could not start a browser here; open the URL above yourself\n');

  const stopped = new Promise<number>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.err('sapling ui: stopping\n');
      void Promise.allSettled([server.close(), compute.close()]).then(() => done(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return { server, stopped };
}

/** bin/sapling.js's entry for `sapling ui`: errors the user can fix become one `error:` line and exit code 1. */
export async function runUi(argv: string[]): Promise<number> {
  try {
    const run = await uiCommand(argv);
    return typeof run === 'number' ? run : await run.stopped;
  } catch (error) {
    if (error instanceof SaplingError) {
      process.stderr.write(terminalText(`error: ${error.message}\n`));
      return 1;
    }
    throw error;
  }
}
