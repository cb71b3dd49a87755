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

describe('layers inside app/ (eslint/app-layers.js)', () => {
  const layerProblems = async (code: string, filePath: string): Promise<string[]> =>
    (await problems(code, filePath)).filter((p) => p.startsWith('sapling/app-layers') || p.startsWith('no-restricted'));
  for (const [label, code, file] of [
    [
      'a library importing the workflow',
      "import { runComparison } from '../compare/run.js';\nexport const r = runComparison;\n",
      'app/evaluate/example.ts',
    ],
    [
      'a type-only import of the workflow',
      "import type { CompareOptions } from '../compare/run.js';\nexport type O = CompareOptions;\n",
      'app/explain/example.ts',
    ],
    [
      'the core reaching into the IPC contract for a view type',
      "import type { RunInfo } from '../ipc/contract.js';\nexport type R = RunInfo;\n",
      'app/explain/example.ts',
    ],
    [
      'a lower library importing a higher one',
      "import { agreement } from '../explain/agreement.js';\nexport const a = agreement;\n",
      'app/llm/example.ts',
    ],
    [
      'result types importing code',
      "import { summarize } from '../evaluate/stats.js';\nexport const s = summarize;\n",
      'app/result/example.ts',
    ],
    ['code in result/', 'export function twice(x: number): number {\n  return 2 * x;\n}\n', 'app/result/example.ts'],
    ['a folder missing from the layer table', 'export const x = 1;\n', 'app/newfolder/example.ts'],
  ] as const) {
    test(`rejects ${label}`, async () => {
      assert.notDeepEqual(await layerProblems(code, file), [], label);
    });
  }

  for (const [label, code, file] of [
    [
      'the workflow importing libraries and types',
      "import { decisionCardFor } from '../explain/card.js';\nimport type { CompareResult } from '../result/compare.js';\nexport const d = decisionCardFor;\nexport type C = CompareResult;\n",
      'app/compare/example.ts',
    ],
    [
      'a library importing result types',
      "import type { DecisionCardView } from '../result/views.js';\nexport type D = DecisionCardView;\n",
      'app/explain/example.ts',
    ],
    [
      'result types importing types below',
      "import type { Dataset } from '../data/dataset.js';\nexport type D = Dataset;\nexport const FORMAT = 'x';\n",
      'app/result/example.ts',
    ],
  ] as const) {
    test(`allows ${label}`, async () => {
      assert.deepEqual(await layerProblems(code, file), [], label);
    });
  }
});
