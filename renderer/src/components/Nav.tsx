import type { Screen } from '../types.js';
import { BrowserFileMenu } from './BrowserFileMenu.js';

export interface StepInfo {
  readonly id: Screen;
  readonly label: string;
  readonly enabled: boolean;
  /** What the step holds, or what to do before it opens. */
  readonly hint: string;
}

/** The left stepper. Disabled steps stay focusable (aria-disabled) so their hint can be read. */
export function Nav({
  steps,
  current,
  onSelect,
}: {
  steps: readonly StepInfo[];
  current: Screen;
  onSelect: (s: Screen) => void;
}) {
  return (
    <nav className="nav" aria-label="Steps">
      <div className="brand">
        <svg className="brand-mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 22V11" stroke="#9fd8b8" strokeWidth="2" strokeLinecap="round" fill="none" />
          <path d="M12 12C12 7 9 4 3 4c0 5 3 8 9 8z" fill="#5fbf8c" />
          <path d="M12 10c0-4 3-7 9-7 0 4-3 7-9 7z" fill="#8fdcb0" />
        </svg>
        <span className="brand-name">Sapling</span>
      </div>
      <p className="brand-tag">Small tree model or LLM? Measure it on your data.</p>
      <ol className="steps">
        {steps.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className={`step${current === s.id ? ' current' : ''}`}
              aria-current={current === s.id ? 'step' : undefined}
              aria-disabled={!s.enabled || undefined}
              aria-describedby={`step-hint-${s.id}`}
              data-testid={`nav-${s.id}`}
              onClick={() => s.enabled && onSelect(s.id)}
            >
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="step-text">
                <span className="step-label">{s.label}</span>
                <span className="step-hint" id={`step-hint-${s.id}`}>
                  {s.hint}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      <BrowserFileMenu />
    </nav>
  );
}
