import { describe, expect, it } from "vitest";

import { judge, lowerIsBetter } from "./significance";

describe("judge", () => {
  it("marks a significant accuracy drop as a regression, naming McNemar", () => {
    const result = judge({
      metric: "accuracy",
      value: 0.5,
      reference: 1,
      n: 60,
      mcnemar: { delta: -0.5, pValue: 1e-9, adjustedPValue: 2e-9, significant: true },
    });
    expect(result).toMatchObject({ significant: true, direction: "regressed", delta: -0.5 });
    expect(result?.test).toMatch(
      /^McNemar's test, Benjamini–Hochberg-adjusted p = 2\.0e-9 \(n = 60\)$/,
    );
  });

  it("leaves a difference inside the margin of error uncoloured", () => {
    const result = judge({ metric: "f1", value: 0.82, reference: 0.8, n: 100 });
    expect(result).toMatchObject({ significant: false, direction: "unchanged" });
    expect(result?.test).toBe("margin of error ±0.098 at 95% (n = 100)");
  });

  it("knows that a lower error is an improvement", () => {
    expect(lowerIsBetter("mse")).toBe(true);
    expect(lowerIsBetter("accuracy")).toBe(false);
    expect(judge({ metric: "mse", value: 0.1, reference: 0.9, n: 1000 })?.direction).toBe(
      "improved",
    );
  });

  it("does not compare what cannot be compared", () => {
    expect(judge({ metric: "accuracy", value: NaN, reference: 1, n: 10 })).toBeNull();
    expect(judge({ metric: "accuracy", value: "x", reference: 1, n: 10 })).toBeNull();
    expect(judge({ metric: "accuracy", value: 0.5, reference: 1, n: 0 })?.significant).toBe(false);
  });
});
