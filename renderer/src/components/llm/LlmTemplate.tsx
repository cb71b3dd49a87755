/**
 * The LLM prompt template editor: how a row is written (sentences, a list, JSON), the instructions, and a
 * live preview of the exact conversation for a chosen row, re-built as the template is edited.
 */
import { useEffect, useState } from 'react';
import type { LlmPromptPreview } from '../../../../app/ipc/contract.js';
import { TEMPLATE_KINDS, type TemplateKind } from '../../../../app/settings/llm.js';
import type { Draft } from './llm-draft.js';
import type { LlmPanelProps } from './LlmPanel.js';

interface Props extends Pick<LlmPanelProps, 'rows' | 'onPreview' | 'busy'> {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
}

export function LlmTemplate({ draft, set, rows, onPreview, busy }: Props) {
  const [previewRow, setPreviewRow] = useState('1');
  const [preview, setPreview] = useState<LlmPromptPreview | null>(null);
  const row = Number(previewRow) - 1;
  const shots = Number(draft.shots);
  useEffect(() => {
    if (
      !Number.isInteger(row) ||
      row < 0 ||
      row >= rows ||
      !draft.instructions.includes('{row}') ||
      !Number.isInteger(shots) ||
      shots < 0 ||
      shots > 64
    )
      return;
    let live = true;
    const timer = setTimeout(() => {
      void onPreview(row, draft.template, draft.instructions, shots).then((p) => {
        if (live) setPreview(p);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [row, rows, draft.template, draft.instructions, shots, onPreview]);

  return (
    <details className="llm-template" open>
      <summary>Prompt template</summary>
      <div className="field">
        <label htmlFor="llm-template">Row as</label>
        <select
          id="llm-template"
          value={draft.template}
          disabled={busy}
          onChange={(e) => set({ template: e.target.value as TemplateKind })}
        >
          {TEMPLATE_KINDS.map((t) => (
            <option key={t} value={t}>
              {t === 'text'
                ? 'sentences: “The Age is 41.” (TabLLM)'
                : t === 'list'
                  ? 'a list: “- Age: 41”'
                  : 'JSON: {"Age": 41}'}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="llm-instructions">Instructions ({'{task} {row} {target} {classes}'})</label>
        <textarea
          id="llm-instructions"
          rows={4}
          value={draft.instructions}
          disabled={busy}
          onChange={(e) => set({ instructions: e.target.value })}
        />
      </div>
      <div className="field inline">
        <label htmlFor="llm-preview-row">Preview for row</label>
        <input
          id="llm-preview-row"
          type="number"
          min={1}
          max={rows}
          value={previewRow}
          onChange={(e) => setPreviewRow(e.target.value)}
        />
        {preview && (
          <span className="muted small">in test fold {preview.fold + 1}; examples from its training rows</span>
        )}
      </div>
      <pre className="llm-preview" data-testid="llm-preview" aria-live="polite">
        {preview
          ? preview.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n')
          : 'Choose a row to see the exact prompt.'}
      </pre>
    </details>
  );
}
