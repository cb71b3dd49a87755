/**
 * The main window's size and place, remembered between runs in the user-data folder (JSON, written
 * atomically). A saved position is used only if the window would still be visible on a current display
 * (a monitor may have been unplugged); otherwise the window opens centred at its saved size.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../io/files.js';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

const schema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean(),
});

export async function loadWindowState(path: string): Promise<WindowState | undefined> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function saveWindowState(path: string, state: WindowState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * Where to open the window given the displays' work areas: the saved bounds when at least 100 × 50 px of
 * the window's top lies on one display, else centred (x/y absent) at the saved size, clamped to the display.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  const clampSize = (w: number, h: number, area: Rect | undefined) => ({
    width: Math.max(MIN_SIZE.width, Math.min(w, area?.width ?? w)),
    height: Math.max(MIN_SIZE.height, Math.min(h, area?.height ?? h)),
  });
  if (!saved) return { ...clampSize(DEFAULT_SIZE.width, DEFAULT_SIZE.height, primary), maximized: false };
  if (saved.x !== undefined && saved.y !== undefined) {
    const top: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, 50) };
    const area = workAreas.find(
      (a) => overlap(a, top).width >= Math.min(100, saved.width) && overlap(a, top).height >= Math.min(50, top.height),
    );
    if (area)
      return { x: saved.x, y: saved.y, ...clampSize(saved.width, saved.height, area), maximized: saved.maximized };
  }
  return { ...clampSize(saved.width, saved.height, primary), maximized: saved.maximized };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}
