/**
 * The LLM baseline on the Models step: provider settings (the key is write-only — main keeps it and
 * never sends it back), "Test connection", whether to include the LLM in the next comparison, the
 * estimate for this dataset and split, and the template editor with a live preview of the exact prompt
 * for a chosen row.
 */
import { useEffect, useState } from 'react';
import type { LlmEstimate, LlmPromptPreview, LlmSettingsView, LlmUserSettings } from '../../../../app/ipc/contract.js';
import {
  DEFAULT_BASE_URL,
  DEFAULT_INSTRUCTIONS,
  LLM_DEFAULTS,
  LLM_PROVIDERS,
  TEMPLATE_KINDS,
  type LlmProvider,
  type TemplateKind,
} from '../../../../app/settings/llm.js';
import { fmt, fmtCount } from '../../lib/format.js';

export interface LlmPanelProps {
  view: LlmSettingsView | null;
  enabled: boolean;
  onEnable: (on: boolean) => void;
  onSave: (settings: LlmUserSettings, apiKey: string | undefined, clearKey: boolean) => Promise<boolean>;
  onTest: () => Promise<{ ok: boolean; message: string } | null>;
  estimate: LlmEstimate | null;
  estimating: boolean;
  /** Rows of the file, for the preview's row picker. */
  rows: number;
  onPreview: (
    row: number,
    template: TemplateKind,
    instructions: string,
    shots: number,
  ) => Promise<LlmPromptPreview | null>;
  busy: boolean;
}

const blank = (): LlmUserSettings => ({
  provider: 'openai',
  baseUrl: DEFAULT_BASE_URL.openai,
  model: '',
  inputPer1M: 0,
  outputPer1M: 0,
  sampleRows: LLM_DEFAULTS.sampleRows,
  shots: LLM_DEFAULTS.shots,
  template: LLM_DEFAULTS.template,
  instructions: DEFAULT_INSTRUCTIONS,
});

/** Raw text per numeric field, so a half-typed number is not reset while editing. */
type Draft = Omit<LlmUserSettings, 'inputPer1M' | 'outputPer1M' | 'sampleRows' | 'shots'> & {
  inputPer1M: string;
  outputPer1M: string;
  sampleRows: string;
  shots: string;
};

const toDraft = (s: LlmUserSettings): Draft => ({
  ...s,
  inputPer1M: String(s.inputPer1M),
  outputPer1M: String(s.outputPer1M),
  sampleRows: String(s.sampleRows),
  shots: String(s.shots),
});

function fromDraft(d: Draft): { settings?: LlmUserSettings; problem?: string } {
  const num = (text: string) => (text.trim() === '' ? NaN : Number(text));
  const settings = {
    ...d,
    inputPer1M: num(d.inputPer1M),
    outputPer1M: num(d.outputPer1M),
    sampleRows: num(d.sampleRows),
    shots: num(d.shots),
    model: d.model.trim(),
    baseUrl: d.baseUrl.trim(),
  };
  if (settings.model === '') return { problem: 'Enter the model name.' };
  if (!(settings.inputPer1M >= 0) || !(settings.outputPer1M >= 0)) return { problem: 'Prices must be numbers ≥ 0.' };
  if (!Number.isInteger(settings.sampleRows) || settings.sampleRows < 1)
    return { problem: 'Sample rows must be a whole number ≥ 1.' };
  if (!Number.isInteger(settings.shots) || settings.shots < 0 || settings.shots > 64)
    return { problem: 'Examples must be a whole number from 0 to 64.' };
  if (!settings.instructions.includes('{row}'))
    return { problem: 'The instructions must contain {row}, where the record goes.' };
  return { settings };
}

