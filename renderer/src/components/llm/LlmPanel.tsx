/**
 * The LLM baseline on the Models step: provider settings (the key is write-only — main keeps it and
 * never sends it back), "Test connection", whether to include the LLM in the next comparison, the
 * estimate for this dataset and split, and the template editor with a live preview of the exact prompt
 * for a chosen row.
 *
 * Optional, so it stays out of the way: folded to one line until the user opens it (or an LLM is already
 * configured), and silent — no "Enter the model name." — until the user has typed something or pressed Save.
 */
import { LLM_FIELDS } from '../../../../app/settings/llm-fields.js';
import { useEffect, useRef, useState } from 'react';
import type { LlmEstimate, LlmPromptPreview, LlmSettingsView, LlmUserSettings } from '../../../../app/ipc/contract.js';
import { DEFAULT_BASE_URL, LLM_PROVIDERS, type LlmProvider, type TemplateKind } from '../../../../app/settings/llm.js';
import { fmt, fmtCount } from '../../lib/format.js';
import { blank, fromDraft, toDraft, type Draft } from './llm-draft.js';
import { LlmKeyField } from './LlmKeyField.js';
import { LlmTemplate } from './LlmTemplate.js';

export interface LlmPanelProps {
  view: LlmSettingsView | null;
  enabled: boolean;
  onEnable: (on: boolean) => void;
  onSave: (settings: LlmUserSettings, apiKey: string | undefined, clearKey: boolean) => Promise<boolean>;
  onTest: () => Promise<{ ok: boolean; message: string } | null>;
  /** The estimate for the form as it is (before saving); nothing is sent to the LLM. */
  onEstimateDraft: (settings: LlmUserSettings) => Promise<LlmEstimate | null>;
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
  /** Open the form (e.g. "Add an LLM" on Compare): each new value opens it once, filling `prefill` if nothing is saved. */
  openRequest?: { readonly seq: number; readonly prefill: LlmUserSettings } | null;
}

