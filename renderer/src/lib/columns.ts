/** Which columns are features by default (the core's rule, app/data/feature-rule.ts), and why the others are not. */

export { autoExcludedReason, defaultFeatureNames } from '../../../app/data/feature-rule.js';

/** The warnings that mention a column by name (the core quotes names as 'name'). */
export function warningsAbout(column: string, warnings: readonly string[]): string[] {
  return warnings.filter((w) => w.includes(`'${column}'`));
}

/** A leakage warning: one feature alone predicts the target suspiciously well. */
export function isLeakageWarning(warning: string): boolean {
  return /leak/i.test(warning);
}
