/**
 * Runs `work` over `items` with at most `limit` in flight, keeping the results in item order.
 * On the first error (or when `signal` aborts) no new item starts and the error is rethrown once the
 * items already running have settled — they see the same signal, so a cancel stops them too.
 */
import { cancelled } from '../util/errors.js';

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      if (signal?.aborted) {
        failure ??= { error: cancelled() };
        return;
      }
      const i = next++;
      try {
        results[i] = await work(items[i], i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure !== undefined) throw failure.error;
  if (signal?.aborted) throw cancelled();
  return results;
}
