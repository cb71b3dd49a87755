/**
 * Plain-language names of the model parameters, for people who have not met scikit-learn: the desktop shows
 * these and keeps the technical name (what `--param model.name=value` and the JSON use) on hover. Keyed by
 * parameter name because a name means the same thing in every model that has it (test/app/models/param-labels
 * checks that every parameter of every catalog model has one).
 */
export const PARAM_LABELS: Readonly<Record<string, string>> = {
  pruning: 'Keep the tree small',
  maxDepth: 'Most questions on one path',
  minSamplesSplit: 'Fewest rows to split a node',
  minSamplesLeaf: 'Fewest rows in a leaf',
  minImpurityDecrease: 'Smallest improvement worth a split',
  maxLeaves: 'Most leaves',
  criterion: 'How splits are scored',
  classWeight: 'Weigh rare classes up',
  ccpAlpha: 'Extra pruning strength',
  maxBins: 'Value groups per number column',
  trees: 'Number of trees',
  maxFeatures: 'Columns tried at each split',
  bootstrap: 'Resample rows for each tree',
  maxSamples: 'Share of rows per tree',
  oobScore: 'Score each tree on its left-out rows',
  rounds: 'Boosting rounds',
  learningRate: 'Step size per round',
  minChildWeight: 'Smallest weight in a leaf',
  l2: 'Shrink leaf values',
  minSplitGain: 'Smallest gain worth a split',
  subsample: 'Share of rows per round',
  colsample: 'Share of columns per round',
  earlyStopping: 'Stop when it stops improving',
  validationFraction: 'Rows kept aside to decide when to stop',
  patience: 'Rounds without progress before stopping',
  rowCap: 'Most training rows (larger files are sampled)',
  C: 'Fit closeness (classes)',
  alpha: 'Simplicity pressure (numbers)',
  maxIter: 'Most solver iterations',
};

/** The plain label of a parameter, or its technical name when none is known (e.g. a newer model). */
export function paramLabel(name: string): string {
  return PARAM_LABELS[name] ?? name;
}
