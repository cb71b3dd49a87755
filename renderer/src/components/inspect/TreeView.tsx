import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { TreeNodeView } from '../../../../app/ipc/contract.js';
import { fmtCount, fmtPercent, fmtThreshold, shownValue } from '../../lib/format.js';
import { layoutTree } from '../../lib/tree-layout.js';
import { useElementWidth } from '../../use-width.js';

const NODE_W = 168;
const NODE_H = 48;
const SLOT = 180;
const LEVEL = 86;
const MARGIN = 16;

interface Props {
  nodes: readonly TreeNodeView[];
  path: readonly number[];
  values: Readonly<Record<string, string>>;
}

/**
 * The decision tree of the fold that tested this row, drawn top-down, with the row's path highlighted.
 * The top levels and the whole path are open; other deep branches are collapsed and open on click or Enter.
 */
export function TreeView({ nodes, path, values }: Props) {
  const [openDepth, setOpenDepth] = useState(3);
  const [toggled, setToggled] = useState<ReadonlySet<number>>(new Set());
  // null = automatic: scale to fit when that shrinks the tree by no more than a quarter, else scroll at full size.
  const [fitChoice, setFit] = useState<boolean | null>(null);
  const [scrollRef, boxWidth] = useElementWidth<HTMLDivElement>(1000);
  const layout = useMemo(
    () => layoutTree(nodes, path, toggled, openDepth, path[0] ?? nodes[0]?.id),
    [nodes, path, toggled, openDepth],
  );
  const width = Math.max(1, layout.width) * SLOT + 2 * MARGIN;
  const height = Math.max(1, layout.height) * LEVEL + 2 * MARGIN;
  const px = (x: number) => MARGIN + x * SLOT + SLOT / 2;
  const py = (y: number) => MARGIN + y * LEVEL;
  const pos = new Map(layout.nodes.map((n) => [n.node.id, n]));
  const leaf = layout.nodes.find((n) => n.onPath && n.leaf);
  const fit = fitChoice ?? width * 0.75 <= boxWidth;

  // Bring the row's leaf into view when the tree is wider than the panel.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || fit || leaf === undefined) return;
    const right = px(leaf.x) + NODE_W / 2 + MARGIN;
    // Scroll only when the leaf would be out of sight, and then just enough to show it.
    el.scrollLeft = right > el.clientWidth ? right - el.clientWidth : 0;
  }, [fit, leaf?.x, scrollRef]);

  const toggle = (id: number) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <figure className="chart wide tree-figure" data-testid="tree-view">
      <figcaption>
        <strong>Decision tree</strong>{' '}
        <span className="muted small">
          The tree trained without this row (its test fold). Highlighted: the path this row takes. Left branch =
          condition true. Click a “+” node to open it.
        </span>
      </figcaption>
      <div className="chart-controls">
        <div className="field inline">
          <label htmlFor="tree-depth">Open levels</label>
          <select
            id="tree-depth"
            value={openDepth}
            onChange={(e) => {
              setOpenDepth(Number(e.target.value));
              setToggled(new Set());
            }}
          >
            {[1, 2, 3, 4, 5, 6].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <label className="radio">
          <input type="checkbox" checked={fit} onChange={(e) => setFit(e.target.checked)} />
          Scale to fit
        </label>
        <span className="muted small">
          {fmtCount(nodes.length)} nodes, path of {path.length} nodes
        </span>
      </div>
      <div className={`svg-scroll tree-scroll${fit ? ' fit' : ''}`} ref={scrollRef}>
        <svg
          width={fit ? '100%' : width}
          height={fit ? undefined : height}
          style={fit ? { maxWidth: width } : undefined}
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="xMidYMin meet"
          role="group"
          aria-label="Decision tree with the row's path highlighted"
        >
          {layout.edges.map((e) => {
            const a = pos.get(e.from);
            const b = pos.get(e.to);
            if (!a || !b) return null;
            const x1 = px(a.x);
            const y1 = py(a.y) + NODE_H;
            const x2 = px(b.x);
            const y2 = py(b.y);
            const my = (y1 + y2) / 2;
            return (
              <g key={`${e.from}-${e.to}`} className={`tree-edge${e.onPath ? ' on-path' : ''}`}>
                <path d={`M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`} fill="none" />
                <text
                  x={(x1 + x2) / 2 + (e.side === 'left' ? -6 : 6)}
                  y={my - 2}
                  textAnchor={e.side === 'left' ? 'end' : 'start'}
                  className="edge-label"
                >
                  {e.side === 'left' ? 'yes' : 'no'}
                </text>
              </g>
            );
          })}
          {layout.nodes.map((n) => {
            const x = px(n.x) - NODE_W / 2;
            const y = py(n.y);
            const { title, line1, line2 } = describe(n.node, n.onPath ? values : undefined);
            const clickable = !n.leaf;
            return (
              <g
                key={n.node.id}
                className={`tree-node${n.onPath ? ' on-path' : ''}${n.leaf ? ' leaf' : ''}${n.collapsed ? ' collapsed' : ''}`}
                data-node-id={n.node.id}
                transform={`translate(${x},${y})`}
                {...(clickable
                  ? {
                      role: 'button',
                      tabIndex: 0,
                      'aria-expanded': !n.collapsed,
                      'aria-label': `${title}${n.collapsed ? `, ${n.hidden} hidden nodes` : ''}`,
                      onClick: () => toggle(n.node.id),
                      onKeyDown: (ev: KeyboardEvent) => {
                        if (ev.key === 'Enter' || ev.key === ' ') {
                          ev.preventDefault();
                          toggle(n.node.id);
                        }
                      },
                    }
                  : {})}
              >
                <title>{title}</title>
                <rect width={NODE_W} height={NODE_H} rx={6} />
                <text x={8} y={18} className="node-line1">
                  {line1}
                </text>
                <text x={8} y={36} className="node-line2">
                  {line2}
                </text>
                {n.collapsed && (
                  <g transform={`translate(${NODE_W / 2 - 16},${NODE_H + 4})`} className="collapsed-badge">
                    <rect width={32} height={16} rx={8} />
                    <text x={16} y={12} textAnchor="middle">
                      +{n.hidden > 999 ? '999+' : n.hidden}
                    </text>
                  </g>
                )}
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

function describe(
  node: TreeNodeView,
  values: Readonly<Record<string, string>> | undefined,
): { title: string; line1: string; line2: string } {
  const samples = node.samples !== undefined ? `${fmtCount(node.samples)} ${node.samples === 1 ? 'row' : 'rows'}` : '';
  if (node.feature === undefined) {
    const share = node.distribution?.[node.prediction ?? ''];
    // A regression leaf's mean (236.01408450704224) reads rounded; a class name is shown as it is.
    const p = node.prediction !== undefined ? shownValue(node.prediction) : '?';
    const purity = share !== undefined ? ` · ${fmtPercent(share, 0)}` : '';
    return {
      title: `Leaf: predicts ${p}${samples ? `, ${samples}` : ''}${purity}`,
      line1: `→ ${clip(p, 20)}`,
      line2: `${samples}${purity}`,
    };
  }
  // The engine's trees send `feature ≤ threshold` left, the ml-cart ones `feature < threshold`: show the node's own.
  const comparison = node.comparison ?? '<';
  const shortTest =
    node.leftCategories !== undefined
      ? `∈ {${node.leftCategories.join(', ')}}`
      : `${comparison} ${node.threshold !== undefined ? String(Number(node.threshold.toPrecision(4))) : '?'}`;
  const fullTest =
    node.leftCategories !== undefined
      ? shortTest
      : `${comparison} ${node.threshold !== undefined ? fmtThreshold(node.threshold) : '?'}`;
  const missing =
    node.missingGoesLeft === undefined
      ? ''
      : `; missing values go ${node.missingGoesLeft ? 'left (yes)' : 'right (no)'}`;
  const value = values?.[node.feature];
  const shown = value === undefined ? samples : `row: ${clip(value === '' ? 'missing' : shownValue(value), 10)}`;
  return {
    title: `${node.feature} ${fullTest}${samples ? ` (${samples})` : ''}${missing}`,
    line1: clip(node.feature, 24),
    line2: `${clip(shortTest, 14)} · ${shown}`,
  };
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
