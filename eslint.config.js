// Lint rules that keep Sapling's layers honest (run by `npm test`).
// The core (`app/`) must run unchanged in Node, worker threads, tests and — later — a browser worker,
// so it may not import Node built-ins, Electron or the DOM-bound layers. File-system access lives in
// thin adapters (`io/`), the command line in `cli/`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import prettier from 'eslint-config-prettier';
import saplingLayers from './eslint/app-layers.js';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
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
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'app/ is pure TypeScript: no Node built-ins. Put file-system or process access in io/ or cli/.',
            })),
            { name: 'electron', message: 'app/ must not depend on Electron.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'app/ is pure TypeScript: no Node built-ins.' },
            { group: ['electron/*'], message: 'app/ must not depend on Electron.' },
            {
              group: ['**/cli/**', '**/io/**', '**/main/**', '**/renderer/**'],
              message: 'app/ is the bottom layer: it imports nothing above it.',
            },
          ],
        },
      ],
      // Dynamic import() of a Node built-in escapes no-restricted-imports: forbid the syntax with a module specifier string.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression > Literal[value=/^(node:|electron)/]',
          message: 'app/ is pure TypeScript: no Node built-ins or Electron, even dynamically.',
        },
      ],
      'no-restricted-globals': [
        'error',
        'process',
        'Buffer',
        'require',
        '__dirname',
        '__filename',
        'global',
        'window',
        'document',
        'navigator',
        'localStorage',
        'sessionStorage',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'globalThis', property: 'process' },
        { object: 'globalThis', property: 'Buffer' },
      ],
    },
  },
  {
    // Layers inside app/: each folder imports only the folders its line in eslint/app-layers.js allows.
    files: ['app/**/*.ts'],
    plugins: { sapling: saplingLayers },
    rules: { 'sapling/app-layers': 'error' },
  },
  {
    // app/result/ is the result document's shape: types (and the format's name), no code — so every layer may read it.
    files: ['app/result/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression > Literal[value=/^(node:|electron)/]',
          message: 'app/ is pure TypeScript: no Node built-ins or Electron, even dynamically.',
        },
        {
          selector: 'ImportDeclaration[importKind="value"]',
          message: 'app/result/ holds types only: use `import type`.',
        },
        {
          selector: 'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression, ClassDeclaration',
          message: 'app/result/ holds types only: put code in the layer that computes the result.',
        },
      ],
    },
  },
  {
    // The React UI runs in a sandboxed renderer: it reaches the machine only through window.sapling (the IPC contract).
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'renderer/ runs in the browser sandbox: no Node built-ins. Ask main through window.sapling.',
            })),
            {
              name: 'electron',
              message: 'renderer/ must not import Electron; use window.sapling (app/ipc/contract.ts).',
            },
          ],
          patterns: [
            { group: ['node:*'], message: 'renderer/ runs in the browser sandbox: no Node built-ins.' },
            {
              group: ['**/main/**', '**/io/**', '**/cli/**'],
              message: 'renderer/ may import only pure app/ modules and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    // Text from files (column names, cells) must not reach the terminal raw: the CLI prints only through cli/terminal.ts.
    files: ['cli/**/*.ts'],
    ignores: ['cli/terminal.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.object.name='process'][object.property.name=/^std(out|err)$/][property.name='write']",
          message: 'print through cli/terminal.ts (printOut, printErr, printData).',
        },
        {
          selector: "CallExpression[callee.object.name='console']",
          message: 'print through cli/terminal.ts, which shows control characters as escapes.',
        },
      ],
    },
  },
  {
    // The command line and the Node adapters sit beside the desktop app, not on it: what both need lives in app/ (pure) or io/.
    files: ['cli/**/*.ts', 'io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'cli/ and io/ may not import from main/ or renderer/: move shared pure code into app/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Electron main process and its worker sit above app/ and io/; they never reach into the UI or the CLI.
    files: ['main/**/*.ts'],
    ignores: ['main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/cli/**'],
              message: 'main/ may not import from renderer/ or cli/: share code through app/ (the IPC contract).',
            },
          ],
        },
      ],
    },
  },
  {
    // The preload runs sandboxed: Electron gives it only require('electron'). Type-only imports are erased, so they are fine;
    // app/ipc/bridge.ts is bundled into it (it has no runtime imports; scripts/build.mjs checks the bundle).
    files: ['main/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\./|\\.\\./\\.\\./app/ipc/bridge\\.js$)',
              allowTypeImports: true,
              message:
                'the sandboxed preload may import only electron, its own folder and app/ipc/bridge.ts (no imports of its own) at runtime (use `import type` for the contract).',
            },
          ],
        },
      ],
    },
  },
  {
    // The stand-in page the e2e harness tests itself on runs in the browser.
    files: ['test/e2e/fixtures/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', CustomEvent: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'eslint.config.js', 'eslint/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  // Formatting is Prettier's job (`npm run format`); this turns off any lint rule that would disagree with it.
  prettier,
);
