import type { CompareResult } from '../../../../app/result/compare.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtCount } from '../../lib/format.js';
import { linearScale } from '../../lib/scale.js';
import { useElementWidth } from '../../use-width.js';
import { linePath, PlotFrame } from '../chart/PlotFrame.js';

/** Reliability diagram beside its ECE / Brier table: is each model's probability honest? */
export function CalibrationChart({ result }: { result: CompareResult }) {
  const calibration = result.calibration;
  if (!calibration || calibration.models.length === 0) return null;
  const label = (id: string) => result.models.find((m) => m.id === id)?.label ?? id;
  const event = calibration.models[0].raw.event;
  const lines = calibration.models.map((m) => ({
    id: m.id,
    label: label(m.id),
    bins: m.raw.bins.filter((b) => b.count > 0),
  }));
  return (
    <section className="card" aria-labelledby="calibration-heading" data-testid="calibration">
      <div className="card-head">
        <h2 id="calibration-heading">Is the probability honest?</h2>
        <span className="muted small">{calibration.note}</span>
      </div>
      <div className="calibration-layout">
        <figure className="chart">
          <figcaption>
            <strong>Reliability diagram</strong>{' '}
            <span className="muted small">
              x: predicted {event}; y: how often it happened. On the diagonal = honest.
            </span>
          </figcaption>
          <ReliabilityPlot lines={lines} event={event} />
        </figure>
        <div className={calibration.method ? 'calibration-numbers wide' : 'calibration-numbers'}>
          <table className="table" data-testid="calibration-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  ECE
                </th>
                <th scope="col" className="num">
                  Brier
                </th>
                {calibration.method && (
                  <>
                    <th scope="col" className="num">
                      ECE ({calibration.method})
                    </th>
                    <th scope="col" className="num">
                      Brier ({calibration.method})
                    </th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {calibration.models.map((m) => (
                <tr key={m.id} data-model-id={m.id}>
                  <th scope="row" className="model-cell">
                    <span className="swatch" style={{ background: modelColor(m.id) }} aria-hidden="true" />
                    {label(m.id)}
                  </th>
                  <td className="num" data-metric="ece">
                    {fmt(m.raw.ece, 3)}
                  </td>
                  <td className="num">{fmt(m.raw.brier, 3)}</td>
                  {calibration.method && (
                    <>
                      <td className="num">{fmt(m.calibrated?.ece, 3)}</td>
                      <td className="num">{fmt(m.calibrated?.brier, 3)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

interface Line {
  readonly id: string;
  readonly label: string;
  readonly bins: readonly { readonly meanPredicted: number; readonly observed: number; readonly count: number }[];
}

const HEIGHT = 300;
const PAD = { left: 56, right: 24, top: 16, bottom: 44 };
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * The diagram as plain SVG (like the trade-off chart): at most ten points per model need no chart library, and this
 * chart's recharts mount was the longest task of the page's main thread in a whole comparison — 58–83 ms of CPU on
 * a loaded 2-core machine (test/e2e/responsive.spec.ts). A point's tooltip (its <title>) names the model, the bin's
 * mean predicted probability, how often the event happened and over how many rows.
 */
function ReliabilityPlot({ lines, event }: { lines: readonly Line[]; event: string }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(480);
  const x = linearScale([0, 1], [PAD.left, width - PAD.right]);
  const y = linearScale([0, 1], [HEIGHT - PAD.bottom, PAD.top]);
  return (
    <div ref={ref} className="calibration-plot">
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`Reliability diagram: observed against predicted ${event}`}
      >
        <PlotFrame
          width={width}
          height={HEIGHT}
          pad={PAD}
          x={x}
          y={y}
          xTicks={TICKS}
          yTicks={TICKS}
          xTick={(t) => t}
          yTick={(t) => t}
          xTitle={<>predicted {event}</>}
          yTitle={'observed'}
        />
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chance-line">
          <title>perfect calibration: it happens as often as predicted</title>
        </line>
        {/* Every line under every point, so no line hides another model's point from the pointer. */}
        {lines.map((l) => (
          <path
            key={l.id}
            className="calibration-line"
            data-model-id={l.id}
            d={linePath(
              l.bins,
              (b) => x(b.meanPredicted),
              (b) => y(b.observed),
            )}
            fill="none"
            stroke={modelColor(l.id)}
            strokeWidth={2}
          />
        ))}
        {lines.flatMap((l) =>
          l.bins.map((b) => (
            <g key={`${l.id}-${b.meanPredicted}`} className="calibration-mark" data-model-id={l.id}>
              <title>{`${l.label}: predicted ${fmt(b.meanPredicted, 3)}, happened ${fmt(b.observed, 3)} (${fmtCount(b.count)} rows)`}</title>
              {/* A wider invisible target, so the tooltip does not need a pixel-exact hover. */}
              <circle cx={x(b.meanPredicted)} cy={y(b.observed)} r={8} fill="transparent" />
              <circle
                className="calibration-point"
                cx={x(b.meanPredicted)}
                cy={y(b.observed)}
                r={3}
                fill="#fff"
                stroke={modelColor(l.id)}
                strokeWidth={1.5}
              />
            </g>
          )),
        )}
      </svg>
    </div>
  );
}
