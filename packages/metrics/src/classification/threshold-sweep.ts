import type { ThresholdedMetrics } from "@assay/workflow";

import { accuracy, f1Score, fpr, precision, recall } from "../formula";
import type { BinaryCurve } from "./binary-curve";
import { binaryCurve, lastAtOrAbove } from "./binary-curve";

/** Binary metrics at one confidence threshold, shaped as `ThresholdedMetrics` so the UI can sweep them. */
export type ThresholdRow = ThresholdedMetrics & {
  TP: number;
  FP: number;
  FN: number;
  TN: number;
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
  accuracy: number;
};

/**
 * Binary metrics at each threshold (a sample is predicted positive when `score >= threshold`). The scores are
 * sorted once; each threshold is then a binary search, so sweeping many thresholds over many samples is cheap.
 */
export function thresholdSweep(
  yTrue: ArrayLike<boolean>,
  scores: ArrayLike<number>,
  thresholds: readonly number[],
): ThresholdRow[] {
  return sweepCurve(binaryCurve(yTrue, scores), thresholds);
}

export function sweepCurve(curve: BinaryCurve, thresholds: readonly number[]): ThresholdRow[] {
  return thresholds.map((threshold) => {
    const at = lastAtOrAbove(curve.thresholds, threshold);
    const TP = at >= 0 ? (curve.tps[at] as number) : 0;
    const FP = at >= 0 ? (curve.fps[at] as number) : 0;
    const FN = curve.positives - TP;
    const TN = curve.negatives - FP;
    return {
      threshold,
      TP,
      FP,
      FN,
      TN,
      precision: precision(TP, FP),
      recall: recall(TP, FN),
      f1: f1Score(TP, FP, FN),
      fpr: fpr(TN, FP),
      accuracy: accuracy(TP, FP, FN, TN),
      dataType: "METRICS/THRESHOLDED",
    };
  });
}

/** `count` evenly spaced thresholds in [0, 1], the default grid of the classification evaluator. */
export function thresholdGrid(count = 21): number[] {
  return Array.from({ length: count }, (_, i) => Math.round((i / (count - 1)) * 1e12) / 1e12);
}
