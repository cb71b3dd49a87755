/**
 * What the LLM's synthetic rows do for the trees: each tree model is trained again on every training fold with that
 * fold's checked synthetic rows added (the rows written from that fold's training rows), and scored on the same
 * untouched test fold as on the leaderboard. The effect is the paired per-fold difference with a t interval.
 *
 * The rows are asked for the minority class, so the effect is measured where they aim: balanced accuracy
 * (regression: R²).
 */
import type { ModelId, Params } from '../models/estimator.js';
import { selectTarget } from '../models/matrix.js';
import { fitPipeline } from '../pipeline/pipeline.js';
import { transform } from '../pipeline/preprocess.js';
import { computeMetrics } from '../evaluate/metrics.js';
import { summarize } from '../evaluate/stats.js';
import type { LlmInputs } from '../llm/inputs.js';
import type { SynthesisAsked } from '../llm/synthetic-result.js';
import { augmented } from '../llm/synthetic-rows.js';
import type { ModelResult } from '../result/compare.js';
import type { SynthesisEffect, SynthesisResult } from '../result/llm.js';
import { fmt, fmtCount } from '../util/format.js';
import { throwIfAborted } from '../util/errors.js';
import { deriveSeed } from '../util/random.js';

export async function rescoreWithSynthetic(
  inputs: LlmInputs,
  asked: SynthesisAsked,
  models: readonly ModelResult[],
  params: Partial<Record<ModelId, Params>> | undefined,
  seed: number,
  signal?: AbortSignal,
): Promise<SynthesisResult> {
  const metric = inputs.target.task === 'classification' ? 'balancedAccuracy' : 'r2';
  const effects: SynthesisEffect[] = [];
  const added = asked.folds.reduce((a, f) => a + f.rows.length, 0);
  if (added > 0)
    for (const model of models) {
      // A pre-trained model file is never re-trained: the synthetic rows cannot change it.
      if (model.preTrained) continue;
      const modelId = model.id as ModelId;
      const folds: SynthesisEffect['folds'][number][] = [];
      for (const fold of inputs.folds) {
        throwIfAborted(signal);
        const rows = asked.folds.find((f) => f.fold === fold.index)?.rows ?? [];
        const aug = augmented(inputs.dataset, inputs.target, inputs.features, rows);
        const train = Int32Array.from([...fold.train, ...aug.added]);
        // The same seed as the leaderboard's fit of this fold: the only difference is the added rows.
        const { pipeline } = await fitPipeline(aug.dataset, inputs.targetName, aug.target, inputs.features, train, {
          modelId,
          params: params?.[modelId],
          seed: deriveSeed(seed, fold.index),
          signal,
        });
        const testX = transform(pipeline.preprocessor, aug.dataset, fold.test);
        const y = selectTarget(inputs.target, fold.test);
        const predicted = pipeline.model.predict(testX);
        const synthetic = computeMetrics(y.task, y, predicted)[metric];
        folds.push({ fold: fold.index, real: model.folds[fold.index][metric], synthetic });
      }
      const d = summarize(folds.map((f) => f.synthetic - f.real));
      effects.push({
        model: model.id,
        label: model.label,
        metric,
        folds,
        real: summarize(folds.map((f) => f.real)).mean,
        synthetic: summarize(folds.map((f) => f.synthetic)).mean,
        delta: { mean: d.mean, ci95: [d.ci95[0], d.ci95[1]], n: d.n },
      });
    }
  return { ...asked.summary, effects, message: synthesisMessage(asked, effects) };
}

/** One sentence: what was written, what survived, and the best-helped model's effect with its interval. */
function synthesisMessage(asked: SynthesisAsked, effects: readonly SynthesisEffect[]): string {
  const s = asked.summary;
  const received = s.folds.reduce((a, f) => a + f.received, 0);
  const invalid = s.folds.reduce((a, f) => a + f.invalid, 0);
  const duplicates = s.folds.reduce((a, f) => a + f.duplicates, 0);
  const added = s.folds.reduce((a, f) => a + f.added, 0);
  const made = `the LLM wrote ${fmtCount(received)} rows over ${s.folds.length} training folds (${fmtCount(invalid)} invalid, ${fmtCount(duplicates)} duplicates dropped; ${fmtCount(added)} added) for ${fmt(s.cost, 4)}`;
  if (effects.length === 0) return `${made}: no row survived the checks, so no model was re-trained`;
  const best = [...effects].sort((a, b) => b.delta.mean - a.delta.mean)[0];
  const name = best.metric === 'balancedAccuracy' ? 'balanced accuracy' : best.metric;
  const points = (x: number) => `${x >= 0 ? '+' : ''}${fmt(x * 100, 1)}`;
  const ci = Number.isNaN(best.delta.ci95[0])
    ? ''
    : `, 95% CI ${points(best.delta.ci95[0])}…${points(best.delta.ci95[1])}`;
  return `${made}; best effect: ${best.label} ${points(best.delta.mean)} points ${name}${ci}`;
}
