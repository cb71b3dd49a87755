/** Answer rules for the fake LLM: a stand-in "model" that reads the serialized row like a person would. */
import { REASON_QUESTION } from '../../app/llm/evaluate.js';
import { createRng } from '../../app/util/random.js';
import { makeDataset } from './dataset.js';

/** The value of `column` in the last row of a prompt, in any of the three templates. */
export function cell(prompt: string, column: string): string | undefined {
  const last = prompt.slice(
    Math.max(
      prompt.lastIndexOf(`The ${column} is `),
      prompt.lastIndexOf(`- ${column}: `),
      prompt.lastIndexOf(`"${column}":`),
    ),
  );
  const m = new RegExp(
    `(?:The ${column} is (.*?)\\.\\n|The ${column} is (.*?)\\.$|- ${column}: (.*)|"${column}":"?([^",}]*))`,
    'm',
  ).exec(last);
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
}

/** credit_data.csv: 'bad' for applicants with arrears records, a part-time job, or a loan over 90% of the price; else 'good'. */
export function creditRule(prompt: string): string {
  const amount = Number(cell(prompt, 'Amount'));
  const price = Number(cell(prompt, 'Price'));
  if (cell(prompt, 'Records') === 'yes' || cell(prompt, 'Job') === 'partime' || amount > 0.9 * price) return 'bad';
  return 'good';
}

/**
 * The small LLM-test table: y = 'yes' when a (in −1…1, two decimals) plus uniform noise of width `noise`
 * is > 0; c is an unrelated category. Seeded, so every test sees the same rows.
 */
export function signDataset(n: number, seed: number, noise: number) {
  const rng = createRng(seed);
  const a: number[] = [];
  const c: string[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    a.push(Math.round((rng.next() * 2 - 1) * 100) / 100);
    c.push(['u', 'v'][rng.int(2)]);
    y.push(a[i] + (rng.next() - 0.5) * noise > 0 ? 'yes' : 'no');
  }
  return makeDataset({ a, c, y });
}

/** A fake LLM for signDataset: reads the last "The a is …." of the prompt and answers 'yes' when a ≥ threshold; answers the "why?" question with a fixed reason. */
export function signRule(threshold: number): (prompt: string) => string {
  return (prompt) => {
    if (prompt === REASON_QUESTION) return 'Because a is what I look at.';
    const a = Number(/The a is (-?[\d.]+)\./.exec(prompt.slice(prompt.lastIndexOf('The a is')))?.[1]);
    return a >= threshold ? 'yes' : 'no';
  };
}
