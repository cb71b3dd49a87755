/**
 * The one home of Sapling's warnings: a code per cause, the message a person reads, and the columns it is about.
 * Producers (ingest, profile, checks before training, folds, models, the LLM part) make them with `warning()`;
 * the CLI and the report print `message`; the desktop decides by `code` and `columns` — never by matching the
 * text — which notice to show where, and drops a notice once its cause is gone (e.g. the leaking or protected
 * column was excluded from the features).
 */

export const WARNING_CODES = {
  'encoding-guessed': 'the file is not UTF-8 and was read as Windows-1252',
  'column-excluded': 'an identifier-like, constant or empty column, left out of the features',
  'number-out-of-range': 'a number beyond ±1.8e308 made its column text',
  'target-rows-dropped': 'rows whose target is missing were dropped',
  'class-fewer-rows-than-folds': 'a class has fewer rows than there are folds',
  leakage: 'one feature alone predicts the target suspiciously well',
  'target-near-constant': 'nearly every row has the same target value',
  'target-single-class': 'the target has a single class',
  'protected-attribute': 'a column looks like a protected attribute (race, sex, age …)',
  'model-note': 'something a model reported about its fit',
  'pre-trained-overlap': 'a pre-trained model may have seen some of the rows it is scored on',
  'llm-note': 'something the LLM part reported',
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

export interface Warning {
  readonly code: WarningCode;
  readonly message: string;
  /** The columns the warning is about (for leakage: the feature); absent when it is about the whole file or run. */
  readonly columns?: readonly string[];
}

export function warning(code: WarningCode, message: string, columns?: readonly string[]): Warning {
  return columns && columns.length > 0 ? { code, message, columns: [...columns] } : { code, message };
}

/** Warnings about a feature: their cause is gone once the user leaves the column out of the features. */
const ABOUT_FEATURES: ReadonlySet<WarningCode> = new Set(['leakage', 'protected-attribute']);

/** The warnings whose cause is still there, given which columns are features now. */
export function liveWarnings<W extends Warning>(warnings: readonly W[], isFeature: (column: string) => boolean): W[] {
  return warnings.filter((w) => !ABOUT_FEATURES.has(w.code) || w.columns === undefined || w.columns.some(isFeature));
}
