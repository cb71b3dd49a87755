/** Which columns are features by default, and why the others are not. */
import type { Warning } from '../../../app/util/warnings.js';

export interface ColumnLike {
  readonly name: string;
  readonly type: string;
}

/** Sapling's core always leaves identifier-like and constant columns out of the features. */
export function autoExcludedReason(column: ColumnLike): string | undefined {
  if (column.type === 'identifier') return 'looks like a row identifier (unique per row): always left out';
  if (column.type === 'constant') return 'has a single value: always left out';
  return undefined;
}

/** Every column except the target and the always-excluded ones. */
export function defaultIncluded(columns: readonly ColumnLike[], target: string): Set<string> {
  return new Set(columns.filter((c) => c.name !== target && autoExcludedReason(c) === undefined).map((c) => c.name));
}

/** The warnings about a column (by the columns the core names in each warning, app/util/warnings.ts). */
export function warningsAbout(column: string, warnings: readonly Warning[]): Warning[] {
  return warnings.filter((w) => w.columns?.includes(column) ?? false);
}

/** A leakage warning: one feature alone predicts the target suspiciously well. */
export function isLeakageWarning(warning: Warning): boolean {
  return warning.code === 'leakage';
}
