/**
 * The one rule for which columns can never be features, whatever the user includes: identifier-like columns (a
 * different value on every row: a model would memorise row numbers) and constant columns (nothing to learn).
 * Light on purpose — no imports — so the renderer asks this module instead of keeping its own copy of the rule.
 */

export interface TypedColumn {
  readonly name: string;
  readonly type: string;
}

/** Why this column is always left out of the features, or undefined when it can be one. */
export function autoExcludedReason(column: TypedColumn): string | undefined {
  if (column.type === 'identifier') return 'looks like a row identifier (unique per row): always left out';
  if (column.type === 'constant') return 'has a single value: always left out';
  return undefined;
}

/** Every column except the target and the always-excluded ones: the default feature set. */
export function defaultFeatureNames(columns: readonly TypedColumn[], target: string): Set<string> {
  return new Set(columns.filter((c) => c.name !== target && autoExcludedReason(c) === undefined).map((c) => c.name));
}
