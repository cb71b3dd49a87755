import { basename } from 'node:path';
import { savedTreeRules } from '../../app/explain/rules.js';
import { pipelineToOnnx } from '../../app/interop/onnx/export-onnx.js';
import { pipelineToSql } from '../../app/interop/sql/export-sql.js';
import { pipelineFromJSON } from '../../app/pipeline/model-file.js';
import { SaplingError } from '../../app/util/errors.js';
import { SAPLING_VERSION } from '../../app/version.js';
import { writeFileAtomic } from '../../io/files.js';
import { parse, requireString } from '../args.js';
import { readJson } from './predict.js';
import { printErr, printOut } from '../terminal.js';

export const EXPORT_USAGE =
  'sapling export <model.json> --format onnx|sql|rules [--table data] --out <file>   (onnx/sql: tree, forest, extra-trees, boost, linear; rules: a decision tree)';

const FORMATS = ['onnx', 'sql', 'rules'] as const;

/** A saved model in a form that runs outside Sapling: an ONNX file, one SQL SELECT, or the rules text. */
export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { format: { type: 'string' }, out: { type: 'string' }, table: { type: 'string' } },
    EXPORT_USAGE,
  );
  if (values.help) {
    printOut(`usage: ${EXPORT_USAGE}\n`);
    return 0;
  }
  const modelPath = requireString(positionals[0], '<model.json>', EXPORT_USAGE);
  const format = requireString(values.format, '--format onnx|sql|rules', EXPORT_USAGE);
  const out = requireString(values.out, '--out <file>', EXPORT_USAGE);
  if (!(FORMATS as readonly string[]).includes(format))
    throw new SaplingError('BAD_PARAMETER', `--format must be one of ${FORMATS.join(', ')}, got '${format}'`);
  if (values.table !== undefined && format !== 'sql')
    throw new SaplingError('BAD_PARAMETER', '--table applies to --format sql only');
  const fileName = basename(modelPath);
  const pipeline = pipelineFromJSON(await readJson(modelPath), fileName);
  let content: string | Uint8Array;
  if (format === 'onnx') content = pipelineToOnnx(pipeline, fileName, SAPLING_VERSION);
  else if (format === 'sql') content = pipelineToSql(pipeline, fileName, { table: values.table ?? 'data' });
  else content = savedTreeRules(pipeline, fileName);
  await writeFileAtomic(out, content);
  const size = typeof content === 'string' ? new TextEncoder().encode(content).length : content.length;
  printErr(`wrote ${format} (${size.toLocaleString('en-US')} bytes) to ${out}\n`);
  return 0;
}
