// Writes the hostile model-file corpus (test/helpers/hostile-models.ts: each case = a real model file with one
// thing broken) to test/fixtures/hostile-models/. Run after changing a case or a base model:
//   node --import tsx scripts/make-hostile-models.ts
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE_CASES, HOSTILE_DIR, hostileText } from '../test/helpers/hostile-models.js';

mkdirSync(HOSTILE_DIR, { recursive: true });
for (const name of readdirSync(HOSTILE_DIR)) if (name.endsWith('.json')) rmSync(join(HOSTILE_DIR, name));
for (const c of HOSTILE_CASES) writeFileSync(join(HOSTILE_DIR, `${c.name}.json`), hostileText(c));
console.log(`wrote ${HOSTILE_CASES.length} hostile model files to ${HOSTILE_DIR}`);
