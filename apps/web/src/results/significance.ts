import type { CellComparison } from "@assay/workflow";
import { describeCell } from "@assay/metrics";
import type { MetricMeaning } from "@assay/workflow";

export interface Judgement {
  /** The metric's value minus the reference's, as stored. */
  delta: number;
  significant: boolean;
  direction: "improved" | "regressed" | "unchanged";
  /** Which test decided, with its numbers (or why none could): shown to the user. */
  test: string;
  /** The test's name, when one ran ("mcnemar", "paired-t", "paired-bootstrap"). */
  testName?: string;
}

/**
 * How a model's metric compares with the reference's on a test case, as the server's comparison engine judged
 * it (the test chosen by the metric's declared kind, Benjamini–Hochberg across the matrix): the same numbers
 * `assay compare` prints. A metric without a declared direction is never improved or regressed, and a cell the
 * engine could not test says why. Returns null when the values cannot be compared.
 */
export function judge(input: {
  meaning: MetricMeaning | null;
  value: unknown;
  reference: unknown;
  cell: CellComparison | undefined;
  alpha?: number;
}): Judgement | null {
  const { value, reference, cell } = input;
  if (
    typeof value !== "number" ||
    typeof reference !== "number" ||
    !Number.isFinite(value) ||
    !Number.isFinite(reference)
  ) {
    return null;
  }
  const delta = value - reference;
  if (!cell) {
    return {
      delta,
      significant: false,
      direction: "unchanged",
      test:
        input.meaning?.kind === undefined
          ? "not tested: its evaluator does not declare what this metric measures"
          : "not tested",
    };
  }
  if (!cell.tested) {
    return { delta, significant: false, direction: "unchanged", test: describeCell(cell) };
  }
  return {
    delta,
    significant: cell.significant,
    direction: cell.verdict,
    test: describeCell(cell, input.alpha),
    testName: cell.test,
  };
}
