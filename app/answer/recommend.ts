/**
 * The answer to "which model should I use?", as a rule a user can check:
 *
 *   Among the models whose primary metric is not significantly below the best model's (corrected resampled
 *   t-test, p ≥ 0.05; with one split, within the rope), recommend the easiest to explain: fewest leaves or
 *   non-zero coefficients (ties: the higher score). When no other model is within reach, the best model is
 *   a clear winner and the margin and p say by how much.
 *
 * The baseline is never a candidate; the recommendation says whether it beats the baseline. The choice and
 * `reasons` are a function of data, settings and seed (reproducible, like the rest of the result); what
 * depends on the wall clock — "14× faster per prediction" — lives in `timing`, which reproduction ignores.
 */
import type { Verdict } from '../result/explain.js';
import type { Summary } from '../result/summary.js';
import { pairedTest } from '../explain/verdict.js';
import type { Alternative, BaselineResult, Recommendation } from '../result/answer.js';
export type { Alternative, Recommendation };
import { fmtMs as ms, fmtP as pText, fmtPoints as points, fmtSig as sig, fmtTimes as times } from '../util/format.js';
import type { PrimaryMetricChoice } from './primary-metric.js';
import { sizeText, type ModelSize } from './size.js';

export const SIGNIFICANCE = 0.05;

export const RECOMMENDATION_RULE =
  'Among the models whose primary metric is not significantly below the best (corrected resampled t-test, p ≥ 0.05; ' +
  'with a single split: within the rope), recommend the easiest to explain and cheapest to keep — fewest leaves or ' +
  'non-zero coefficients — and show its measured latency next to it. The baseline is never recommended.';

export interface Candidate {
  readonly id: string;
  readonly label: string;
  readonly metrics: Readonly<Record<string, Summary>>;
  readonly folds: readonly Readonly<Record<string, number>>[];
  /** Absent in results saved before sizes were measured: such a model sorts last on size. */
  readonly size?: ModelSize;
  readonly timing: { readonly predictRowMsP50: number };
}

export interface RecommendOptions {
  readonly testFraction: number;
  readonly rope: number;
}

interface Comparison {
  readonly difference: number;
  readonly p: number;
  readonly tied: boolean;
}

