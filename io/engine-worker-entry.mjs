// Starts an engine worker (io/engine-worker.ts) from the TypeScript sources: tsx compiles them on the fly,
// as bin/sapling.js does for the CLI. (Node 20 does not apply `--import tsx` loader hooks inside worker
// threads, so the worker registers tsx itself.) A bundled build points the pool at its compiled worker.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
