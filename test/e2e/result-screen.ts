/**
 * The result screen of a big comparison, measured (test/e2e/desktop-scale.ts --to-end): what the page was sent
 * (the runCompare answer and each model's curves, from the page's resource timing), how long it took from the
 * answer's arrival to the Compare screen and its curves on screen, and the page's main-thread tasks while the
 * result renders and while the user visits Inspect, Data and Compare again (long tasks with their CPU from
 * Chromium's trace, test/e2e/long-tasks.ts).
 */
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { watchLongTasks, type BusyTask } from './long-tasks.js';

declare global {
  interface Window {
    __saplingEventTimes?: Record<string, number[]>;
    saplingEvents?: { name: string }[];
  }
}

/** Keeps performance.now() of every app event and every resource timing entry (call before the page loads). */
export async function recordEventTimes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const times: Record<string, number[]> = {};
    Object.defineProperty(window, '__saplingEventTimes', { value: times, writable: false });
    // A long session makes hundreds of calls; the default buffer (250 entries) would drop the result's.
    performance.setResourceTimingBufferSize(100_000);
    for (const name of ['sapling:compare-done', 'sapling:curves-shown'])
      window.addEventListener(name, () => (times[name] ??= []).push(performance.now()));
  });
}

/** One answer the page received: its size in bytes as sent (compressed, if it was) and as parsed. */
export interface Payload {
  readonly call: string;
  readonly bytesSent: number;
  readonly bytes: number;
  readonly arrivedAt: number;
}

export interface Visit {
  readonly view: string;
  readonly seconds: number;
  readonly longTasks: number;
  readonly maxCpuMs: number;
}

export interface ResultScreen {
  readonly result: Payload;
  readonly curves: Payload[];
  /** From the runCompare answer's arrival to the whole Compare screen on screen (sapling:compare-done). */
  readonly toCompareSeconds: number;
  /** … to the last model's curves drawn (sapling:curves-shown). */
  readonly toCurvesSeconds: number;
  /** The longest main-thread task (CPU) from the answer's arrival to the last curves, and before it (training). */
  readonly renderMaxCpuMs: number;
  readonly trainingMaxCpuMs: number;
  readonly visits: Visit[];
}

const count = (page: Page, name: string): Promise<number> =>
  page.evaluate((n) => (window.saplingEvents ?? []).filter((e) => e.name === n).length, name);

/** Does `action` and waits for one more `name` app event than before it. */
async function afterEvent(page: Page, name: string, action: () => Promise<void>): Promise<void> {
  const before = await count(page, name);
  await action();
  await page.waitForFunction(
    ([n, k]) => (window.saplingEvents ?? []).filter((e) => e.name === n).length > k,
    [name, before] as const,
    { timeout: 10 * 60_000, polling: 50 },
  );
}

/** Lets the frame after the last event be drawn. */
const painted = (page: Page): Promise<unknown> =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

export async function measureResultScreen(
  browser: Browser,
  page: Page,
  busy: readonly BusyTask[],
  /** Page time up to which the trace saw the page's main thread: the render must be inside it. */
  tracedUntil: number,
  opts: { log: (s: string) => void; shots?: string },
): Promise<ResultScreen> {
  const { log, shots } = opts;
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .filter((e) => /\/api\/call\/(runCompare|getCurves)$/.test(new URL(e.name).pathname))
      .map((e) => ({
        call: new URL(e.name).pathname.split('/').pop() ?? '',
        bytesSent: e.encodedBodySize,
        bytes: e.decodedBodySize,
        arrivedAt: e.responseEnd,
      })),
  );
  const result = entries.filter((e) => e.call === 'runCompare').at(-1);
  if (result === undefined) throw new Error('the page has no resource timing of its runCompare call');
  const curves = entries.filter((e) => e.call === 'getCurves' && e.arrivedAt >= result.arrivedAt);
  const times = await page.evaluate(() => window.__saplingEventTimes ?? {});
  const doneAt = times['sapling:compare-done']?.at(-1) ?? NaN;
  const curvesAt = times['sapling:curves-shown']?.at(-1) ?? NaN;
  if (!(tracedUntil >= curvesAt))
    throw new Error(
      `the trace ends at ${(tracedUntil / 1000).toFixed(1)} s, before the curves were drawn ` +
        `(${(curvesAt / 1000).toFixed(1)} s): the result's render was not measured`,
    );
  const maxOf = (tasks: readonly BusyTask[]): number => Math.max(0, ...tasks.map((t) => t.cpuMs));
  const screen = {
    result,
    curves,
    toCompareSeconds: (doneAt - result.arrivedAt) / 1000,
    toCurvesSeconds: (curvesAt - result.arrivedAt) / 1000,
    renderMaxCpuMs: maxOf(busy.filter((t) => t.start >= result.arrivedAt - 1)),
    trainingMaxCpuMs: maxOf(busy.filter((t) => t.start < result.arrivedAt - 1)),
  };
  log(
    `result: ${(result.bytes / 1024).toFixed(0)} KiB parsed (${(result.bytesSent / 1024).toFixed(0)} KiB sent); ` +
      `curves ${curves.map((c) => `${(c.bytes / 1024).toFixed(0)} KiB`).join(', ')}; Compare on screen ` +
      `${screen.toCompareSeconds.toFixed(2)} s after the answer, curves ${screen.toCurvesSeconds.toFixed(2)} s; ` +
      `longest task CPU: rendering the result ${screen.renderMaxCpuMs.toFixed(1)} ms, training ` +
      `${screen.trainingMaxCpuMs.toFixed(1)} ms`,
  );
  const shot = async (name: string): Promise<void> => {
    if (shots !== undefined) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };
  await shot('1m-compare');

  const visits: Visit[] = [];
  const visit = async (view: string, action: () => Promise<void>): Promise<void> => {
    const watch = await watchLongTasks(browser, page);
    const t = Date.now();
    await action();
    await painted(page);
    const seconds = (Date.now() - t) / 1000;
    const { tasks, maxCpuMs } = await watch.stop();
    visits.push({ view, seconds, longTasks: tasks.length, maxCpuMs });
    log(`visit ${view}: ${seconds.toFixed(2)} s, ${tasks.length} long tasks, longest CPU ${maxCpuMs.toFixed(1)} ms`);
    await shot(`1m-${view}`);
  };
  const nav = (view: string) => () =>
    afterEvent(page, 'sapling:view-changed', () => page.getByTestId(`nav-${view}`).click());
  await visit('inspect', async () => {
    await nav('inspect')();
    await page.getByLabel('Row number').fill('101');
    // The row first (predictions, tree path), then every model's explained decision.
    await afterEvent(page, 'sapling:row-explained', () =>
      afterEvent(page, 'sapling:row-inspected', () => page.getByTestId('inspect-go').click()),
    );
  });
  await visit('data', async () => {
    await nav('data')();
    // The preview's rows are fetched as they scroll into view: wait until the first ones show.
    await page.waitForFunction(() => document.querySelector('[data-testid="preview"] .placeholder') === null, null, {
      timeout: 10 * 60_000,
      polling: 50,
    });
  });
  await visit('compare', async () => {
    await nav('compare')();
    await page.getByTestId('curves').waitFor({ state: 'visible', timeout: 60_000 });
  });
  return { ...screen, visits };
}
