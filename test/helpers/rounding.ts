/**
 * "Numbers rounded to ~4 significant digits everywhere" (#13): finds decimals shown with more significant digits
 * than any formatter of the app produces (fmtSig gives 4, tree thresholds up to 6), e.g. 0.221000003814697 — a
 * float printed raw. Integers (counts, seeds, hashes) are not decimals and never match.
 */
const MAX_SIGNIFICANT = 6;

export function longNumbers(text: string): string[] {
  const found: string[] = [];
  // A decimal not glued to letters or other digits (so version strings like 0.1.0 and hex ids are skipped).
  for (const m of text.matchAll(/(?<![\w.])-?\d[\d,]*\.\d+(?:e[+-]?\d+)?(?![\w.])/gi)) {
    const mantissa = m[0].replace(/e.*$/i, '').replace(/[-,.]/g, '').replace(/^0+/, '');
    if (mantissa.length > MAX_SIGNIFICANT) found.push(m[0]);
  }
  return found;
}
