import type { MetricMeaning } from "@assay/workflow";

import { invalid } from "../internal/checks";
import { normalQuantileAbove } from "../internal/distributions";
import { benjaminiHochberg } from "./benjamini-hochberg";
import type { BootstrapOptions } from "./bootstrap";
import { pairedBootstrap } from "./bootstrap";
import { mcnemarTest } from "./mcnemar";
import { pairedTTest, wilcoxonSignedRank } from "./paired-tests";

/**
 * Two models' per-sample data on the samples both were tested on, in the same order, by the metric's kind (see
 * `MetricKind`): outcomes for a proportion (McNemar), values for a mean (paired t, Wilcoxon beside it), and for a
 * count or an aggregate the metric recomputed over resampled samples (a seeded paired bootstrap).
 */
export type PairedSamples =
  | { readonly kind: "proportion"; readonly a: ArrayLike<boolean>; readonly b: ArrayLike<boolean> }
  | { readonly kind: "mean"; readonly a: ArrayLike<number>; readonly b: ArrayLike<number> }
  | {
      readonly kind: "count" | "aggregate";
      readonly n: number;
      /** The metric of model 0 (A) or 1 (B) over the samples at `indices` (with repeats). */
      readonly metric: (indices: Uint32Array, model: 0 | 1) => number;
    };

export type TestName = "mcnemar" | "paired-t" | "paired-bootstrap";

/** One cell's test: B against A on one metric of one test case. */
export interface CellTest {
  readonly tested: true;
  readonly n: number;
  /** B - A on the samples both were tested on. */
  readonly difference: number;
  /** The confidence interval of the difference (1 - alpha). */
  readonly lower: number;
  readonly upper: number;
  /** The test that decided, and its two-sided p-value before adjustment. */
  readonly test: TestName;
  readonly pValue: number;
  /** For a mean: Wilcoxon's signed-rank p-value, a check that does not assume normal differences. */
  readonly wilcoxonPValue?: number;
}

/** A cell that cannot be tested, and why (said instead of guessing). */
export interface Untested {
  readonly tested: false;
  readonly reason: string;
}

export type CellComparison =
  | (CellTest & {
      /** The p-value adjusted across every tested cell (Benjamini–Hochberg). */
      readonly adjustedPValue: number;
      readonly significant: boolean;
      /** "improved" / "regressed" when significant and the metric has a direction, else "unchanged". */
      readonly verdict: "improved" | "regressed" | "unchanged";
    })
  | Untested;

export interface CompareOptions {
  /** The false discovery rate across the cells (and the intervals' 1 - confidence); default 0.05. */
  readonly alpha?: number;
  /** The paired bootstrap's settings (default 1,000 resamples, seed 0: the same answer on every machine). */
  readonly bootstrap?: BootstrapOptions;
}

/** Tests one cell (unadjusted: `compareCells` adjusts across the cells it is given). */
export function compareCell(
  samples: PairedSamples | null,
  options: CompareOptions = {},
): CellTest | Untested {
  if (samples === null) return { tested: false, reason: "no per-sample values were stored for it" };
  const confidence = 1 - (options.alpha ?? 0.05);
  switch (samples.kind) {
    case "proportion": {
      const n = samples.a.length;
      if (n === 0) return { tested: false, reason: "no sample was tested with both models" };
      const result = mcnemarTest(samples.a, samples.b);
      const difference = (result.c - result.b) / n;
      // The interval of a difference of paired proportions (Wald, from the discordant counts).
      const z = normalQuantileAbove((1 - confidence) / 2);
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
      const interval = pairedBootstrap(samples.n, samples.metric, {
        ...options.bootstrap,
        confidence,
      });
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

/**
 * Tests every cell (one metric of one test case, B against A) by its metric's kind, then adjusts the p-values of
 * all tested cells together (Benjamini–Hochberg), so that a matrix of many cells does not make chance differences
 * look real. A cell is significant when its adjusted p-value is at most `alpha`; its verdict follows the metric's
 * declared direction, and a metric without one is never improved or regressed.
 */
export function compareCells(
  cells: readonly { readonly samples: PairedSamples | null; readonly meaning: MetricMeaning }[],
  options: CompareOptions = {},
): CellComparison[] {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw invalid("alpha", `must be between 0 and 1 (got ${alpha})`);
  const raw = cells.map((cell) => compareCell(cell.samples, options));
  const tested = raw.flatMap((cell) => (cell.tested ? [cell.pValue] : []));
  const adjusted = benjaminiHochberg(tested);
  let next = 0;
  return raw.map((cell, i): CellComparison => {
    if (!cell.tested) return cell;
    const adjustedPValue = adjusted[next++] as number;
    const significant = adjustedPValue <= alpha && cell.difference !== 0;
    const direction = cells[i]?.meaning.higherIsBetter;
    const verdict =
      !significant || direction === undefined
        ? "unchanged"
        : cell.difference > 0 === direction
          ? "improved"
          : "regressed";
    return { ...cell, adjustedPValue, significant, verdict };
  });
}
