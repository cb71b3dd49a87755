/**
 * Defect 6 of issue #15: model files were trusted. Of 171 runs of predict/explain/rules on 61 tampered files the
 * audit saw 6 stack traces (short class list, feature-count mismatch, a 1M-node chain: RangeError after 88 s) and
 * 31 exits with WRONG OUTPUT and status 0 (swapped or extra classes, task mismatch, NaN probabilities, bins out of
 * range, a forest of 0 trees). Every case of the hostile corpus (test/fixtures/hostile-models/, built by
 * test/helpers/hostile-models.ts) must now give exit code 1 and one error line naming the file and the field —
 * through `sapling predict`, `explain` and `rules` alike, because all three load through one boundary
 * (app/pipeline/model-file.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchResult } from '../helpers/cli-batch.js';
import { chainModel, HOSTILE_CASES, HOSTILE_DIR, hostileText, MODELS_DIR } from '../helpers/hostile-models.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const DATA: Record<string, string> = {
  iris: 'examples/iris.csv',
  penguins: 'examples/penguins.csv',
  mtcars: 'examples/mtcars.csv',
};
const dataFor = (base: string): string => join(ROOT, DATA[base.slice(0, base.indexOf('-'))]);

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-hostile-models-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the command lines through the CLI's entry point in one child process (test/helpers/cli-batch.ts). */
async function batch(commands: string[][]): Promise<BatchResult[]> {
  const input = join(dir, `commands-${Date.now()}.json`);
  const output = join(dir, `results-${Date.now()}.json`);
  await writeFile(input, JSON.stringify(commands));
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/cli-batch.ts'), input, output], {
      cwd: ROOT, // where tsx resolves; every path in the commands is absolute
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  assert.equal(code, 0, 'the batch runner itself finished');
  return JSON.parse(await readFile(output, 'utf8')) as BatchResult[];
}

function commandsFor(model: string, data: string, tag: string): string[][] {
  return [
    ['predict', model, data, '--out', join(dir, `${tag}-p.csv`)],
    ['explain', model, data, '--out', join(dir, `${tag}-e.csv`), '--quiet'],
    ['rules', model, '--out', join(dir, `${tag}-r.txt`)],
  ];
}

describe('hostile model files', () => {
  test('the corpus on disk is exactly what test/helpers/hostile-models.ts builds', async () => {
    const files = (await readdir(HOSTILE_DIR)).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, HOSTILE_CASES.map((c) => `${c.name}.json`).sort());
    for (const c of HOSTILE_CASES)
      assert.equal(
        await readFile(join(HOSTILE_DIR, `${c.name}.json`), 'utf8'),
        hostileText(c),
        `${c.name}: regenerate with scripts/make-hostile-models.ts`,
      );
  });

  test('every base model (trained, and imported from XGBoost) loads: the checks refuse nothing Sapling writes', async () => {
    const bases = (await readdir(MODELS_DIR)).filter((f) => f.endsWith('.json'));
    const results = await batch(
      bases.map((b) => ['predict', join(MODELS_DIR, b), dataFor(b), '--out', join(dir, `${b}.csv`)]),
    );
    for (const r of results) assert.equal(r.code, 0, `${r.argv[1]}: ${r.stderr}${r.escaped ?? ''}`);
  });

  test('each case: predict, explain and rules exit 1 with one error line naming the file and the field', async () => {
    const commands = HOSTILE_CASES.flatMap((c) =>
      commandsFor(join(HOSTILE_DIR, `${c.name}.json`), dataFor(c.base), c.name),
    );
    const results = await batch(commands);
    const outcomes = new Map<string, number>();
    HOSTILE_CASES.forEach((c, i) => {
      for (const r of results.slice(3 * i, 3 * i + 3)) {
        const what = `${r.argv[0]} ${c.name} (${c.why})`;
        assert.equal(r.escaped, undefined, `${what}: an exception escaped the CLI:\n${r.escaped}`);
        assert.equal(r.code, 1, `${what}: exit ${r.code}, stderr ${r.stderr}`);
        assert.match(r.stderr, new RegExp(`^error: ${c.name}\\.json is damaged: .*\\n$`), what);
        assert.match(r.stderr, c.expect, what);
        assert.equal(r.stdout, '', `${what}: printed output`);
        outcomes.set(r.argv[0], (outcomes.get(r.argv[0]) ?? 0) + 1);
      }
    });
    assert.deepEqual([...outcomes.values()], [HOSTILE_CASES.length, HOSTILE_CASES.length, HOSTILE_CASES.length]);
  });

  test('a tree exactly at the depth limit (1,000) works everywhere, recursive walks included', async () => {
    const model = join(dir, 'deep-ok.json');
    await writeFile(model, chainModel(2001));
    const results = await batch([
      ...commandsFor(model, dataFor('iris-'), 'deep-ok'),
      ['export', model, '--format', 'sql', '--out', join(dir, 'deep-ok.sql')],
      ['export', model, '--format', 'onnx', '--out', join(dir, 'deep-ok.onnx')],
    ]);
    for (const r of results) assert.equal(r.code, 0, `${r.argv[0]}: ${r.stderr}${r.escaped ?? ''}`);
    assert.match(results[2].stderr, /wrote 1001 rules/);
  });

  test('a 1,000,000-node chain is refused at once, with no stack overflow (the real command, then explain and rules)', async () => {
    const model = join(dir, 'chain.json');
    await writeFile(model, chainModel(1_000_000));
    const message =
      'error: chain.json is damaged: model.state.ensemble tree 0: node 2000 splits at depth 1000; a Sapling tree is at most 1000 levels deep\n';
    const [predict, ...others] = commandsFor(model, dataFor('iris-'), 'chain');
    const real = await runCli(predict, { cwd: dir });
    assert.equal(real.code, 1, real.stderr);
    assert.equal(real.stderr, message);
    for (const r of await batch(others)) {
      assert.equal(r.code, 1, `${r.argv[0]}: ${r.stderr}${r.escaped ?? ''}`);
      assert.equal(r.stderr, message);
    }
  });
});
