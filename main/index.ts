/**
 * Sapling's Electron main process, kept thin: one window, the security rules of main/security.ts, the IPC
 * handlers of main/handlers (heavy work in a worker thread), the menu, recent files and window bounds.
 * Bundled by scripts/build.mjs to out/main/main.cjs (package.json "main").
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import type { WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANNELS } from '../app/ipc/contract.js';
import { MENU_EVENT, OPEN_PATH_EVENT, PROGRESS_EVENT, channelsArgument } from '../app/ipc/bridge.js';
import type { MenuCommand } from '../app/ipc/contract.js';
import type { StoredRecentFile } from './handlers/recent.js';
import { createFileGrants } from './handlers/file-grants.js';
import { serveAsset } from './app-protocol.js';
import { createWorkerBackend } from './compute/worker-backend.js';
import { DATA_FILE_EXTENSIONS, createHandlers, grantDroppedPath } from './handlers/index.js';
import { registerIpc } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { printHtmlToPdf } from './print.js';
import {
  APP_ENTRY_URL,
  APP_LOCATION,
  APP_SCHEME,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  locationOf,
} from './security.js';
import type { AppLocation } from './security.js';
import { MIN_SIZE, WINDOW_STATE_FILE, loadWindowState, placeWindow, saveWindowState } from './window-state.js';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const isDev = !app.isPackaged;
const log = (message: string): void => console.error(message);

// Tests point the user-data folder at a temporary one; development may serve the renderer from a dev server.
if (process.env.SAPLING_USER_DATA_DIR) app.setPath('userData', process.env.SAPLING_USER_DATA_DIR);
const devServerUrl = isDev ? process.env.SAPLING_RENDERER_URL : undefined;
const entryUrl = devServerUrl ?? APP_ENTRY_URL;
const appLocation: AppLocation = devServerUrl ? locationOf(devServerUrl) : APP_LOCATION;

app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | undefined;
/** Set when the user quits: a window closing for the quit resumes it once its state is saved. */
let quitting = false;
/** Files the OS asked us to open before the window could take them. */
const pendingPaths: string[] = [];
/** The data files the user chose; the renderer opens them by token only (main/handlers/file-grants.ts). */
const grants = createFileGrants();

function send(channel: string, payload: unknown): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
}

function openPath(path: string): void {
  if (mainWindow) {
    send(OPEN_PATH_EVENT, grants.grant(path));
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  } else {
    pendingPaths.push(path);
  }
}

/** CSV/TSV files named on a command line (`sapling data.csv`, or a second launch), as absolute paths. */
function dataFileArgs(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((a) => !a.startsWith('-') && DATA_FILE_EXTENSIONS.some((ext) => a.toLowerCase().endsWith(`.${ext}`)))
    .map((a) => resolve(cwd, a))
    .filter((path) => existsSync(path));
}

/** A bundled worker script; worker_threads cannot run one from inside app.asar, so electron-builder.yml unpacks them. */
function workerScript(name: string): URL {
  return pathToFileURL(join(here, name).replace(`app.asar${sep}`, `app.asar.unpacked${sep}`));
}

