/** What computed a run's numbers, for its record and report: runtime, platform and the versions of the libraries in the result's path. */
import { readFileSync } from 'node:fs';
import { defaultEnvironment, type RunEnvironment } from '../app/audit/record.js';

/** Libraries whose code computes or parses what a run records. */
const LIBRARIES = ['@noble/hashes', 'ml-cart', 'ml-matrix', 'papaparse', 'zod'];

export function runEnvironment(): RunEnvironment {
  const libraries: Record<string, string> = {};
  for (const name of LIBRARIES) libraries[name] = packageVersion(name);
  const electron = process.versions.electron;
  return defaultEnvironment({
    runtime: `node ${process.versions.node}${electron ? `, electron ${electron}` : ''}`,
    platform: `${process.platform}-${process.arch}`,
    libraries,
  });
}

/** From the sources (io/) and from the desktop bundle (out/main/) node_modules is one or two folders up. */
function packageVersion(name: string): string {
  for (const up of ['../', '../../']) {
    try {
      const json = JSON.parse(
        readFileSync(new URL(`${up}node_modules/${name}/package.json`, import.meta.url), 'utf8'),
      ) as { version?: string };
      if (json.version) return json.version;
    } catch {
      /* try the next place */
    }
  }
  return 'unknown';
}
