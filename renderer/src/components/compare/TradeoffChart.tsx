import type { LlmModelRow, ModelResult } from '../../../../app/result/compare.js';
import { METRIC_LABELS, metricDirection, type MetricName } from '../../../../app/evaluate/metrics.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtLatencyTick, fmtMeanCi, fmtMs, metricDigits } from '../../lib/format.js';
import { paretoFront } from '../../lib/pareto.js';
import { linearScale, logDomain, logTicks, niceTicks } from '../../lib/scale.js';
import { useElementWidth } from '../../use-width.js';
import { linePath, PlotFrame } from '../chart/PlotFrame.js';

interface Point {
  id: string;
  label: string;
  cost: number;
  score: number;
  x: number;
  y: number;
  /** The 95% interval as offsets below and above the mean. */
  yErr: [number, number];
}

/** Accuracy (or any metric) against single-row latency, log scale, with the Pareto front drawn through. */
export function TradeoffChart({
  models,
  metric,
  llm,
}: {
  models: readonly ModelResult[];
  metric: MetricName;
  /** The LLM's rows (plain prompt and variants), when it ran. */
  llm?: readonly LlmModelRow[];
}) {
  const direction = metricDirection(metric);
  // The LLM and each prompt variant, when it ran, are more points: their latency is the request's, per row (p50).
  const entries = [
    ...models.map((m) => ({
      id: m.id as string,
      label: m.label,
      metrics: m.metrics,
      latency: m.timing.predictRowMsP50,
    })),
    ...(llm ?? []).map((r) => ({ id: r.id, label: r.label, metrics: r.metrics, latency: r.timing.predictRowMsP50 })),
  ];
  const points: Point[] = entries.map((m) => {
    const cost = m.latency;
    const s = m.metrics[metric];
    const score = s?.mean ?? NaN;
    const yErr: [number, number] =
      s && Number.isFinite(s.ci95[0]) && Number.isFinite(s.ci95[1]) ? [score - s.ci95[0], s.ci95[1] - score] : [0, 0];
    // A log axis cannot show 0: clamp to 0.1 µs.
    return { id: m.id, label: m.label, cost, score, x: Math.max(cost, 1e-4), y: score, yErr };
  });
  const shown = points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
  const front = paretoFront(shown, direction);
  const domain = logDomain(Math.min(...shown.map((p) => p.x)), Math.max(...shown.map((p) => p.x)));
  return (
    <figure className="chart" data-testid="tradeoff-chart" data-front={front.map((p) => p.id).join(',')}>
      <figcaption>
        <strong>{METRIC_LABELS[metric]} vs. latency</strong>
        <span className="muted small">
          {' '}
          Single-row prediction time (median, log scale) against {METRIC_LABELS[metric]} ({direction} is better),
          whiskers = 95% interval. The dashed line joins the Pareto front: models no other model beats on both.
        </span>
      </figcaption>
      {shown.length === 0 ? (
        <p className="muted">{METRIC_LABELS[metric]} is undefined for every model.</p>
      ) : (
        <TradeoffPlot points={shown} front={front} domain={domain} metric={metric} />
      )}
      <ul className="legend inline-legend" aria-label="Models">
        {points.map((p) => (
          <li key={p.id}>
            <span className="dot" style={{ background: modelColor(p.id) }} aria-hidden="true" />
            {p.label}: {fmtMeanCi(entries.find((m) => m.id === p.id)?.metrics[metric], metric)} at {fmtMs(p.cost)} per
            row
            {front.some((f) => f.id === p.id) && <span className="badge">Pareto front</span>}
          </li>
        ))}
      </ul>
    </figure>
  );
}

const HEIGHT = 300;
const PAD = { left: 72, right: 32, top: 16, bottom: 44 };

/**
 * The plot, drawn as plain SVG: a few points do not need a chart library, and mounting this chart with recharts
 * (a store, a registration per series and error bar) took ~100 ms of the page's CPU in one task on a loaded
 * 2-core machine — the longest task of a whole comparison (test/e2e/responsive.spec.ts).
 */
function TradeoffPlot({
  points,
  front,
  domain,
  metric,
}: {
  points: readonly Point[];
  front: readonly Point[];
  domain: [number, number];
  metric: MetricName;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const digits = metricDigits(metric);
  const lows = points.map((p) => p.y - p.yErr[0]);
  const highs = points.map((p) => p.y + p.yErr[1]);
  // A little room above and below the whiskers, so none ends on the frame.
  const pad = (Math.max(...highs) - Math.min(...lows)) * 0.05 || 0.01;
  const yDomain: [number, number] = [Math.min(...lows) - pad, Math.max(...highs) + pad];
  const yTicks = niceTicks(yDomain[0], yDomain[1], 5).filter((t) => t >= yDomain[0] && t <= yDomain[1]);
  const x = (
    (ln: (v: number) => number) => (v: number) =>
      ln(Math.log10(v))
  )(linearScale([Math.log10(domain[0]), Math.log10(domain[1])], [PAD.left, width - PAD.right]));
  const y = linearScale(yDomain, [HEIGHT - PAD.bottom, PAD.top]);
  return (
    <div ref={ref} className="tradeoff-plot">
      <svg width={width} height={HEIGHT} role="img" aria-label={`${METRIC_LABELS[metric]} against row latency`}>
        <PlotFrame
          width={width}
          height={HEIGHT}
          pad={PAD}
          x={x}
          y={y}
          xTicks={logTicks(domain)}
          yTicks={yTicks}
          xTick={fmtLatencyTick}
          yTick={(t) => fmt(t, digits)}
          xTitle={'row latency (p50)'}
          yTitle={METRIC_LABELS[metric]}
        />
        {front.length > 1 && (
          <path
            className="pareto-line"
            d={linePath(
              front,
              (p) => x(p.x),
              (p) => y(p.y),
            )}
            fill="none"
            stroke="#6b7280"
            strokeWidth={2}
            strokeDasharray="6 3"
          />
        )}
        {front.map((p) => (
          <circle
            key={`ring-${p.id}`}
            className="pareto-ring"
            cx={x(p.x)}
            cy={y(p.y)}
            r={11}
            fill="none"
            stroke="#6b7280"
            strokeWidth={1.5}
          />
        ))}
        {points.map((p) => (
          <g key={p.id} className="tradeoff-mark">
            <title>{`${p.label}: ${fmt(p.y, digits)} (95% interval ${fmt(p.y - p.yErr[0], digits)}–${fmt(p.y + p.yErr[1], digits)}), ${fmtMs(p.cost)} per row`}</title>
            <line
              className="error-bar"
              x1={x(p.x)}
              x2={x(p.x)}
              y1={y(p.y - p.yErr[0])}
              y2={y(p.y + p.yErr[1])}
              stroke={modelColor(p.id)}
              strokeWidth={1.5}
            />
            <circle
              className="tradeoff-point"
              data-model-id={p.id}
              cx={x(p.x)}
              cy={y(p.y)}
              r={7}
              fill={modelColor(p.id)}
              stroke="#fff"
              strokeWidth={1.5}
            />
          </g>
        ))}
      </svg>
    </div>
  );
}