export function LlmPanel({
  view,
  enabled,
  onEnable,
  onSave,
  onTest,
  onEstimateDraft,
  estimate,
  estimating,
  rows,
  onPreview,
  busy,
  openRequest,
}: LlmPanelProps) {
  const [draft, setDraft] = useState<Draft>(toDraft(view?.settings ?? blank()));
  const [open, setOpen] = useState(false);
  // Problems are shown once the user has edited a field or tried to save, never for a form never touched.
  const [touched, setTouched] = useState(false);
  const [key, setKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [testing, setTesting] = useState(false);
  useEffect(() => {
    if (view?.settings) {
      setDraft(toDraft(view.settings));
      setOpen(true);
    }
  }, [view?.settings]);
  const requestSeq = openRequest?.seq;
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (requestSeq === undefined || !openRequest) return;
    setOpen(true);
    if (!view?.settings) setDraft(toDraft(openRequest.prefill));
    // After the screen change has focused its heading: bring the form into view, the cursor in the model name.
    const timer = setTimeout(() => {
      sectionRef.current?.scrollIntoView({ block: 'start' });
      document.getElementById('llm-model')?.focus({ preventScroll: true });
    }, 50);
    return () => clearTimeout(timer);
    // Only a new request (seq) opens the form again; the prefill travels with it.
  }, [requestSeq]);

  const parsed = fromDraft(draft);
  const valid = parsed.settings;
  // What the form as typed would cost, before anything is saved or asked (recomputed as the user edits).
  const draftKey = open && valid && !enabled ? JSON.stringify(valid) : '';
  const [draftEstimate, setDraftEstimate] = useState<LlmEstimate | null>(null);
  useEffect(() => {
    setDraftEstimate(null);
    if (draftKey === '') return;
    let live = true;
    // Typing settles first: one estimate per pause, not one per keystroke.
    const timer = setTimeout(() => {
      void onEstimateDraft(JSON.parse(draftKey) as LlmUserSettings).then((e) => {
        if (live) setDraftEstimate(e);
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draftKey, onEstimateDraft]);
  const configured = view?.settings !== null && view?.settings !== undefined;
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(null);
    setTouched(true);
  };

  const save = async () => {
    setTouched(true);
    if (!parsed.settings) return;
    setSaving(true);
    const ok = await onSave(parsed.settings, key === '' ? undefined : key, false);
    setSaving(false);
    if (ok) {
      setKey('');
      setSaved('Saved.');
    }
  };

  if (!open)
    return (
      <section className="card llm-card closed" aria-labelledby="llm-heading" data-testid="llm-panel">
        <h2 id="llm-heading">LLM baseline (optional)</h2>
        <p className="muted small">
          Ask an LLM the same question on a sample of the same test rows and compare accuracy, latency and money.
        </p>
        <button type="button" className="button secondary" onClick={() => setOpen(true)} data-testid="llm-open">
          Set up an LLM…
        </button>
      </section>
    );
  return (
    <section className="card llm-card" aria-labelledby="llm-heading" data-testid="llm-panel" ref={sectionRef}>
      <h2 id="llm-heading">LLM baseline</h2>
      <p className="muted small">
        Ask an LLM the same question on a sample of the same test rows, and compare accuracy, latency and money. The key
        stays in the main process: it is never shown again, written to results or sent to this window.
      </p>
      {!enabled && draftEstimate && (
        <p className="llm-estimate" data-testid="llm-draft-estimate">
          With these settings, before any request is sent: {estimateText(draftEstimate)}
        </p>
      )}
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
        <LlmKeyField
          view={view}
          value={key}
          onChange={(text) => {
            setKey(text);
            setSaved(null);
          }}
          onForget={valid ? () => void onSave(valid, undefined, true) : undefined}
          busy={busy}
        />
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
            min={LLM_FIELDS.sampleRows.min}
            max={LLM_FIELDS.sampleRows.max}
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
            min={LLM_FIELDS.shots.min}
            max={LLM_FIELDS.shots.max}
            value={draft.shots}
            disabled={busy}
            onChange={(e) => set({ shots: e.target.value })}
          />
        </div>
      </div>
      <fieldset className="llm-together">
        <legend>Small models helping the LLM (measured on the same rows)</legend>
        <div className="settings-grid llm-grid">
          <div className="field">
            <label htmlFor="llm-retrieved" title="--llm-retrieved">
              <input
                id="llm-retrieved"
                type="checkbox"
                checked={draft.retrievedExamples ?? false}
                disabled={busy}
                onChange={(e) => set({ retrievedExamples: e.target.checked })}
              />{' '}
              Examples retrieved by a tree
            </label>
          </div>
          <div className="field">
            <label htmlFor="llm-tree-columns" title="--llm-columns K">
              Columns chosen by a tree (0 = off)
            </label>
            <input
              id="llm-tree-columns"
              type="number"
              min={0}
              max={LLM_FIELDS.variantColumns.max}
              value={draft.treeColumns}
              disabled={busy}
              onChange={(e) => set({ treeColumns: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="llm-contamination" title="--llm-contamination N">
              Memorisation checks (0 = off)
            </label>
            <input
              id="llm-contamination"
              type="number"
              min={LLM_FIELDS.contaminationTrials.min}
              max={LLM_FIELDS.contaminationTrials.max}
              value={draft.contaminationTrials}
              disabled={busy}
              onChange={(e) => set({ contaminationTrials: e.target.value })}
            />
          </div>
        </div>
      </fieldset>
      <fieldset className="llm-together">
        <legend>The LLM helping the trees (measured on the same held-out rows)</legend>
        <div className="settings-grid llm-grid">
          <div className="field">
            <label htmlFor="llm-synthesize" title="--llm-synthesize ROWS">
              Training rows written by the LLM, per fold (0 = off)
            </label>
            <input
              id="llm-synthesize"
              type="number"
              min={LLM_FIELDS.synthesizeRows.min}
              max={LLM_FIELDS.synthesizeRows.max}
              value={draft.synthesizeRows}
              disabled={busy}
              onChange={(e) => set({ synthesizeRows: e.target.value })}
              aria-describedby="llm-synthesize-help"
            />
            <span id="llm-synthesize-help" className="muted small">
              Rows of the rarest class, written from each fold’s training rows; the trees are trained again with them
              and scored on the same held-out rows.
            </span>
          </div>
        </div>
      </fieldset>

      <LlmTemplate draft={draft} set={set} rows={rows} onPreview={onPreview} busy={busy} />

      {parsed.problem && touched && (
        <p className="inline-error" data-testid="llm-problem">
          {parsed.problem}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy || saving || (touched && !parsed.settings)}
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
          {estimating || !estimate ? 'Estimating…' : `Estimate: ${estimateText(estimate)}`}
        </p>
      )}
    </section>
  );
}

/** One estimate, in words: requests, tokens, money and time. */
function estimateText(e: LlmEstimate): string {
  return (
    `${fmtCount(e.requests)} requests (${fmtCount(e.cachedRequests)} already cached), ~${fmtCount(e.tokensIn)} tokens ` +
    `in, ≤${fmtCount(e.tokensOut)} out, cost ${fmt(e.cost, 4)}, about ${fmt(e.minutes, 1)} min.`
  );
}
