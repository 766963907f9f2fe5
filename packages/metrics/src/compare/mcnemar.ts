import { checkNonEmpty, checkSameLength } from "../internal/checks";
import { binomialHalfCdf, chiSquare1Survival } from "../internal/distributions";

export interface McNemarResult {
  /** Samples model A got right and model B wrong. */
  readonly b: number;
  /** Samples model B got right and model A wrong. */
  readonly c: number;
  /** The chi-square statistic (with continuity correction), or for the exact test min(b, c). */
  readonly statistic: number;
  /** Two-sided. */
  readonly pValue: number;
  readonly method: "exact" | "chi-square";
}

/** Below this many discordant pairs the exact binomial test is used. */
export const MCNEMAR_EXACT_BELOW = 25;

/**
 * McNemar's test on paired per-sample correctness (the same samples, two models): only the discordant samples
 * (one right, the other wrong) carry information. With fewer than 25 of them, the exact two-sided binomial test
 * (p = min(1, 2 · P[X <= min(b, c)]), X ~ Bin(b + c, 1/2)); otherwise the chi-square test with Edwards'
 * continuity correction, (|b - c| - 1)² / (b + c) on one degree of freedom. No discordant pairs: p = 1.
 */
export function mcnemarTest(
  correctA: ArrayLike<boolean>,
  correctB: ArrayLike<boolean>,
): McNemarResult {
  checkSameLength(correctA, correctB, ["correctA", "correctB"]);
  checkNonEmpty(correctA, "correctA");
  let b = 0;
  let c = 0;
  for (let i = 0; i < correctA.length; i++) {
    if (correctA[i] && !correctB[i]) b++;
    else if (!correctA[i] && correctB[i]) c++;
  }
  return mcnemarFromCounts(b, c);
}

export function mcnemarFromCounts(b: number, c: number): McNemarResult {
  const n = b + c;
  if (n < MCNEMAR_EXACT_BELOW) {
    const k = Math.min(b, c);
    const pValue = n === 0 ? 1 : Math.min(1, 2 * binomialHalfCdf(k, n));
    return { b, c, statistic: k, pValue, method: "exact" };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, statistic, pValue: chiSquare1Survival(statistic), method: "chi-square" };
}
