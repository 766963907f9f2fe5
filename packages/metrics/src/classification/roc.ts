import { invalid } from "../internal/checks";
import { trapezoid } from "../internal/numeric";
import type { BinaryCurve } from "./binary-curve";
import { binaryCurve } from "./binary-curve";

export interface RocCurve {
  readonly fpr: number[];
  readonly tpr: number[];
  /** Decreasing; the first is the highest score + 1 so the curve starts at (0, 0) (scikit-learn 1.2). */
  readonly thresholds: number[];
}

/**
 * The ROC curve as scikit-learn 1.2's `roc_curve`, including `drop_intermediate` (on by default): points collinear
 * with their neighbours are dropped, which leaves the area unchanged. Both classes must be present, since one of
 * the rates is undefined otherwise.
 */
export function rocCurve(
  yTrue: ArrayLike<boolean>,
  scores: ArrayLike<number>,
  options: { dropIntermediate?: boolean } = {},
): RocCurve {
  return rocFromCurve(binaryCurve(yTrue, scores), options.dropIntermediate ?? true);
}

export function rocFromCurve(curve: BinaryCurve, dropIntermediate = true): RocCurve {
  requireBothClasses(curve);
  const { tps, fps, thresholds } = curve;
  const keep: number[] = [];
  const m = tps.length;
  for (let i = 0; i < m; i++) {
    if (!dropIntermediate || m <= 2 || i === 0 || i === m - 1) keep.push(i);
    else {
      const secondFps = (fps[i + 1] as number) - 2 * (fps[i] as number) + (fps[i - 1] as number);
      const secondTps = (tps[i + 1] as number) - 2 * (tps[i] as number) + (tps[i - 1] as number);
      if (secondFps !== 0 || secondTps !== 0) keep.push(i);
    }
  }
  const fpr = [0];
  const tpr = [0];
  const first = thresholds[0] as number;
  const kept = [first + 1];
  for (const i of keep) {
    fpr.push((fps[i] as number) / curve.negatives);
    tpr.push((tps[i] as number) / curve.positives);
    kept.push(thresholds[i] as number);
  }
  return { fpr, tpr, thresholds: kept };
}

/** Area under the ROC curve (trapezoids over the curve above), as `roc_auc_score` for binary targets. */
export function rocAuc(yTrue: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  return rocAucFromCurve(binaryCurve(yTrue, scores));
}

export function rocAucFromCurve(curve: BinaryCurve): number {
  const { fpr, tpr } = rocFromCurve(curve);
  return trapezoid(fpr, tpr);
}

function requireBothClasses(curve: BinaryCurve): void {
  if (curve.positives === 0 || curve.negatives === 0) {
    throw invalid(
      "yTrue",
      `a ROC curve needs positive and negative samples (got ${curve.positives} positive, ${curve.negatives} negative)`,
    );
  }
}
