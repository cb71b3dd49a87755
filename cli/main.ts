/**
 * `sapling` — the command line. Each command lives in cli/commands/; this file dispatches, turns
 * user-fixable errors into one `error:` line with a non-zero exit code, and cancels cleanly on Ctrl-C.
 */
import { SaplingError } from '../app/util/errors.js';
import { SAPLING_VERSION } from '../app/version.js';
import { CSV_USAGE } from './args.js';
import { AUDIT_USAGE, auditCommand } from './commands/audit.js';
import { COMPARE_USAGE, compareCommand } from './commands/compare.js';
import { EXPLAIN_USAGE, explainCommand } from './commands/explain.js';
import { EXPORT_USAGE, exportCommand } from './commands/export.js';
import { IMPORT_USAGE, importCommand } from './commands/import.js';
import { PREDICT_USAGE, predictCommand } from './commands/predict.js';
import { PROFILE_USAGE, profileCommand } from './commands/profile.js';
import { REPRODUCE_USAGE, reproduceCommand } from './commands/reproduce.js';
import { RULES_USAGE, rulesCommand } from './commands/rules.js';
import { TRAIN_USAGE, trainCommand } from './commands/train.js';
import { printErr, printOut } from './terminal.js';

type Command = (argv: string[], signal: AbortSignal) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string; summary: string }> = {
  profile: {
    run: profileCommand,
    usage: PROFILE_USAGE,
    summary: 'column types, missing values, distributions and warnings',
  },
  compare: {
    run: compareCommand,
    usage: COMPARE_USAGE,
    summary: 'train and compare models on the same folds; print a leaderboard',
  },
  train: { run: trainCommand, usage: TRAIN_USAGE, summary: 'train one model on all rows and save it as JSON' },
  predict: {
    run: predictCommand,
    usage: PREDICT_USAGE,
    summary: 'score a CSV with a saved model; writes a predictions CSV',
  },
  explain: {
    run: explainCommand,
    usage: EXPLAIN_USAGE,
    summary: 'per row: prediction, probability and the top signed reasons (SHAP); CSV and JSON',
  },
  rules: { run: rulesCommand, usage: RULES_USAGE, summary: 'print a saved decision tree as readable IF … THEN rules' },
  export: {
    run: exportCommand,
    usage: EXPORT_USAGE,
    summary: 'write a saved model as ONNX (raw columns in), one SQL SELECT, or rules text',
  },
  import: {
    run: importCommand,
    usage: IMPORT_USAGE,
    summary: 'bring in an XGBoost JSON or ONNX tree-ensemble model trained elsewhere (for predict and explain)',
  },
  audit: {
    run: auditCommand,
    usage: AUDIT_USAGE,
    summary: 'verify the hash chain of a run log (names the first broken record), or list its runs',
  },
  reproduce: {
    run: reproduceCommand,
    usage: REPRODUCE_USAGE,
    summary: 're-run a logged run and check that every number is identical',
  },
};

export const HELP = `sapling ${SAPLING_VERSION} — small explainable tree models or an LLM? Compare them on your own CSV.

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}\n    ${c.usage}`)
  .join('\n')}
  ui        the desktop workbench in your browser, served on this machine (127.0.0.1)
    sapling ui [file.csv] [--port N] [--host 127.0.0.1] [--no-open]

CSV options, for every command that reads a CSV:
  ${CSV_USAGE}
  (--encoding: default detected — UTF-8 when the file is valid UTF-8, else Windows-1252 as Excel writes, with a warning)

example:
  npx sapling compare examples/credit_data.csv --target Status --models tree,forest,linear --seed 42
`;

export const EXIT_ERROR = 1;
export const EXIT_CANCELLED = 130;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    printOut(HELP);
    return name === undefined ? EXIT_ERROR : 0;
  }
  if (name === '--version' || name === '-v') {
    printOut(`${SAPLING_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    printErr(`error: unknown command '${name}'; the commands are: ${[...Object.keys(COMMANDS), 'ui'].join(', ')}\n`);
    return EXIT_ERROR;
  }
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await command.run(rest, controller.signal);
  } catch (error) {
    if (error instanceof SaplingError) {
      printErr(`error: ${error.message}\n`);
      return error.code === 'CANCELLED' ? EXIT_CANCELLED : EXIT_ERROR;
    }
    throw error; // a bug: keep the stack trace
  } finally {
    process.off('SIGINT', onSigint);
  }
}
