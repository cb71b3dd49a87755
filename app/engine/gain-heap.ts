/**
 * The best-first queue of leaf-wise growth (tree and boosting): a binary max-heap on split gain, ties broken by
 * the lower node id so that growth order — and therefore the model — is deterministic.
 */
export interface GainCandidate {
  readonly node: number;
  readonly split: { readonly gain: number };
}

function before(a: GainCandidate, b: GainCandidate): boolean {
  return a.split.gain > b.split.gain || (a.split.gain === b.split.gain && a.node < b.node);
}

export function heapPush<C extends GainCandidate>(heap: C[], c: C): void {
  heap.push(c);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

export function heapPop<C extends GainCandidate>(heap: C[]): C {
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}
