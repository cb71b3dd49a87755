import type { LlmAnswered, LlmDecision } from '../../../../app/result/explain.js';
import { modelColor } from '../../lib/colors.js';
import { fmtMs, fmtPercent, fmtShort } from '../../lib/format.js';

/**
 * The LLM baseline on the per-decision card: its stored answer next to the models' columns, and (full width,
 * below them) the exact prompt and raw reply. The answer comes from the comparison's run; a what-if edit does
 * not ask the LLM again (it costs money), so the column then says the answer is for the file's values.
 */
export function LlmColumn({ llm, classification }: { llm: LlmAnswered; classification: boolean }) {
  const invalid = llm.prediction === null;
  return (
    <div
      className={`decision-model decision-llm${llm.stale ? ' stale' : ''}`}
      data-testid="decision-llm"
      data-prediction={llm.prediction ?? ''}
      data-stale={llm.stale}
    >
      <h3>
        <span className="swatch" style={{ background: modelColor('llm') }} aria-hidden="true" />
        {llm.label}
      </h3>
      <p className="decision-outcome">
        <strong data-testid="llm-prediction">
          {invalid
            ? llm.failed
              ? 'no answer'
              : 'invalid answer'
            : classification
              ? llm.prediction
              : fmtShort(Number(llm.prediction))}
        </strong>
        {llm.score !== null && <span className="muted"> · {fmtPercent(llm.score, 1)}</span>}
      </p>
      <p className="muted small">
        {invalid
          ? `${llm.failed ? 'The request failed after every retry' : 'The reply is not one of the labels'}; scored as wrong, never guessed. `
          : llm.score === null && classification
            ? 'No class probability: the reply came without usable token log-probabilities. '
            : classification
              ? 'Probability from the answer token’s log-probabilities. '
              : ''}
        {llm.latencyMs !== null && (
          <>
            Latency {fmtMs(llm.latencyMs)}
            {llm.cached ? ' (when first asked; replayed from the response cache)' : ''}.{' '}
          </>
        )}
        Examples from fold {llm.fold + 1}’s training rows.
      </p>
      {llm.stale && (
        <p className="llm-stale small" role="status" data-testid="llm-stale">
          The LLM is not asked again for a what-if (each question costs money): this is its answer for the file’s
          values.
        </p>
      )}
      {llm.selfReported && (
        <div className="self-reported small" data-testid="llm-self-reported-reason">
          <strong>Self-reported reason, not verified:</strong> “{llm.selfReported.reason}”
          <p className="muted">{llm.selfReported.note}</p>
        </div>
      )}
    </div>
  );
}

/** The exact conversation sent for this row and the reply as received, as the LLM saw and wrote them. */
export function LlmExchange({ llm }: { llm: LlmAnswered }) {
  return (
    <details className="llm-exchange" data-testid="llm-exchange">
      <summary>
        {llm.label}: the exact prompt ({llm.messages.length} messages) and the raw answer
      </summary>
      <h4>Prompt</h4>
      <pre className="llm-preview" data-testid="llm-card-prompt">
        {llm.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n')}
      </pre>
      <h4>Raw answer</h4>
      <pre className="llm-preview" data-testid="llm-card-answer">
        {llm.failed ? '(no answer: the request failed after every retry)' : llm.answer}
      </pre>
    </details>
  );
}

/** One line for a row outside the LLM's sample. */
export function LlmNotAskedLine({ llm }: { llm: LlmDecision }) {
  if (llm.asked) return null;
  return (
    <p className="muted small" data-testid="llm-not-asked">
      {llm.note}
    </p>
  );
}
