/** Tiny linear scales and "nice" ticks for the hand-drawn SVG charts. */

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  if (lo > hi) [lo, hi] = [hi, lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Powers of ten spanning [lo, hi] (both > 0), for a log axis. */
export function logDomain(lo: number, hi: number): [number, number] {
  const a = Math.max(lo, 1e-9);
  const b = Math.max(hi, a);
  let l = 10 ** Math.floor(Math.log10(a));
  let h = 10 ** Math.ceil(Math.log10(b));
  if (l === h) {
    l /= 10;
    h *= 10;
  }
  return [l, h];
}

export function logTicks(domain: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(domain[0])); e <= Math.round(Math.log10(domain[1])); e++) out.push(10 ** e);
  return out;
}
