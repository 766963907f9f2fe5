import type { CellComparison } from "@assay/workflow";
import { describe, expect, it } from "vitest";

import { judge } from "./significance";

const fn = { kind: "count", higherIsBetter: false, of: "countFN" } as const;

const tested = (over: Partial<CellComparison & { tested: true }>): CellComparison => ({
  tested: true,
  n: 6,
  difference: -5,
  lower: -8,
  upper: -2,
  test: "paired-bootstrap",
  pValue: 0.002,
  adjustedPValue: 0.004,
  significant: true,
  verdict: "improved",
  ...over,
});

describe("judge", () => {
  it("shows the engine's verdict, naming the test with its interval and p-values", () => {
    const result = judge({ meaning: fn, value: 3, reference: 8, cell: tested({}) });
    expect(result).toMatchObject({
      significant: true,
      direction: "improved",
      delta: -5,
      testName: "paired-bootstrap",
    });
    expect(result?.test).toBe(
      "paired bootstrap: difference -5, 95% CI [-8, -2], p = 0.002, Benjamini–Hochberg-adjusted p = 0.004, n = 6",
    );
  });

  it("names Wilcoxon's check beside a paired t-test", () => {
    const cell = tested({ test: "paired-t", wilcoxonPValue: 0.01, verdict: "regressed" });
    const result = judge({ meaning: { kind: "mean" }, value: 50, reference: 45, cell });
    expect(result?.direction).toBe("regressed");
    expect(result?.test).toMatch(/^paired t-test: .*Wilcoxon signed-rank p = 0\.01, n = 6$/);
  });

  it("says why a cell was not tested, and never colours it", () => {
    const result = judge({
      meaning: { kind: "aggregate" },
      value: 0.5,
      reference: 0.4,
      cell: { tested: false, reason: "an aggregate is tested by recomputing it" },
    });
    expect(result).toMatchObject({ significant: false, direction: "unchanged" });
    expect(result?.test).toBe("not tested: an aggregate is tested by recomputing it");
    expect(judge({ meaning: null, value: 1, reference: 0, cell: undefined })?.test).toMatch(
      /does not declare what this metric measures/,
    );
  });

  it("does not compare what cannot be compared", () => {
    expect(judge({ meaning: fn, value: NaN, reference: 1, cell: tested({}) })).toBeNull();
    expect(judge({ meaning: fn, value: "x", reference: 1, cell: tested({}) })).toBeNull();
  });
});
