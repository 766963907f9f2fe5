import { Histogram } from "@assay/workflow";

import { checkFinite, checkNonEmpty, checkPositiveInteger } from "../internal/checks";

export interface HistogramCounts {
  /** `bins + 1` increasing bounds. */
  readonly buckets: number[];
  readonly frequency: number[];
}

/**
 * Equal-width bins over [min, max] as numpy's `histogram(values, bins)`: every bin is half-open but the last,
 * which includes `max`. A constant input gets the range [v - 0.5, v + 0.5], as numpy gives it.
 */
export function histogramCounts(
  values: ArrayLike<number>,
  options: { bins?: number; range?: readonly [number, number] } = {},
): HistogramCounts {
  const bins = options.bins ?? 10;
  checkPositiveInteger(bins, "bins");
  checkFinite(values, "values");
  let [lo, hi] = options.range ?? extent(values);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const buckets: number[] = [];
  for (let i = 0; i <= bins; i++) buckets.push(i * width + lo);
  // numpy's linspace ends exactly at `hi`; keep the last bound exact too.
  buckets[bins] = hi;
  const frequency = new Array<number>(bins).fill(0);
  const norm = bins / (hi - lo);
  for (let i = 0, n = values.length; i < n; i++) {
    const value = values[i] as number;
    if (value < lo || value > hi) continue;
    let bin = value === hi ? bins - 1 : Math.floor((value - lo) * norm);
    // Rounding in the division can land one bin off; settle it against the actual bounds, as numpy does.
    if (bin >= bins) bin = bins - 1;
    if (value < (buckets[bin] as number)) bin--;
    else if (bin < bins - 1 && value >= (buckets[bin + 1] as number)) bin++;
    frequency[bin] = (frequency[bin] ?? 0) + 1;
  }
  return { buckets, frequency };
}

function extent(values: ArrayLike<number>): [number, number] {
  checkNonEmpty(values, "values");
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0, n = values.length; i < n; i++) {
    const value = values[i] as number;
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  return [lo, hi];
}

/** A histogram of residuals (`yPred - yTrue`) as a validated `Histogram` plot. */
export function residualHistogram(
  residuals: ArrayLike<number>,
  options: { bins?: number; title?: string } = {},
): Histogram {
  const { buckets, frequency } = histogramCounts(residuals, { bins: options.bins ?? 20 });
  return Histogram.parse({
    title: options.title ?? "Residuals",
    xLabel: "Residual (prediction - ground truth)",
    yLabel: "Samples",
    buckets,
    frequency,
  });
}
