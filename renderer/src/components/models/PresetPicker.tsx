/**
 * Quick / Standard / Thorough (app/settings/presets.ts): one click sets the folds and repeats, and each button
 * says beforehand what it would change — briefly on the button, in the settings schema's own words on hover.
 */
import { fitsPerModel, matchingPreset, PRESETS, presetChanges } from '../../../../app/settings/presets.js';
import type { ModelSettings } from '../../types.js';

/** The form's folds and repeats as numbers (NaN while half-typed; a holdout split matches no preset). */
function currentValues(settings: ModelSettings) {
  return settings.split === 'holdout'
    ? {}
    : { folds: Number(settings.folds), repeats: Number(settings.repeats ?? '1') };
}

export function PresetPicker({
  settings,
  busy,
  onApply,
}: {
  settings: ModelSettings;
  busy: boolean;
  onApply: (patch: Partial<ModelSettings>) => void;
}) {
  const current = currentValues(settings);
  const active = matchingPreset(current);
  return (
    <div className="presets" role="group" aria-label="Presets" data-testid="presets">
      {PRESETS.map((p) => {
        const changes = presetChanges(p, current);
        const from = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : String(v));
        const short = changes.map((c) => `${c.key} ${from(c.from)} → ${c.to}`);
        const long = changes.map((c) => `${c.key} (${c.what}): ${c.to}`);
        return (
          <button
            key={p.id}
            type="button"
            className={`preset${active?.id === p.id ? ' on' : ''}`}
            aria-pressed={active?.id === p.id}
            disabled={busy}
            onClick={() =>
              onApply({ split: 'folds', folds: String(p.values.folds), repeats: String(p.values.repeats) })
            }
            data-testid={`preset-${p.id}`}
            title={`${p.label}: ${p.purpose}.${long.length > 0 ? ` Sets ${long.join('; ')}.` : ''}`}
          >
            <span className="preset-head">
              <strong>{p.label}</strong>
              <span className="preset-what">
                {p.values.folds}-fold{p.values.repeats > 1 ? ` × ${p.values.repeats}` : ''} · {fitsPerModel(p)} fits per
                model
              </span>
            </span>
            <span className="preset-changes" data-testid={`preset-changes-${p.id}`}>
              {changes.length === 0 ? p.purpose : `Changes ${short.join(', ')}`}
            </span>
          </button>
        );
      })}
    </div>
  );
}
