import { z } from "zod";

/**
 * What the comparison engine (`@assay/metrics`) answers for one cell, B against A on one metric of one test
 * case: shared by the server's answer, the SDK's `compare()`, the CLI and the web UI.
 */
export const TEST_NAMES = ["mcnemar", "paired-t", "paired-bootstrap"] as const;
export const TestName = z.enum(TEST_NAMES);
export type TestName = z.output<typeof TestName>;

export const CellTest = z.object({
  tested: z.literal(true),
  n: z.int(),
  /** B - A on the samples both were tested on. */
  difference: z.number(),
  /** The confidence interval of the difference (1 - alpha). */
  lower: z.number(),
  upper: z.number(),
  /** The test that decided, and its two-sided p-value before adjustment. */
  test: TestName,
  pValue: z.number(),
  /** For a mean: Wilcoxon's signed-rank p-value, a check that does not assume normal differences. */
  wilcoxonPValue: z.number().optional(),
});
export type CellTest = z.output<typeof CellTest>;

/** A cell that cannot be tested, and why (said instead of guessing). */
export const Untested = z.object({ tested: z.literal(false), reason: z.string() });
export type Untested = z.output<typeof Untested>;

export const CellComparison = z.discriminatedUnion("tested", [
  CellTest.extend({
    /** The p-value adjusted across every tested cell (Benjamini–Hochberg). */
    adjustedPValue: z.number(),
    significant: z.boolean(),
    /** "improved" / "regressed" when significant and the metric has a direction, else "unchanged". */
    verdict: z.enum(["improved", "regressed", "unchanged"]),
  }),
  Untested,
]);
export type CellComparison = z.output<typeof CellComparison>;
