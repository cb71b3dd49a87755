/** Everything a user reads on the current screen — text, tooltips, input values — checked for unrounded numbers. */
import type { Page } from '@playwright/test';
import { expect } from './harness.js';
import { longNumbers } from '../helpers/rounding.js';

export async function expectRoundedNumbers(page: Page, where: string): Promise<void> {
  const shown = await page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body;
    const titles = [...main.querySelectorAll('[title]')].map((e) => e.getAttribute('title') ?? '');
    const svgTitles = [...main.querySelectorAll('title')].map((e) => e.textContent ?? '');
    const inputs = [...main.querySelectorAll('input, select')].map((e) => (e as HTMLInputElement).value);
    return [main.innerText, ...titles, ...svgTitles, ...inputs].join('\n');
  });
  expect(longNumbers(shown), `unrounded numbers on ${where}`).toEqual([]);
}
