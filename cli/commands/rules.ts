import { basename } from 'node:path';
import { treeRules } from '../../app/export/rules.js';
import { getModelFactory } from '../../app/models/registry.js';
import { pipelineFromJSON } from '../../app/pipeline/pipeline.js';
import { SaplingError } from '../../app/util/errors.js';
import { writeFileAtomic } from '../../io/files.js';
// The tree reader is pure (it imports only app/); it lives next to the desktop's Inspect view, which draws the same nodes.
import { TREE_MODELS, treeView } from '../../main/compute/tree-view.js';
import { parse, requireString } from '../args.js';
import { readJson } from './predict.js';

export const RULES_USAGE = 'sapling rules <model.json> [--out rules.txt]   (a decision tree saved by sapling train --model tree)';

/** A saved decision tree as readable IF … THEN rules, one per leaf. */
export async function rulesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' } }, RULES_USAGE);
  if (values.help) {
    process.stdout.write(`usage: ${RULES_USAGE}\n`);
    return 0;
  }
  const modelPath = requireString(positionals[0], '<model.json>', RULES_USAGE);
  const pipeline = pipelineFromJSON(await readJson(modelPath), basename(modelPath));
  const model = pipeline.model.toJSON();
  if (!(TREE_MODELS as readonly string[]).includes(model.id)) {
    throw new SaplingError('BAD_PARAMETER', `${basename(modelPath)} holds a ${getModelFactory(model.id).label}: rules are written for a single decision tree (train one with --model tree)`);
  }
  const view = treeView(model, pipeline.preprocessor);
  const text = treeRules(view.nodes, pipeline.target.name, getModelFactory(model.id).label);
  if (values.out) {
    await writeFileAtomic(values.out, text);
    process.stderr.write(`wrote ${text.split('\n').filter((l) => l.startsWith('Rule ')).length} rules to ${values.out}\n`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}
