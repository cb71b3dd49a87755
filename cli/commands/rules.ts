import { basename } from 'node:path';
import { savedTreeRules } from '../../app/explain/rules.js';
import { pipelineFromJSON } from '../../app/pipeline/model-file.js';
import { writeFileAtomic } from '../../io/files.js';
import { parse, requireString } from '../args.js';
import { readJson } from './predict.js';
import { printErr, printOut } from '../terminal.js';

export const RULES_USAGE =
  'sapling rules <model.json> [--out rules.txt]   (a decision tree saved by sapling train --model tree)';

/** A saved decision tree as readable IF … THEN rules, one per leaf (app/explain/rules.ts). */
export async function rulesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' } }, RULES_USAGE);
  if (values.help) {
    printOut(`usage: ${RULES_USAGE}\n`);
    return 0;
  }
  const modelPath = requireString(positionals[0], '<model.json>', RULES_USAGE);
  const text = savedTreeRules(pipelineFromJSON(await readJson(modelPath), basename(modelPath)), basename(modelPath));
  if (values.out) {
    await writeFileAtomic(values.out, text);
    printErr(`wrote ${text.split('\n').filter((l) => l.startsWith('Rule ')).length} rules to ${values.out}\n`);
  } else {
    printOut(text);
  }
  return 0;
}
