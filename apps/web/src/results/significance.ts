import type { ConfidenceLevel } from "@assay/metrics";
import { compareWithMarginOfError } from "@assay/metrics";

import { formatNumber } from "../lib/format";

export interface McNemarResult {
  delta: number;
  pValue: number;
  adjustedPValue: number;
  significant: boolean;
}

export interface Judgement {
  delta: number;
  significant: boolean;
  direction: "improved" | "regressed" | "unchanged";
  /** Which test decided, with its numbers: shown to the user. */
  test: string;
}

/** Metrics where a smaller value is better, by name (errors, losses, false rates). */
export function lowerIsBetter(metric: string): boolean {
  return /error|loss|^mse$|^mae$|rmse|mape|^fpr$|^fnr$|nme|nrmse|failure|false|countFP|countFN/i.test(
    metric,
  );
}

/**
 * Whether a model's metric differs significantly from the reference's on a test case. Accuracy uses McNemar's
 * test on per-sample correctness (Benjamini–Hochberg-adjusted across the suite) when the server could compute
 * it; any other metric uses Kolena's margin of error with n = the samples both were tested on (or the row's own
 * sample size). Returns null when the values cannot be compared.
 */
export function judge(input: {
  metric: string;
  value: unknown;
  reference: unknown;
  n: number | undefined;
  mcnemar?: McNemarResult | undefined;
  confidence?: ConfidenceLevel;
}): Judgement | null {
  const { metric, value, reference, n, mcnemar } = input;
  if (
    typeof value !== "number" ||
    typeof reference !== "number" ||
    !Number.isFinite(value) ||
    !Number.isFinite(reference)
  ) {
    return null;
  }
  const delta = value - reference;
  const higherIsBetter = !lowerIsBetter(metric);
  if (mcnemar && metric === "accuracy") {
    const better = higherIsBetter ? delta > 0 : delta < 0;
    return {
      delta,
      significant: mcnemar.significant,
      direction:
        mcnemar.significant && delta !== 0 ? (better ? "improved" : "regressed") : "unchanged",
      test: `McNemar's test, Benjamini–Hochberg-adjusted p = ${formatP(mcnemar.adjustedPValue)}${n !== undefined ? ` (n = ${n})` : ""}`,
    };
  }
  if (n === undefined || n < 1)
    return {
      delta,
      significant: false,
      direction: "unchanged",
      test: "no sample size to test with",
    };
  const confidence = input.confidence ?? 0.95;
  const comparison = compareWithMarginOfError(reference, value, n, { confidence, higherIsBetter });
  return {
    delta,
    significant: comparison.significant,
    direction: comparison.direction,
    test: `margin of error ±${formatNumber(comparison.marginOfError)} at ${confidence * 100}% (n = ${n})`,
  };
}

function formatP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
