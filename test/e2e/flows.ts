/**
 * Steps the UI specs share: load a sample, choose models and parameters, train, and the CLI's numbers for the
 * same settings. Drives the UI the way a user does (labels, buttons) and waits on the app's named events.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CompareResult } from '../../app/result/compare.js';
import { ROOT, expect, type SaplingApp } from './harness.js';

export async function loadSample(
  sapling: SaplingApp,
  page: Page,
  name: string,
): Promise<{ datasetId: string; fileName: string; rows: number }> {
  const loaded = await sapling.expectAppEvent<{ datasetId: string; fileName: string; rows: number }>(
    'sapling:dataset-loaded',
    () => page.getByTestId(`sample-${name}`).click(),
  );
  await sapling.waitForState('idle');
  return loaded;
}

/** Picks the target (or confirms the proposed one with its button: the app never takes a target silently). */
export async function chooseTarget(sapling: SaplingApp, page: Page, target: string): Promise<void> {
  const select = page.getByLabel('Target column');
  if ((await select.inputValue()) === target) {
    const confirm = page.getByTestId('confirm-target');
    if (await confirm.isVisible()) await confirm.click();
    await expect(page.getByTestId('target-proposal')).toHaveCount(0);
    return;
  }
  await sapling.expectAppEvent('sapling:target-profiled', () => select.selectOption(target));
  await sapling.waitForState('idle');
}

/** On the Models view: tick exactly `models` and set the given parameters (by their labelled inputs). */
export async function chooseModels(
  page: Page,
  models: readonly string[],
  params: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): Promise<void> {
  const toggles = page.locator('[data-testid^="model-toggle-"]');
  const count = await toggles.count();
  for (let i = 0; i < count; i++) {
    const toggle = toggles.nth(i);
    const id = ((await toggle.getAttribute('data-testid')) ?? '').replace('model-toggle-', '');
    // The ml-cart reference models are folded away under their own heading.
    if (models.includes(id) && !(await toggle.isVisible()))
      await page.getByTestId('reference-models').locator(':scope > summary').click();
    await toggle.setChecked(models.includes(id));
  }
  for (const [model, values] of Object.entries(params)) {
    for (const [name, value] of Object.entries(values)) {
      // By the technical name (the label shows plain words; the name is on hover).
      const input = page.getByTestId(`param-${model}-${name}`);
      await input.fill(value);
      await expect(input).toHaveValue(value);
    }
  }
}

export async function train(sapling: SaplingApp, page: Page): Promise<{ runId: string; models: string[] }> {
  const done = await sapling.expectAppEvent<{ runId: string; models: string[] }>(
    'sapling:compare-done',
    () => page.getByTestId('train').click(),
    {
      timeout: 110_000,
    },
  );
  await sapling.waitForState('idle');
  return done;
}

/** `sapling compare … --json` for the same settings, run as a user would from a terminal. */
export function cliCompare(args: readonly string[]): CompareResult {
  const dir = mkdtempSync(join(tmpdir(), 'sapling-e2e-cli-'));
  try {
    const out = join(dir, 'result.json');
    execFileSync(process.execPath, [join(ROOT, 'bin/sapling.js'), 'compare', ...args, '--json', out, '--no-log'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return JSON.parse(readFileSync(out, 'utf8')) as CompareResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A metric as the CLI's leaderboard prints it: mean ± half the 95% interval, 3 decimals (2 for RMSE/MAE). */
export function cliFormat(summary: { mean: number; ci95: readonly [number, number] }, metric: string): string {
  const digits = metric === 'rmse' || metric === 'mae' ? 2 : 3;
  return `${summary.mean.toFixed(digits)} ± ${((summary.ci95[1] - summary.ci95[0]) / 2).toFixed(digits)}`;
}
