/**
 * The model catalog is what the renderer bundle imports for labels, colours and the default model set, so it
 * must stay light: its import closure may reach only plain-data modules (no learning code, no ml-cart).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import {
  DEFAULT_MODELS,
  MODEL_CATALOG,
  MODEL_IDS,
  modelColor,
  modelDescription,
} from '../../../app/models/catalog/index.js';
import { LLM_COLOR } from '../../../app/util/palette.js';
import { ROOT } from '../../helpers/run-cli.js';

/** Relative paths (from the repository root) of every module a file imports, transitively, types excluded. */
function importClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const rel = relative(ROOT, file);
    if (seen.has(rel)) return;
    seen.add(rel);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[1];
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  visit(resolve(ROOT, entry));
  return seen;
}

/** What the catalog may pull into a bundle: descriptions, parameter schemas and their checks. */
const LIGHT = [
  /^app\/models\/catalog\//,
  /^app\/models\/describe\.ts$/,
  /^app\/models\/params\.ts$/,
  /^app\/models\/engine-params\.ts$/,
  /^app\/util\/errors\.ts$/,
  /^app\/util\/palette\.ts$/,
];

describe('model catalog', () => {
  test('imports only light modules (safe for the renderer bundle)', () => {
    const heavy = [...importClosure('app/models/catalog/index.ts')].filter((f) => !LIGHT.some((re) => re.test(f)));
    assert.deepEqual(heavy, []);
  });

  test('ids are unique and in catalog order; every model has a label, description and its own colour', () => {
    assert.deepEqual(
      MODEL_IDS,
      MODEL_CATALOG.map((m) => m.id),
    );
    assert.equal(new Set(MODEL_IDS).size, MODEL_IDS.length);
    const colors = MODEL_CATALOG.map((m) => m.color.toLowerCase());
    assert.equal(new Set([...colors, LLM_COLOR.toLowerCase()]).size, colors.length + 1, 'one colour per model');
    for (const m of MODEL_CATALOG) {
      assert.match(m.color, /^#[0-9a-f]{6}$/i, m.id);
      assert.ok(m.label.length > 0 && m.description.length > 20, m.id);
      assert.equal(modelColor(m.id), m.color);
      assert.equal(modelDescription(m.id), m);
    }
  });

  test('a colour does not depend on which other models ran; unknown ids get a stable colour', () => {
    assert.equal(modelColor('linear'), modelDescription('linear')?.color);
    assert.equal(modelColor('llm'), LLM_COLOR);
    assert.equal(modelColor('from-the-future'), modelColor('from-the-future'));
    assert.ok(!MODEL_CATALOG.some((m) => m.color === modelColor('from-the-future')));
    assert.equal(modelDescription('toString'), undefined);
  });

  test('the default model set is the catalog entries marked selectedByDefault', () => {
    assert.deepEqual(DEFAULT_MODELS, ['tree', 'forest', 'boost', 'linear']);
  });
});
