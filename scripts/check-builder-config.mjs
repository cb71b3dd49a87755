// Validates electron-builder.yml against electron-builder's own schema, offline (the same check
// `electron-builder` runs before building). Exit 1 with its message when the config is invalid.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  console.log('electron-builder.yml is valid');
} catch (error) {
  console.error(`electron-builder.yml: ${error.message}`);
  process.exit(1);
}
