/**
 * Migrations from older project versions: MIGRATIONS[n] turns a version-n document into version n+1.
 * Version 1 is the first format, so the list is empty; `migrate` is what opening a file runs, and the
 * tests drive it with a stand-in list to show that each step runs, in order, exactly once.
 */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Bring a document of `from` up to `to`, one version at a time; throws when a step is missing. */
export function migrate(
  document: Record<string, unknown>,
  from: number,
  to: number,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): Record<string, unknown> {
  let current = document;
  for (let version = from; version < to; version++) {
    const step = migrations[version];
    if (!step) throw new Error(`no migration from project version ${version} to ${version + 1}`);
    current = { ...step(current), version: version + 1 };
  }
  return current;
}
