/**
 * Laying out a tree read from another format in the engine's order (app/engine/ensemble.ts): nodes numbered
 * breadth-first from the root, each node's left child first and its right child right after it.
 */

/**
 * The engine's order: `order[k]` is the original id of engine node k; `newId` maps back. `children(id)` gives the
 * original ids of the engine-left and engine-right child, or null at a leaf; `broken(message)` reports a bad link.
 */
export function engineOrder(
  children: (id: number) => readonly [number, number] | null,
  broken: (message: string) => Error,
): { order: number[]; newId: Map<number, number> } {
  const order: number[] = [0];
  const newId = new Map<number, number>([[0, 0]]);
  for (let k = 0; k < order.length; k++) {
    const pair = children(order[k]);
    if (!pair) continue;
    for (const child of pair) {
      if (newId.has(child)) throw broken(`reaches node ${child} twice`);
      newId.set(child, order.length);
      order.push(child);
    }
  }
  return { order, newId };
}

/** Zeroed arrays for a RawTree of n nodes (features −1 and children −1: every node a leaf until set). */
export function blankTree(n: number, width: number) {
  return {
    nodes: n,
    feature: new Int32Array(n).fill(-1),
    threshold: new Float64Array(n),
    flags: new Uint8Array(n),
    left: new Int32Array(n).fill(-1),
    right: new Int32Array(n).fill(-1),
    cover: new Float64Array(n),
    value: new Float64Array(n * width),
  };
}
