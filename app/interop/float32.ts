/**
 * Float32 and double neighbours, and the bridge between a float32 comparison (XGBoost, ONNX Runtime on a float
 * input) and the engine's double comparison: the same branch for every input value.
 */

const scratch = new DataView(new ArrayBuffer(8));

/** The largest double T such that, for every double x, Math.fround(x) < t ⇔ x ≤ T (t a float32). */
export function float32Boundary(t: number): number {
  const f = Math.fround(t);
  if (f === -Infinity) return -Infinity;
  if (f === Infinity) return Number.MAX_VALUE;
  const below = previousFloat32(f);
  if (below === -Infinity) return -Infinity;
  const mid = (below + f) / 2; // exact in double
  // At the midpoint, float32 rounding ties to even: x = mid rounds down to `below` only if `below` is even.
  return Math.fround(mid) === below ? mid : previousDouble(mid);
}

export function previousFloat32(f: number): number {
  if (f === 0) return -1.401298464324817e-45;
  scratch.setFloat32(0, f);
  const bits = scratch.getInt32(0);
  scratch.setInt32(0, f > 0 ? bits - 1 : bits + 1);
  return scratch.getFloat32(0);
}

export function previousDouble(d: number): number {
  if (d === 0) return -Number.MIN_VALUE;
  scratch.setFloat64(0, d);
  const bits = scratch.getBigInt64(0);
  scratch.setBigInt64(0, d > 0 ? bits - 1n : bits + 1n);
  return scratch.getFloat64(0);
}

export function nextFloat32(f: number): number {
  if (f === 0) return 1.401298464324817e-45;
  scratch.setFloat32(0, f);
  const bits = scratch.getInt32(0);
  scratch.setInt32(0, f > 0 ? bits + 1 : bits - 1);
  return scratch.getFloat32(0);
}