/** Navigation, new windows, webviews and permissions: everything not the app itself is refused. */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, appLocation)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appLocation)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Creates the window (it becomes `mainWindow` at once, before its page loads). */
async function createWindow(): Promise<BrowserWindow> {
  const statePath = join(app.getPath('userData'), WINDOW_STATE_FILE);
  const placed = placeWindow(
    await loadWindowState(statePath),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...(placed.x !== undefined && placed.y !== undefined ? { x: placed.x, y: placed.y } : {}),
    width: placed.width,
    height: placed.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Sapling',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // The preload exposes one function per call; it cannot bundle the contract, so it gets the names here.
      additionalArguments: [channelsArgument(CHANNELS)],
    },
  });
  win.once('ready-to-show', () => {
    if (placed.maximized) win.maximize();
    win.show();
  });
  win.webContents.once('did-finish-load', () => {
    // The preload keeps open-path events until the renderer subscribes.
    for (const path of pendingPaths.splice(0)) win.webContents.send(OPEN_PATH_EVENT, grants.grant(path));
  });
  // Remember the bounds: the close waits once for the (atomic) write, then closes — or quits, if that was the request.
  let saved = false;
  win.on('close', (event) => {
    if (saved) return;
    event.preventDefault();
    const bounds = win.getNormalBounds();
    saveWindowState(statePath, { ...bounds, maximized: win.isMaximized() })
      .catch((error: unknown) => log(`sapling: could not save the window state: ${String(error)}`))
      .finally(() => {
        saved = true;
        if (quitting) app.quit();
        else win.close();
      });
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  mainWindow = win;
  await win.loadURL(entryUrl);
  return win;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of dataFileArgs(argv, workingDirectory)) openPath(path);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPath(path);
  });
  pendingPaths.push(...dataFileArgs(process.argv, process.cwd()));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('before-quit', () => {
    quitting = true;
  });

  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, (request) => serveAsset(join(here, '../renderer'), request.url));

  const compute = createWorkerBackend({
    url: workerScript('worker.cjs'),
    workerData: { engineThreads: availableParallelism(), engineWorker: workerScript('engine-worker.cjs').href },
    log,
  });
  const samplesDir = app.isPackaged ? join(process.resourcesPath, 'examples') : join(app.getAppPath(), 'examples');
  const setMenu = (recentFiles: readonly StoredRecentFile[]): void => {
    const template = buildMenuTemplate({
      platform: process.platform,
      isDev,
      recentFiles,
      send: (command: MenuCommand) => send(MENU_EVENT, command),
      openPath,
      openExternal: (url) => {
        if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  const handlers = createHandlers({
    compute,
    samplesDir,
    userDataDir: app.getPath('userData'),
    showOpenDialog: async () => {
      const options = {
        title: 'Open a CSV file',
        properties: ['openFile' as const],
        filters: [{ name: 'CSV or TSV', extensions: [...DATA_FILE_EXTENSIONS] }],
      };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    showOpenModelDialog: async () => {
      const options = {
        title: 'Open a Sapling model file (from sapling train or sapling import)',
        properties: ['openFile' as const],
        filters: [{ name: 'Sapling model', extensions: ['json'] }],
      };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    showOpenProjectDialog: async () => {
      const options = {
        title: 'Open a Sapling project',
        properties: ['openFile' as const],
        filters: [{ name: 'Sapling project', extensions: ['sapling'] }],
      };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    printToPdf: printHtmlToPdf,
    showSaveDialog: async (defaultName) => {
      // The file type follows the proposed name: a comparison (.json), a report (.html, .pdf) or a project (.sapling).
      const ext = defaultName.split('.').pop() ?? 'json';
      const kinds: Record<string, [string, string]> = {
        json: ['Export the comparison as JSON', 'JSON'],
        html: ['Export the report as HTML', 'HTML report'],
        pdf: ['Export the report as PDF', 'PDF'],
        sapling: ['Save the project', 'Sapling project'],
        onnx: ['Export the model as ONNX', 'ONNX model'],
        sql: ['Export the model as one SQL query', 'SQL'],
        model: ['Export the model as a Sapling model file', 'Sapling model'],
      };
      const [title, name] = kinds[defaultName.endsWith('.model.json') ? 'model' : ext] ?? kinds.json;
      const options = { title, defaultPath: defaultName, filters: [{ name, extensions: [ext] }] };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    progress: (event) => send(PROGRESS_EVENT, event),
    log,
    grants,
    onRecentFilesChanged: setMenu,
    secrets: {
      // On Linux without a keyring, safeStorage "encrypts" with a hard-coded password ('basic_text'): that is plain text in effect, so say so.
      isEncryptionAvailable: () =>
        safeStorage.isEncryptionAvailable() &&
        (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
      encryptString: (plain) => safeStorage.encryptString(plain),
      decryptString: (encrypted) => safeStorage.decryptString(Buffer.from(encrypted)),
    },
  });
  registerIpc(
    ipcMain,
    handlers,
    (frame) => isTrustedSender(frame, appLocation),
    log,
    (path) => grantDroppedPath(grants, path),
  );
  const recent = await handlers.listRecent({});
  setMenu(recent.ok ? recent.value : []);

  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void compute.close();
  });
}

main().catch((error: unknown) => {
  log(`sapling: failed to start\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  app.exit(1);
});
