import type { CellComparison, CellTest, MetricMeaning, Untested } from "@assay/workflow";
import { InputValidationError } from "@assay/workflow";

import { invalid } from "../internal/checks";
import { normalQuantileAbove } from "../internal/distributions";
import { benjaminiHochberg } from "./benjamini-hochberg";
import type { BootstrapOptions } from "./bootstrap";
import { pairedBootstrap } from "./bootstrap";
import { mcnemarFromCounts, mcnemarTest } from "./mcnemar";
import { pairedTTest, wilcoxonSignedRank } from "./paired-tests";

/**
 * Two models' per-sample data on the samples both were tested on, in the same order, by the metric's kind (see
 * `MetricKind`): outcomes for a proportion (McNemar), values for a mean (paired t, Wilcoxon beside it), and for a
 * count or an aggregate the metric recomputed over resampled samples (a seeded paired bootstrap).
 */
export type PairedSamples =
  | { readonly kind: "proportion"; readonly a: ArrayLike<boolean>; readonly b: ArrayLike<boolean> }
  /** A proportion by its counts: n paired samples, b right for A only, c right for B only (all McNemar reads). */
  | { readonly kind: "proportion"; readonly n: number; readonly b: number; readonly c: number }
  | { readonly kind: "mean"; readonly a: ArrayLike<number>; readonly b: ArrayLike<number> }
  | {
      readonly kind: "count" | "aggregate";
      readonly n: number;
      /** The metric of model 0 (A) or 1 (B) over the samples at `indices` (with repeats). */
      readonly metric: (indices: Uint32Array, model: 0 | 1) => number;
    };

export type { CellComparison, CellTest, TestName, Untested } from "@assay/workflow";

export interface CompareOptions {
  /** The false discovery rate across the cells (and the intervals' 1 - confidence); default 0.05. */
  readonly alpha?: number;
  /** The paired bootstrap's settings (default 1,000 resamples, seed 0: the same answer on every machine). */
  readonly bootstrap?: BootstrapOptions;
}

/** Tests one cell (unadjusted: `compareCells` adjusts across the cells it is given). */
export function compareCell(
  samples: PairedSamples | Untested | null,
  options: CompareOptions = {},
): CellTest | Untested {
  if (samples === null) return { tested: false, reason: "no per-sample values were stored for it" };
  if ("tested" in samples) return samples;
  const confidence = 1 - (options.alpha ?? 0.05);
  switch (samples.kind) {
    case "proportion": {
      const n = "n" in samples ? samples.n : samples.a.length;
      if (n === 0) return { tested: false, reason: "no sample was tested with both models" };
      const result =
        "n" in samples
          ? mcnemarFromCounts(samples.b, samples.c)
          : mcnemarTest(samples.a, samples.b);
      const difference = (result.c - result.b) / n;
      // The interval of a difference of paired proportions (Wald, from the discordant counts).
      const z = zFor(confidence);
      const spread =
        (z * Math.sqrt(Math.max(0, result.b + result.c - (result.c - result.b) ** 2 / n))) / n;
      return {
        tested: true,
        n,
        difference,
        lower: difference - spread,
        upper: difference + spread,
        test: "mcnemar",
        pValue: result.pValue,
      };
    }
    case "mean": {
      const n = samples.a.length;
      if (n < 2)
        return { tested: false, reason: "fewer than 2 samples were tested with both models" };
      const t = pairedTTest(samples.a, samples.b, { confidence });
      return {
        tested: true,
        n,
        difference: t.meanDifference,
        lower: t.lower,
        upper: t.upper,
        test: "paired-t",
        pValue: t.pValue,
        wilcoxonPValue: wilcoxonSignedRank(samples.a, samples.b).pValue,
      };
    }
    case "count":
    case "aggregate": {
      if (samples.n < 2)
        return { tested: false, reason: "fewer than 2 samples were tested with both models" };
      const all = Uint32Array.from({ length: samples.n }, (_, i) => i);
      if (!Number.isFinite(samples.metric(all, 0)) || !Number.isFinite(samples.metric(all, 1)))
        return {
          tested: false,
          reason: "the metric is not defined on the samples both models have",
        };
      const interval = definedBootstrap(samples.n, samples.metric, {
        ...options.bootstrap,
        confidence,
      });
      if (!interval)
        return {
          tested: false,
          reason: "the metric is not defined on most resamples of these samples",
        };
      return {
        tested: true,
        n: samples.n,
        difference: interval.observed,
        lower: interval.lower,
        upper: interval.upper,
        test: "paired-bootstrap",
        pValue: interval.pValue,
      };
    }
  }
}

