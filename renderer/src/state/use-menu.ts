/** The application menu's commands (main/menu.ts sends them; renderer acts on the current state). */
import { useEffect } from 'react';
import type { MenuCommand } from '../../../app/ipc/contract.js';
import { bridge, hasBridge } from '../bridge.js';
import type { Screen } from '../types.js';
import { useLatest } from './use-latest.js';

export interface MenuActions {
  readonly openFile: () => Promise<void>;
  /** "Open model…": a pre-trained model file for the comparison. */
  readonly openModel: () => Promise<void>;
  readonly exportResult: () => Promise<void>;
  readonly exportReport: (format: 'html' | 'pdf') => Promise<void>;
  readonly saveProject: (saveAs?: boolean) => Promise<void>;
  readonly openProject: () => Promise<void>;
  /** Opens a step (ignored when it is disabled). */
  readonly go: (screen: Screen) => void;
}

const SCREEN_OF: Partial<Record<MenuCommand, Screen>> = {
  'show-data': 'data',
  'show-models': 'models',
  'show-compare': 'compare',
  'show-inspect': 'inspect',
};

export function useMenuCommands(actions: MenuActions): void {
  // Subscribed once; each command runs with the actions of the latest render.
  const latest = useLatest(actions);
  useEffect(() => {
    if (!hasBridge()) return;
    return bridge().onMenuCommand((command: MenuCommand) => {
      const a = latest.current;
      const screen = SCREEN_OF[command];
      if (screen !== undefined) a.go(screen);
      else if (command === 'open-file') void a.openFile();
      else if (command === 'open-model') void a.openModel();
      else if (command === 'export-result') void a.exportResult();
      else if (command === 'export-report-html') void a.exportReport('html');
      else if (command === 'export-report-pdf') void a.exportReport('pdf');
      else if (command === 'save-project') void a.saveProject();
      else if (command === 'save-project-as') void a.saveProject(true);
      else if (command === 'open-project') void a.openProject();
    });
  }, [latest]);
}
