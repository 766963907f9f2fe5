import { invalid } from "../internal/checks";

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), in input order: sorted ascending, each p(i) becomes
 * min over j >= i of p(j) · m / j, capped at 1, so they are monotone in the raw p-values and never above 1.
 * Reject the hypotheses whose adjusted p-value is <= the FDR level.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw invalid(`pValues[${i}]`, `must be between 0 and 1 (got ${p})`);
  });
  const m = pValues.length;
  const order = pValues
    .map((_, i) => i)
    .sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1] as number;
    const p = pValues[index] as number;
    running = Math.min(running, (p * m) / rank);
    // m / rank >= 1, so the adjusted value is never below p; keep it so under rounding too.
    adjusted[index] = Math.max(running, p);
  }
  return adjusted;
}
