// Types for scripts/golden-cases.mjs (plain JS so the regenerate script runs without a compiler).
export interface GoldenCase {
  readonly name: string;
  readonly args: readonly string[];
}
export const ROOT: string;
export const GOLDEN_DIR: string;
export const GOLDEN_CASES: readonly GoldenCase[];
export function goldenDocument(testCase: GoldenCase): Promise<string>;
export function goldenPath(testCase: GoldenCase): string;
