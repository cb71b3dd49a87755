/**
 * The layering rules are themselves tested (as Signal Desktop tests its file-runtime rule): a forbidden
 * import in app/ must fail lint, the same code in io/ must pass.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { ROOT } from '../helpers/run-cli.js';

const eslint = new ESLint({ cwd: ROOT });

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('app/ stays pure', () => {
  for (const [label, code] of [
    ['a node: import', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n"],
    ['a bare built-in', "import { join } from 'path';\nexport const j = join;\n"],
    ['electron', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/main', "import { app } from 'electron/main';\nexport const a = app;\n"],
    ['a dynamic node: import', "export const m = await import('node:fs');\n"],
    ['process', 'export const env = process.env;\n'],
    ['globalThis.process', 'export const env = globalThis.process;\n'],
    ['the DOM', 'export const w = window.innerWidth;\n'],
    ['a layer above', "import { main } from '../../cli/main.js';\nexport const m = main;\n"],
  ] as const) {
    test(`rejects ${label}`, async () => {
      assert.notDeepEqual(await problems(code, 'app/data/example.ts'), [], label);
    });
  }

  test('the same Node import is fine in an adapter (io/)', async () => {
    assert.deepEqual(
      await problems("import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n", 'io/example.ts'),
      [],
    );
  });
});

describe('renderer/ talks to main only through the bridge', () => {
  for (const [label, code] of [
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
    ['electron', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['main/', "import { createHandlers } from '../../main/handlers/index.js';\nexport const c = createHandlers;\n"],
  ] as const) {
    test(`rejects ${label}`, async () => {
      assert.notDeepEqual(await problems(code, 'renderer/src/example.ts'), [], label);
    });
  }
});

describe('cli/ and io/ do not lean on the desktop app', () => {
  for (const [label, code, file] of [
    [
      'cli/ importing main/',
      "import { treeView } from '../../main/compute/tree-view.js';\nexport const t = treeView;\n",
      'cli/commands/example.ts',
    ],
    [
      'cli/ importing renderer/',
      "import { App } from '../renderer/src/App.js';\nexport const a = App;\n",
      'cli/example.ts',
    ],
    [
      'io/ importing main/',
      "import { ProjectSession } from '../main/handlers/project.js';\nexport const p = ProjectSession;\n",
      'io/example.ts',
    ],
  ] as const) {
    test(`rejects ${label}`, async () => {
      assert.ok(
        (await problems(code, file)).some((p) => p.startsWith('no-restricted-imports')),
        label,
      );
    });
  }

  test('cli/ may import app/ and io/', async () => {
    assert.deepEqual(
      await problems(
        "import { savedTreeRules } from '../../app/explain/rules.js';\nimport { writeFileAtomic } from '../../io/files.js';\nexport const x = [savedTreeRules, writeFileAtomic];\n",
        'cli/commands/example.ts',
      ),
      [],
    );
  });
});
