import { checkFinite, checkSameLength, invalid } from "../internal/checks";
import { normalSurvival, studentTQuantileAbove, studentTSurvival } from "../internal/distributions";

export interface PairedTTestResult {
  /** Pairs compared. */
  readonly n: number;
  /** The mean of b - a. */
  readonly meanDifference: number;
  readonly statistic: number;
  readonly df: number;
  /** Two-sided. */
  readonly pValue: number;
  /** The confidence interval of the mean difference (Student's t with n - 1 degrees of freedom). */
  readonly lower: number;
  readonly upper: number;
}

/**
 * The paired t-test of b - a (scipy's `ttest_rel(b, a)`): t = mean(d) / (sd(d) / √n), sd with n - 1, on n - 1
 * degrees of freedom, two-sided, with the `confidence` interval of the mean difference. When every difference is
 * the same the test is degenerate: p = 1 if that difference is 0, else 0 (certain).
 */
export function pairedTTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: { confidence?: number } = {},
): PairedTTestResult {
  checkPairs(a, b);
  const n = a.length;
  if (n < 2) throw invalid("a", `a paired t-test needs at least 2 pairs (got ${n})`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += ((b[i] as number) - (a[i] as number) - mean) / (i + 1);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((b[i] as number) - (a[i] as number) - mean) ** 2;
  const df = n - 1;
  const standardError = Math.sqrt(squares / df / n);
  if (standardError === 0 || !Number.isFinite(standardError)) {
    const pValue = mean === 0 ? 1 : 0;
    const statistic = mean === 0 ? 0 : Math.sign(mean) * Infinity;
    return { n, meanDifference: mean, statistic, df, pValue, lower: mean, upper: mean };
  }
  const statistic = mean / standardError;
  const pValue = Math.min(1, 2 * studentTSurvival(Math.abs(statistic), df));
  const half = studentTQuantileAbove((1 - (options.confidence ?? 0.95)) / 2, df) * standardError;
  return { n, meanDifference: mean, statistic, df, pValue, lower: mean - half, upper: mean + half };
}

export interface WilcoxonResult {
  /** Pairs with a non-zero difference (the ones ranked). */
  readonly n: number;
  /** Pairs whose difference is 0, left out ("wilcox" zero method). */
  readonly zeros: number;
  /** min(R+, R-): the smaller sum of signed ranks. */
  readonly statistic: number;
  /** Two-sided. */
  readonly pValue: number;
  readonly method: "exact" | "normal";
}

/** Up to this many non-zero differences without ties, the exact null distribution is used. */
export const WILCOXON_EXACT_UP_TO = 50;

/**
 * The Wilcoxon signed-rank test of b - a (scipy's `wilcoxon(b, a)` with its defaults): zero differences are left
 * out, the others ranked by absolute value (ties get their average rank), and the statistic is the smaller of the
 * positive and negative rank sums. With at most 50 differences and no ties, the p-value is exact (the null
 * distribution of the rank sum, counted by dynamic programming); otherwise it is the normal approximation with the
 * tie correction of the variance and no continuity correction. No non-zero difference: p = 1.
 */
export function wilcoxonSignedRank(a: ArrayLike<number>, b: ArrayLike<number>): WilcoxonResult {
  checkPairs(a, b);
  const differences: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = (b[i] as number) - (a[i] as number);
    if (d !== 0) differences.push(d);
  }
  const zeros = a.length - differences.length;
  const n = differences.length;
  if (n === 0) return { n, zeros, statistic: 0, pValue: 1, method: "exact" };
  const { ranks, tieGroups } = absoluteRanks(differences);
  let plus = 0;
  let minus = 0;
  differences.forEach((d, i) => {
    if (d > 0) plus += ranks[i] as number;
    else minus += ranks[i] as number;
  });
  const statistic = Math.min(plus, minus);
  if (n <= WILCOXON_EXACT_UP_TO && tieGroups.length === 0 && zeros === 0) {
    return { n, zeros, statistic, pValue: exactSignedRankPValue(plus, n), method: "exact" };
  }
  const mean = (n * (n + 1)) / 4;
  let variance = n * (n + 1) * (2 * n + 1);
  for (const t of tieGroups) variance -= 0.5 * t * (t * t - 1);
  const z = (statistic - mean) / Math.sqrt(variance / 24);
  return {
    n,
    zeros,
    statistic,
    pValue: Math.min(1, 2 * normalSurvival(Math.abs(z))),
    method: "normal",
  };
}

/** Ranks of |values| from 1 (average ranks for ties) and the sizes of the tied groups (of 2 or more). */
function absoluteRanks(values: readonly number[]): { ranks: Float64Array; tieGroups: number[] } {
  const sizes = Float64Array.from(values, Math.abs);
  const order = Array.from(sizes.keys()).sort(
    (i, j) => (sizes[i] as number) - (sizes[j] as number),
  );
  const ranks = new Float64Array(values.length);
  const tieGroups: number[] = [];
  for (let start = 0; start < order.length;) {
    const size = sizes[order[start] as number] as number;
    let end = start + 1;
    while (end < order.length && sizes[order[end] as number] === size) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    if (end - start > 1) tieGroups.push(end - start);
    start = end;
  }
  return { ranks, tieGroups };
}

/**
 * Two-sided exact p-value of the positive rank sum `plus` among n ranks 1..n without ties: 2 · min(P[R+ <= r],
 * P[R+ >= r]) under the null, where each rank is positive with probability 1/2, capped at 1.
 */
function exactSignedRankPValue(plus: number, n: number): number {
  const max = (n * (n + 1)) / 2;
  // counts[s]: how many of the 2^n sign patterns give R+ = s (exact in doubles up to n = 50: below 2^53).
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let s = (rank * (rank + 1)) / 2; s >= rank; s--) {
      counts[s] = (counts[s] as number) + (counts[s - rank] as number);
    }
  }
  const r = Math.round(plus);
  let atMost = 0;
  for (let s = 0; s <= r; s++) atMost += counts[s] as number;
  let atLeast = 0;
  for (let s = r; s <= max; s++) atLeast += counts[s] as number;
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / 2 ** n);
}

function checkPairs(a: ArrayLike<number>, b: ArrayLike<number>): void {
  checkSameLength(a, b, ["a", "b"]);
  checkFinite(a, "a");
  checkFinite(b, "b");
}
