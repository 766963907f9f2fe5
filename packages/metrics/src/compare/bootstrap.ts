import { checkPositiveInteger, checkProbability, invalid } from "../internal/checks";
import { mulberry32 } from "./prng";

export interface BootstrapOptions {
  /** Resamples; default 1000. */
  readonly resamples?: number;
  /** Confidence of the interval; default 0.95. */
  readonly confidence?: number;
  /** Seed of the generator (mulberry32); default 0. Same seed, same interval, on any machine. */
  readonly seed?: number;
  /**
   * Drop resamples on which the metric is undefined (not finite: an AUC of a resample without positives) rather
   * than fail; the interval and p-value come from the others. The metric on all samples must still be finite.
   */
  readonly dropUndefined?: boolean;
}

export interface BootstrapInterval {
  /** metric(B) - metric(A) on all samples. */
  readonly observed: number;
  readonly lower: number;
  readonly upper: number;
  /**
   * Two-sided bootstrap p-value for "no difference": twice the smaller share of resampled differences on either
   * side of 0, counted with a +1 correction so it is never 0, capped at 1.
   */
  readonly pValue: number;
  /** The resamples the interval comes from (fewer than asked when `dropUndefined` dropped some). */
  readonly resamples: number;
}

/**
 * A paired bootstrap confidence interval for the difference of any metric between two models on the same
 * samples: resample sample indices with replacement (the same indices for both models, which keeps the pairing),
 * recompute `metric` for each model on the resample, and take percentiles of the differences (linear
 * interpolation, numpy's default). `metric(indices, model)` computes the metric of model `0` (A) or `1` (B) over
 * the samples at `indices` (with repeats).
 */
export function pairedBootstrap(
  n: number,
  metric: (indices: Uint32Array, model: 0 | 1) => number,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  checkPositiveInteger(n, "n");
  checkPositiveInteger(resamples, "resamples");
  checkProbability(confidence, "confidence");
  const random = mulberry32(options.seed ?? 0);
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const observed = difference(metric, all, false);
  const drawn = new Float64Array(resamples);
  const indices = new Uint32Array(n);
  let kept = 0;
  let below = 0;
  let above = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(random() * n);
    const delta = difference(metric, indices, options.dropUndefined === true);
    if (Number.isNaN(delta)) continue;
    drawn[kept++] = delta;
    if (delta <= 0) below++;
    if (delta >= 0) above++;
  }
  if (kept < resamples / 2) {
    throw invalid(
      "metric",
      `the metric is undefined on ${resamples - kept} of ${resamples} resamples`,
    );
  }
  const deltas = drawn.subarray(0, kept).sort();
  const alpha = (1 - confidence) / 2;
  return {
    observed,
    lower: percentile(deltas, alpha),
    upper: percentile(deltas, 1 - alpha),
    pValue: Math.min(1, (2 * (Math.min(below, above) + 1)) / (kept + 1)),
    resamples: kept,
  };
}

/** B - A on the samples at `indices`; NaN when `lenient` and either is undefined there. */
function difference(
  metric: (indices: Uint32Array, model: 0 | 1) => number,
  indices: Uint32Array,
  lenient: boolean,
) {
  const a = metric(indices, 0);
  const b = metric(indices, 1);
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    if (lenient) return Number.NaN;
    throw invalid("metric", `the metric must return finite numbers (got ${a} and ${b})`);
  }
  return b - a;
}

/** The q-quantile of sorted values, linear interpolation between order statistics. */
export function percentile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (position - lo);
}

/** Convenience: the mean of per-sample values (e.g. correctness as 0/1) over resampled indices. */
export function meanOver(values: ArrayLike<number>): (indices: Uint32Array) => number {
  return (indices) => {
    let total = 0;
    for (const index of indices) total += values[index] as number;
    return indices.length > 0 ? total / indices.length : 0;
  };
}
