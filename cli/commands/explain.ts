import { basename } from 'node:path';
import { cellText, columnByName } from '../../app/data/dataset.js';
import { explainMatrix, type ModelDecision } from '../../app/explain/decision.js';
import { decisionsToCsv, decisionsToJson } from '../../app/explain/decisions-file.js';
import { getModelFactory } from '../../app/registry/models.js';
import { selectRows } from '../../app/models/matrix.js';
import { pipelineFromJSON } from '../../app/pipeline/model-file.js';
import { transform } from '../../app/pipeline/preprocess.js';
import { throwIfAborted } from '../../app/util/errors.js';
import { writeFileAtomic } from '../../io/files.js';
import { CSV_OPTIONS, parse, parseNumber, requireString } from '../args.js';
import { fmtCount } from '../format.js';
import { loadCsv } from '../load.js';
import { progressLine } from '../progress.js';
import { readJson } from './predict.js';
import { printErr, printOut } from '../terminal.js';

export const EXPLAIN_USAGE =
  'sapling explain <model.json> <file.csv> --out decisions.csv [--json decisions.json] [--top 3] [--quiet]';

/** Rows explained between progress updates and cancellation checks. */
const CHUNK = 64;

export async function explainCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const options = {
    ...CSV_OPTIONS,
    out: { type: 'string' },
    json: { type: 'string' },
    top: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  } as const;
  const { values, positionals } = parse(argv, options, EXPLAIN_USAGE);
  if (values.help) {
    printOut(`usage: ${EXPLAIN_USAGE}\n`);
    return 0;
  }
  const modelPath = requireString(positionals[0], '<model.json>', EXPLAIN_USAGE);
  const file = requireString(positionals[1], '<file.csv>', EXPLAIN_USAGE);
  const out = requireString(values.out, '--out decisions.csv', EXPLAIN_USAGE);
  const top =
    parseNumber(values.top, '--top', (n) => Number.isInteger(n) && n >= 1 && n <= 50, 'a whole number from 1 to 50') ??
    3;
  const pipeline = pipelineFromJSON(await readJson(modelPath), basename(modelPath));
  const dataset = await loadCsv(file, values, signal);
  const X = transform(pipeline.preprocessor, dataset);
  const model = { id: pipeline.model.id, label: getModelFactory(pipeline.model.id).label, pipeline };
  const text = (i: number, feature: string): string => {
    const column = columnByName(dataset, feature);
    return column ? cellText(column, i) : '';
  };
  const progress = progressLine(process.stderr, values.quiet);
  const decisions: ModelDecision[] = [];
  try {
    for (let start = 0; start < X.rows; start += CHUNK) {
      throwIfAborted(signal);
      const rows = Int32Array.from({ length: Math.min(CHUNK, X.rows - start) }, (_, k) => start + k);
      decisions.push(...explainMatrix(model, selectRows(X, rows), (k, f) => text(start + k, f), top, dataset));
      progress.update((start + rows.length) / X.rows, `explaining ${fmtCount(X.rows)} rows`);
      await new Promise((resolve) => setImmediate(resolve)); // lets Ctrl-C land between chunks
    }
  } finally {
    progress.done();
  }
  await writeFileAtomic(out, decisionsToCsv(decisions, top));
  if (values.json) {
    const doc = {
      format: 'sapling-decisions',
      model: basename(modelPath),
      data: dataset.source.fileName,
      sha256: dataset.source.sha256,
      rows: decisionsToJson(decisions),
    };
    await writeFileAtomic(values.json, `${JSON.stringify(doc, null, 2)}\n`);
  }
  printErr(
    `wrote ${fmtCount(decisions.length)} explained decisions to ${out}${values.json ? ` and ${values.json}` : ''} (${decisions[0]?.units ?? ''} units)\n`,
  );
  return 0;
}
