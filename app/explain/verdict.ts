/**
 * Is one model really better than another on the same folds?
 *
 * - Corrected resampled t-test (Nadeau & Bengio, "Inference for the Generalization Error", 2003): the
 *   per-fold score differences are not independent (training sets overlap), so the plain t-test is far
 *   too confident. The variance term is inflated from σ²/J to (1/J + n_test/n_train)·σ².
 * - Bayesian correlated t-test (Benavoli, Corani, Demšar & Zaffalon, "Time for a change", JMLR 2017; as
 *   Orange uses it): the posterior of the mean difference is a Student t with J − 1 degrees of freedom,
 *   centred on the mean difference with the same corrected scale (ρ = n_test / n, ρ/(1−ρ) = n_test/n_train).
 *   Its mass inside a region of practical equivalence [−rope, rope] is the probability that the two
 *   models are practically equivalent; the mass on each side, that one is better by more than the rope.
 *
 * J counts every train/test split (k folds × r repeats for repeated k-fold).
 */
import { studentTCdf } from '../evaluate/stats.js';
import type { PairedTest } from '../result/explain.js';
export type { PairedTest };

/**
 * `a`, `b`: per-split scores (higher = better), in the same split order. `testFraction` = n_test / n
 * (1/k for k-fold). `rope` in score units (0.01 = one accuracy point).
 */
export function pairedTest(a: readonly number[], b: readonly number[], testFraction: number, rope: number): PairedTest {
  if (a.length !== b.length) throw new Error('pairedTest: score lists differ in length');
  const d = a.map((v, i) => v - b[i]).filter((v) => !Number.isNaN(v));
  const J = d.length;
  const mean = J > 0 ? d.reduce((s, v) => s + v, 0) / J : NaN;
  const variance = J > 1 ? d.reduce((s, v) => s + (v - mean) ** 2, 0) / (J - 1) : NaN;
  const df = J - 1;
  const correction = 1 / J + testFraction / (1 - testFraction);
  const scale = Math.sqrt(correction * variance);
  if (!(J > 1) || Number.isNaN(variance)) {
    return {
      meanDifference: mean,
      splits: J,
      t: NaN,
      df,
      p: NaN,
      probabilities: { aBetter: NaN, equivalent: NaN, bBetter: NaN },
    };
  }
  if (scale === 0) {
    // Identical differences on every split: the posterior is a point mass.
    const inside = Math.abs(mean) <= rope;
    return {
      meanDifference: mean,
      splits: J,
      t: mean === 0 ? 0 : Math.sign(mean) * Infinity,
      df,
      p: mean === 0 ? 1 : 0,
      probabilities: {
        aBetter: !inside && mean > 0 ? 1 : 0,
        equivalent: inside ? 1 : 0,
        bBetter: !inside && mean < 0 ? 1 : 0,
      },
    };
  }
  const t = mean / scale;
  const p = 2 * (1 - studentTCdf(Math.abs(t), df));
  const below = studentTCdf((-rope - mean) / scale, df);
  const above = 1 - studentTCdf((rope - mean) / scale, df);
  return {
    meanDifference: mean,
    splits: J,
    t,
    df,
    p,
    probabilities: { aBetter: above, equivalent: Math.max(0, 1 - above - below), bBetter: below },
  };
}
