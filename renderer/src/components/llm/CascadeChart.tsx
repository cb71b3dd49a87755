import type { CascadeResult } from '../../../../app/result/llm.js';
import { modelColor } from '../../lib/colors.js';
import { fmt } from '../../lib/format.js';
import { linearScale, niceTicks } from '../../lib/scale.js';
import { useElementWidth } from '../../use-width.js';
import { linePath, PlotFrame } from '../chart/PlotFrame.js';

interface CascadePoint {
  /** Cost per 1,000 predictions, or the percentage of rows sent to the LLM when no prices are set. */
  readonly x: number;
  readonly accuracy: number;
  readonly share: number;
  readonly cost: number;
  readonly threshold: string;
}

/** The cascade curve of every model: the model answers when sure enough, the LLM answers the rest. */
export function CascadeChart({
  curves,
  labels,
}: {
  curves: readonly CascadeResult[];
  labels: ReadonlyMap<string, string>;
}) {
  const llmCost = curves[0].llmOnly.costPer1000;
  const byCost = llmCost > 0;
  // One series per model: model only (nothing to the LLM) → thresholds → LLM only.
  const series = curves.map((c) => ({
    id: c.model,
    label: labels.get(c.model) ?? c.model,
    points: [
      { share: 0, cost: 0, accuracy: c.treeOnly.accuracy, threshold: 'model only' },
      ...c.points.map((p) => ({
        share: p.llmShare,
        cost: p.costPer1000,
        accuracy: p.accuracy,
        threshold: `confidence ≥ ${p.threshold.toFixed(2)}`,
      })),
      { share: 1, cost: llmCost, accuracy: c.llmOnly.accuracy, threshold: 'LLM only' },
    ]
      .map((p): CascadePoint => ({ ...p, x: byCost ? p.cost : p.share * 100 }))
      .sort((a, b) => a.x - b.x),
  }));
  return (
    <figure className="chart" data-testid="cascade-chart" data-curves={curves.length}>
      <figcaption>
        <strong>Cascade: the model answers when sure, the LLM answers the rest</strong>
        <span className="muted small">
          {' '}
          Each line sweeps the confidence threshold on the {curves[0].rows} sampled rows: left end = the model alone,
          right end = the LLM alone (accuracy {fmt(curves[0].llmOnly.accuracy)}). A point above both ends is a hybrid
          that beats both.{' '}
          {byCost
            ? 'Cost counts only the LLM’s tokens.'
            : 'No prices set: the axis shows the share of rows sent to the LLM.'}
        </span>
      </figcaption>
      <ul className="legend inline-legend" aria-label="Models">
        {series.map((s) => (
          <li key={s.id}>
            <span className="dot" style={{ background: modelColor(s.id) }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <CascadePlot series={series} byCost={byCost} />
    </figure>
  );
}

const HEIGHT = 300;
const PAD = { left: 64, right: 32, top: 16, bottom: 44 };

/**
 * Plain SVG, like the Compare screen's other charts: a few short lines need no chart library, and a recharts mount
 * costs tens of milliseconds of the page's main thread in one task (test/e2e/responsive.spec.ts). A point's tooltip
 * (its <title>) gives the model, the threshold, the accuracy and what went to the LLM.
 */
function CascadePlot({
  series,
  byCost,
}: {
  series: readonly { id: string; label: string; points: readonly CascadePoint[] }[];
  byCost: boolean;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const all = series.flatMap((s) => s.points);
  // The cost axis ends on the round value at or above the dearest point (the LLM alone), so no point sits on the edge.
  const maxX = byCost ? Math.max(...all.map((p) => p.x)) : 100;
  const rough = byCost ? niceTicks(0, maxX, 4) : [];
  const step = rough.length > 1 ? rough[1] - rough[0] : maxX || 1;
  const xEnd = byCost ? Math.ceil(maxX / step - 1e-9) * step || step : 100;
  const xTicks = byCost ? niceTicks(0, xEnd, 4) : [0, 20, 40, 60, 80, 100];
  const xDomain: [number, number] = [0, xEnd];
  const accuracies = all.map((p) => p.accuracy).filter(Number.isFinite);
  const lo = Math.min(...accuracies);
  const hi = Math.max(...accuracies);
  // A little room above and below the lines, so none runs along the frame.
  const pad = (hi - lo) * 0.05 || 0.01;
  const yDomain: [number, number] = [lo - pad, hi + pad];
  const yTicks = niceTicks(yDomain[0], yDomain[1], 5).filter((t) => t >= yDomain[0] && t <= yDomain[1]);
  const x = linearScale(xDomain, [PAD.left, width - PAD.right]);
  const y = linearScale(yDomain, [HEIGHT - PAD.bottom, PAD.top]);
  const xTick = (v: number) => (byCost ? fmt(v, 3) : `${v.toFixed(0)}%`);
  const where = (p: CascadePoint) =>
    byCost
      ? `${fmt(p.share * 100, 0)}% to the LLM, cost ${fmt(p.cost, 4)} per 1,000`
      : `${fmt(p.share * 100, 0)}% to the LLM`;
  return (
    <div ref={ref} className="cascade-plot">
      <svg width={width} height={HEIGHT} role="img" aria-label="Cascade accuracy against what goes to the LLM">
        <PlotFrame
          width={width}
          height={HEIGHT}
          pad={PAD}
          x={x}
          y={y}
          xTicks={xTicks}
          yTicks={yTicks}
          xTick={xTick}
          yTick={(t) => fmt(t, 3)}
          xTitle={byCost ? 'cost per 1,000 predictions' : 'rows sent to the LLM'}
          yTitle={'accuracy'}
        />
        {series.map((s) => (
          <path
            key={s.id}
            className="cascade-line"
            data-model-id={s.id}
            d={linePath(
              s.points,
              (p) => x(p.x),
              (p) => y(p.accuracy),
            )}
            fill="none"
            stroke={modelColor(s.id)}
            strokeWidth={2}
          />
        ))}
        {series.flatMap((s) =>
          s.points.map((p, i) => (
            <g key={`${s.id}-${i}`} className="cascade-mark" data-model-id={s.id}>
              <title>{`${s.label}, ${p.threshold}: accuracy ${fmt(p.accuracy, 3)}; ${where(p)}`}</title>
              <circle cx={x(p.x)} cy={y(p.accuracy)} r={8} fill="transparent" />
              <circle cx={x(p.x)} cy={y(p.accuracy)} r={3} fill="#fff" stroke={modelColor(s.id)} strokeWidth={1.5} />
            </g>
          )),
        )}
      </svg>
    </div>
  );
}
