/**
 * Time left in a comparison, from measured work only (issues 13 and 14: an estimate that gave every model an equal
 * share said "~1 min" while the forest, five times slower than the tree, still had two minutes to go).
 *
 * - Training: each model's seconds per fold, measured as its folds finish (the time since its previous fold, or its
 *   start). Folds still to run cost their model's measured mean. A model whose first fold is still running is
 *   extrapolated from that fold's own progress (a forest reports every tree: 10 of 100 trees in 3 s → 30 s per
 *   fold). A model not started yet is not counted: its cost cannot be told from another model's (at 1M rows a
 *   decision tree's fold took 7 s and the forest's 86 s, so "the mean of the models measured so far" said about 3 min
 *   left of a 16-minute run); `untimed()` says how many such models the estimate leaves out, and callers show it as
 *   a lower bound ("at least … left"). Nothing measured, or the running model not yet measured → no estimate.
 * - Explanations: once one model's explanation has been measured, the models left cost its mean; before that, the
 *   estimate covers training only (callers say so).
 * The clock is injected, so the arithmetic is testable without waiting.
 */

export class MeasuredEta {
  readonly #folds: number;
  readonly #foldSeconds: number[][];
  readonly #lastMark: (number | undefined)[];
  /** Share of the running fold done (from the fit's own progress: trees or rounds grown), per model. */
  readonly #foldFraction: number[];
  readonly #explainSeconds: number[] = [];
  #explainStarted: number | undefined;
  #explained = 0;

  constructor(
    readonly models: number,
    folds: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#folds = folds;
    this.#foldSeconds = Array.from({ length: models }, () => []);
    this.#lastMark = new Array<number | undefined>(models).fill(undefined);
    this.#foldFraction = new Array<number>(models).fill(0);
  }

  /** Model m starts its first fold. */
  modelStarted(m: number): void {
    this.#lastMark[m] = this.now();
  }

  /** How far model m's running fold is, in [0, 1) (a forest reports each tree grown). */
  foldProgress(m: number, fraction: number): void {
    this.#foldFraction[m] = Math.max(0, Math.min(1, fraction));
  }

  /** Model m finished one more fold (fit and score). */
  foldDone(m: number): void {
    const t = this.now();
    const since = this.#lastMark[m] ?? t;
    this.#foldSeconds[m].push((t - since) / 1000);
    this.#lastMark[m] = t;
    this.#foldFraction[m] = 0;
  }

  /** The explanation of the next model starts (models are explained one after another). */
  explainStarted(): void {
    this.#explainStarted = this.now();
  }

  explainDone(): void {
    if (this.#explainStarted === undefined) return;
    this.#explainSeconds.push((this.now() - this.#explainStarted) / 1000);
    this.#explainStarted = undefined;
    this.#explained++;
  }

  /** Models with folds left whose pace nobody has measured yet (not started): remainingSeconds() leaves them out. */
  untimed(): number {
    let n = 0;
    for (let m = 0; m < this.models; m++)
      if (this.#lastMark[m] === undefined && this.#foldSeconds[m].length < this.#folds) n++;
    return n;
  }

  /** Seconds left for the timed work, or undefined while nothing has been measured (see untimed()). */
  remainingSeconds(): number | undefined {
    const t = this.now();
    const running = (m: number): number => {
      const mark = this.#lastMark[m];
      return mark === undefined || this.#foldSeconds[m].length >= this.#folds ? 0 : (t - mark) / 1000;
    };
    // Per model: its finished folds' mean, else its running fold extrapolated from the fit's own progress.
    const perFold = this.#foldSeconds.map((seconds, m): number | undefined => {
      if (seconds.length > 0) return mean(seconds);
      const f = this.#foldFraction[m];
      const elapsed = running(m);
      return f >= MIN_FOLD_FRACTION && elapsed >= MIN_ELAPSED_SECONDS ? elapsed / f : undefined;
    });
    const known = perFold.filter((v): v is number => v !== undefined);
    if (known.length === 0) return undefined;
    // The model under way has not told its pace yet: any number would be another model's (a tree's seconds for a
    // forest of 5,000 trees), so say nothing until it has.
    const underWay = (m: number): boolean =>
      this.#lastMark[m] !== undefined && this.#foldSeconds[m].length < this.#folds;
    if (perFold.some((v, m) => v === undefined && underWay(m))) return undefined;
    let left = 0;
    perFold.forEach((estimate, m) => {
      const folds = Math.max(0, this.#folds - this.#foldSeconds[m].length);
      // Not started (untimed()): left out rather than priced at another model's pace.
      if (folds === 0 || estimate === undefined) return;
      const per = estimate;
      // The fold under way has already used part of its time.
      const f = this.#foldFraction[m];
      const current = f > 0 ? per * (1 - f) : Math.max(0, per - running(m));
      left += (folds - 1) * per + current;
    });
    if (this.#explainSeconds.length > 0) {
      const started = this.#explainStarted === undefined ? 0 : (t - this.#explainStarted) / 1000;
      const perModel = mean(this.#explainSeconds);
      left += Math.max(0, (this.models - this.#explained) * perModel - started);
    }
    return left;
  }
}

/** A fold's first 5% (and half second) say too little about its length to extrapolate from. */
const MIN_FOLD_FRACTION = 0.05;
const MIN_ELAPSED_SECONDS = 0.5;

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}
