/**
 * An LLM run's answers → its result: the same metrics as the trees per fold (invalid answers scored as wrong, never
 * guessed), pooled accuracy with a Wilson interval, tokens, cost, latency and notes.
 */
import {
  brier,
  CLASSIFICATION_METRICS,
  computeMetrics,
  logLoss,
  REGRESSION_METRICS,
  rocAuc,
} from '../evaluate/metrics.js';
import { percentile, summarize } from '../evaluate/stats.js';
import type { Target } from '../models/matrix.js';
import { selectTarget } from '../models/matrix.js';
import type { LlmEstimate, LlmResult, LlmRowAnswer } from '../result/llm.js';
import type { Summary } from '../result/summary.js';
import type { LlmSettings } from '../settings/llm.js';
import type { LlmInputs } from './inputs.js';
import type { LlmFoldSample } from './sample.js';
import { costOf } from './variant-result.js';

export interface RunFacts {
  readonly estimate: LlmEstimate;
  readonly requests: number;
  readonly runCost: number;
  readonly wallSeconds: number;
  readonly failures: readonly string[];
  readonly determinism: LlmResult['determinism'];
  readonly importance: LlmResult['importance'];
  readonly selfReported: LlmResult['selfReported'];
}

export function summarizeRun(
  inputs: LlmInputs,
  settings: LlmSettings,
  samples: readonly LlmFoldSample[],
  answers: readonly LlmRowAnswer[],
  facts: RunFacts,
): LlmResult {
  const { target } = inputs;
  const notes: string[] = [];
  const foldMetrics: Record<string, number>[] = [];
  const k = target.task === 'classification' ? target.classes.length : 0;
  const confusion = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  const probaMissing = answers.some((a) => a.proba === null);
  let correct = 0;
  for (const s of samples) {
    const rows = answers.filter((a) => a.fold === s.fold);
    if (rows.length === 0) continue;
    const y = selectTarget(
      target,
      Int32Array.from(rows, (a) => a.row),
    );
    if (y.task === 'classification') {
      // Invalid answers are one more label, "(invalid)", never equal to the truth: wrong for accuracy,
      // a miss for recall, and a label with F1 0 in the macro mean — as scikit-learn scores an out-of-set prediction.
      const predicted = Float64Array.from(rows, (a) => a.answer ?? k);
      const extended: Target = { task: 'classification', codes: y.codes, classes: [...y.classes, '(invalid)'] };
      const m: Record<string, number> = { ...computeMetrics('classification', extended, predicted) };
      rows.forEach((a, i) => {
        confusion[y.codes[i]][a.answer ?? k]++;
        if (a.answer === y.codes[i]) correct++;
      });
      if (!probaMissing) {
        const proba = new Float64Array(rows.length * k);
        rows.forEach((a, i) => proba.set(a.proba!, i * k));
        m.rocAuc = rocAuc(y.codes, proba, k);
        m.logLoss = logLoss(y.codes, proba, k);
        m.brier = brier(y.codes, proba, k);
      }
      foldMetrics.push(pick(m, CLASSIFICATION_METRICS));
    } else {
      const valid = rows.flatMap((a, i) => (a.answer === null ? [] : [i]));
      const yValid = selectTarget(y, valid);
      const m = computeMetrics(
        'regression',
        yValid,
        Float64Array.from(valid, (i) => rows[i].answer!),
      );
      foldMetrics.push(pick(m, REGRESSION_METRICS));
    }
  }
  const metricNames = target.task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  const metrics = Object.fromEntries(metricNames.map((name) => [name, toSummary(foldMetrics.map((f) => f[name]))]));
  const invalid = answers.filter((a) => a.answer === null && !a.failed).length;
  const truncated = answers.filter((a) => a.truncated).length;
  if (truncated > 0)
    notes.push(
      `${truncated} of the ${invalid} invalid answers were cut off at the token limit (finish_reason "length"), not wrong labels`,
    );
  const failed = answers.filter((a) => a.failed).length;
  if (target.task === 'regression' && invalid + failed > 0)
    notes.push(
      `regression metrics cover the ${answers.length - invalid - failed} rows with a numeric answer; ${invalid + failed} rows had none`,
    );
  if (failed > 0)
    notes.push(`${failed} rows got no answer after all retries (scored as wrong); first: ${facts.failures[0]}`);
  let probabilities = 'available';
  if (target.task === 'regression') probabilities = 'not applicable (regression)';
  else if (!settings.logprobs) probabilities = 'unavailable: log-probabilities were not requested';
  else if (probaMissing)
    probabilities = `unavailable: ${answers.filter((a) => a.proba === null).length} of ${answers.length} answers came without usable token log-probabilities, so ROC AUC, log loss and Brier are not reported`;
  const tokensIn = answers.reduce((a, r) => a + r.tokensIn, 0);
  const tokensOut = answers.reduce((a, r) => a + r.tokensOut, 0);
  const answered = answers.filter((a) => !a.failed);
  const costAll = costOf(answers, settings);
  const latencies = answered.map((a) => a.latencyMs);
  const { secondsPerRequestGuess: _guess, ...recorded } = settings;
  const n = answers.length;
  return {
    id: 'llm',
    label: `LLM (${settings.model})`,
    settings: recorded,
    sampleRows: n,
    folds: samples.map((s) => ({ fold: s.fold, rows: Array.from(s.rows), shotRows: Array.from(s.shotRows) })),
    metrics,
    foldMetrics,
    ...(target.task === 'classification'
      ? {
          pooledAccuracy: { value: n === 0 ? NaN : correct / n, ci95: wilson(correct, n), n },
          confusionMatrix: confusion,
        }
      : {}),
    probabilities,
    requests: facts.requests,
    cachedResponses: answers.filter((a) => a.cached).length,
    failedRows: failed,
    invalidAnswers: invalid,
    truncatedAnswers: truncated,
    invalidAnswerRate: n === 0 ? NaN : (invalid + failed) / n,
    tokensIn,
    tokensOut,
    runCost: facts.runCost,
    estimatedCostPer1000: answered.length === 0 ? NaN : (costAll / answered.length) * 1000,
    determinism: facts.determinism,
    importance: facts.importance,
    selfReported: facts.selfReported,
    estimate: facts.estimate,
    notes,
    timing: {
      latencyMsP50: percentile(latencies, 50),
      latencyMsP95: percentile(latencies, 95),
      rowsPerSecond: facts.wallSeconds > 0 ? n / facts.wallSeconds : NaN,
      wallSeconds: facts.wallSeconds,
    },
  };
}

function pick(m: Record<string, number>, names: readonly string[]): Record<string, number> {
  return Object.fromEntries(names.map((name) => [name, m[name]]));
}

function toSummary(values: number[]): Summary {
  const s = summarize(values);
  return { mean: s.mean, std: s.std, ci95: [s.ci95[0], s.ci95[1]], n: s.n };
}

/** Wilson score interval for a proportion (95%): honest for small samples and proportions near 0 or 1. */
export function wilson(successes: number, n: number): [number, number] {
  if (n === 0) return [NaN, NaN];
  const z = 1.959963984540054;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
