import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { predictionsToCsv } from '../../app/pipeline/predictions-csv.js';
import { pipelineFromJSON } from '../../app/pipeline/model-file.js';
import { predictDataset } from '../../app/pipeline/pipeline.js';
import { SaplingError } from '../../app/util/errors.js';
import { parseJsonFile } from '../../app/util/json.js';
import { writeFileAtomic } from '../../io/files.js';
import { CSV_OPTIONS, parse, requireString } from '../args.js';
import { fmtCount } from '../format.js';
import { loadCsv } from '../load.js';
import { printData, printErr, printOut } from '../terminal.js';

export const PREDICT_USAGE = 'sapling predict <model.json> <file.csv> [--out predictions.csv]';

export async function predictCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(argv, { ...CSV_OPTIONS, out: { type: 'string' } }, PREDICT_USAGE);
  if (values.help) {
    printOut(`usage: ${PREDICT_USAGE}\n`);
    return 0;
  }
  const modelPath = requireString(positionals[0], '<model.json>', PREDICT_USAGE);
  const file = requireString(positionals[1], '<file.csv>', PREDICT_USAGE);
  const pipeline = pipelineFromJSON(await readJson(modelPath), basename(modelPath));
  const dataset = await loadCsv(file, values, signal);
  const predictions = predictDataset(pipeline, dataset);
  const csv = predictionsToCsv(dataset, predictions, pipeline.target.classes);
  if (values.out) {
    await writeFileAtomic(values.out, csv);
    printErr(`wrote ${fmtCount(dataset.rowCount)} predictions to ${values.out}\n`);
  } else {
    printData(csv);
  }
  return 0;
}

export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SaplingError(
      'BAD_INPUT',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  return parseJsonFile(text, basename(path), { code: 'BAD_MODEL_FILE' });
}
