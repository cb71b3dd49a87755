/**
 * The application menu as a template (plain data plus click callbacks), so its commands and shortcuts are
 * unit-tested without Electron. main/index.ts passes it to Menu.buildFromTemplate.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../app/ipc/contract.js';
import type { StoredRecentFile as RecentFile } from './handlers/recent.js';
import { PERMUTATION_IMPORTANCE_URL, SURVEY_URL } from './security.js';

export interface MenuOptions {
  readonly platform: string;
  /** Reload and developer tools appear only in development builds. */
  readonly isDev: boolean;
  readonly recentFiles: readonly RecentFile[];
  /** Sends a MenuCommand to the renderer (MENU_EVENT). */
  readonly send: (command: MenuCommand) => void;
  /** Asks the renderer to open a file (OPEN_PATH_EVENT). */
  readonly openPath: (path: string) => void;
  /** Opens an https link the app offers (shell.openExternal behind isAllowedExternalUrl). */
  readonly openExternal: (url: string) => void;
}

export const VIEW_SHORTCUTS: readonly {
  readonly label: string;
  readonly command: MenuCommand;
  readonly accelerator: string;
}[] = [
  { label: 'Data', command: 'show-data', accelerator: 'CmdOrCtrl+1' },
  { label: 'Models', command: 'show-models', accelerator: 'CmdOrCtrl+2' },
  { label: 'Compare', command: 'show-compare', accelerator: 'CmdOrCtrl+3' },
  { label: 'Inspect', command: 'show-inspect', accelerator: 'CmdOrCtrl+4' },
];

export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] =
    o.recentFiles.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : o.recentFiles.map((f) => ({ label: f.fileName, toolTip: f.path, click: () => o.openPath(f.path) }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => o.send('open-file') },
      { label: 'Open Recent', submenu: recent },
      { label: 'Open Model…', click: () => o.send('open-model') },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+Shift+O', click: () => o.send('open-project') },
      { label: 'Save Project', accelerator: 'CmdOrCtrl+Shift+S', click: () => o.send('save-project') },
      { label: 'Save Project As…', click: () => o.send('save-project-as') },
      { type: 'separator' },
      { label: 'Export Comparison as JSON…', accelerator: 'CmdOrCtrl+S', click: () => o.send('export-result') },
      { label: 'Export Report as HTML…', click: () => o.send('export-report-html') },
      { label: 'Export Report as PDF…', click: () => o.send('export-report-pdf') },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...VIEW_SHORTCUTS.map((v): MenuItemConstructorOptions => ({
        label: v.label,
        accelerator: v.accelerator,
        click: () => o.send(v.command),
      })),
      { type: 'separator' },
      ...(o.isDev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Small Models in the LLM Era (the survey behind Sapling)', click: () => o.openExternal(SURVEY_URL) },
      { label: 'About Permutation Importance', click: () => o.openExternal(PERMUTATION_IMPORTANCE_URL) },
    ],
  };

  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    help,
  ];
}
