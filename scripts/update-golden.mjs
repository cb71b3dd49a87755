// Regenerates test/golden/*.json: `node scripts/update-golden.mjs [name ...]`.
// Only for a change that is MEANT to change results (a new default, a new field): say so in the commit message.
import { writeFile } from 'node:fs/promises';
import { GOLDEN_CASES, goldenDocument, goldenPath } from './golden-cases.mjs';

const wanted = process.argv.slice(2);
const cases = wanted.length > 0 ? GOLDEN_CASES.filter((c) => wanted.includes(c.name)) : GOLDEN_CASES;
if (cases.length === 0) {
  console.error(
    `no golden case named ${wanted.join(', ')}; the cases are ${GOLDEN_CASES.map((c) => c.name).join(', ')}`,
  );
  process.exit(1);
}
for (const testCase of cases) {
  await writeFile(goldenPath(testCase), await goldenDocument(testCase));
  console.log(`wrote ${goldenPath(testCase)}`);
}