/** The normal quantile of a two-sided interval, remembered per confidence (a matrix asks for it per cell). */
const quantiles = new Map<number, number>();
function zFor(confidence: number): number {
  let z = quantiles.get(confidence);
  if (z === undefined) quantiles.set(confidence, (z = normalQuantileAbove((1 - confidence) / 2)));
  return z;
}

/** The paired bootstrap over the resamples where the metric is defined; null when most are not. */
function definedBootstrap(
  n: number,
  metric: (indices: Uint32Array, model: 0 | 1) => number,
  options: BootstrapOptions,
) {
  try {
    return pairedBootstrap(n, metric, { ...options, dropUndefined: true });
  } catch (error) {
    if (error instanceof InputValidationError) return null;
    throw error;
  }
}

/**
 * Tests every cell (one metric of one test case, B against A) by its metric's kind, then adjusts the p-values of
 * all tested cells together (Benjamini–Hochberg), so that a matrix of many cells does not make chance differences
 * look real. A cell is significant when its adjusted p-value is at most `alpha`; its verdict follows the metric's
 * declared direction, and a metric without one is never improved or regressed.
 */
export function compareCells(
  cells: readonly {
    readonly samples: PairedSamples | Untested | null;
    readonly meaning: MetricMeaning | undefined;
  }[],
  options: CompareOptions = {},
): CellComparison[] {
  checkAlpha(options.alpha);
  return adjustCells(
    cells.map((cell) => ({
      test: compareCell(cell.samples, options),
      higherIsBetter: cell.meaning?.higherIsBetter,
    })),
    options.alpha,
  );
}

/**
 * The second half of `compareCells`, for callers that test cells one at a time (so that only two models' data
 * are in memory at once): Benjamini–Hochberg across every tested cell, then each one's significance and verdict.
 */
export function adjustCells(
  cells: readonly {
    readonly test: CellTest | Untested;
    readonly higherIsBetter?: boolean | undefined;
  }[],
  alpha = 0.05,
): CellComparison[] {
  const judged = adjustments(
    cells.map((cell) => cell.test),
    cells.map((cell) => cell.higherIsBetter),
    alpha,
  );
  return cells.map(({ test }, i) =>
    test.tested ? { ...test, ...(judged[i] as Adjustment) } : test,
  );
}

/** What Benjamini–Hochberg adds to a tested cell. */
export interface Adjustment {
  readonly adjustedPValue: number;
  readonly significant: boolean;
  readonly verdict: "improved" | "regressed" | "unchanged";
}

/** `adjustCells` as parallel lists (null for untested cells), for callers that build their own cell records. */
export function adjustments(
  tests: readonly (CellTest | Untested)[],
  higherIsBetter: readonly (boolean | undefined)[],
  alpha = 0.05,
): (Adjustment | null)[] {
  checkAlpha(alpha);
  const adjusted = benjaminiHochberg(tests.flatMap((test) => (test.tested ? [test.pValue] : [])));
  let next = 0;
  return tests.map((test, i): Adjustment | null => {
    if (!test.tested) return null;
    const adjustedPValue = adjusted[next++] as number;
    const significant = adjustedPValue <= alpha && test.difference !== 0;
    const direction = higherIsBetter[i];
    const verdict =
      !significant || direction === undefined
        ? "unchanged"
        : test.difference > 0 === direction
          ? "improved"
          : "regressed";
    return { adjustedPValue, significant, verdict };
  });
}

function checkAlpha(alpha: number | undefined) {
  if (alpha !== undefined && !(alpha > 0 && alpha < 1))
    throw invalid("alpha", `must be between 0 and 1 (got ${alpha})`);
}
