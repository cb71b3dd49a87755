/**
 * The LLM's side of a comparison on the Compare step: what was asked and what it cost, the cascade curve
 * (each model answers when sure enough, the LLM answers the rest) and the distilled surrogate tree.
 */
import { Fragment } from 'react';
import type { CompareResult } from '../../../../app/result/compare.js';
import { fmt, fmtCount, fmtMs, fmtPercent } from '../../lib/format.js';
import { CascadeChart } from './CascadeChart.js';
import { SynthesisResults } from './SynthesisResults.js';

export function LlmResults({ result }: { result: CompareResult }) {
  const llm = result.llm;
  if (!llm) {
    return (
      <p className="muted small" data-testid="llm-hint">
        No LLM in this comparison. To put one next to the trees, set it up under “LLM baseline” on the Models step.
      </p>
    );
  }
  const s = llm.settings;
  const labels = new Map<string, string>(result.models.map((m) => [m.id, m.label]));
  return (
    <section className="card" aria-labelledby="llm-result-heading" data-testid="llm-results">
      <h2 id="llm-result-heading">{llm.label}</h2>
      <dl className="facts">
        <dt>Asked</dt>
        <dd>
          {fmtCount(llm.sampleRows)} sampled test rows ({llm.folds.map((f) => f.rows.length).join(' + ')} per fold),{' '}
          {s.shots}-shot, “{s.template}” template, via {s.provider} at {s.baseUrl}
        </dd>
        {llm.pooledAccuracy && (
          <>
            <dt>Accuracy on the sample</dt>
            <dd>
              {fmt(llm.pooledAccuracy.value)} (95% interval {fmt(llm.pooledAccuracy.ci95[0])}–
              {fmt(llm.pooledAccuracy.ci95[1])}, n = {llm.pooledAccuracy.n})
            </dd>
          </>
        )}
        <dt>Invalid answers</dt>
        <dd data-testid="llm-invalid">
          {llm.invalidAnswers}
          {llm.truncatedAnswers > 0 ? ` (${llm.truncatedAnswers} cut off at the token limit)` : ''}
          {llm.failedRows > 0 ? ` + ${llm.failedRows} failed requests` : ''} ({fmtPercent(llm.invalidAnswerRate)}),
          scored as wrong
        </dd>
        <dt>Probabilities</dt>
        <dd>{llm.probabilities}</dd>
        <dt>Requests and tokens</dt>
        <dd>
          {fmtCount(llm.requests)} requests, {fmtCount(llm.cachedResponses)} answers from the cache;{' '}
          {fmtCount(llm.tokensIn)} tokens in, {fmtCount(llm.tokensOut)} out
        </dd>
        <dt>Cost</dt>
        <dd data-testid="llm-cost">
          {fmt(llm.estimatedCostPer1000, 4)} per 1,000 predictions; this run {fmt(llm.runCost, 4)} (at{' '}
          {s.prices.inputPer1M} / {s.prices.outputPer1M} per 1M tokens in / out)
        </dd>
        <dt>Latency</dt>
        <dd>
          p50 {fmtMs(llm.timing.latencyMsP50)}, p95 {fmtMs(llm.timing.latencyMsP95)} per row;{' '}
          {fmt(llm.timing.rowsPerSecond, 1)} rows/s at concurrency {s.concurrency}
        </dd>
        {llm.importance && (
          <>
            <dt>Permutation importance</dt>
            <dd data-testid="llm-importance">
              {[...llm.importance.permutation]
                .sort((a, b) => b.mean - a.mean)
                .map((e) => `${e.feature} ${fmt(e.mean)}`)
                .join(', ')}{' '}
              ({llm.importance.metric} drop when the feature is shuffled among {llm.importance.rows} rows)
            </dd>
          </>
        )}
        {llm.contamination && (
          <>
            <dt>Memorised?</dt>
            <dd
              data-testid="llm-contamination"
              className={llm.contamination.verdict === 'memorised' ? 'warning-text' : undefined}
            >
              {llm.contamination.message}
            </dd>
          </>
        )}
        {(llm.variants ?? []).map((v) => (
          <Fragment key={v.id}>
            <dt>{v.label}</dt>
            <dd data-testid={`llm-variant-${v.variant}`}>
              {v.pooledAccuracy ? `accuracy ${fmt(v.pooledAccuracy.value)} (n = ${v.pooledAccuracy.n}); ` : ''}
              {fmtCount(v.tokensIn)} tokens in, {fmt(v.estimatedCostPer1000, 4)} per 1,000 predictions
              {v.vsPlain
                ? `; ${v.vsPlain.accuracyDelta >= 0 ? '+' : ''}${fmt(v.vsPlain.accuracyDelta * 100, 1)} points vs the plain prompt on the same rows (McNemar p = ${fmt(v.vsPlain.p, 3)})`
                : ''}
              . <span className="muted small">{v.description}</span>
            </dd>
          </Fragment>
        ))}
        {llm.determinism && (
          <>
            <dt>Determinism</dt>
            <dd>
              {fmtPercent(llm.determinism.agreement)} of {llm.determinism.rows} rows asked twice got the same answer
            </dd>
          </>
        )}
      </dl>
      {llm.selfReported && (
        <details className="self-reported" data-testid="llm-self-reported">
          <summary>
            The model’s own reasons for {llm.selfReported.rows.length} answers — self-reported, not verified
          </summary>
          <p className="muted small">{llm.selfReported.note}</p>
          <ul className="rules">
            {llm.selfReported.rows.map((r) => (
              <li key={r.row}>
                row {r.row + 1} → <strong>{r.answer}</strong>: “{r.reason}”
              </li>
            ))}
          </ul>
        </details>
      )}
      {llm.synthesis && <SynthesisResults synthesis={llm.synthesis} />}
      {result.cascade && result.cascade.length > 0 && <CascadeChart curves={result.cascade} labels={labels} />}
      {result.distilled && (
        <div className="distilled" data-testid="llm-distilled">
          <h3>What the LLM does, as a tree</h3>
          {'skipped' in result.distilled ? (
            <p className="muted">{result.distilled.skipped}</p>
          ) : (
            <>
              <p className="muted small">
                A depth-{result.distilled.maxDepth} decision tree trained on the LLM’s {result.distilled.rows} answers
                (not the true labels). Fidelity — agreement with the LLM on rows it did not learn from:{' '}
                <strong>{fmt(result.distilled.fidelity)}</strong>.
              </p>
              <ul className="rules">
                {result.distilled.rules.map((r) => (
                  <li key={r}>
                    <code>{r}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
