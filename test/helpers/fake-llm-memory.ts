/**
 * A fake LLM that has memorised one table: asked to continue rows of it (header test, row completion) it writes the
 * rows that really follow; asked for a left-out value (feature completion) it gives the real one. Anything else goes
 * to `otherwise`. With a table it has not memorised it makes rows up, as an honest model would.
 */
import type { Dataset } from '../../app/data/dataset.js';
import { rowLine } from '../../app/llm/contamination.js';

export function memorisingRule(
  memorised: Dataset,
  otherwise: (prompt: string, classes: readonly string[]) => string,
): (prompt: string, classes: readonly string[]) => string {
  const lines = Array.from({ length: memorised.rowCount }, (_, r) => rowLine(memorised, r));
  return (prompt, classes) => {
    const feature = /^Feature values: (.*), ([^,=]+) =$/m.exec(prompt);
    if (feature) {
      const given = feature[1];
      const column = memorised.columns.find((c) => c.name === feature[2].trim());
      const row = lines.findIndex((_, r) =>
        memorised.columns.every(
          (c) => c === column || given.includes(`${c.name} = ${rowLine({ ...memorised, columns: [c] }, r)}`),
        ),
      );
      return row >= 0 && column ? rowLine({ ...memorised, columns: [column] }, row) : '0';
    }
    const given = prompt.trimEnd().split('\n');
    if (given.length >= 2 && given[0].includes(',') && !prompt.includes('Predict')) {
      const last = lines.lastIndexOf(given[given.length - 1]);
      if (last < 0) return 'x,y,z';
      const header = given.length - 1 === 5 && lines.indexOf(given[1]) === 0;
      return lines.slice(last + 1, last + 1 + (header ? 5 : 1)).join('\n');
    }
    return otherwise(prompt, classes);
  };
}
