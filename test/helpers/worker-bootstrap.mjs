// Runs the compute worker from its TypeScript sources (tests and development). Node 20 does not apply
// `execArgv: ['--import', 'tsx']` to a worker's own entry file, so the worker registers tsx itself first.
import { register } from 'tsx/esm/api';

register();
await import('../../main/worker/worker.ts');
