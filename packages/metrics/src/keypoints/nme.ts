import type { Point } from "../geometry/shapes";
import { checkNonEmpty, invalid } from "../internal/checks";
import { safeDivide } from "../formula";
import { mean } from "../internal/numeric";

/**
 * Keypoint (landmark) alignment errors as face-alignment benchmarks report them: per-point Euclidean distances,
 * normalised by a length that sets the scale of the object, usually the inter-ocular distance.
 */

function checkPoints(points: readonly Point[], name: string): void {
  points.forEach((point, i) => {
    if (!Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
      throw invalid(
        `${name}[${i}]`,
        `coordinates must be finite numbers (got ${point.join(", ")})`,
      );
    }
  });
}

/** Distance from each ground-truth point to the inferred point of the same index. */
export function keypointDistances(
  groundTruth: readonly Point[],
  inference: readonly Point[],
): number[] {
  if (groundTruth.length !== inference.length) {
    throw invalid(
      "inference",
      `needs as many keypoints as the ground truth (${groundTruth.length}), got ${inference.length}`,
    );
  }
  checkNonEmpty(groundTruth, "groundTruth");
  checkPoints(groundTruth, "groundTruth");
  checkPoints(inference, "inference");
  return groundTruth.map(([x, y], i) => {
    const [u, v] = inference[i] as Point;
    return Math.hypot(u - x, v - y);
  });
}

/** Distance between the two eye keypoints of the ground truth (the usual normaliser for faces). */
export function interocularDistance(
  points: readonly Point[],
  leftEye: number,
  rightEye: number,
): number {
  const left = points[leftEye];
  const right = points[rightEye];
  if (!left || !right) {
    throw invalid(
      "groundTruth",
      `has ${points.length} keypoints; the eyes are expected at indices ${leftEye} and ${rightEye}`,
    );
  }
  return Math.hypot(right[0] - left[0], right[1] - left[1]);
}

function checkNormalizer(normalizer: number): void {
  if (!(normalizer > 0) || !Number.isFinite(normalizer)) {
    throw invalid("normalizer", `must be a positive number (got ${normalizer})`);
  }
}

/** NME: the mean point distance divided by `normalizer`. */
export function normalizedMeanError(
  groundTruth: readonly Point[],
  inference: readonly Point[],
  normalizer: number,
): number {
  checkNormalizer(normalizer);
  return mean(keypointDistances(groundTruth, inference)) / normalizer;
}

/** Kolena's "NMSE": the root mean square of the normalised point distances. */
export function normalizedRootMeanSquaredError(
  groundTruth: readonly Point[],
  inference: readonly Point[],
  normalizer: number,
): number {
  checkNormalizer(normalizer);
  return Math.sqrt(
    mean(keypointDistances(groundTruth, inference).map((d) => (d / normalizer) ** 2)),
  );
}

/**
 * Share of samples whose error is above `threshold` (a failure to align). Samples without a detection (`null`)
 * count in the denominator but are not alignment failures, as in Kolena's keypoint example.
 */
export function failureToAlignRate(errors: readonly (number | null)[], threshold: number): number {
  let failures = 0;
  for (const error of errors) if (error !== null && error > threshold) failures++;
  return safeDivide(failures, errors.length);
}

/** The failure-to-align rate at each threshold: the cumulative error distribution, read from the top. */
export function failureRateCurve(
  errors: readonly (number | null)[],
  thresholds: readonly number[],
): number[] {
  const sorted = Float64Array.from(errors.filter((e): e is number => e !== null)).sort();
  return thresholds.map((threshold) => {
    // Errors strictly above the threshold: binary search for the first one.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) > threshold) hi = mid;
      else lo = mid + 1;
    }
    return safeDivide(sorted.length - lo, errors.length);
  });
}
