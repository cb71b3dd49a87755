/**
 * The fake LLM as a row writer (the synthesis prompt of app/llm/synthesize.ts): it answers "Write N new rows" with a
 * JSON array built from the prompt's example rows, each numeric cell nudged within its stated range — and, like a
 * careless model, with faults in every batch of ten: one verbatim copy of an example (a duplicate of a real row), one
 * number far out of range, and one made-up category. Anything else goes to `otherwise`.
 */
import type { FakeMessage } from './fake-llm.js';

type Rule = (prompt: string, classes: readonly string[], messages: readonly FakeMessage[]) => string;

export function synthesisRule(otherwise: Rule): Rule {
  return (prompt, classes, messages) => {
    const wanted = /^Write (\d+) new rows/m.exec(prompt);
    if (!wanted) return otherwise(prompt, classes, messages);
    const count = Number(wanted[1]);
    const examples = prompt
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const ranges = new Map<string, { min: number; max: number; integer: boolean }>();
    for (const m of prompt.matchAll(/^- (.+): (a whole number|a number) from (-?[\d.e+-]+) to (-?[\d.e+-]+)/gm))
      ranges.set(m[1], { min: Number(m[3]), max: Number(m[4]), integer: m[2] === 'a whole number' });
    const categories = [...prompt.matchAll(/^- (.+): one of "/gm)].map((m) => m[1]);
    const rows = Array.from({ length: count }, (_, i) => {
      const row = { ...examples[i % examples.length] };
      if (i % 10 === 0) return row; // a copy of a real row
      for (const [name, r] of ranges) {
        const v = row[name];
        if (typeof v !== 'number') continue;
        // A nudge of up to ±8% of the range, different per row and column, kept inside the range.
        const step = (((i * 7 + name.length * 3) % 17) - 8) / 100;
        const moved = Math.min(r.max, Math.max(r.min, v + step * (r.max - r.min)));
        row[name] = r.integer ? Math.round(moved) : Math.round(moved * 100) / 100;
      }
      const firstNumber = [...ranges.keys()][0];
      if (i % 10 === 1 && firstNumber) row[firstNumber] = ranges.get(firstNumber)!.max * 10 + 1;
      if (i % 10 === 2 && categories[0]) row[categories[0]] = 'made-up value';
      return row;
    });
    return JSON.stringify(rows);
  };
}
