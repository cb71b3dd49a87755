/**
 * Named app events: DOM CustomEvents the renderer dispatches on `window` when something the user waits
 * for has happened. The end-to-end tests wait on these instead of sleeping (test/e2e/README.md), and
 * they double as hooks for accessibility announcements. The renderer dispatches them with
 * `window.dispatchEvent(new CustomEvent(APP_EVENTS.datasetLoaded, { detail }))`; `detail` is described
 * next to each name. Pure constants: safe to import from the renderer, main and tests.
 */
export const APP_EVENTS = {
  /** The first screen is interactive (samples and recent files listed). detail: {} */
  ready: 'sapling:ready',
  /** A dataset finished loading and its Data view shows. detail: { datasetId, fileName, rows } */
  datasetLoaded: 'sapling:dataset-loaded',
  /** The target changed and its profile (class balance, warnings) shows. detail: { datasetId, target } */
  targetProfiled: 'sapling:target-profiled',
  /** A comparison started. detail: { operationId } */
  compareStarted: 'sapling:compare-started',
  /** A model's folds are all scored during a comparison and its row shows in the partial leaderboard (results as
   * they come). detail: { operationId, modelId, models: string[] (the rows shown, in the order they finished), of } */
  modelScored: 'sapling:model-scored',
  /** A comparison finished and the Compare view shows its leaderboard. detail: { runId } */
  compareDone: 'sapling:compare-done',
  /** A loadDataset or runCompare was cancelled by the user. detail: { operationId } */
  cancelled: 'sapling:cancelled',
  /** Curves for a model are drawn. detail: { runId, modelId } */
  curvesShown: 'sapling:curves-shown',
  /** The Inspect view shows a row. detail: { runId, row } */
  rowInspected: 'sapling:row-inspected',
  /** The per-decision card shows every model's decision for a row (after Inspect, or after a what-if edit).
   * detail: { runId, row, edited: string[], predictions: { [modelId]: prediction }, scores: { [modelId]: number },
   * llm?: { asked: true, prediction: string | null, stale: boolean } | { asked: false } (present when the run had an LLM) } */
  rowExplained: 'sapling:row-explained',
  /** The visible view changed. detail: { view: 'data' | 'models' | 'compare' | 'inspect' } */
  viewChanged: 'sapling:view-changed',
  /** The comparison was exported through the save dialog. detail: { runId, path } */
  resultExported: 'sapling:result-exported',
  /** The explanation report was written through the save dialog. detail: { runId, format: 'html' | 'pdf', path, bytes } */
  reportExported: 'sapling:report-exported',
  /** A model file was opened for the comparison ("Open model…"). detail: { id, fileName, model } */
  modelFileOpened: 'sapling:model-file-opened',
  /** A model of a run was exported through the save dialog. detail: { runId, modelId, format, path, bytes } */
  modelExported: 'sapling:model-exported',
  /** The project was saved. detail: { path, runs } */
  projectSaved: 'sapling:project-saved',
  /** A project was opened (its data file loading starts next). detail: { path, runs, dataNote } */
  projectOpened: 'sapling:project-opened',
  /** An error is shown to the user. detail: IpcError ({ code, message, location? }) */
  error: 'sapling:error',
} as const;

export type AppEventName = (typeof APP_EVENTS)[keyof typeof APP_EVENTS];

export const APP_EVENT_NAMES: readonly AppEventName[] = Object.values(APP_EVENTS);
