/** The two shapes every result section summarizes numbers in: a metric over folds, and a feature's importance. */
export interface Summary {
  readonly mean: number;
  readonly std: number;
  /** 95% interval of the mean over folds (Student t). With one split (holdout) std and ci95 are NaN (null in JSON). */
  readonly ci95: readonly [number, number];
  /** Folds that gave a value (e.g. ROC AUC is undefined on a fold missing a class). */
  readonly n: number;
}

export interface ImportanceEntry {
  readonly feature: string;
  readonly mean: number;
  readonly std: number;
}
