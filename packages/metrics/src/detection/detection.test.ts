import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { averagePrecision } from "./average-precision";
import { detectionAveragePrecision, optimalF1Threshold, thresholdCurve } from "./threshold-curve";

describe("PASCAL VOC average precision", () => {
  it("interpolates precision from the right and sums where recall changes", () => {
    // Points (recall, precision): (0.2, 1), (0.4, 0.5), (0.6, 0.75). Interpolated: 1, 0.75, 0.75, then 0.
    expect(averagePrecision([1, 0.5, 0.75], [0.2, 0.4, 0.6])).toBeCloseTo(0.2 + 0.75 * 0.4, 15);
    expect(averagePrecision([], [])).toBe(0);
    expect(averagePrecision([1], [1])).toBe(1);
    expect(() => averagePrecision([1], [])).toThrow(/differ in length/);
  });

  it("stays within [0, 1] and ignores point order", () => {
    const point = fc.tuple(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(point, { maxLength: 20 }), (points) => {
        const ap = averagePrecision(
          points.map(([p]) => p),
          points.map(([, r]) => r),
        );
        expect(ap).toBeGreaterThanOrEqual(0);
        expect(ap).toBeLessThanOrEqual(1 + 1e-12);
        const reversed = [...points].reverse();
        expect(
          averagePrecision(
            reversed.map(([p]) => p),
            reversed.map(([, r]) => r),
          ),
        ).toBeCloseTo(ap, 12);
      }),
    );
  });
});

describe("detection threshold curves", () => {
  it("finds the F1-optimal threshold, skipping missed objects (score -1)", () => {
    // Two hits at 0.9 and 0.6, a false positive at 0.8, one missed object.
    const yTrue = [true, true, false, true];
    const scores = [0.9, 0.6, 0.8, -1];
    // At 0.9: P 1, R 1/3, F1 1/2. At 0.8: P 1/2, R 1/3. At 0.6: P 2/3, R 2/3, F1 2/3.
    expect(optimalF1Threshold(yTrue, scores)).toBe(0.6);
    expect(optimalF1Threshold([false], [0.5])).toBe(0);
    expect(optimalF1Threshold([], [])).toBe(0);
    const curve = thresholdCurve(yTrue, scores);
    expect(curve?.thresholds).toEqual([0.6, 0.9]);
    expect(curve?.f1s[0]).toBeCloseTo(2 / 3, 15);
  });

  it("spaces 501 thresholds evenly when there are more distinct scores", () => {
    const scores = Array.from({ length: 800 }, (_, i) => i / 799);
    const curve = thresholdCurve(
      scores.map((_, i) => i % 2 === 0),
      scores,
    );
    expect(curve?.thresholds.length).toBeLessThanOrEqual(501);
    expect(detectionAveragePrecision([], [])).toBe(0);
  });
});
