import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runCli, withoutTimings } from '../helpers/run-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sapling (general)', () => {
  test('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const cmd of ['profile', 'compare', 'train', 'predict']) assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
  });

  test('an unknown command is one error line and exit 1', async () => {
    const r = await runCli(['frobnicate']);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "error: unknown command 'frobnicate'; the commands are: profile, compare, train, predict, explain, rules, export, import, audit, reproduce, ui\n",
    );
  });

  test('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.equal(r.stdout.trim(), pkg.version);
  });
});

describe('sapling profile', () => {
  test('prints types and warnings and writes JSON', async () => {
    const out = join(dir, 'profile.json');
    const r = await runCli(['profile', 'examples/penguins.csv', '--target', 'species', '--json', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /penguins\.csv: 344 rows × 7 columns/);
    assert.match(r.stdout, /bill_length_mm\s+numeric/);
    assert.match(r.stdout, /island\s+categorical/);
    const profile = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(profile.rows, 344);
    assert.equal(profile.target.name, 'species');
    assert.deepEqual(
      profile.target.classBalance.map((c: { label: string }) => c.label),
      ['Adelie', 'Chinstrap', 'Gentoo'],
    );
  });

  test('a missing file names the file', async () => {
    const r = await runCli(['profile', 'no/such.csv']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: cannot read no/such.csv: no such file or folder\n');
  });
});

describe('sapling compare', () => {
  test('classification: leaderboard on stdout, progress on stderr, JSON with the documented fields', async () => {
    const out = join(dir, 'iris.json');
    const r = await runCli([
      'compare',
      '--no-log',
      'examples/iris.csv',
      '--target',
      'target',
      '--models',
      'tree,forest,linear',
      '--param',
      'forest.trees=10',
      '--folds',
      '3',
      '--seed',
      '7',
      '--json',
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /iris\.csv: 150 rows, 4 features, target 'target' \(classification, 3 classes\), 3-fold CV, seed 7/,
    );
    assert.match(r.stdout, /Decision tree/);
    // The per-class table: every score with three decimals, as the leaderboard (a column reads down evenly).
    const perClass = r.stdout.slice(r.stdout.indexOf('per class ('));
    const forestRow = perClass.split('\n').find((l) => l.startsWith('Random forest'))!;
    const scores = forestRow.match(/-?\d+\.\d+/g)!;
    assert.equal(scores.length, 7, forestRow); // recall and precision of 3 classes, MCC
    for (const s of scores) assert.match(s, /^-?\d\.\d{3}$/, forestRow);
    assert.match(r.stderr, /fold 1\/3/);
    // Results as they come: each model's line on stderr as its folds finish, in training order, before the
    // explanations; then a measured time left once a fold has finished.
    const finished = [
      ...r.stderr.matchAll(/^✓ (.+) \((\d) of 3\): accuracy \d\.\d{3} ± \d\.\d{3}, fit .+ per fold$/gm),
    ];
    assert.deepEqual(
      finished.map((m) => [m[1], m[2]]),
      [
        ['Decision tree', '1'],
        ['Random forest', '2'],
        ['Linear (logistic / ridge)', '3'],
      ],
    );
    assert.ok(r.stderr.indexOf('✓ Linear (logistic') < r.stderr.indexOf('explaining held-out rows'));
    const json = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(json.dataset.rows, 150);
    assert.match(json.dataset.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(json.dataset.classes, ['setosa', 'versicolor', 'virginica']);
    assert.equal(json.dataset.task, 'classification');
    assert.deepEqual(json.settings, {
      folds: 3,
      seed: 7,
      models: ['tree', 'forest', 'linear'],
      permutationRepeats: 5,
      excluded: [],
    });
    assert.ok(Array.isArray(json.warnings));
    assert.deepEqual(
      json.models.map((m: { id: string }) => m.id),
      ['tree', 'forest', 'linear'],
    );
    for (const m of json.models) {
      for (const name of ['accuracy', 'balancedAccuracy', 'f1Macro', 'rocAuc', 'logLoss', 'brier']) {
        const s = m.metrics[name];
        assert.equal(typeof s.mean, 'number', `${m.id} ${name}`);
        assert.equal(typeof s.std, 'number');
        assert.equal(s.ci95.length, 2);
        assert.ok(s.ci95[0] <= s.mean && s.mean <= s.ci95[1]);
      }
      assert.ok(m.metrics.accuracy.mean > 0.85, `${m.id} accuracy ${m.metrics.accuracy.mean}`);
      for (const key of ['fitSecondsMean', 'predictRowMsP50', 'predictRowMsP95', 'rowsPerSecond'])
        assert.ok(m.timing[key] > 0, `${m.id} ${key}`);
      assert.ok(m.timing.predictRowMsP95 >= m.timing.predictRowMsP50);
      assert.ok(m.timing.latencyCalls >= 200);
      assert.deepEqual(
        m.importance.permutation.map((e: { feature: string }) => e.feature),
        json.dataset.features,
      );
    }
    assert.equal(json.models[0].importance.impurity.length, 4);
    assert.equal(json.models[2].importance.impurity, null);
    const params = json.models.find((m: { id: string }) => m.id === 'forest').params;
    assert.equal(params.trees, 10);
  });

  test('the same command and seed give identical JSON apart from timings', async () => {
    const args = (out: string) => [
      'compare',
      '--no-log',
      'examples/penguins.csv',
      '--target',
      'species',
      '--models',
      'tree,forest,linear',
      '--param',
      'forest.trees=5',
      '--folds',
      '3',
      '--seed',
      '3',
      '--quiet',
      '--json',
      out,
    ];
    const [a, b] = [join(dir, 'a.json'), join(dir, 'b.json')];
    const [ra, rb] = await Promise.all([runCli(args(a)), runCli(args(b))]);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    assert.deepEqual(withoutTimings(await readFile(a, 'utf8')), withoutTimings(await readFile(b, 'utf8')));
    // …and the seed matters: another seed gives other folds.
    const c = join(dir, 'c.json');
    await runCli([
      'compare',
      '--no-log',
      'examples/penguins.csv',
      '--target',
      'species',
      '--models',
      'tree',
      '--folds',
      '3',
      '--seed',
      '4',
      '--quiet',
      '--json',
      c,
    ]);
    const first = JSON.parse(await readFile(a, 'utf8'));
    const other = JSON.parse(await readFile(c, 'utf8'));
    assert.notDeepEqual(first.models[0].folds, other.models[0].folds);
  });

  test('regression with a holdout and missing targets dropped', async () => {
    const out = join(dir, 'air.json');
    const r = await runCli([
      'compare',
      '--no-log',
      'examples/airquality.csv',
      '--target',
      'Ozone',
      '--models',
      'tree,linear',
      '--holdout',
      '0.25',
      '--json',
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /R²/);
    const json = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(json.dataset.task, 'regression');
    assert.equal(json.dataset.rows, 116); // 153 rows, 37 with a missing Ozone
    assert.equal(json.settings.holdout, 0.25);
    assert.ok(
      json.warnings.some(
        (w: { code: string; message: string }) =>
          w.code === 'target-rows-dropped' && /37 rows with a missing target were dropped/.test(w.message),
      ),
      JSON.stringify(json.warnings),
    );
    for (const name of ['rmse', 'mae', 'r2']) assert.equal(typeof json.models[0].metrics[name].mean, 'number');
  });

  for (const [args, message] of [
    [['--target', 'nope'], /^error: unknown target column 'nope'; the columns are: .*sepal length.*\n$/],
    [['--target', 'target', '--folds', '1'], /^error: --folds must be a whole number from 2 to 20, got '1'\n$/],
    [
      ['--target', 'target', '--models', 'tree,svm'],
      /^error: unknown model 'svm'; choose from tree, forest, boost, extra-trees, mljs-tree, mljs-forest, linear\n$/,
    ],
    [['--target', 'target', '--param', 'forest.depth=3'], /^error: .*unknown parameter 'depth'.*\n$/],
    [['--target', 'target', '--folds', '3', '--holdout', '0.2'], /^error: use either folds or holdout, not both\n$/],
    [['--target', 'target', '--exclude', 'nope'], /^error: .*'nope'.*\n$/],
  ] as const) {
    test(`bad input ${args.join(' ')} → one error line, exit 1`, async () => {
      const r = await runCli(['compare', '--no-log', 'examples/iris.csv', ...args, '--quiet']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /); // no stack trace
    });
  }
});

describe('sapling train + predict', () => {
  test('round trip: predictions CSV with input columns, prediction and probabilities', async () => {
    const model = join(dir, 'penguins.json');
    const predictions = join(dir, 'pred.csv');
    const t = await runCli([
      'train',
      '--no-log',
      'examples/penguins.csv',
      '--target',
      'species',
      '--model',
      'forest',
      '--param',
      'trees=10',
      '--seed',
      '1',
      '--out',
      model,
    ]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /trained Random forest on 344 rows × 6 features/);
    const p = await runCli(['predict', model, 'examples/penguins.csv', '--out', predictions]);
    assert.equal(p.code, 0, p.stderr);
    const parsed = Papa.parse<Record<string, string>>(await readFile(predictions, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    assert.equal(parsed.data.length, 344);
    assert.deepEqual(parsed.meta.fields?.slice(-4), ['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
    let correct = 0;
    for (const row of parsed.data) {
      const sum = Number(row.proba_Adelie) + Number(row.proba_Chinstrap) + Number(row.proba_Gentoo);
      assert.ok(Math.abs(sum - 1) < 1e-9);
      if (row.prediction === row.species) correct++;
    }
    assert.ok(correct / 344 > 0.9);
    // Same model file, same seed → identical bytes.
    const again = join(dir, 'penguins2.json');
    await runCli([
      'train',
      '--no-log',
      'examples/penguins.csv',
      '--target',
      'species',
      '--model',
      'forest',
      '--param',
      'trees=10',
      '--seed',
      '1',
      '--out',
      again,
    ]);
    assert.equal(await readFile(again, 'utf8'), await readFile(model, 'utf8'));
  });

  test('exported text cells that look like formulas are escaped; numbers stay numbers', async () => {
    const model = join(dir, 'formulas.json');
    const t = await runCli([
      'train',
      '--no-log',
      'test/fixtures/cli/formulas.csv',
      '--target',
      'label',
      '--model',
      'tree',
      '--out',
      model,
    ]);
    assert.equal(t.code, 0, t.stderr);
    const p = await runCli(['predict', model, 'test/fixtures/cli/formulas.csv']);
    assert.equal(p.code, 0, p.stderr);
    const rows = Papa.parse<string[]>(p.stdout, { skipEmptyLines: true }).data;
    const note = rows.map((r) => r[2]);
    assert.deepEqual(note.slice(1), [
      `'=HYPERLINK("http://x")`,
      "'+1 call",
      "'@SUM(A1:A2)",
      'plain',
      "'-2+3",
      'multi\nline',
      'ok',
      'fine',
    ]);
    assert.deepEqual(rows.map((r) => r[1]).slice(1, 3), ['-12.5', '3']);
  });

  test('predict on a file missing a model column names the column', async () => {
    const model = join(dir, 'iris.json');
    await runCli(['train', '--no-log', 'examples/iris.csv', '--target', 'target', '--model', 'linear', '--out', model]);
    const other = join(dir, 'other.csv');
    await writeFile(other, 'a,b\n1,2\n3,4\n');
    const r = await runCli(['predict', model, other]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: other\.csv has no column 'sepal length \(cm\)', which the model needs\n$/);
  });

  test('a damaged model file is one error line naming what is wrong, never a stack trace', async () => {
    const model = join(dir, 'good.json');
    await runCli(['train', '--no-log', 'examples/iris.csv', '--target', 'target', '--model', 'linear', '--out', model]);
    const good = JSON.parse(await readFile(model, 'utf8'));
    const cases: [
      string,
      (m: { preprocessor: { columns: unknown[] }; target: { classes: unknown }; features?: unknown }) => void,
      RegExp,
    ][] = [
      [
        'columns',
        (m) => (m.preprocessor.columns = [{ name: 'x' }]),
        /^error: bad\.json is damaged: preprocessor\.columns\.0\.kind: /,
      ],
      ['classes', (m) => (m.target.classes = null), /^error: bad\.json is damaged: target\.classes: /],
      ['features', (m) => delete m.features, /^error: bad\.json is damaged: features: /],
    ];
    for (const [, damage, message] of cases) {
      const bad = structuredClone(good);
      damage(bad);
      await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
      const r = await runCli(['predict', join(dir, 'bad.json'), 'examples/iris.csv']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  test('a file that is not a model is refused', async () => {
    const r = await runCli(['predict', 'examples/iris.csv', 'examples/iris.csv']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: iris\.csv: not valid JSON/);
  });
});

describe('sapling with the tree engine', () => {
  test('compare: engine models on 2 workers, the mljs models selectable; airquality has missing values the engine takes natively', async () => {
    const out = join(dir, 'engine.json');
    const r = await runCli([
      'compare',
      '--no-log',
      'examples/airquality.csv',
      '--target',
      'Ozone',
      '--models',
      'tree,forest,boost,mljs-tree,mljs-forest',
      '--param',
      'forest.trees=20',
      '--param',
      'mljs-forest.trees=5',
      '--folds',
      '3',
      '--workers',
      '2',
      '--quiet',
      '--json',
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(await readFile(out, 'utf8'));
    assert.deepEqual(
      json.models.map((m: { label: string }) => m.label),
      ['Decision tree', 'Random forest', 'Gradient boosting', 'Decision tree (ml-cart)', 'Random forest (ml-cart)'],
    );
    for (const m of json.models) assert.ok(m.metrics.r2.mean > 0.2, `${m.id}: R² ${m.metrics.r2.mean}`);
  });

  test('train --workers: the same model file whatever the number of workers', async () => {
    const files = [join(dir, 'w1.json'), join(dir, 'w2.json')];
    for (const [i, workers] of ['1', '2'].entries()) {
      const t = await runCli([
        'train',
        '--no-log',
        'examples/penguins.csv',
        '--target',
        'species',
        '--model',
        'forest',
        '--param',
        'trees=600',
        '--workers',
        workers,
        '--out',
        files[i],
      ]);
      assert.equal(t.code, 0, t.stderr);
    }
    assert.equal(await readFile(files[0], 'utf8'), await readFile(files[1], 'utf8'));
    const p = await runCli(['predict', files[1], 'examples/penguins.csv']);
    assert.equal(p.code, 0, p.stderr);
  });

  test('--workers must be a whole number ≥ 1', async () => {
    const r = await runCli(['compare', '--no-log', 'examples/iris.csv', '--target', 'target', '--workers', '0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: --workers must be a whole number ≥ 1, got '0'\n$/);
  });
});
