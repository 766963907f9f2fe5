import { invalid } from "../internal/checks";

/**
 * Kolena's margin of error for a metric measured on a test case: MOE = z · sqrt(p(1 - p) / n), with p = 0.5 (the
 * most conservative) when the metric's own proportion is unknown. A difference between two models is significant
 * when it is larger than the MOE. Kolena's z-scores are rounded to two decimals; Assay uses the same ones so the
 * highlighting agrees.
 */
export const Z_SCORES = { 0.9: 1.65, 0.95: 1.96, 0.99: 2.58 } as const;
export type ConfidenceLevel = keyof typeof Z_SCORES;

export interface MarginOfErrorOptions {
  /** 0.90, 0.95 (default) or 0.99. */
  readonly confidence?: ConfidenceLevel;
  /** The expected proportion; 0.5 when unknown. */
  readonly p?: number;
}

export function marginOfError(n: number, options: MarginOfErrorOptions = {}): number {
  const confidence = options.confidence ?? 0.95;
  const z = Z_SCORES[confidence] as number | undefined;
  if (z === undefined) {
    throw invalid("confidence", `must be one of 0.9, 0.95, 0.99 (got ${String(confidence)})`);
  }
  const p = options.p ?? 0.5;
  if (!(p >= 0 && p <= 1)) throw invalid("p", `must be between 0 and 1 (got ${p})`);
  if (!Number.isInteger(n) || n < 1) {
    throw invalid("n", `a margin of error needs a sample size of at least 1 (got ${n})`);
  }
  return z * Math.sqrt((p * (1 - p)) / n);
}

export interface MetricComparison {
  readonly delta: number;
  readonly marginOfError: number;
  readonly significant: boolean;
  /** `"improved"` / `"regressed"` only when significant, in the direction that `higherIsBetter` says. */
  readonly direction: "improved" | "regressed" | "unchanged";
}

/**
 * Compares a metric between a baseline and a candidate on a test case of `n` samples, Kolena's way.
 */
export function compareWithMarginOfError(
  baseline: number,
  candidate: number,
  n: number,
  options: MarginOfErrorOptions & { readonly higherIsBetter?: boolean } = {},
): MetricComparison {
  if (!Number.isFinite(baseline) || !Number.isFinite(candidate)) {
    throw invalid("candidate", "both metric values must be finite numbers to compare them");
  }
  const moe = marginOfError(n, options);
  const delta = candidate - baseline;
  const significant = Math.abs(delta) > moe;
  const better = (options.higherIsBetter ?? true) ? delta > 0 : delta < 0;
  return {
    delta,
    marginOfError: moe,
    significant,
    direction: significant ? (better ? "improved" : "regressed") : "unchanged",
  };
}
