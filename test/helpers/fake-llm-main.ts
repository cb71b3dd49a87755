/**
 * Runs the fake LLM server on its own (for trying the CLI or the desktop app without a real endpoint):
 *   node --import tsx test/helpers/fake-llm-main.ts
 * prints the base URLs and answers credit_data.csv rows by creditRule until stopped.
 */
import { startFakeLlm } from './fake-llm.js';
import { creditRule } from './fake-llm-rules.js';

const fake = await startFakeLlm((prompt) => creditRule(prompt));
process.stdout.write(`fake LLM: --llm-base-url ${fake.openaiBaseUrl} (openai) or ${fake.url} (ollama)\n`);
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
