import { describe, expect, it } from "vitest";

import { judge } from "./significance";

const accuracy = { kind: "proportion", higherIsBetter: true } as const;
const failureRate = { kind: "proportion", higherIsBetter: false } as const;

describe("judge", () => {
  it("marks a significant accuracy drop as a regression, naming McNemar", () => {
    const result = judge({
      meaning: accuracy,
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

  it("leaves a difference in a proportion inside the margin of error uncoloured", () => {
    const result = judge({ meaning: accuracy, value: 0.82, reference: 0.8, n: 100 });
    expect(result).toMatchObject({ significant: false, direction: "unchanged" });
    expect(result?.test).toBe("margin of error ±0.098 at 95% (n = 100)");
  });

  it("takes the direction from the metric's declaration, never from its name", () => {
    expect(judge({ meaning: failureRate, value: 0.1, reference: 0.9, n: 1000 })?.direction).toBe(
      "improved",
    );
    // Significant, but with no declared direction: neither better nor worse.
    const neutral = judge({ meaning: { kind: "proportion" }, value: 0.1, reference: 0.9, n: 1000 });
    expect(neutral).toMatchObject({ significant: true, direction: "unchanged" });
  });

  it("does not apply a proportion's margin of error to a count, a mean or an undeclared metric", () => {
    const fn = judge({
      meaning: { kind: "count", higherIsBetter: false },
      value: 3,
      reference: 8,
      n: 6,
    });
    expect(fn).toMatchObject({ significant: false, direction: "unchanged", delta: -5 });
    expect(fn?.test).toMatch(/^not tested: a count needs a paired test of its own/);
    const mae = judge({
      meaning: { kind: "mean", higherIsBetter: false },
      value: 50,
      reference: 45,
      n: 20,
    });
    expect(mae?.test).toMatch(/mean of per-sample values/);
    expect(judge({ meaning: null, value: 1, reference: 0, n: 1000 })?.test).toMatch(
      /does not declare what this metric measures/,
    );
  });

  it("does not compare what cannot be compared", () => {
    expect(judge({ meaning: accuracy, value: NaN, reference: 1, n: 10 })).toBeNull();
    expect(judge({ meaning: accuracy, value: "x", reference: 1, n: 10 })).toBeNull();
    expect(judge({ meaning: accuracy, value: 0.5, reference: 1, n: 0 })?.significant).toBe(false);
  });
});
