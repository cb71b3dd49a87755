/**
 * The engine benchmark's synthetic data: deterministic from (rows, seed), written once as CSV so every
 * tool (Sapling, scikit-learn, XGBoost) reads the very same file.
 *
 * 20 numeric features x0…x19, standard normal. Five are informative, with interactions and a
 * non-monotone effect: z = x0·x1 + sin(2·x2) + 0.5·x3² − x4 + 0.5·x0·x3 + N(0, 0.5²); class 1 when z is
 * above its median (≈ 0.35), and 5% of labels flipped at random, so no model can reach 100%.
 * The other 15 features are noise.
 */
import { createRng } from '../app/util/random.js';

export const FEATURES = 20;

export interface Synthetic {
  readonly rows: number;
  /** Row-major rows × FEATURES. */
  readonly data: Float64Array;
  readonly label: Int32Array;
}

function gaussian(rng: ReturnType<typeof createRng>): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

export function generate(rows: number, seed = 20240611): Synthetic {
  const rng = createRng(seed);
  const data = new Float64Array(rows * FEATURES);
  const label = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = data.subarray(i * FEATURES, (i + 1) * FEATURES);
    // Rounded to 4 decimals: exactly what the CSV holds, so in-memory and from-file runs agree.
    for (let j = 0; j < FEATURES; j++) x[j] = Math.round(gaussian(rng) * 1e4) / 1e4;
    const z = x[0] * x[1] + Math.sin(2 * x[2]) + 0.5 * x[3] * x[3] - x[4] + 0.5 * x[0] * x[3] + 0.5 * gaussian(rng);
    let y = z > 0.35 ? 1 : 0;
    if (rng.next() < 0.05) y = 1 - y;
    label[i] = y;
  }
  return { rows, data, label };
}

/** The CSV text of a dataset, in chunks (a 1M-row file is ~150 MB). */
export function* csvChunks(s: Synthetic, chunkRows = 50_000): Generator<string> {
  yield `${Array.from({ length: FEATURES }, (_, j) => `x${j}`).join(',')},y\n`;
  for (let start = 0; start < s.rows; start += chunkRows) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(s.rows, start + chunkRows); i++) {
      const cells: string[] = new Array(FEATURES + 1);
      for (let j = 0; j < FEATURES; j++) cells[j] = String(s.data[i * FEATURES + j]);
      cells[FEATURES] = String(s.label[i]);
      lines.push(cells.join(','));
    }
    yield `${lines.join('\n')}\n`;
  }
}
