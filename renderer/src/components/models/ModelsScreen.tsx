import type { ReactNode } from 'react';
import type { DatasetInfo, ModelFileInfo, ModelInfo } from '../../../../app/ipc/contract.js';
import { cliCommand } from '../../lib/cli-command.js';
import { ModelCard } from './ModelCard.js';
import { PresetPicker } from './PresetPicker.js';
import { RunBar } from './RunBar.js';
import { PreTrainedModels } from './PreTrainedModels.js';
import type { BuiltRequest } from '../../lib/run-request.js';
import type { ModelSettings, TaskChoice } from '../../types.js';

interface Props {
  dataset: DatasetInfo;
  target: string;
  featureCount: number;
  task: 'classification' | 'regression' | undefined;
  models: readonly ModelInfo[];
  settings: ModelSettings;
  onChange: (s: ModelSettings) => void;
  built: BuiltRequest;
  /** Pre-trained model files opened for the comparison ("Open model…"). */
  modelFiles: readonly ModelFileInfo[];
  onOpenModel: () => void;
  onRemoveModel: (id: string) => void;
  busy: boolean;
  onTrain: () => void;
  /** The LLM baseline's settings card (components/llm), below the models and settings. */
  llmPanel?: ReactNode;
  /** Scoring on another file too (--test-file). */
  testFilePanel?: ReactNode;
  /** Shown in the train card, e.g. the confirmation before a paid LLM run. */
  trainNote?: ReactNode;
}

