/**
 * Long computations written once as steps (a generator that yields between units of work), run either in one go
 * or with an awaited pause between steps. Compare runs in one thread beside its progress events and its cancel:
 * at 1M rows a single binning, optimizer run or permutation loop is seconds of work that must let them in, while
 * other callers (workers, tests, small data) want the plain synchronous call. Pauses decide only *when* the work
 * yields, never what it computes.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps with `pause()` awaited after each (it may throw, e.g. CANCELLED, which ends the work). */
export async function runStepsPaced<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
