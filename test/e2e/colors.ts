/** Colours as the browser reports them (getComputedStyle gives `rgb(r, g, b)`), for checking the palette is applied. */
import type { Locator } from '@playwright/test';

export function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** One computed style property of the first element `locator` matches. */
export function styleOf(locator: Locator, property: string): Promise<string> {
  return locator.first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
}
