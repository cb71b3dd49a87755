/**
 * How many positives and negatives score at or above each distinct score: what every ranking measure is computed
 * from (ROC curve and AUC, precision–recall, average precision), and the leakage check's best single threshold.
 */
/** Cumulative counts at each distinct score, highest first: true and false positives of "positive when ≥ it". */
export interface CountsByScore {
  readonly tp: Int32Array;
  readonly fp: Int32Array;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * The counts every ranking curve is drawn from (ROC, precision–recall, average precision), NaN scores skipped.
 * Each class's scores are sorted as a typed array and the two walked together from the top: at 1M out-of-fold rows
 * a comparator sort of row indices took ~0.5 s per curve.
 */
export function countsByScore(isPositive: ArrayLike<number | boolean>, scores: ArrayLike<number>): CountsByScore {
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) continue;
    if (isPositive[i]) positives++;
    else negatives++;
  }
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) continue;
    if (isPositive[i]) pos[p++] = scores[i];
    else neg[q++] = scores[i];
  }
  pos.sort();
  neg.sort();
  const tp = new Int32Array(positives + negatives);
  const fp = new Int32Array(positives + negatives);
  let groups = 0;
  let i = positives - 1;
  let j = negatives - 1;
  let t = 0;
  let f = 0;
  while (i >= 0 || j >= 0) {
    const v = Math.max(i >= 0 ? pos[i] : -Infinity, j >= 0 ? neg[j] : -Infinity);
    // −0 and +0 are one score, as a threshold sees them.
    while (i >= 0 && pos[i] === v) {
      i--;
      t++;
    }
    while (j >= 0 && neg[j] === v) {
      j--;
      f++;
    }
    tp[groups] = t;
    fp[groups] = f;
    groups++;
  }
  return { tp: tp.subarray(0, groups), fp: fp.subarray(0, groups), positives, negatives };
}
