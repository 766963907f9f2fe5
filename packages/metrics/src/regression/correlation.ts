import { checkFinite, checkSameLength, invalid } from "../internal/checks";
import { mean, sum } from "../internal/numeric";

/**
 * Pearson's r (scipy's `pearsonr` statistic). Needs two or more pairs. When either side is constant the
 * correlation is undefined (scipy returns NaN with a warning); Assay returns 0 there, Kolena's rule for a ratio
 * whose denominator is not > 0.
 */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPairs(x, y);
  const mx = mean(x);
  const my = mean(y);
  const n = x.length;
  const xy = new Float64Array(n);
  const xx = new Float64Array(n);
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    xy[i] = dx * dy;
    xx[i] = dx * dx;
    yy[i] = dy * dy;
  }
  const denominator = Math.sqrt(sum(xx)) * Math.sqrt(sum(yy));
  if (!(denominator > 0)) return 0;
  // Rounding can push |r| a hair past 1; scipy clips too.
  return Math.max(-1, Math.min(1, sum(xy) / denominator));
}

/** Spearman's ρ: Pearson's r of the ranks, tied values sharing their average rank (scipy's `spearmanr`). */
export function spearmanCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPairs(x, y);
  return pearsonCorrelation(averageRanks(x), averageRanks(y));
}

/** 1-based ranks, ties given the mean of the ranks they span (scipy's `rankdata(method="average")`). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start;
    const value = values[order[start] as number] as number;
    while (end + 1 < n && values[order[end + 1] as number] === value) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i] as number] = rank;
    start = end + 1;
  }
  return ranks;
}

function checkPairs(x: ArrayLike<number>, y: ArrayLike<number>): void {
  checkSameLength(x, y, ["x", "y"]);
  if (x.length < 2) throw invalid("x", `a correlation needs at least two pairs (got ${x.length})`);
  checkFinite(x, "x");
  checkFinite(y, "y");
}
