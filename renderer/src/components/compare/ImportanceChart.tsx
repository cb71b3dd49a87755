import { useState } from 'react';
import type { ImportanceEntry, ModelResult } from '../../../../app/result/compare.js';
import { METRIC_LABELS, type MetricName } from '../../../../app/evaluate/metrics.js';
import { modelColor } from '../../lib/colors.js';
import { fmtShort } from '../../lib/format.js';
import { importanceExtent, sharedFeatureOrder } from '../../lib/importance.js';
import { linearScale, niceTicks } from '../../lib/scale.js';
import { useElementWidth } from '../../use-width.js';

const LABEL_W = 170;
const GAP = 16;
const ROW_H = 22;
const HEAD_H = 40;
const FOOT_H = 24;
const TOP_N = 15;

type Kind = 'permutation' | 'impurity';

/**
 * Every model's feature importance side by side, on one shared feature order and one shared axis.
 * Permutation importance (held-out rows, error bars = std) by default; impurity importance on request.
 */
export function ImportanceChart({ models }: { models: readonly ModelResult[] }) {
  const [kind, setKind] = useState<Kind>('permutation');
  const [boxRef, boxWidth] = useElementWidth<HTMLDivElement>(1000);
  // Panels share the available width (scrolling sideways only below 120 px per model).
  const PANEL_W = Math.max(120, Math.min(260, Math.floor((boxWidth - LABEL_W) / Math.max(1, models.length)) - GAP));
  const [all, setAll] = useState(false);
  const anyImpurity = models.some((m) => m.importance.impurity !== null);
  const lists = models.map((m) => (kind === 'permutation' ? m.importance.permutation : m.importance.impurity));
  const order = sharedFeatureOrder(lists);
  const features = all ? order : order.slice(0, TOP_N);
  const { min, max } = importanceExtent(lists);
  const x = linearScale([min, max], [0, PANEL_W - 16]);
  const ticks = niceTicks(min, max, 3);
  const width = LABEL_W + models.length * (PANEL_W + GAP);
  const height = HEAD_H + features.length * ROW_H + FOOT_H;
  const metric = models[0]?.importance.permutationMetric as MetricName | undefined;
  const metricLabel = metric ? (METRIC_LABELS[metric] ?? metric) : 'score';
  return (
    <figure className="chart wide" data-testid="importance-chart" data-kind={kind}>
      <figcaption>
        <strong>Feature importance</strong>{' '}
        <span className="muted small">
          {kind === 'permutation'
            ? `Drop in ${metricLabel} when a feature is shuffled on held-out rows (bar = mean, whisker = ± std over folds and repeats).`
            : 'Impurity decrease, computed on the training rows: biased towards features with many distinct values. Compare with permutation importance.'}
        </span>
      </figcaption>
      <div className="chart-controls" role="group" aria-label="Importance kind">
        <label className="radio">
          <input
            type="radio"
            name="importance-kind"
            checked={kind === 'permutation'}
            onChange={() => setKind('permutation')}
          />
          Permutation (held-out)
        </label>
        <label className="radio" title={anyImpurity ? undefined : 'No model here has impurity importance'}>
          <input
            type="radio"
            name="importance-kind"
            checked={kind === 'impurity'}
            onChange={() => setKind('impurity')}
            disabled={!anyImpurity}
            data-testid="importance-impurity"
          />
          Impurity (train-set, biased)
        </label>
        {order.length > TOP_N && (
          <button type="button" className="link-button" onClick={() => setAll(!all)}>
            {all ? `Show top ${TOP_N}` : `Show all ${order.length} features`}
          </button>
        )}
      </div>
      <div className="svg-scroll" ref={boxRef}>
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={`Feature importance (${kind}) for ${models.map((m) => m.label).join(', ')}`}
        >
          {features.map((f, r) => (
            <text
              key={f}
              x={LABEL_W - 8}
              y={HEAD_H + r * ROW_H + ROW_H / 2}
              className="axis-label feature-label"
              textAnchor="end"
              dominantBaseline="middle"
            >
              {f.length > 24 ? `${f.slice(0, 23)}…` : f}
              <title>{f}</title>
            </text>
          ))}
          {models.map((m, k) => {
            const list = kind === 'permutation' ? m.importance.permutation : m.importance.impurity;
            const left = LABEL_W + k * (PANEL_W + GAP);
            const byFeature = new Map<string, ImportanceEntry>((list ?? []).map((e) => [e.feature, e]));
            const zero = left + x(0);
            return (
              <g key={m.id} data-model-id={m.id} className="importance-panel">
                <text x={left} y={16} className="panel-title" fill={modelColor(m.id)}>
                  {m.label}
                </text>
                <rect
                  x={left}
                  y={HEAD_H - 6}
                  width={PANEL_W - 16}
                  height={features.length * ROW_H + 6}
                  className="panel-bg"
                />
                {list === null ? (
                  <text x={left + 8} y={HEAD_H + 16} className="muted-svg">
                    no impurity importance for this model
                  </text>
                ) : (
                  features.map((f, r) => {
                    const e = byFeature.get(f);
                    if (e === undefined || !Number.isFinite(e.mean)) return null;
                    const y = HEAD_H + r * ROW_H;
                    const a = left + x(Math.min(0, e.mean));
                    const b = left + x(Math.max(0, e.mean));
                    const std = Number.isFinite(e.std) ? e.std : 0;
                    const cy = y + ROW_H / 2;
                    return (
                      <g key={f}>
                        <rect
                          x={a}
                          y={y + 4}
                          width={Math.max(1, b - a)}
                          height={ROW_H - 8}
                          fill={modelColor(m.id)}
                          className="importance-bar"
                          data-feature={f}
                        >
                          <title>{`${m.label} · ${f}: ${fmtShort(e.mean)} ± ${fmtShort(std)}`}</title>
                        </rect>
                        {std > 0 && (
                          <g className="importance-error">
                            <line x1={left + x(e.mean - std)} x2={left + x(e.mean + std)} y1={cy} y2={cy} />
                            <line x1={left + x(e.mean - std)} x2={left + x(e.mean - std)} y1={cy - 4} y2={cy + 4} />
                            <line x1={left + x(e.mean + std)} x2={left + x(e.mean + std)} y1={cy - 4} y2={cy + 4} />
                          </g>
                        )}
                      </g>
                    );
                  })
                )}
                <line x1={zero} x2={zero} y1={HEAD_H - 6} y2={HEAD_H + features.length * ROW_H} className="zero-line" />
                {ticks.map((t) => (
                  <text
                    key={t}
                    x={left + x(t)}
                    y={HEAD_H + features.length * ROW_H + 16}
                    className="tick"
                    textAnchor="middle"
                  >
                    {fmtShort(t)}
                  </text>
                ))}
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
