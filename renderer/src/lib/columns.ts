/** Which columns are features by default (the core's rule, app/data/feature-rule.ts), and why the others are not. */
import type { Warning } from '../../../app/util/warnings.js';

export { autoExcludedReason, defaultFeatureNames } from '../../../app/data/feature-rule.js';

/** The warnings about a column (by the columns the core names in each warning, app/util/warnings.ts). */
export function warningsAbout(column: string, warnings: readonly Warning[]): Warning[] {
  return warnings.filter((w) => w.columns?.includes(column) ?? false);
}

/** A leakage warning: one feature alone predicts the target suspiciously well. */
export function isLeakageWarning(warning: Warning): boolean {
  return warning.code === 'leakage';
}
