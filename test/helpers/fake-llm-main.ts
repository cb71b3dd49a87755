/**
 * Runs the fake LLM server on its own (for trying the CLI or the desktop app without a real endpoint):
 *   node --import tsx test/helpers/fake-llm-main.ts [--memorise file.csv]
 * prints the base URLs and answers credit_data.csv rows by creditRule until stopped. With --memorise it has also
 * "memorised" that file: asked to continue its rows (the contamination check), it writes the real next rows. Asked to
 * write synthetic rows (--llm-synthesize) it writes them from the prompt's examples, with a few faults per ten rows.
 */
import { readCsvFile } from '../../io/read-csv-file.js';
import { startFakeLlm } from './fake-llm.js';
import { memorisingRule } from './fake-llm-memory.js';
import { creditRule } from './fake-llm-rules.js';
import { synthesisRule } from './fake-llm-synthesis.js';

const at = process.argv.indexOf('--memorise');
const rule = (prompt: string) => creditRule(prompt);
// Asked for synthetic rows (--llm-synthesize), it writes them from the prompt's examples (with some faults).
const fake = await startFakeLlm(
  synthesisRule(at > 0 ? memorisingRule(await readCsvFile(process.argv[at + 1]), rule) : rule),
);
process.stdout.write(`fake LLM: --llm-base-url ${fake.openaiBaseUrl} (openai) or ${fake.url} (ollama)\n`);
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
