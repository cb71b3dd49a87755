import type { ModelCurves } from '../../../../app/ipc/contract.js';
import type { ModelResult } from '../../../../app/result/compare.js';
import { classColor, classDash, modelColor } from '../../lib/colors.js';
import { fmt, fmtShort } from '../../lib/format.js';
import { linearScale, niceTicks } from '../../lib/scale.js';
import { linePath } from '../chart/PlotFrame.js';

const SIZE = 220;
const PAD = { left: 40, right: 8, top: 8, bottom: 32 };

/** ROC curves (classification) or predicted-vs-actual scatter (regression), one small chart per model. */
export function CurvesPanel({
  models,
  curves,
  task,
  classes,
}: {
  models: readonly ModelResult[];
  curves: ReadonlyMap<string, ModelCurves>;
  task: 'classification' | 'regression';
  /** The target's classes, in order: a class keeps its colour in every chart. */
  classes: readonly string[];
}) {
  const loading = models.some((m) => !curves.has(m.id));
  return (
    <figure className="chart wide" data-testid="curves">
      <figcaption>
        <strong>{task === 'classification' ? 'ROC curves' : 'Predicted vs. actual'}</strong>{' '}
        <span className="muted small">
          {task === 'classification'
            ? 'Out-of-fold predictions; one curve per class against the rest (the positive class for two classes). Dashed: chance.'
            : 'Out-of-fold predictions (a seeded sample of at most 2,000 rows). Dashed: perfect prediction.'}
        </span>
      </figcaption>
      {loading && curves.size === 0 && <p className="muted">Computing curves…</p>}
      <div className="small-multiples">
        {models.map((m) => {
          const c = curves.get(m.id);
          if (!c) return null;
          return (
            <div key={m.id} className="multiple" data-model-id={m.id}>
              <div className="multiple-title" style={{ color: modelColor(m.id) }}>
                {m.label}
              </div>
              {c.roc ? (
                <Roc curves={c} label={m.label} color={modelColor(m.id)} classes={classes} />
              ) : c.predictedVsActual ? (
                <PredVsActual curves={c} label={m.label} color={modelColor(m.id)} />
              ) : (
                <p className="muted">No curve.</p>
              )}
            </div>
          );
        })}
      </div>
    </figure>
  );
}

function Axes({
  xTicks,
  yTicks,
  x,
  y,
  xLabel,
  yLabel,
}: {
  xTicks: number[];
  yTicks: number[];
  x: (v: number) => number;
  y: (v: number) => number;
  xLabel: string;
  yLabel: string;
}) {
  return (
    <g className="axes">
      <line x1={PAD.left} x2={SIZE - PAD.right} y1={SIZE - PAD.bottom} y2={SIZE - PAD.bottom} className="axis-line" />
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={SIZE - PAD.bottom} className="axis-line" />
      {xTicks.map((t) => (
        <text key={`x${t}`} x={x(t)} y={SIZE - PAD.bottom + 12} textAnchor="middle" className="tick">
          {fmtShort(t)}
        </text>
      ))}
      {yTicks.map((t) => (
        <text key={`y${t}`} x={PAD.left - 4} y={y(t)} textAnchor="end" dominantBaseline="middle" className="tick">
          {fmtShort(t)}
        </text>
      ))}
      <text x={(PAD.left + SIZE - PAD.right) / 2} y={SIZE - 4} textAnchor="middle" className="axis-title">
        {xLabel}
      </text>
      <text
        x={10}
        y={(PAD.top + SIZE - PAD.bottom) / 2}
        textAnchor="middle"
        className="axis-title"
        transform={`rotate(-90 10 ${(PAD.top + SIZE - PAD.bottom) / 2})`}
      >
        {yLabel}
      </text>
    </g>
  );
}

/**
 * One curve (two classes) is drawn in the model's colour; one curve per class (more classes) in the class colours
 * with a dash pattern each, so a colour never means a model and a class at once.
 */
function Roc({
  curves,
  label,
  color,
  classes,
}: {
  curves: ModelCurves;
  label: string;
  color: string;
  classes: readonly string[];
}) {
  const x = linearScale([0, 1], [PAD.left, SIZE - PAD.right]);
  const y = linearScale([0, 1], [SIZE - PAD.bottom, PAD.top]);
  const ticks = [0, 0.5, 1];
  const roc = curves.roc ?? [];
  const stroke = (l: string) => (roc.length === 1 ? color : classColor(classes, l));
  const dash = (l: string) => (roc.length === 1 ? undefined : classDash(classes, l) || undefined);
  return (
    <div className="curve-with-legend">
      <svg width={SIZE} height={SIZE} role="img" aria-label={`ROC curves of ${label}`}>
        <Axes xTicks={ticks} yTicks={ticks} x={x} y={y} xLabel="false positive rate" yLabel="true positive rate" />
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chance-line" />
        {roc.map((r) => (
          <path
            key={r.label}
            className="roc-curve"
            d={linePath(
              r.points,
              (p) => x(p.x),
              (p) => y(p.y),
            )}
            stroke={stroke(r.label)}
            strokeDasharray={dash(r.label)}
            fill="none"
            strokeWidth={2}
          >
            <title>{`${r.label}: pooled out-of-fold AUC ${fmt(r.auc, 3)}`}</title>
          </path>
        ))}
      </svg>
      <ul className="legend">
        {roc.map((r) => (
          <li key={r.label}>
            <svg className="swatch-line" width="18" height="8" aria-hidden="true">
              <line
                x1="0"
                x2="18"
                y1="4"
                y2="4"
                stroke={stroke(r.label)}
                strokeDasharray={dash(r.label)}
                strokeWidth="2.5"
              />
            </svg>
            {r.label}{' '}
            <span
              className="muted"
              title="AUC of all out-of-fold predictions pooled; the leaderboard shows the mean over folds"
            >
              pooled AUC {fmt(r.auc, 3)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PredVsActual({ curves, label, color }: { curves: ModelCurves; label: string; color: string }) {
  const pts = curves.predictedVsActual ?? [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of pts) {
    lo = Math.min(lo, p.x, p.y);
    hi = Math.max(hi, p.x, p.y);
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  const x = linearScale([lo, hi], [PAD.left, SIZE - PAD.right]);
  const y = linearScale([lo, hi], [SIZE - PAD.bottom, PAD.top]);
  const ticks = niceTicks(lo, hi, 3);
  return (
    <svg width={SIZE} height={SIZE} role="img" aria-label={`Predicted against actual values for ${label}`}>
      <Axes xTicks={ticks} yTicks={ticks} x={x} y={y} xLabel="actual" yLabel="predicted" />
      <line x1={x(lo)} y1={y(lo)} x2={x(hi)} y2={y(hi)} className="chance-line" />
      {pts.map((p, i) => (
        <circle key={i} cx={x(p.x)} cy={y(p.y)} r={2} fill={color} fillOpacity={0.45} className="pva-point" />
      ))}
    </svg>
  );
}
