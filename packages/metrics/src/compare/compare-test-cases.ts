import { invalid } from "../internal/checks";
import { benjaminiHochberg } from "./benjamini-hochberg";
import type { BootstrapInterval, BootstrapOptions } from "./bootstrap";
import { pairedBootstrap } from "./bootstrap";
import type { McNemarResult } from "./mcnemar";
import { mcnemarTest } from "./mcnemar";

export interface PairedTestCase {
  readonly name: string;
  /** Per sample, whether model A / model B got it right (same samples, same order). */
  readonly correctA: ArrayLike<boolean>;
  readonly correctB: ArrayLike<boolean>;
}

export interface TestCaseComparison {
  readonly name: string;
  readonly n: number;
  /** Accuracy of B minus accuracy of A. */
  readonly delta: number;
  readonly mcnemar: McNemarResult;
  /** McNemar's p-value adjusted across the suite's test cases (Benjamini–Hochberg). */
  readonly adjustedPValue: number;
  readonly significant: boolean;
  /** When `bootstrap` options are given: the paired bootstrap interval of the accuracy difference. */
  readonly bootstrap?: BootstrapInterval;
}

/**
 * Compares two models test case by test case on per-sample correctness: McNemar's test per test case, then
 * Benjamini–Hochberg across the suite so that many test cases do not make chance differences look significant.
 * A test case is significant when its adjusted p-value is at most `fdr` (default 0.05). Empty test cases are
 * reported with p = 1.
 */
export function compareTestCases(
  testCases: readonly PairedTestCase[],
  options: { readonly fdr?: number; readonly bootstrap?: BootstrapOptions } = {},
): TestCaseComparison[] {
  const fdr = options.fdr ?? 0.05;
  if (!(fdr > 0 && fdr < 1)) throw invalid("fdr", `must be between 0 and 1 (got ${fdr})`);
  const rows = testCases.map((testCase) => {
    const { correctA, correctB } = testCase;
    const n = correctA.length;
    if (correctB.length !== n) {
      throw invalid(
        `${testCase.name}.correctB`,
        `correctA and correctB must have the same length (${n} and ${correctB.length})`,
      );
    }
    const mcnemar: McNemarResult =
      n === 0
        ? { b: 0, c: 0, statistic: 0, pValue: 1, method: "exact" }
        : mcnemarTest(correctA, correctB);
    const delta = n === 0 ? 0 : (mcnemar.c - mcnemar.b) / n;
    const bootstrap =
      options.bootstrap && n > 0
        ? pairedBootstrap(
            n,
            (indices, model) => {
              const correct = model === 0 ? correctA : correctB;
              let hits = 0;
              for (const index of indices) if (correct[index]) hits++;
              return hits / indices.length;
            },
            options.bootstrap,
          )
        : undefined;
    return { name: testCase.name, n, delta, mcnemar, ...(bootstrap ? { bootstrap } : {}) };
  });
  const adjusted = benjaminiHochberg(rows.map((row) => row.mcnemar.pValue));
  return rows.map((row, i) => {
    const adjustedPValue = adjusted[i] as number;
    return { ...row, adjustedPValue, significant: adjustedPValue <= fdr };
  });
}
