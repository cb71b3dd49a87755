/**
 * The batch prediction walk before issue 14's lane walk (app/engine/node-walk.ts), kept only as the benchmark's
 * "before": one row at a time down each tree, over 16-byte packed nodes, the child chosen by a branch. Numeric splits
 * only (the benchmark's data); same outputs as predictBatch.
 */
import { applyLink, type TreeEnsemble } from '../app/engine/ensemble.js';
import { FLAG_MISSING_LEFT } from '../app/engine/tree-store.js';

function pack(e: TreeEnsemble): { I: Int32Array; F: Float64Array } {
  const n = e.feature.length;
  const buffer = new ArrayBuffer(16 * n);
  const p = { I: new Int32Array(buffer), F: new Float64Array(buffer) };
  for (let i = 0; i < n; i++) {
    if ((e.flags[i] & 2) !== 0) throw new Error('bench/row-walk.ts: numeric splits only');
    p.I[4 * i] = e.left[i] < 0 ? -1 : 4 * e.left[i];
    p.I[4 * i + 1] = Math.max(0, e.feature[i]) * 4 + (e.flags[i] & 3);
    p.F[2 * i + 1] = e.threshold[i];
  }
  return p;
}

function walk(I: Int32Array, F: Float64Array, at: number, data: Float64Array, offset: number): number {
  let l = I[at];
  while (l >= 0) {
    const ff = I[at + 1];
    const x = data[offset + (ff >> 2)];
    const goLeft = (ff & 3) === FLAG_MISSING_LEFT ? !(x > F[(at >> 1) + 1]) : x <= F[(at >> 1) + 1];
    at = goLeft ? l : l + 4;
    l = I[at];
  }
  return at;
}

/** A predictBatch for the benchmark's "before" column: build once, then call. */
export function rowWalkPredictor(e: TreeEnsemble, classes: number): (data: Float64Array, rows: number) => Float64Array {
  const { I, F } = pack(e);
  const cols = e.cols;
  const c = e.combine;
  const value = e.value;
  return (data, rows) => {
    if (c.kind === 'mean') {
      const w = e.width;
      const out = new Float64Array(rows * w);
      for (let t = 0; t < e.trees; t++) {
        const root = 4 * e.treeStart[t];
        for (let i = 0; i < rows; i++) {
          const leaf = (walk(I, F, root, data, i * cols) >> 2) * w;
          for (let k = 0; k < w; k++) out[i * w + k] += value[leaf + k];
        }
      }
      if (e.trees > 1) for (let i = 0; i < out.length; i++) out[i] /= e.trees;
      return out;
    }
    const K = c.outputs;
    const raw = new Float64Array(rows * K);
    for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = c.base[k];
    for (let t = 0; t < e.trees; t++) {
      const root = 4 * e.treeStart[t];
      for (let i = 0; i < rows; i++) raw[i * K + (t % K)] += value[walk(I, F, root, data, i * cols) >> 2];
    }
    const width = c.link === 'identity' ? 1 : classes;
    const out = new Float64Array(rows * width);
    for (let i = 0; i < rows; i++) applyLink(c, raw, i * K, out, i * width, classes);
    return out;
  };
}
