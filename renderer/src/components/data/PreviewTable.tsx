import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { bridge, call } from '../../bridge.js';
import { PageCache } from '../../lib/page-cache.js';
import { fmtCell, fmtCount } from '../../lib/format.js';

const PAGE = 200;
const ROW_HEIGHT = 28;
const MIN_COL_WIDTH = 96;
const MAX_COL_WIDTH = 220;
const NUM_WIDTH = 72;

interface Props {
  datasetId: string;
  rows: number;
  columns: readonly string[];
  target: string;
  selectedRow: number | null;
  hasRun: boolean;
  onPickRow: (row: number) => void;
}

/**
 * The data, virtualized: only the visible rows are in the DOM, and only the pages covering them are
 * fetched (getRows), cached and evicted least-recently-used. Scrolls a 100k-row file smoothly.
 */
export function PreviewTable({ datasetId, rows, columns, target, selectedRow, hasRun, onPickRow }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const cache = useMemo(() => new PageCache<readonly string[]>(PAGE, 300), [datasetId]);
  const [, setVersion] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length > 0 ? items[0].index : 0;
  const last = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    let live = true;
    cache.touch(cache.pagesFor(first, last, rows));
    const missing = cache.claimMissing(first, last, rows);
    for (const page of missing) {
      const offset = page * PAGE;
      void call(() => bridge().getRows({ datasetId, offset, limit: Math.min(PAGE, rows - offset) })).then((res) => {
        if (res.ok) {
          cache.store(page, res.value.rows);
          if (live) setVersion((v) => v + 1);
        } else {
          cache.release(page);
          if (live) setLoadError(res.error.message);
        }
      });
    }
    return () => {
      live = false;
    };
  }, [cache, datasetId, first, last, rows]);

  const widths = columns.map((c) =>
    Math.min(MAX_COL_WIDTH, Math.max(MIN_COL_WIDTH, 24 + c.length * 7.5 + (c === target ? 48 : 0))),
  );
  const width = NUM_WIDTH + widths.reduce((a, b) => a + b, 0);
  const template = `${NUM_WIDTH}px ${widths.map((w) => `${Math.round(w)}px`).join(' ')}`;
  return (
    <div className="preview">
      {loadError && (
        <p className="inline-error" role="alert">
          Some rows could not be read: {loadError}
        </p>
      )}
      <div
        className="preview-scroll"
        ref={scrollRef}
        role="grid"
        aria-label={`Data preview, ${fmtCount(rows)} rows`}
        aria-rowcount={rows + 1}
        aria-colcount={columns.length + 1}
        tabIndex={0}
        data-testid="preview"
      >
        <div className="preview-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, width }}>
          <div role="columnheader" className="cell num">
            row
          </div>
          {columns.map((c) => (
            <div role="columnheader" key={c} className={`cell${c === target ? ' target-col' : ''}`} title={c}>
              {c}
              {c === target && <span className="badge small-badge">target</span>}
            </div>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
          {items.map((item) => {
            const row = cache.row(item.index);
            const selected = selectedRow === item.index;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected || undefined}
                className={`preview-row${selected ? ' selected' : ''}${item.index % 2 ? ' odd' : ''}`}
                style={{
                  transform: `translateY(${item.start}px)`,
                  gridTemplateColumns: template,
                  width,
                  height: ROW_HEIGHT,
                }}
                onClick={() => onPickRow(item.index)}
                data-row={item.index}
              >
                <div role="rowheader" className="cell num">
                  <button
                    type="button"
                    className="row-button"
                    onClick={(e) => {
                      e.stopPropagation();
                      onPickRow(item.index);
                    }}
                    aria-label={hasRun ? `Inspect row ${item.index + 1}` : `Select row ${item.index + 1}`}
                  >
                    {item.index + 1}
                  </button>
                </div>
                {columns.map((c, j) => (
                  <div
                    role="gridcell"
                    key={c}
                    className={`cell${c === target ? ' target-col' : ''}${row && row[j] === '' ? ' missing' : ''}`}
                  >
                    {row === undefined ? <span className="placeholder" /> : row[j] === '' ? 'NA' : fmtCell(row[j], 24)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
