import { sum } from "../internal/numeric";
import type { BinaryCurve } from "./binary-curve";
import { binaryCurve } from "./binary-curve";

export interface PrecisionRecallCurve {
  /** One per threshold, then a final 1. */
  readonly precision: number[];
  /** Decreasing, one per threshold, then a final 0. */
  readonly recall: number[];
  /** Increasing distinct scores. */
  readonly thresholds: number[];
}

/**
 * The PR curve as scikit-learn 1.2's `precision_recall_curve` (every distinct score, no truncation at full
 * recall). Without positives, recall is 1 at every threshold, as scikit-learn sets it.
 */
export function precisionRecallCurve(
  yTrue: ArrayLike<boolean>,
  scores: ArrayLike<number>,
): PrecisionRecallCurve {
  return prFromCurve(binaryCurve(yTrue, scores));
}

export function prFromCurve(curve: BinaryCurve): PrecisionRecallCurve {
  const { tps, fps, thresholds, positives } = curve;
  const m = tps.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const ascending: number[] = [];
  for (let i = m - 1; i >= 0; i--) {
    const tp = tps[i] as number;
    const predicted = tp + (fps[i] as number);
    precision.push(predicted > 0 ? tp / predicted : 0);
    recall.push(positives > 0 ? tp / positives : 1);
    ascending.push(thresholds[i] as number);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds: ascending };
}

/**
 * Average precision as scikit-learn's `average_precision_score`: the step-wise sum of precision times each
 * increase in recall, without interpolation. (Object detection uses PASCAL VOC's interpolated AP instead:
 * `averagePrecision` in the detection module.) 0 without positives.
 */
export function averagePrecisionScore(
  yTrue: ArrayLike<boolean>,
  scores: ArrayLike<number>,
): number {
  return averagePrecisionFromCurve(binaryCurve(yTrue, scores));
}

export function averagePrecisionFromCurve(curve: BinaryCurve): number {
  const { precision, recall } = prFromCurve(curve);
  const parts = new Float64Array(recall.length - 1);
  for (let i = 0; i < parts.length; i++) {
    parts[i] = ((recall[i] as number) - (recall[i + 1] as number)) * (precision[i] as number);
  }
  return sum(parts);
}
