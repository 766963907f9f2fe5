import { describe, expect, it } from "vitest";

import {
  failureRateCurve,
  failureToAlignRate,
  interocularDistance,
  keypointDistances,
  normalizedMeanError,
  normalizedRootMeanSquaredError,
} from "./nme";

const face: [number, number][] = [
  [30, 40],
  [70, 40],
  [50, 60],
  [35, 80],
  [65, 80],
];

describe("keypoint errors", () => {
  it("normalises the mean distance by the inter-ocular distance", () => {
    const shifted = face.map(([x, y]): [number, number] => [x + 3, y + 4]);
    expect(keypointDistances(face, shifted)).toEqual([5, 5, 5, 5, 5]);
    const iod = interocularDistance(face, 0, 1);
    expect(iod).toBe(40);
    expect(normalizedMeanError(face, shifted, iod)).toBe(0.125);
    expect(normalizedRootMeanSquaredError(face, shifted, iod)).toBeCloseTo(0.125, 15);
    const oneOff = face.map((p, i): [number, number] => (i === 2 ? [p[0] + 8, p[1]] : p));
    expect(normalizedMeanError(face, oneOff, 40)).toBeCloseTo(8 / 5 / 40, 15);
    expect(normalizedRootMeanSquaredError(face, oneOff, 40)).toBeCloseTo(
      Math.sqrt((8 / 40) ** 2 / 5),
      15,
    );
  });

  it("counts failures to align above the threshold, missing detections in the denominator", () => {
    const errors = [0.05, 0.2, null, 0.1, 0.31];
    expect(failureToAlignRate(errors, 0.1)).toBe(2 / 5);
    expect(failureRateCurve(errors, [0, 0.1, 0.2, 0.3, 0.5])).toEqual([
      4 / 5,
      2 / 5,
      1 / 5,
      1 / 5,
      0,
    ]);
    expect(failureToAlignRate([], 0.1)).toBe(0);
  });

  it("rejects mismatched, empty and non-finite keypoints and a bad normaliser", () => {
    expect(() => keypointDistances(face, face.slice(1))).toThrow(/as many keypoints/);
    expect(() => keypointDistances([], [])).toThrow(/must not be empty/);
    expect(() => keypointDistances([[NaN, 1]], [[0, 1]])).toThrow(/finite/);
    expect(() => normalizedMeanError(face, face, 0)).toThrow(/positive/);
    expect(() => interocularDistance(face, 0, 7)).toThrow(/indices 0 and 7/);
  });
});
