/** FitNotes shared by several models: what the user should know about how a model was trained. */
import type { FitNote } from './estimator.js';
import type { Target } from './matrix.js';

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function subsampleNote(used: number, total: number, what = 'trained on a stratified subsample of'): FitNote {
  return {
    message: `${what} ${formatCount(used)} of ${formatCount(total)} rows (ml-cart is O(n²) per node; the engine models tree, forest and boost train on all rows)`,
  };
}

/** A one-class target is fitted (the model predicts that class with probability 1), but the user is told. */
export function singleClassNote(y: Target): FitNote | undefined {
  if (y.task !== 'classification') return undefined;
  const first = y.codes[0];
  if (!y.codes.every((c) => c === first)) return undefined;
  return { message: `the training data has only one class ('${y.classes[first]}'), so the model always predicts it` };
}
