/**
 * One feature order shared by every model's importance bars, so the eye can read across models:
 * features sorted by their mean importance over the models (a model without the feature counts 0).
 */

export interface ImportanceLike {
  readonly feature: string;
  readonly mean: number;
  readonly std: number;
}

/** Features by mean importance across models, largest first; ties by name. Non-finite values count as 0. */
export function sharedFeatureOrder(perModel: readonly (readonly ImportanceLike[] | null | undefined)[]): string[] {
  const sums = new Map<string, number>();
  const lists = perModel.filter((l): l is readonly ImportanceLike[] => l != null);
  for (const list of lists) {
    for (const entry of list) {
      sums.set(entry.feature, (sums.get(entry.feature) ?? 0) + (Number.isFinite(entry.mean) ? entry.mean : 0));
    }
  }
  const n = Math.max(1, lists.length);
  return [...sums]
    .map(([feature, sum]) => ({ feature, mean: sum / n }))
    .sort((a, b) => b.mean - a.mean || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0))
    .map((e) => e.feature);
}

/** The largest `mean + std` over every entry (the shared axis end), at least `floor`. */
export function importanceExtent(
  perModel: readonly (readonly ImportanceLike[] | null | undefined)[],
  floor = 1e-9,
): { min: number; max: number } {
  let max = floor;
  let min = 0;
  for (const list of perModel) {
    for (const e of list ?? []) {
      const std = Number.isFinite(e.std) ? e.std : 0;
      if (Number.isFinite(e.mean)) {
        max = Math.max(max, e.mean + std);
        min = Math.min(min, e.mean - std);
      }
    }
  }
  return { min, max };
}