export function recommend(
  models: readonly Candidate[],
  verdicts: readonly Verdict[],
  baseline: BaselineResult | undefined,
  primary: PrimaryMetricChoice,
  options: RecommendOptions,
): Recommendation | undefined {
  const metric = primary.metric;
  const scored = models.filter((m) => Number.isFinite(m.metrics[metric]?.mean));
  if (scored.length === 0) return undefined;
  const score = (m: Candidate): number => m.metrics[metric].mean;
  const name = metricName(metric);
  const best = scored.reduce((a, b) => (score(b) > score(a) ? b : a));
  const against = (a: Candidate, b: Candidate): Comparison => compareTo(a, b, verdicts, metric, options);
  const tied = scored.filter((m) => m === best || against(best, m).tied);
  const cheapest = [...tied].sort((a, b) => count(a) - count(b) || score(b) - score(a) || a.id.localeCompare(b.id))[0];
  const reasons: string[] = [];
  const timed: string[] = [];
  const alternatives: Alternative[] = [];
  let kind: Recommendation['kind'];
  if (scored.length === 1) {
    kind = 'only';
    reasons.push(`${best.label} is the only model in this run: ${name} ${sig(score(best))}.`);
  } else if (tied.length === 1) {
    kind = 'winner';
    const runnerUp = scored.filter((m) => m !== best).reduce((a, b) => (score(b) > score(a) ? b : a));
    const c = against(best, runnerUp);
    reasons.push(
      `${best.label} is clearly the most accurate: ${name} ${sig(score(best))}, ${points(c.difference)} above the next best, ` +
        `${runnerUp.label} (${sig(score(runnerUp))}; ${pText(c.p)}, corrected resampled t-test).`,
    );
    const smaller = scored.filter((m) => count(m) < count(best)).sort((a, b) => score(b) - score(a))[0];
    if (smaller) {
      alternatives.push({
        modelId: smaller.id,
        label: smaller.label,
        reason: `${points(score(best) - score(smaller))} less ${name}, but ${times(count(best), count(smaller))} smaller (${sizeText(smaller.size)}).`,
      });
    }
  } else {
    kind = 'tie';
    const others = tied.filter((m) => m !== cheapest);
    if (cheapest === best) {
      reasons.push(
        `${best.label} has the highest ${name} (${sig(score(best))}) and is the smallest of the ${tied.length} models that ` +
          `tie for first place (${others.map((m) => `${m.label} ${sig(score(m))}`).join(', ')}).`,
      );
    } else {
      const c = against(best, cheapest);
      reasons.push(
        `${cheapest.label} is as accurate as the best: ${name} ${sig(score(cheapest))} against ${best.label}'s ${sig(score(best))} ` +
          `(${points(c.difference)} apart, ${pText(c.p)}: not a significant difference).`,
      );
      reasons.push(
        `It is ${times(count(best), count(cheapest))} smaller: ${sizeText(cheapest.size)} against ${sizeText(best.size)}.`,
      );
      timed.push(`It is ${speed(best, cheapest)} than ${best.label}.`);
    }
    for (const m of others) {
      const c = m === best ? against(best, cheapest) : against(best, m);
      alternatives.push({
        modelId: m.id,
        label: m.label,
        reason:
          m === best
            ? `The highest ${name} (${sig(score(m))}), if ${points(c.difference)} matter more than size: ${sizeText(m.size)}.`
            : `Ties with the best (${name} ${sig(score(m))}, ${pText(c.p)}): ${sizeText(m.size)}.`,
      });
    }
  }
  const chosen = kind === 'tie' ? cheapest : best;
  let beatsBaseline = true;
  if (baseline && Number.isFinite(baseline.metrics[metric]?.mean)) {
    const base = baseline.metrics[metric].mean;
    const test = pairedTest(
      chosen.folds.map((f) => f[metric]),
      baseline.folds.map((f) => f[metric]),
      options.testFraction,
      options.rope,
    );
    const margin = score(chosen) - base;
    beatsBaseline = margin > 0 && (Number.isFinite(test.p) ? test.p < SIGNIFICANCE : margin > options.rope);
    reasons.push(
      beatsBaseline
        ? `It beats the ${baseline.label.toLowerCase()} (${name} ${sig(base)}: ${baseline.rule}) by ${points(margin)} (${pText(test.p)}).`
        : `Caution: it does not clearly beat the ${baseline.label.toLowerCase()} (${name} ${sig(base)}: ${baseline.rule}; ` +
            `${margin >= 0 ? `${points(margin)} above` : `${points(margin)} below`}, ${pText(test.p)}): the features may say little about the target.`,
    );
  }
  reasons.push(`Ranked by ${primary.reason}.`);
  return {
    modelId: chosen.id,
    label: chosen.label,
    kind,
    rule: RECOMMENDATION_RULE,
    reasons,
    alternatives,
    beatsBaseline,
    timing: { reasons: timed },
  };
}

/** Uses the run's verdict for the pair (same test the Compare page shows); computes it when absent. */
function compareTo(
  a: Candidate,
  b: Candidate,
  verdicts: readonly Verdict[],
  metric: string,
  options: RecommendOptions,
): Comparison {
  const difference = a.metrics[metric].mean - b.metrics[metric].mean;
  const verdict = verdicts.find(
    (v) => v.metric === metric && ((v.a === a.id && v.b === b.id) || (v.a === b.id && v.b === a.id)),
  );
  const p =
    verdict?.p ??
    pairedTest(
      a.folds.map((f) => f[metric]),
      b.folds.map((f) => f[metric]),
      options.testFraction,
      options.rope,
    ).p;
  const tied = Number.isFinite(p) ? p >= SIGNIFICANCE : Math.abs(difference) <= options.rope;
  return { difference, p, tied };
}

function count(m: Candidate): number {
  return m.size?.count ?? Infinity;
}

function speed(slow: Candidate, fast: Candidate): string {
  const a = slow.timing.predictRowMsP50;
  const b = fast.timing.predictRowMsP50;
  if (!(a > 0 && b > 0)) return 'its latency was not measured';
  return b <= a
    ? `${times(a, b)} faster per prediction (${ms(b)} against ${ms(a)})`
    : `${times(b, a)} slower per prediction (${ms(b)} against ${ms(a)})`;
}

function metricName(metric: string): string {
  return metric === 'balancedAccuracy' ? 'balanced accuracy' : metric === 'r2' ? 'R²' : metric;
}
