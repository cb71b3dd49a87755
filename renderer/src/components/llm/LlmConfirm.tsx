/** The confirmation before a comparison whose LLM part costs money: what it will send and cost, then go or stop. */
import type { LlmEstimate } from '../../../../app/ipc/contract.js';
import { fmt, fmtCount } from '../../lib/format.js';

export function LlmConfirm({ estimate, onAnswer }: { estimate: LlmEstimate; onAnswer: (go: boolean) => void }) {
  const paid = estimate.requests - estimate.cachedRequests;
  return (
    <div className="llm-confirm" role="alertdialog" aria-labelledby="llm-confirm-text" data-testid="llm-confirm">
      <p id="llm-confirm-text">
        The LLM part will send {fmtCount(paid)} request{paid === 1 ? '' : 's'} ({fmtCount(estimate.cachedRequests)}{' '}
        answers come from the cache) for an estimated <strong>{fmt(estimate.cost, 4)}</strong> at your prices, taking
        about {fmt(estimate.minutes, 1)} min. Go ahead?
      </p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => onAnswer(true)} data-testid="llm-confirm-go">
          Run with the LLM
        </button>
        <button type="button" className="button" onClick={() => onAnswer(false)}>
          Not now
        </button>
      </div>
    </div>
  );
}
