/**
 * The frame the Compare and LLM screens' plain-SVG charts share (trade-off, reliability diagram, LLM cascade): grid
 * lines at the ticks, the two axis lines, tick labels and the axis titles, in one place so they look alike.
 */
import type { ReactNode } from 'react';

export interface PlotPad {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export function PlotFrame({
  width,
  height,
  pad,
  x,
  y,
  xTicks,
  yTicks,
  xTick,
  yTick,
  xTitle,
  yTitle,
}: {
  width: number;
  height: number;
  pad: PlotPad;
  x: (v: number) => number;
  y: (v: number) => number;
  xTicks: readonly number[];
  yTicks: readonly number[];
  xTick: (v: number) => ReactNode;
  yTick: (v: number) => ReactNode;
  xTitle: ReactNode;
  yTitle: ReactNode;
}) {
  const bottom = height - pad.bottom;
  const midY = (pad.top + bottom) / 2;
  return (
    <>
      <g className="grid">
        {xTicks.map((t) => (
          <line key={`gx${t}`} x1={x(t)} x2={x(t)} y1={pad.top} y2={bottom} />
        ))}
        {yTicks.map((t) => (
          <line key={`gy${t}`} x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} />
        ))}
      </g>
      <g className="axes">
        <line x1={pad.left} x2={width - pad.right} y1={bottom} y2={bottom} className="axis-line" />
        <line x1={pad.left} x2={pad.left} y1={pad.top} y2={bottom} className="axis-line" />
        {xTicks.map((t) => (
          <text key={`x${t}`} x={x(t)} y={bottom + 14} textAnchor="middle" className="tick">
            {xTick(t)}
          </text>
        ))}
        {yTicks.map((t) => (
          <text key={`y${t}`} x={pad.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" className="tick">
            {yTick(t)}
          </text>
        ))}
        <text x={(pad.left + width - pad.right) / 2} y={height - 6} textAnchor="middle" className="axis-title">
          {xTitle}
        </text>
        <text x={14} y={midY} textAnchor="middle" className="axis-title" transform={`rotate(-90 14 ${midY})`}>
          {yTitle}
        </text>
      </g>
    </>
  );
}

/** An SVG path through the items' points, in order ("M x,y L x,y …", one decimal). */
export function linePath<T>(items: readonly T[], px: (item: T) => number, py: (item: T) => number): string {
  return items.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(p).toFixed(1)},${py(p).toFixed(1)}`).join('');
}
