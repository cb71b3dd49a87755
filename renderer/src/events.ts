/**
 * Named app events for the end-to-end tests (never make a test sleep), documented in test/e2e/README.md.
 *
 * - The event names are app/ipc/app-events.ts's APP_EVENTS (shared with main and the tests):
 *   `window.dispatchEvent(new CustomEvent('sapling:<name>', { detail }))`, fired after the DOM shows it.
 * - `document.body.dataset.state`: 'starting' | 'idle' | 'loading' | 'profiling' | 'training' | 'inspecting'.
 * - `window.saplingEvents`: every event fired so far ({ name, detail }, name with its 'sapling:' prefix), so a
 *   test that starts waiting late still sees an event that already happened.
 */
import { APP_EVENTS, type AppEventName } from '../../app/ipc/app-events.js';

export { APP_EVENTS };
export type AppEventKey = keyof typeof APP_EVENTS;

export type AppState = 'starting' | 'idle' | 'loading' | 'profiling' | 'training' | 'exporting' | 'inspecting';

export interface AppEventRecord {
  readonly name: AppEventName;
  readonly detail: unknown;
}

declare global {
  interface Window {
    saplingEvents?: AppEventRecord[];
  }
}

export function setAppState(state: AppState): void {
  if (document.body.dataset.state !== state) document.body.dataset.state = state;
}

export function emitAppEvent(key: AppEventKey, detail: unknown = {}): void {
  const name = APP_EVENTS[key];
  (window.saplingEvents ??= []).push({ name, detail });
  window.dispatchEvent(new CustomEvent(name, { detail }));
}
