// Lint rules that keep Sapling's layers honest (run by `npm test`).
// The core (`app/`) must run unchanged in Node, worker threads, tests and — later — a browser worker,
// so it may not import Node built-ins, Electron or the DOM-bound layers. File-system access lives in
// thin adapters (`io/`), the command line in `cli/`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'app/ is pure TypeScript: no Node built-ins. Put file-system or process access in io/ or cli/.' })),
            { name: 'electron', message: 'app/ must not depend on Electron.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'app/ is pure TypeScript: no Node built-ins.' },
            { group: ['**/cli/**', '**/io/**', '**/main/**', '**/renderer/**'], message: 'app/ is the bottom layer: it imports nothing above it.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', 'window', 'document'],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
