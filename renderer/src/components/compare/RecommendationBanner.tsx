import type { ModelExportFormat } from '../../../../app/ipc/contract.js';
import type { CompareResult } from '../../../../app/result/compare.js';
import type { RowId } from '../../../../app/result/pre-trained.js';
import { modelColor } from '../../lib/colors.js';
import { ExportModel } from './ExportModel.js';

interface Props {
  result: CompareResult;
  /** "Add an LLM to the comparison…" when the run had none (absent: no button). */
  onAddLlm?: () => void;
  /** "Export the recommended model" (absent: no export buttons). */
  onExportModel?: (modelId: RowId, format: ModelExportFormat) => void;
  busy?: boolean;
}

/**
 * The answer first: which model to use and why (app/answer/recommend.ts), at the top of Compare. The rule it
 * follows is one click away; the alternatives say what the others would buy.
 */
export function RecommendationBanner({ result, onAddLlm, onExportModel, busy = false }: Props) {
  const r = result.recommendation;
  if (!r) return null;
  const reasons = [...r.reasons.slice(0, -1), ...(r.timing?.reasons ?? [])];
  const ranking = r.reasons[r.reasons.length - 1];
  return (
    <section
      className={`recommendation${r.beatsBaseline ? '' : ' caution'}`}
      aria-labelledby="recommendation-heading"
      data-testid="recommendation"
      data-model-id={r.modelId}
    >
      <h2 id="recommendation-heading">
        <span className="swatch" style={{ background: modelColor(r.modelId) }} aria-hidden="true" />
        Use <span data-testid="recommended-model">{r.label}</span>
        <span className="muted small">
          {r.kind === 'winner' ? ' — the clear winner' : r.kind === 'tie' ? ' — as accurate, simpler' : ''}
        </span>
      </h2>
      <ul className="answer-reasons" data-testid="recommendation-reasons">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {/* The LLM is never recommended (it is scored on a sample), but where it stands is part of the answer. */}
      {r.llm && (
        <p className="small" data-testid="recommendation-llm">
          {r.llm.text}
        </p>
      )}
      {/* The two next steps on one line: keep the recommended model, or see whether an LLM would do better. */}
      <div className="banner-actions">
        {onExportModel && (
          <ExportModel result={result} modelId={r.modelId as RowId} busy={busy} onExport={onExportModel} />
        )}
        {!result.llm && onAddLlm && (
          <p className="add-llm small" data-testid="no-llm">
            <span className="muted">Would an LLM do better? This run had none. </span>
            <button
              type="button"
              className="button small secondary"
              onClick={onAddLlm}
              data-testid="add-llm"
              title="Opens the LLM form on Models: you see the cost estimate before anything is sent"
            >
              Add an LLM…
            </button>
          </p>
        )}
      </div>
      <details className="recommendation-more">
        <summary>How this was decided{r.alternatives.length > 0 ? ' and the alternatives' : ''}</summary>
        <p className="small">{ranking}</p>
        <p className="small" data-testid="recommendation-rule">
          Rule: {r.rule}
        </p>
        {r.alternatives.length > 0 && (
          <ul className="small">
            {r.alternatives.map((a) => (
              <li key={a.modelId}>
                <strong>{a.label}</strong>: {a.reason}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
