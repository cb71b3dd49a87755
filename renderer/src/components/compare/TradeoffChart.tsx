import { CartesianGrid, ErrorBar, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { LlmModelRow, ModelResult } from '../../../../app/result/compare.js';
import { METRIC_LABELS, metricDirection, type MetricName } from '../../../../app/evaluate/metrics.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtLatencyTick, fmtMeanCi, fmtMs, metricDigits } from '../../lib/format.js';
import { paretoFront } from '../../lib/pareto.js';
import { logDomain, logTicks } from '../../lib/scale.js';

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
  const digits = metricDigits(metric);
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
        <ResponsiveContainer width="100%" height={300}>
          <ScatterChart margin={{ top: 16, right: 32, bottom: 28, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              scale="log"
              domain={domain}
              ticks={logTicks(domain)}
              tickFormatter={(v: number) => fmtLatencyTick(v)}
              allowDataOverflow
              label={{ value: 'row latency (p50)', position: 'insideBottom', offset: -16 }}
            />
            <YAxis
              type="number"
              dataKey="y"
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => fmt(v, digits)}
              width={64}
              label={{
                value: METRIC_LABELS[metric],
                angle: -90,
                position: 'insideLeft',
                offset: 4,
                style: { textAnchor: 'middle' },
              }}
            />
            <Tooltip
              cursor={{ strokeDasharray: '3 3' }}
              formatter={(value, name) => (name === 'x' ? fmtMs(Number(value)) : fmt(Number(value), digits))}
              labelFormatter={() => ''}
            />
            <Scatter
              name="Pareto front"
              data={front}
              line={{ stroke: '#6b7280', strokeWidth: 2, strokeDasharray: '6 3', className: 'pareto-line' }}
              lineType="joint"
              shape={(props: { cx?: number; cy?: number }) => (
                <circle
                  className="pareto-ring"
                  cx={props.cx}
                  cy={props.cy}
                  r={11}
                  fill="none"
                  stroke="#6b7280"
                  strokeWidth={1.5}
                />
              )}
              isAnimationActive={false}
              legendType="none"
            />
            {shown.map((p) => (
              <Scatter
                key={p.id}
                name={p.label}
                data={[p]}
                fill={modelColor(p.id)}
                isAnimationActive={false}
                shape={(props: { cx?: number; cy?: number }) => (
                  <circle
                    className="tradeoff-point"
                    data-model-id={p.id}
                    cx={props.cx}
                    cy={props.cy}
                    r={7}
                    fill={modelColor(p.id)}
                    stroke="#fff"
                    strokeWidth={1.5}
                  />
                )}
              >
                <ErrorBar dataKey="yErr" direction="y" width={6} stroke={modelColor(p.id)} strokeWidth={1.5} />
              </Scatter>
            ))}
          </ScatterChart>
        </ResponsiveContainer>
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