export function ModelsScreen({
  dataset,
  target,
  featureCount,
  task,
  models,
  settings,
  onChange,
  built,
  modelFiles,
  onOpenModel,
  onRemoveModel,
  busy,
  onTrain,
  llmPanel,
  testFilePanel,
  trainNote,
}: Props) {
  const set = (patch: Partial<ModelSettings>) => onChange({ ...settings, ...patch });
  const setParam = (model: string, name: string, value: string) =>
    set({ params: { ...settings.params, [model]: { ...settings.params[model], [name]: value } } });
  const problems = built.problems;
  const card = (m: ModelInfo) => (
    <ModelCard
      key={m.id}
      model={m}
      on={settings.selected[m.id] ?? false}
      params={settings.params[m.id] ?? {}}
      problems={problems}
      busy={busy}
      onToggle={(on) => set({ selected: { ...settings.selected, [m.id]: on } })}
      onParam={(name, value) => setParam(m.id, name, value)}
    />
  );
  // Reference implementations (ml-cart) cross-check the engine; they are listed apart so a newcomer is not
  // left wondering which "Decision tree" to use.
  const main = models.filter((m) => !m.reference);
  const reference = models.filter((m) => m.reference);
  const referenceOn = reference.some((m) => settings.selected[m.id]);
  return (
    <div className="screen" data-testid="screen-models">
      <div className="screen-head">
        <div>
          <h1 tabIndex={-1}>Models</h1>
          <p className="dataset-title">
            <strong>{dataset.fileName}</strong> · predict <code>{target}</code>
            {task ? ` (${task})` : ''} from {featureCount} features
          </p>
        </div>
      </div>

      <div className="models-layout">
        <section className="card" aria-labelledby="which-models">
          <h2 id="which-models">Which models</h2>
          <p className="muted">
            Every model is trained and tested on exactly the same folds, with preprocessing learned inside each training
            fold.
          </p>
          {problems.models && <p className="inline-error">Choose at least one model.</p>}
          <div className="model-grid">{main.map(card)}</div>
          {reference.length > 0 && (
            <details className="reference-models" open={referenceOn} data-testid="reference-models">
              <summary>
                Reference implementations ({reference.map((m) => m.label).join(', ')})
                {referenceOn && <span className="badge">in use</span>}
              </summary>
              <p className="muted small">
                Second implementations from the ml-cart library, kept to cross-check Sapling&apos;s own tree engine
                (each card says how they differ). For real work use the models above.
              </p>
              <div className="model-grid">{reference.map(card)}</div>
            </details>
          )}
          <PreTrainedModels files={modelFiles} busy={busy} onOpen={onOpenModel} onRemove={onRemoveModel} />
        </section>

        <div className="models-side">
          <section className="card" aria-labelledby="evaluation-heading">
            <h2 id="evaluation-heading">How to evaluate</h2>
            <PresetPicker settings={settings} busy={busy} onApply={set} />
            <div className="settings-grid">
              <fieldset className="field-group">
                <legend>Split</legend>
                <label className="radio">
                  <input
                    type="radio"
                    name="split"
                    checked={settings.split === 'folds'}
                    onChange={() => set({ split: 'folds' })}
                    disabled={busy}
                  />
                  Cross-validation
                </label>
                <div className="field inline">
                  <label htmlFor="folds">Folds</label>
                  <input
                    id="folds"
                    type="number"
                    min={2}
                    max={20}
                    value={settings.folds}
                    onChange={(e) => set({ folds: e.target.value })}
                    disabled={busy || settings.split !== 'folds'}
                    aria-invalid={problems.folds !== undefined || undefined}
                  />
                  {problems.folds && <span className="inline-error">{problems.folds}</span>}
                </div>
                <label className="radio">
                  <input
                    type="radio"
                    name="split"
                    checked={settings.split === 'holdout'}
                    onChange={() => set({ split: 'holdout' })}
                    disabled={busy}
                  />
                  Holdout
                </label>
                <div className="field inline">
                  <label htmlFor="holdout">Test fraction</label>
                  <input
                    id="holdout"
                    type="number"
                    min={0.05}
                    max={0.95}
                    step={0.05}
                    value={settings.holdout}
                    onChange={(e) => set({ holdout: e.target.value })}
                    disabled={busy || settings.split !== 'holdout'}
                    aria-invalid={problems.holdout !== undefined || undefined}
                  />
                  {problems.holdout && <span className="inline-error">{problems.holdout}</span>}
                </div>
              </fieldset>
              <div className="field-group">
                <div className="field">
                  <label htmlFor="seed">Seed</label>
                  <input
                    id="seed"
                    type="number"
                    min={0}
                    value={settings.seed}
                    onChange={(e) => set({ seed: e.target.value })}
                    disabled={busy}
                    aria-describedby="seed-help"
                    aria-invalid={problems.seed !== undefined || undefined}
                  />
                  <span className="help" id="seed-help">
                    {problems.seed ? <span className="inline-error">{problems.seed}. </span> : null}
                    Same seed, same settings → the same folds and the same numbers.
                  </span>
                </div>
                <div className="field">
                  <label htmlFor="task">Task</label>
                  <select
                    id="task"
                    value={settings.task}
                    onChange={(e) => set({ task: e.target.value as TaskChoice })}
                    disabled={busy}
                    aria-describedby="task-help"
                  >
                    <option value="auto">Automatic{task ? ` (${task})` : ''}</option>
                    <option value="classification">Classification</option>
                    <option value="regression">Regression</option>
                  </select>
                  <span className="help" id="task-help">
                    Automatic: text or few whole-number values → classification, otherwise regression.
                  </span>
                </div>
              </div>
            </div>
          </section>

          <fieldset className="card explain-settings" aria-describedby="explain-help">
            <legend>Explanations</legend>
            <p className="help" id="explain-help">
              Verdicts test every pair of models on the same folds; repeating the folds sharpens them. The margin is how
              close two models must be to count as equivalent (0.01 = one accuracy point).
            </p>
            <div className="field-group">
              <div className="field">
                <label htmlFor="repeats">Repeat the folds</label>
                <input
                  id="repeats"
                  type="number"
                  min={1}
                  max={20}
                  value={settings.repeats ?? '1'}
                  onChange={(e) => set({ repeats: e.target.value })}
                  disabled={busy}
                  aria-invalid={problems.repeats !== undefined || undefined}
                />
                {problems.repeats && <span className="inline-error">{problems.repeats}</span>}
              </div>
              <div className="field">
                <label htmlFor="rope">Equivalence margin</label>
                <input
                  id="rope"
                  type="number"
                  min={0}
                  max={0.5}
                  step={0.005}
                  value={settings.rope ?? '0.01'}
                  onChange={(e) => set({ rope: e.target.value })}
                  disabled={busy}
                  aria-invalid={problems.rope !== undefined || undefined}
                />
                {problems.rope && <span className="inline-error">{problems.rope}</span>}
              </div>
              <div className="field">
                <label htmlFor="calibrate">Recalibrate probabilities</label>
                <select
                  id="calibrate"
                  value={settings.calibrate ?? 'none'}
                  onChange={(e) => set({ calibrate: e.target.value as 'none' | 'isotonic' | 'platt' })}
                  disabled={busy}
                >
                  <option value="none">No (report as trained)</option>
                  <option value="isotonic">Isotonic (cross-fitted)</option>
                  <option value="platt">Platt (cross-fitted)</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor="subgroups">Subgroup columns</label>
                <input
                  id="subgroups"
                  type="text"
                  placeholder={dataset.columnNames.slice(0, 2).join(', ')}
                  value={settings.subgroups ?? ''}
                  onChange={(e) => set({ subgroups: e.target.value })}
                  disabled={busy}
                  aria-invalid={problems.subgroups !== undefined || undefined}
                  data-testid="subgroups-input"
                />
                {problems.subgroups && <span className="inline-error">{problems.subgroups}</span>}
              </div>
            </div>
          </fieldset>

          {testFilePanel}
          {built.cli && (
            <section className="card cli" aria-label="The same run from a terminal">
              <span className="muted small">The same run from a terminal:</span>
              <code data-testid="cli-equivalent">{cliCommand(built.cli)}</code>
            </section>
          )}
        </div>
      </div>
      {/* Full width: the LLM form is long, and folded to one line until opened. */}
      {llmPanel}
      <RunBar built={built} busy={busy} onTrain={onTrain} note={trainNote} />
    </div>
  );
}
