/**
 * The result types of `compare --test-file` (external.ts, shift.ts): plain data, no imports of the code that computes
 * them, so the renderer and the report can use them without pulling in the models.
 */

export interface ShiftResult {
  /** Out-of-fold ROC AUC of telling the two files apart (0.5 = indistinguishable). */
  readonly rocAuc: number;
  readonly folds: number;
  /** Rows used from each file (each file is capped at MAX_ROWS_PER_FILE, seeded). */
  readonly rows: { readonly main: number; readonly external: number };
  readonly verdict: 'similar' | 'noticeably different' | 'very different';
  /** The columns that separate the files most (impurity importance of the separating forest), largest first. */
  readonly columns: readonly { readonly name: string; readonly importance: number }[];
  readonly message: string;
}

export interface ExternalModelResult {
  readonly id: string;
  readonly label: string;
  /** Cross-validated primary metric (mean over folds) from the comparison. */
  readonly crossValidated: number;
  /** Every metric on the external file, for the model trained on all rows of the main file. */
  readonly metrics: Readonly<Record<string, number>>;
  /** How much worse the external score is than the cross-validated one, in the primary metric (positive = worse). */
  readonly drop: number;
}

export interface ExternalResult {
  readonly fileName: string;
  readonly sha256: string;
  /** Rows scored (after dropping rows with a missing target) and rows in the file. */
  readonly rows: number;
  readonly rowsInFile: number;
  readonly metric: string;
  readonly models: readonly ExternalModelResult[];
  readonly shift: ShiftResult;
  readonly warnings: readonly string[];
}
