/**
 * One model on the Models screen: its tick box (in the model's colour) and its parameters, the first few up
 * front and the rest folded away (opened when one of them was changed or has a problem).
 */
import type { ModelInfo } from '../../../../app/ipc/contract.js';
import { modelColor } from '../../lib/colors.js';

/** Parameters shown up front per model (the schema lists the important ones first); the rest fold away. */
const MAIN_PARAMS = 3;

type ParamDefault = string | number | boolean;

interface Props {
  model: ModelInfo;
  on: boolean;
  /** The parameters as typed (absent: the default). */
  params: Readonly<Record<string, string>>;
  /** Problems of the whole form, keyed `<model>.<param>` for parameters. */
  problems: Readonly<Record<string, string>>;
  busy: boolean;
  onToggle: (on: boolean) => void;
  onParam: (name: string, value: string) => void;
}

export function ModelCard({ model: m, on, params, problems, busy, onToggle, onParam }: Props) {
  const paramField = (name: string, def: ParamDefault) => {
    const inputId = `param-${m.id}-${name}`;
    const helpId = `${inputId}-help`;
    const value = params[name] ?? String(def);
    const problem = problems[`${m.id}.${name}`];
    // Plain words first; the technical name (the CLI's --param and the JSON's) on hover and for screen readers.
    const technical = `${name} (--param ${m.id}.${name}=…)`;
    return (
      <div className="field param" key={name}>
        <label htmlFor={inputId} title={technical} data-param={name}>
          {m.paramLabels[name] ?? name}
          <span className="sr-only"> ({name})</span>
        </label>
        {typeof def === 'boolean' ? (
          <select
            id={inputId}
            value={value}
            onChange={(e) => onParam(name, e.target.value)}
            disabled={busy || !on}
            aria-describedby={helpId}
            data-testid={inputId}
          >
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        ) : (
          <input
            id={inputId}
            type={typeof def === 'number' ? 'number' : 'text'}
            step="any"
            value={value}
            onChange={(e) => onParam(name, e.target.value)}
            disabled={busy || !on}
            aria-describedby={helpId}
            aria-invalid={problem !== undefined || undefined}
            data-testid={inputId}
          />
        )}
        <span className="help" id={helpId}>
          {problem ? <span className="inline-error">{problem}. </span> : null}
          {m.paramHelp[name] ?? ''} <span className="muted">(default {String(def)})</span>
        </span>
      </div>
    );
  };
  const changedCount = (from: number) =>
    Object.entries(m.defaults)
      .slice(from)
      .filter(([name, def]) => (params[name] ?? String(def)) !== String(def)).length;
  const moreOpen = () => changedCount(MAIN_PARAMS) > 0 || Object.keys(problems).some((k) => k.startsWith(`${m.id}.`));
  return (
    <fieldset
      className={`model-card${on ? ' on' : ''}`}
      data-testid={`model-${m.id}`}
      style={{ boxShadow: `inset 4px 0 0 ${modelColor(m.id)}` }}
    >
      <legend>
        <label className="model-toggle">
          <input
            type="checkbox"
            checked={on}
            disabled={busy}
            onChange={(e) => onToggle(e.target.checked)}
            data-testid={`model-toggle-${m.id}`}
          />
          <span>{m.label}</span>
        </label>
      </legend>
      <p className="model-description muted small">{m.description}</p>
      {Object.entries(m.defaults)
        .slice(0, MAIN_PARAMS)
        .map(([name, def]) => paramField(name, def))}
      {Object.keys(m.defaults).length > MAIN_PARAMS && (
        <details className="more-params" open={moreOpen()}>
          <summary>
            More parameters ({Object.keys(m.defaults).length - MAIN_PARAMS})
            {changedCount(MAIN_PARAMS) > 0 && <span className="badge">{changedCount(MAIN_PARAMS)} changed</span>}
          </summary>
          {Object.entries(m.defaults)
            .slice(MAIN_PARAMS)
            .map(([name, def]) => paramField(name, def))}
        </details>
      )}
    </fieldset>
  );
}
