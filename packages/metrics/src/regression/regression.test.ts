import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { pearsonCorrelation, spearmanCorrelation } from "./correlation";
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from "./errors";
import { histogramCounts, residualHistogram } from "./histogram";

const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), {
  minLength: 2,
  maxLength: 50,
});

describe("regression metric properties", () => {
  it("keeps errors non-negative, correlations within [-1, 1], and ignores sample order", () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const n = Math.min(a.length, b.length);
        const x = a.slice(0, n);
        const y = b.slice(0, n);
        expect(meanAbsoluteError(x, y)).toBeGreaterThanOrEqual(0);
        expect(rootMeanSquaredError(x, y) ** 2).toBeCloseTo(meanSquaredError(x, y), 6);
        expect(r2Score(x, y)).toBeLessThanOrEqual(1);
        for (const r of [pearsonCorrelation(x, y), spearmanCorrelation(x, y)]) {
          expect(r).toBeGreaterThanOrEqual(-1);
          expect(r).toBeLessThanOrEqual(1);
        }
        const reversed = (v: number[]) => [...v].reverse();
        expect(spearmanCorrelation(reversed(x), reversed(y))).toBeCloseTo(
          spearmanCorrelation(x, y),
          12,
        );
        expect(meanAbsoluteError(reversed(x), reversed(y))).toBeCloseTo(meanAbsoluteError(x, y), 9);
      }),
    );
  });
});

describe("regression edge cases", () => {
  it("follows scikit-learn for constant targets and zero targets", () => {
    expect(r2Score([2, 2, 2], [2, 2, 2])).toBe(1);
    expect(r2Score([2, 2, 2], [1, 2, 3])).toBe(0);
    expect(meanAbsolutePercentageError([0], [1])).toBe(1 / Number.EPSILON);
  });

  it("gives 0 correlation for a constant side rather than NaN", () => {
    expect(pearsonCorrelation([1, 1, 1], [1, 2, 3])).toBe(0);
    expect(spearmanCorrelation([1, 2, 3], [5, 5, 5])).toBe(0);
  });

  it("rejects empty, mismatched and non-finite input", () => {
    expect(() => meanAbsoluteError([], [])).toThrow(/must not be empty/);
    expect(() => meanSquaredError([1, 2], [1])).toThrow(/same length/);
    expect(() => r2Score([1, NaN], [1, 2])).toThrow(/yTrue\[1\]: must be a finite number/);
    expect(() => pearsonCorrelation([1], [2])).toThrow(/at least two pairs/);
    expect(() => histogramCounts([])).toThrow(/must not be empty/);
    expect(() => histogramCounts([1], { bins: 0 })).toThrow(/positive integer/);
  });

  it("bins a constant sample around its value and draws a valid histogram", () => {
    expect(histogramCounts([3, 3], { bins: 2 })).toEqual({
      buckets: [2.5, 3, 3.5],
      frequency: [0, 2],
    });
    const plot = residualHistogram([-1, 0, 0, 1], { bins: 4 });
    expect(plot).toMatchObject({ dataType: "PLOT/HISTOGRAM", frequency: [1, 0, 2, 1] });
  });
});
