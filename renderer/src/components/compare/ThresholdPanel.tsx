/**
 * The decision threshold of a two-class model: the user slides the probability needed to answer the rarer class
 * and reads precision, recall, accuracy and balanced accuracy at it (out-of-fold, classReport.thresholds — the
 * curve the report's Decision threshold section draws, with the same helpers from app/answer/threshold.ts).
 */
import { useState } from 'react';
import { bestBalanced, DEFAULT_THRESHOLD, pointAt, thresholdModel } from '../../../../app/answer/threshold.js';
import { trainedModels } from '../../../../app/evaluate/model-rows.js';
import type { ThresholdPoint } from '../../../../app/result/answer.js';
import type { CompareResult } from '../../../../app/result/compare.js';
import type { RowId } from '../../../../app/result/pre-trained.js';
import { modelColor } from '../../lib/colors.js';
import { fmtSig } from '../../../../app/util/format.js';
import { CHART_INK } from '../../../../app/util/palette.js';
import { linePath } from '../chart/PlotFrame.js';

const W = 420;
const H = 180;
const PAD = { left: 34, right: 10, top: 10, bottom: 26 };
const x = (t: number) => PAD.left + t * (W - PAD.left - PAD.right);
const y = (v: number) => H - PAD.bottom - v * (H - PAD.top - PAD.bottom);

/** Lines in ink shades and dash patterns: colours stay reserved for models. */
const LINES: readonly { key: keyof ThresholdPoint; label: string; stroke: string; dash?: string }[] = [
  { key: 'balancedAccuracy', label: 'balanced accuracy', stroke: CHART_INK.text },
  { key: 'precision', label: 'precision', stroke: CHART_INK.strong, dash: '6 4' },
  { key: 'recall', label: 'recall', stroke: CHART_INK.soft },
];

export function ThresholdPanel({
  result,
  chosen,
  onChoose,
}: {
  result: CompareResult;
  /** Thresholds chosen so far, per model (kept by the app: the report export carries them). */
  chosen: ReadonlyMap<RowId, number>;
  onChoose: (modelId: RowId, threshold: number) => void;
}) {
  const initial = thresholdModel(trainedModels(result), result.recommendation?.modelId);
  const [modelId, setModelId] = useState<string | undefined>(initial?.id);
  if (!initial) return null;
  const withCurve = trainedModels(result).filter((m) => (m.classReport?.thresholds?.length ?? 0) > 0);
  const model = withCurve.find((m) => m.id === modelId) ?? initial;
  const threshold = chosen.get(model.id) ?? DEFAULT_THRESHOLD;
  const setThreshold = (t: number) => onChoose(model.id, t);
  const points = model.classReport!.thresholds!;
  const positive = model.classReport!.positiveClass ?? '';
  const at = pointAt(points, threshold);
  const best = bestBalanced(points);
  const steps = points.map((p) => p.threshold);
  const path = (key: keyof ThresholdPoint) =>
    linePath(
      points.filter((p) => Number.isFinite(p[key])),
      (p) => x(p.threshold),
      (p) => y(p[key]),
    );
  return (
    <section className="card" aria-labelledby="threshold-heading" data-testid="threshold-panel">
      <div className="card-head">
        <h2 id="threshold-heading">Decision threshold</h2>
        <span className="muted small">
          Answer ‘{positive}’ when its probability is at least the threshold (out-of-fold, first repeat).
        </span>
      </div>
      <div className="threshold-grid">
        <div className="threshold-controls">
          <label className="field">
            <span>Model</span>
            <select value={model.id} onChange={(e) => setModelId(e.target.value)} data-testid="threshold-model">
              {withCurve.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>
              Threshold <strong data-testid="threshold-value">{fmtSig(at.threshold, 2)}</strong>
              {at.threshold === DEFAULT_THRESHOLD ? ' (default)' : ''}
            </span>
            <input
              type="range"
              min={0}
              max={steps.length - 1}
              step={1}
              value={steps.indexOf(at.threshold)}
              onChange={(e) => setThreshold(steps[Number(e.target.value)])}
              aria-valuetext={fmtSig(at.threshold, 2)}
              data-testid="threshold-slider"
            />
          </label>
          <table className="table compact" data-testid="threshold-scores">
            <tbody>
              {(
                [
                  ['Recall', at.recall, `of the ‘${positive}’ rows, the share it catches`],
                  ['Precision', at.precision, `of its ‘${positive}’ answers, the share that are right`],
                  ['Balanced accuracy', at.balancedAccuracy, 'mean recall over both classes'],
                  ['Accuracy', at.accuracy, 'share of all rows right'],
                ] as const
              ).map(([name, value, help]) => (
                <tr key={name} title={help} data-testid={`threshold-${name.toLowerCase().replace(' ', '-')}`}>
                  <th scope="row">{name}</th>
                  <td className="num">{fmtSig(value, 3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="button secondary"
            onClick={() => setThreshold(best.threshold)}
            data-testid="threshold-best"
          >
            Best balanced accuracy ({fmtSig(best.threshold, 2)})
          </button>
        </div>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className="threshold-chart"
          role="img"
          aria-label={`${model.label}: precision, recall and balanced accuracy by threshold`}
        >
          {[0, 0.25, 0.5, 0.75, 1].map((t) => (
            <g key={t}>
              <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} stroke={CHART_INK.grid} />
              <text x={PAD.left - 4} y={y(t) + 4} textAnchor="end" fontSize="10">
                {t}
              </text>
              <text x={x(t)} y={H - 8} textAnchor="middle" fontSize="10">
                {t}
              </text>
            </g>
          ))}
          {LINES.map((l) => (
            <path key={l.key} d={path(l.key)} fill="none" stroke={l.stroke} strokeWidth={2} strokeDasharray={l.dash} />
          ))}
          <line
            x1={x(at.threshold)}
            x2={x(at.threshold)}
            y1={y(0)}
            y2={y(1)}
            stroke={modelColor(model.id)}
            strokeWidth={2}
          />
        </svg>
      </div>
      <p className="muted small threshold-legend">
        {LINES.map((l) => (
          <span key={l.key}>
            <svg width="22" height="8" aria-hidden="true">
              <line x1="0" x2="22" y1="4" y2="4" stroke={l.stroke} strokeWidth={2} strokeDasharray={l.dash} />
            </svg>{' '}
            {l.label}
          </span>
        ))}
        <span>vertical line: the chosen threshold, in the model’s colour</span>
      </p>
    </section>
  );
}
