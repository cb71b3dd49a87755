/**
 * Checks before training, shared by `sapling profile`, `sapling compare` and the desktop Data page: the
 * target's balance (single class: blocked; near-constant: needs confirming) and the columns that look like
 * protected attributes (a notice, and per-group error rates by default).
 */
import { cellText, isMissing, type Dataset } from './dataset.js';
import { columnsLike, detectProtected, protectedWarning, type ProtectedColumn } from './protected.js';
import { checkTargetBalance, type TargetVerdict } from './target-check.js';
import { classLabels, detectTask, featureColumns, requireColumn } from './target.js';
import { warning, type Warning } from '../util/warnings.js';

export interface PreTrainingChecks {
  readonly protected: readonly ProtectedColumn[];
  /** Classification targets only. */
  readonly target?: TargetVerdict;
  /** The notices, one line each, in the order they should be read. */
  readonly warnings: readonly Warning[];
}

export function preTrainingChecks(
  dataset: Dataset,
  targetName?: string,
  exclude: readonly string[] = [],
): PreTrainingChecks {
  const features =
    targetName !== undefined ? new Set(featureColumns(dataset, targetName, exclude).map((c) => c.name)) : undefined;
  const found = detectProtected(columnsLike(dataset)).filter((p) => p.column !== targetName);
  const warnings: Warning[] = [];
  let target: TargetVerdict | undefined;
  if (targetName !== undefined) {
    const column = requireColumn(dataset, targetName);
    if (detectTask(column) === 'classification') {
      const counts = new Map<string, number>(classLabels(column).map((l) => [l, 0]));
      const n = column.storage === 'number' ? column.values.length : column.codes.length;
      for (let i = 0; i < n; i++)
        if (!isMissing(column, i)) counts.set(cellText(column, i), counts.get(cellText(column, i))! + 1);
      target = checkTargetBalance(
        targetName,
        [...counts].map(([label, count]) => ({ label, count })),
      );
      if (target.kind !== 'ok')
        warnings.push(
          warning(target.kind === 'single-class' ? 'target-single-class' : 'target-near-constant', target.message, [
            targetName,
          ]),
        );
    }
  }
  for (const p of found)
    warnings.push(
      warning('protected-attribute', protectedWarning(p, features === undefined || features.has(p.column)), [p.column]),
    );
  return { protected: found, ...(target ? { target } : {}), warnings };
}
