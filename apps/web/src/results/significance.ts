import type { ConfidenceLevel } from "@assay/metrics";
import type { MetricKind, MetricMeaning } from "@assay/workflow";
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

/**
 * Whether a model's metric differs significantly from the reference's on a test case, by what the metric is
 * declared to mean (never by its name). A proportion is tested with McNemar's test on per-sample correctness
 * (Benjamini–Hochberg-adjusted across the suite) when the server could compute it, else with Kolena's margin of
 * error for a proportion. Other kinds need the paired test of their kind, which this page does not run: their
 * cells say so rather than apply a proportion's margin to a count or an error. A metric without a declared
 * direction is never improved or regressed. Returns null when the values cannot be compared.
 */
export function judge(input: {
  meaning: MetricMeaning | null;
  value: unknown;
  reference: unknown;
  n: number | undefined;
  mcnemar?: McNemarResult | undefined;
  confidence?: ConfidenceLevel;
}): Judgement | null {
  const { meaning, value, reference, n, mcnemar } = input;
  if (
    typeof value !== "number" ||
    typeof reference !== "number" ||
    !Number.isFinite(value) ||
    !Number.isFinite(reference)
  ) {
    return null;
  }
  const delta = value - reference;
  const untested = (test: string): Judgement => ({
    delta,
    significant: false,
    direction: "unchanged",
    test,
  });
  if (meaning?.kind === undefined)
    return untested("not tested: its evaluator does not declare what this metric measures");
  if (meaning.kind !== "proportion")
    return untested(`not tested: a ${KIND_NAMES[meaning.kind]} needs a paired test of its own`);
  const directed = (significant: boolean): Judgement["direction"] =>
    !significant || delta === 0 || meaning.higherIsBetter === undefined
      ? "unchanged"
      : delta > 0 === meaning.higherIsBetter
        ? "improved"
        : "regressed";
  if (mcnemar) {
    return {
      delta,
      significant: mcnemar.significant,
      direction: directed(mcnemar.significant),
      test: `McNemar's test, Benjamini–Hochberg-adjusted p = ${formatP(mcnemar.adjustedPValue)}${n !== undefined ? ` (n = ${n})` : ""}`,
    };
  }
  if (n === undefined || n < 1) return untested("no sample size to test with");
  const confidence = input.confidence ?? 0.95;
  const comparison = compareWithMarginOfError(reference, value, n, { confidence });
  return {
    delta,
    significant: comparison.significant,
    direction: directed(comparison.significant),
    test: `margin of error ±${formatNumber(comparison.marginOfError)} at ${confidence * 100}% (n = ${n})`,
  };
}

const KIND_NAMES: Record<MetricKind, string> = {
  proportion: "proportion",
  mean: "mean of per-sample values",
  count: "count",
  aggregate: "metric computed from all samples at once",
};

function formatP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
