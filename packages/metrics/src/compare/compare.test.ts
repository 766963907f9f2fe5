import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { expectNear, loadFixture } from "../test-utils/fixtures";
import { benjaminiHochberg } from "./benjamini-hochberg";
import { meanOver, pairedBootstrap } from "./bootstrap";
import { compareCells } from "./engine";
import { compareWithMarginOfError, marginOfError } from "./margin-of-error";
import { mcnemarFromCounts, mcnemarTest } from "./mcnemar";
import { mulberry32 } from "./prng";

interface Significance {
  mcnemar_exact: { b: number; c: number; p_value: number }[];
  mcnemar_chi_square: { b: number; c: number; statistic: number; p_value: number }[];
}

describe("margin of error (Kolena)", () => {
  it("reproduces Kolena's worked example: 52% of 1,000 at 95% is ±3.1%", () => {
    // Kolena's docs round 0.03096552 to 0.0309654.
    expectNear(marginOfError(1000, { p: 0.52 }), 0.0309654, 2e-7);
    expect(compareWithMarginOfError(0.52, 0.54, 1000, { p: 0.52 }).significant).toBe(false);
    const third = compareWithMarginOfError(0.52, 0.8, 1000, { p: 0.52 });
    expect(third).toMatchObject({ significant: true, direction: "improved" });
  });

  it("uses p = 0.5 and Kolena's z-scores by default", () => {
    expect(marginOfError(100)).toBeCloseTo(0.098, 12);
    expect(marginOfError(100, { confidence: 0.9 })).toBeCloseTo(0.0825, 12);
    expect(marginOfError(100, { confidence: 0.99 })).toBeCloseTo(0.129, 12);
    expect(compareWithMarginOfError(0.9, 0.7, 100, { higherIsBetter: true }).direction).toBe(
      "regressed",
    );
    expect(compareWithMarginOfError(0.9, 0.7, 100, { higherIsBetter: false }).direction).toBe(
      "improved",
    );
  });

  it("refuses an empty test case and unknown confidence levels", () => {
    expect(() => marginOfError(0)).toThrow(/sample size/);
    expect(() => marginOfError(10, { confidence: 0.8 as 0.9 })).toThrow(/0.9, 0.95, 0.99/);
    expect(() => compareWithMarginOfError(NaN, 0.5, 10)).toThrow(/finite/);
  });
});

describe("McNemar's test against scipy 1.10.1", () => {
  const fixture = loadFixture<Significance>("sklearn/significance.json");

  it.each(fixture.mcnemar_exact)("exact binomial, b=$b c=$c", ({ b, c, p_value }) => {
    const result = mcnemarFromCounts(b, c);
    expect(result.method).toBe("exact");
    expectNear(result.pValue, p_value, 1e-9);
  });

  it.each(fixture.mcnemar_chi_square)(
    "chi-square with continuity correction, b=$b c=$c",
    ({ b, c, statistic, p_value }) => {
      const result = mcnemarFromCounts(b, c);
      expect(result.method).toBe("chi-square");
      expectNear(result.statistic, statistic, 1e-12);
      expectNear(result.pValue, p_value, 1e-9);
    },
  );

  it("counts the discordant pairs of per-sample correctness", () => {
    const a = [true, true, false, false, true, true];
    const b = [true, false, true, true, true, false];
    expect(mcnemarTest(a, b)).toMatchObject({ b: 2, c: 2, pValue: 1, method: "exact" });
    expect(() => mcnemarTest([true], [true, false])).toThrow(/same length/);
    expect(() => mcnemarTest([], [])).toThrow(/must not be empty/);
  });
});

describe("Benjamini–Hochberg", () => {
  it("matches the textbook adjustment", () => {
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((want, i) => expectNear(adjusted[i] ?? NaN, want, 1e-15));
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([0.5, NaN])).toThrow(/between 0 and 1/);
  });

  it("is monotone in the raw p-values, never below them, and at most 1", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (ps) => {
        const adjusted = benjaminiHochberg(ps);
        const order = ps.map((_, i) => i).sort((a, b) => (ps[a] as number) - (ps[b] as number));
        for (let k = 1; k < order.length; k++) {
          expect(adjusted[order[k] as number]).toBeGreaterThanOrEqual(
            adjusted[order[k - 1] as number] as number,
          );
        }
        adjusted.forEach((q, i) => {
          expect(q).toBeLessThanOrEqual(1);
          expect(q).toBeGreaterThanOrEqual(ps[i] as number);
        });
      }),
    );
  });
});

