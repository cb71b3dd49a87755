/**
 * Where a comparison's time goes, stage by stage (`npm run bench:compare`, issue 14). A StageClock is
 * optional in CompareOptions: without one nothing is timed. Seconds are wall-clock sums per stage, so a
 * stage that runs once per fold adds its folds up.
 */

export const STAGES = [
  'folds',
  'fit',
  'score',
  'latency',
  'permutation',
  'llm',
  'shap',
  'calibration',
  'verdicts',
] as const;
export type Stage = (typeof STAGES)[number];

export class StageClock {
  private readonly ms = new Map<Stage, number>();
  private readonly cpuMs = new Map<Stage, number>();
  private cpuMark = 0;

  /**
   * `cpuNow` (optional, milliseconds): a CPU-time clock, e.g. the process's CPU time, which a loaded machine
   * distorts less than the wall clock. Stages are then timed on both.
   */
  constructor(private readonly cpuNow?: () => number) {}

  time<T>(stage: Stage, body: () => T): T {
    const started = this.start();
    try {
      return body();
    } finally {
      this.stop(stage, started);
    }
  }

  /** The wall-clock mark to pass to stop(); also marks the CPU clock. */
  start(): number {
    if (this.cpuNow) this.cpuMark = this.cpuNow();
    return performance.now();
  }

  /** Adds the time since start() to `stage` (stages do not nest). */
  stop(stage: Stage, startedMs: number): void {
    this.ms.set(stage, (this.ms.get(stage) ?? 0) + performance.now() - startedMs);
    if (this.cpuNow) this.cpuMs.set(stage, (this.cpuMs.get(stage) ?? 0) + this.cpuNow() - this.cpuMark);
  }

  /** Wall-clock seconds per stage, every stage listed (0 when it did not run). */
  seconds(): Record<Stage, number> {
    return perStage(this.ms);
  }

  /** CPU seconds per stage (all zero without a CPU clock). */
  cpuSeconds(): Record<Stage, number> {
    return perStage(this.cpuMs);
  }
}

function perStage(ms: ReadonlyMap<Stage, number>): Record<Stage, number> {
  return Object.fromEntries(STAGES.map((s) => [s, (ms.get(s) ?? 0) / 1000])) as Record<Stage, number>;
}

/** Runs `body` timed under `stage` when there is a clock, plainly otherwise. */
export function timed<T>(clock: StageClock | undefined, stage: Stage, body: () => T): T {
  return clock ? clock.time(stage, body) : body();
}
