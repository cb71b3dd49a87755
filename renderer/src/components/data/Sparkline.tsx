import type { ColumnProfile } from '../../../../app/data/profile.js';
import { fmtCount, fmtShort } from '../../lib/format.js';

const W = 120;
const H = 28;

/** A 10-bin histogram for numeric columns, or the top categories for text/boolean columns. */
export function ColumnSparkline({ column }: { column: ColumnProfile }) {
  if (column.histogram && column.histogram.length > 0) return <Histogram column={column} />;
  if (column.topCategories && column.topCategories.length > 0) return <TopCategories column={column} />;
  return <span className="muted">—</span>;
}

function Histogram({ column }: { column: ColumnProfile }) {
  const bins = column.histogram ?? [];
  const max = Math.max(1, ...bins.map((b) => b.count));
  const bw = W / bins.length;
  return (
    <svg
      className="sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Histogram of ${column.name} from ${fmtShort(column.min ?? NaN)} to ${fmtShort(column.max ?? NaN)}`}
      data-testid="histogram"
    >
      {bins.map((b, i) => {
        const h = b.count === 0 ? 0 : Math.max(1, (b.count / max) * (H - 2));
        return (
          <rect key={i} x={i * bw + 0.5} y={H - h} width={bw - 1} height={h} className="spark-bar">
            <title>{`${fmtShort(b.lo)} – ${fmtShort(b.hi)}: ${fmtCount(b.count)} rows`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

function TopCategories({ column }: { column: ColumnProfile }) {
  const top = column.topCategories ?? [];
  const present = column.distinct > 0 ? Math.max(1, ...top.map((t) => t.count)) : 1;
  const rowH = H / Math.max(top.length, 1);
  return (
    <svg
      className="sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Most frequent values of ${column.name}: ${top.map((t) => t.value).join(', ')}`}
      data-testid="top-categories"
    >
      {top.map((t, i) => (
        <rect
          key={t.value}
          x={0}
          y={i * rowH + 0.5}
          width={Math.max(1, (t.count / present) * W)}
          height={Math.max(1, rowH - 1)}
          className="spark-bar cat"
        >
          <title>{`${t.value}: ${fmtCount(t.count)} rows`}</title>
        </rect>
      ))}
    </svg>
  );
}