describe("seeded paired bootstrap", () => {
  const make = (n: number, pA: number, pB: number, seed: number) => {
    const random = mulberry32(seed);
    const a = Array.from({ length: n }, () => (random() < pA ? 1 : 0));
    const b = Array.from({ length: n }, () => (random() < pB ? 1 : 0));
    return { a, b };
  };
  const accuracy = ({ a, b }: { a: number[]; b: number[] }) => {
    const meanA = meanOver(a);
    const meanB = meanOver(b);
    return (indices: Uint32Array, model: 0 | 1) => (model === 0 ? meanA : meanB)(indices);
  };

  it("mulberry32 gives the reference sequence (seed 42 starts 0.6011037519…)", () => {
    const random = mulberry32(42);
    const first = [random(), random(), random()];
    expect(first.map((x) => Math.round(x * 1e9))).toEqual([601103752, 448290559, 852465793]);
  });

  it("is reproducible for a seed and differs across seeds", () => {
    const data = make(200, 0.7, 0.8, 1);
    const one = pairedBootstrap(200, accuracy(data), { seed: 7 });
    const again = pairedBootstrap(200, accuracy(data), { seed: 7 });
    const other = pairedBootstrap(200, accuracy(data), { seed: 8 });
    expect(again).toEqual(one);
    expect(other.lower).not.toBe(one.lower);
  });

  it("contains the observed difference and narrows with more samples", () => {
    const small = make(100, 0.7, 0.8, 3);
    const large = make(2000, 0.7, 0.8, 3);
    const a = pairedBootstrap(100, accuracy(small), { seed: 1 });
    const b = pairedBootstrap(2000, accuracy(large), { seed: 1, resamples: 500 });
    for (const interval of [a, b]) {
      expect(interval.lower).toBeLessThanOrEqual(interval.observed);
      expect(interval.upper).toBeGreaterThanOrEqual(interval.observed);
      expect(interval.pValue).toBeGreaterThan(0);
      expect(interval.pValue).toBeLessThanOrEqual(1);
    }
    expect(b.upper - b.lower).toBeLessThan((a.upper - a.lower) / 2);
    // With 2000 samples and a 10-point gap the interval excludes 0.
    expect(b.lower).toBeGreaterThan(0);
    expect(b.pValue).toBeLessThan(0.01);
  });

  it("gives a degenerate interval for identical models and rejects bad input", () => {
    const same = make(50, 0.5, 0.5, 9);
    const interval = pairedBootstrap(50, accuracy({ a: same.a, b: same.a }), { resamples: 100 });
    expect(interval).toMatchObject({ observed: 0, lower: 0, upper: 0, pValue: 1 });
    expect(() => pairedBootstrap(0, () => 0)).toThrow(/positive integer/);
    expect(() => pairedBootstrap(5, () => NaN)).toThrow(/finite/);
    expect(() => pairedBootstrap(5, () => 0, { confidence: 2 })).toThrow(/between 0 and 1/);
  });
});

describe("comparing test cases across a suite", () => {
  it("adjusts McNemar p-values with Benjamini–Hochberg and flags significant test cases", () => {
    const random = mulberry32(11);
    const testCase = (n: number, pA: number, pB: number) => ({
      samples: {
        kind: "proportion" as const,
        a: Array.from({ length: n }, () => random() < pA),
        b: Array.from({ length: n }, () => random() < pB),
      },
      meaning: { kind: "proportion" as const, higherIsBetter: true },
    });
    const rows = compareCells([
      testCase(400, 0.6, 0.9),
      testCase(400, 0.8, 0.8),
      testCase(0, 0, 0),
    ]);
    expect(rows[0]).toMatchObject({ tested: true, significant: true, verdict: "improved" });
    expect(rows[0]?.tested && rows[0].difference).toBeGreaterThan(0.2);
    expect(rows[0]?.tested && rows[0].lower).toBeGreaterThan(0);
    expect(rows[1]).toMatchObject({ tested: true, significant: false, verdict: "unchanged" });
    expect(rows[2]).toMatchObject({ tested: false });
    for (const row of rows) {
      if (!row.tested) continue;
      expect(row.adjustedPValue).toBeGreaterThanOrEqual(row.pValue);
      expect(row.adjustedPValue).toBeLessThanOrEqual(1);
    }
  });
});
