import { z } from "zod";

/**
 * What evaluators produce. Extend these bases with your metric fields:
 *
 * - `MetricsTestSample`: per sample; scalars, annotations, assets, and lists, optionals or unions of them
 *   (annotations here are drawn over the sample, e.g. a detector's true positives).
 * - `MetricsTestCase`: per test case; scalars, plus lists of nested `MetricsTestCase` objects holding only
 *   scalars (one level, e.g. one row per class). In a nested row, `string` fields identify the row and an
 *   integer field named `n`, `N`, `sampleSize` or `nTestSamples` is its sample size.
 * - `MetricsTestSuite`: per suite; scalars only.
 *
 * `checkMetricsSchema` enforces these rules on a schema; stored values are checked by the same rules.
 */
export const MetricsTestSample = z.object({});
export const MetricsTestCase = z.object({});
export const MetricsTestSuite = z.object({});

/** Field names that carry the sample size of a test case or of a nested row, used by significance tests. */
export const SAMPLE_SIZE_FIELDS: readonly string[] = ["n", "N", "sampleSize", "nTestSamples"];

/** The sample size a metrics object declares, if any. */
export function sampleSizeOf(metrics: Readonly<Record<string, unknown>>): number | undefined {
  for (const name of SAMPLE_SIZE_FIELDS) {
    const value = metrics[name];
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  }
  return undefined;
}

/** The identity of a nested row: its string fields, in key order (e.g. `{ label: "cat" }`). */
export function nestedRowKey(row: Readonly<Record<string, unknown>>): Record<string, string> {
  const key: Record<string, string> = {};
  for (const name of Object.keys(row).sort()) {
    const value = row[name];
    if (typeof value === "string") key[name] = value;
  }
  return key;
}
