/**
 * How often each pair of models gives the same answer on held-out rows (app/evaluate/prediction-agreement.ts):
 * where models that score alike still disagree, the choice between them matters for individual decisions.
 */
export interface PredictionAgreement {
  /** 'same-class': share of rows with the same predicted class; 'correlation': Pearson r of the predictions (regression). */
  readonly measure: 'same-class' | 'correlation';
  /** Row ids in matrix order (the models of the leaderboard, first repeat's out-of-fold predictions). */
  readonly ids: readonly string[];
  readonly labels: readonly string[];
  /** Symmetric, 1 on the diagonal; null where it is undefined (a model predicting a constant, for correlation). */
  readonly matrix: readonly (readonly (number | null)[])[];
  /** Held-out rows compared (rows every model predicted). */
  readonly rows: number;
}
