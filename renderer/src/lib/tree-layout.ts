/**
 * Layout of a decision tree for drawing: which nodes are visible, where they go, and which edges lie on
 * the inspected row's path. The top levels and the whole path are open by default; any other split node
 * below `openDepth` is drawn collapsed (with the number of nodes it hides) until the user toggles it.
 */

export interface TreeNodeLike {
  readonly id: number;
  readonly left?: number;
  readonly right?: number;
}

export interface LaidOutNode<N extends TreeNodeLike> {
  readonly node: N;
  readonly depth: number;
  /** Centre, in layout units (slot = 1 horizontally, level = 1 vertically). */
  readonly x: number;
  readonly y: number;
  readonly onPath: boolean;
  /** A split node whose children are hidden. */
  readonly collapsed: boolean;
  /** Nodes hidden below a collapsed node. */
  readonly hidden: number;
  readonly leaf: boolean;
}

export interface LaidOutEdge {
  readonly from: number;
  readonly to: number;
  /** 'left' = the "yes" branch (feature ≤ threshold, or category in the left set). */
  readonly side: 'left' | 'right';
  readonly onPath: boolean;
}

export interface TreeLayout<N extends TreeNodeLike> {
  readonly nodes: readonly LaidOutNode<N>[];
  readonly edges: readonly LaidOutEdge[];
  /** Width in slots and height in levels (max depth + 1). */
  readonly width: number;
  readonly height: number;
}

/** Whether a split node shows its children: open near the root and along the path, unless toggled. */
export function isOpen(depth: number, onPath: boolean, toggled: boolean, openDepth: number): boolean {
  const byDefault = onPath || depth < openDepth;
  return toggled ? !byDefault : byDefault;
}

/**
 * Lays the tree out with leaves (and collapsed nodes) in consecutive slots and each parent centred over its
 * children. Node ids need not be positions; the root is `rootId` (default: the first node).
 * Throws on a child id that does not exist or a cycle, rather than drawing nonsense.
 */
export function layoutTree<N extends TreeNodeLike>(
  nodes: readonly N[],
  path: readonly number[],
  toggled: ReadonlySet<number>,
  openDepth = 3,
  rootId: number | undefined = nodes[0]?.id,
): TreeLayout<N> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const onPath = new Set(path);
  const pathEdges = new Set<string>();
  for (let i = 0; i + 1 < path.length; i++) pathEdges.add(`${path[i]}>${path[i + 1]}`);
  const out: LaidOutNode<N>[] = [];
  const edges: LaidOutEdge[] = [];
  if (rootId === undefined || !byId.has(rootId)) return { nodes: out, edges, width: 0, height: 0 };

  const sizes = new Map<number, number>();
  const subtreeSize = (id: number, seen: Set<number>): number => {
    const cached = sizes.get(id);
    if (cached !== undefined) return cached;
    if (seen.has(id)) throw new Error(`tree has a cycle at node ${id}`);
    seen.add(id);
    const n = byId.get(id);
    if (n === undefined) throw new Error(`tree refers to missing node ${id}`);
    let size = 1;
    for (const c of children(n)) size += subtreeSize(c, seen);
    sizes.set(id, size);
    return size;
  };

  let nextSlot = 0;
  let maxDepth = 0;
  const place = (id: number, depth: number, visiting: Set<number>): number => {
    if (visiting.has(id)) throw new Error(`tree has a cycle at node ${id}`);
    const n = byId.get(id);
    if (n === undefined) throw new Error(`tree refers to missing node ${id}`);
    maxDepth = Math.max(maxDepth, depth);
    const kids = children(n);
    const leaf = kids.length === 0;
    const open = !leaf && isOpen(depth, onPath.has(id), toggled.has(id), openDepth);
    let x: number;
    if (!open) {
      x = nextSlot++;
    } else {
      visiting.add(id);
      const xs = kids.map((c, k) => {
        edges.push({
          from: id,
          to: c,
          side: k === 0 && n.left !== undefined ? 'left' : 'right',
          onPath: pathEdges.has(`${id}>${c}`),
        });
        return place(c, depth + 1, visiting);
      });
      visiting.delete(id);
      x = (xs[0] + xs[xs.length - 1]) / 2;
    }
    const hidden = open || leaf ? 0 : subtreeSize(id, new Set()) - 1;
    out.push({ node: n, depth, x, y: depth, onPath: onPath.has(id), collapsed: !open && !leaf, hidden, leaf });
    return x;
  };
  place(rootId, 0, new Set());
  // Parents were pushed after their children; draw order root-first reads better in the DOM.
  out.sort((a, b) => a.depth - b.depth || a.x - b.x);
  return { nodes: out, edges, width: nextSlot, height: maxDepth + 1 };
}

function children(n: TreeNodeLike): number[] {
  const out: number[] = [];
  if (n.left !== undefined) out.push(n.left);
  if (n.right !== undefined) out.push(n.right);
  return out;
}
