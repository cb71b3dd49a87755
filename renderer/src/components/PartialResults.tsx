import { CLASSIFICATION_METRICS, REGRESSION_METRICS, type MetricName } from '../../../app/evaluate/metrics.js';
import { Leaderboard } from './compare/Leaderboard.js';
import type { PartialRun } from '../types.js';

/**
 * Results as they come: while a comparison runs, the leaderboard of the models whose folds are all scored (ranked
 * like the final one); after a cancel, what had finished. Explanations, verdicts and the recommendation need every
 * model, so they come with the full result on the Compare screen.
 */
export function PartialResults({ run }: { run: PartialRun }) {
  const { partial, cancelled } = run;
  const metrics: readonly MetricName[] =
    partial.task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  const n = partial.models.length;
  const heading = cancelled
    ? `Cancelled: ${n} of ${partial.of} models had finished`
    : `So far: ${n} of ${partial.of} models scored`;
  return (
    <section
      className="card partial-results"
      aria-labelledby="partial-heading"
      data-testid="partial-results"
      data-state={cancelled ? 'cancelled' : 'running'}
    >
      <div className="card-head">
        <h2 id="partial-heading">{heading}</h2>
        <span className="muted small">
          {cancelled
            ? 'These rows are from the models that finished before the cancel; nothing was saved. Train again for the full comparison.'
            : 'Each row appears when its model’s folds are scored; explanations, verdicts and the recommendation follow when every model is done.'}
        </span>
      </div>
      <Leaderboard models={partial.models} metrics={metrics} metric={partial.primaryMetric as MetricName} />
    </section>
  );
}