export function LlmPanel({
  view,
  enabled,
  onEnable,
  onSave,
  onTest,
  estimate,
  estimating,
  rows,
  onPreview,
  busy,
}: LlmPanelProps) {
  const [draft, setDraft] = useState<Draft>(toDraft(view?.settings ?? blank()));
  const [key, setKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const [previewRow, setPreviewRow] = useState('1');
  const [preview, setPreview] = useState<LlmPromptPreview | null>(null);
  useEffect(() => {
    if (view?.settings) setDraft(toDraft(view.settings));
  }, [view?.settings]);

  const parsed = fromDraft(draft);
  const configured = view?.settings !== null && view?.settings !== undefined;
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(null);
  };

  // Live preview: the exact conversation for the chosen row, re-built as the template is edited.
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

  const save = async () => {
    if (!parsed.settings) return;
    setSaving(true);
    const ok = await onSave(parsed.settings, key === '' ? undefined : key, false);
    setSaving(false);
    if (ok) {
      setKey('');
      setSaved('Saved.');
    }
  };

  return (
    <section className="card llm-card" aria-labelledby="llm-heading" data-testid="llm-panel">
      <h2 id="llm-heading">LLM baseline</h2>
      <p className="muted small">
        Ask an LLM the same question on a sample of the same test rows, and compare accuracy, latency and money. The key
        stays in the main process: it is never shown again, written to results or sent to this window.
      </p>
      <div className="settings-grid llm-grid">
        <div className="field">
          <label htmlFor="llm-provider">Provider</label>
          <select
            id="llm-provider"
            value={draft.provider}
            disabled={busy}
            onChange={(e) => {
              const provider = e.target.value as LlmProvider;
              set({
                provider,
                ...(Object.values(DEFAULT_BASE_URL).includes(draft.baseUrl)
                  ? { baseUrl: DEFAULT_BASE_URL[provider] }
                  : {}),
              });
            }}
          >
            {LLM_PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p === 'openai'
                  ? 'OpenAI-compatible (OpenAI, Azure, vLLM, llama.cpp, LM Studio)'
                  : 'Ollama (native API)'}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="llm-base-url">Base URL</label>
          <input
            id="llm-base-url"
            type="url"
            value={draft.baseUrl}
            disabled={busy}
            onChange={(e) => set({ baseUrl: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="llm-model">Model</label>
          <input
            id="llm-model"
            type="text"
            value={draft.model}
            disabled={busy}
            onChange={(e) => set({ model: e.target.value })}
            placeholder="e.g. gpt-4o-mini or llama3.1"
          />
        </div>
        <div className="field">
          <label htmlFor="llm-key">API key</label>
          <input
            id="llm-key"
            type="password"
            autoComplete="off"
            value={key}
            disabled={busy}
            onChange={(e) => {
              setKey(e.target.value);
              setSaved(null);
            }}
            placeholder={view?.key === 'none' || !view ? 'not needed for a local server' : 'saved — type to replace'}
            aria-describedby="llm-key-help"
          />
          <span className="help" id="llm-key-help" data-testid="llm-key-storage">
            {view?.key === 'encrypted' && 'A key is saved, encrypted by the operating system’s keychain.'}
            {view?.key === 'plain-text' && (
              <strong className="inline-error">
                A key is saved in plain text: this system offers no encrypted storage.
              </strong>
            )}
            {(view?.key ?? 'none') === 'none' &&
              (view?.encryptionAvailable === false ? (
                <strong className="inline-error">
                  This system offers no encrypted storage: a key you save here is kept in plain text in Sapling’s
                  settings folder.
                </strong>
              ) : (
                'No key saved. A key you save is encrypted by the operating system’s keychain.'
              ))}
          </span>
          {view && view.key !== 'none' && (
            <button
              type="button"
              className="button small"
              disabled={busy || !parsed.settings}
              onClick={() => parsed.settings && void onSave(parsed.settings, undefined, true)}
            >
              Forget the key
            </button>
          )}
        </div>
        <div className="field">
          <label htmlFor="llm-price-in">Price per 1M input tokens</label>
          <input
            id="llm-price-in"
            type="number"
            min={0}
            step="any"
            value={draft.inputPer1M}
            disabled={busy}
            onChange={(e) => set({ inputPer1M: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="llm-price-out">Price per 1M output tokens</label>
          <input
            id="llm-price-out"
            type="number"
            min={0}
            step="any"
            value={draft.outputPer1M}
            disabled={busy}
            onChange={(e) => set({ outputPer1M: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="llm-sample">Test rows asked (per run)</label>
          <input
            id="llm-sample"
            type="number"
            min={1}
            value={draft.sampleRows}
            disabled={busy}
            onChange={(e) => set({ sampleRows: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="llm-shots">Examples per prompt (k-shot)</label>
          <input
            id="llm-shots"
            type="number"
            min={0}
            max={64}
            value={draft.shots}
            disabled={busy}
            onChange={(e) => set({ shots: e.target.value })}
          />
        </div>
      </div>

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

      {parsed.problem && <p className="inline-error">{parsed.problem}</p>}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy || saving || !parsed.settings}
          onClick={() => void save()}
          data-testid="llm-save"
        >
          Save LLM settings
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || testing || !configured}
          onClick={() => {
            setTesting(true);
            void onTest().then((r) => {
              setTest(r);
              setTesting(false);
            });
          }}
          data-testid="llm-test"
        >
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {saved && <span className="muted small">{saved}</span>}
      </div>
      {test && (
        <p className={test.ok ? 'ok-text' : 'inline-error'} data-testid="llm-test-result">
          {test.message}
        </p>
      )}

      <label className="model-toggle llm-toggle">
        <input
          type="checkbox"
          checked={enabled}
          disabled={busy || !configured}
          onChange={(e) => onEnable(e.target.checked)}
          data-testid="llm-enable"
        />
        <span>Include the LLM in the comparison{configured ? '' : ' (save the settings first)'}</span>
      </label>
      {enabled && (
        <p className="llm-estimate" data-testid="llm-estimate">
          {estimating || !estimate
            ? 'Estimating…'
            : `Estimate: ${fmtCount(estimate.requests)} requests (${fmtCount(estimate.cachedRequests)} already cached), ~${fmtCount(estimate.tokensIn)} tokens in, ≤${fmtCount(estimate.tokensOut)} out, cost ${fmt(estimate.cost, 4)}, about ${fmt(estimate.minutes, 1)} min.`}
        </p>
      )}
    </section>
  );
}
