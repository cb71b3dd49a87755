import type { ModelResult } from '../../../../app/result/compare.js';
import { heatShade, modelColor } from '../../lib/colors.js';
import { fmtCount, fmtPercent } from '../../lib/format.js';

/** One heat-coloured confusion matrix per model (rows = actual, columns = predicted, summed over test folds). */
export function ConfusionMatrices({ models, classes }: { models: readonly ModelResult[]; classes: readonly string[] }) {
  const k = classes.length;
  const cell = k <= 3 ? 46 : k <= 6 ? 38 : k <= 10 ? 30 : 22;
  const longest = Math.max(...classes.map((c) => Math.min(c.length, 14)));
  const labelW = Math.min(110, 12 + 7 * longest);
  const size = labelW + k * cell + 8;
  // Column labels are drawn at 45°: they need about 0.7 × their length of height.
  const top = Math.round(22 + 7 * longest * 0.72);
  return (
    <figure className="chart wide" data-testid="confusion-matrices">
      <figcaption>
        <strong>Confusion matrices</strong>{' '}
        <span className="muted small">
          Rows: actual class; columns: predicted. Counts summed over the test folds; colour = share of the actual class.
        </span>
      </figcaption>
      <div className="small-multiples">
        {models.map((m) => {
          const cm = m.confusionMatrix;
          if (!cm) return null;
          return (
            <div key={m.id} className="multiple" data-model-id={m.id}>
              <div className="multiple-title" style={{ color: modelColor(m.id) }}>
                {m.label}
              </div>
              <svg width={size} height={top + k * cell + 4} role="img" aria-label={`Confusion matrix of ${m.label}`}>
                <text x={labelW + (k * cell) / 2} y={12} textAnchor="middle" className="axis-title">
                  predicted
                </text>
                {classes.map((c, j) => (
                  <text
                    key={`c${j}`}
                    x={labelW + j * cell + cell / 2}
                    y={top - 6}
                    className="axis-label"
                    textAnchor="start"
                    transform={`rotate(-45 ${labelW + j * cell + cell / 2} ${top - 6})`}
                  >
                    {short(c)}
                    <title>{c}</title>
                  </text>
                ))}
                {cm.map((row, i) => {
                  const total = row.reduce((a, b) => a + b, 0);
                  return (
                    <g key={i}>
                      <text
                        x={labelW - 6}
                        y={top + i * cell + cell / 2}
                        textAnchor="end"
                        dominantBaseline="middle"
                        className="axis-label"
                      >
                        {short(classes[i] ?? String(i))}
                        <title>{`actual ${classes[i]}`}</title>
                      </text>
                      {row.map((count, j) => {
                        const share = total === 0 ? 0 : count / total;
                        const color = heatShade(share);
                        return (
                          <g key={j}>
                            <rect
                              x={labelW + j * cell}
                              y={top + i * cell}
                              width={cell - 2}
                              height={cell - 2}
                              fill={color.fill}
                              className={`confusion-cell${i === j ? ' diagonal' : ''}`}
                              data-count={count}
                            >
                              <title>{`actual ${classes[i]}, predicted ${classes[j]}: ${fmtCount(count)} (${fmtPercent(share)} of ${classes[i]})`}</title>
                            </rect>
                            {cell >= 26 && (
                              <text
                                x={labelW + j * cell + (cell - 2) / 2}
                                y={top + i * cell + (cell - 2) / 2}
                                textAnchor="middle"
                                dominantBaseline="middle"
                                className="cell-count"
                                fill={color.text}
                              >
                                {count >= 10000 ? `${Math.round(count / 1000)}k` : count}
                              </text>
                            )}
                          </g>
                        );
                      })}
                    </g>
                  );
                })}
              </svg>
            </div>
          );
        })}
      </div>
    </figure>
  );
}

function short(label: string): string {
  return label.length > 14 ? `${label.slice(0, 13)}…` : label;
}
