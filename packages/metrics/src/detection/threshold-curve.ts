import { binaryCurve, lastAtOrAbove } from "../classification/binary-curve";
import { prFromCurve } from "../classification/precision-recall";
import { f1Score, precision as precisionOf, recall as recallOf } from "../formula";
import { linspace } from "../internal/numeric";
import { averagePrecision } from "./average-precision";

/** Points of a detection curve, one per confidence threshold kept. */
export interface ThresholdCurvePoints {
  readonly thresholds: number[];
  readonly precisions: number[];
  readonly recalls: number[];
  readonly f1s: number[];
}

/** Kolena draws at most this many thresholds; beyond, it spaces them evenly between the extremes. */
export const MAX_CURVE_THRESHOLDS = 501;

/**
 * Kolena's threshold curve for detections (`yTrue`/`scores` from `detectionScores`): precision, recall and F1 at
 * every distinct non-negative score (or 501 evenly spaced ones when there are more), keeping one point per recall
 * value, the one of best precision (a later threshold of equal precision replaces an earlier one). Undefined when
 * there is no point at all.
 */
export function thresholdCurve(
  yTrue: readonly boolean[],
  scores: readonly number[],
): ThresholdCurvePoints | undefined {
  if (scores.length === 0) return undefined;
  const curve = binaryCurve(yTrue, scores);
  let candidates = [...curve.thresholds].filter((t) => t >= 0).reverse();
  if (candidates.length >= MAX_CURVE_THRESHOLDS) {
    candidates = linspace(
      candidates[0] as number,
      candidates[candidates.length - 1] as number,
      MAX_CURVE_THRESHOLDS,
    );
  }
  const points: ThresholdCurvePoints = { thresholds: [], precisions: [], recalls: [], f1s: [] };
  for (const threshold of candidates) {
    const at = lastAtOrAbove(curve.thresholds, threshold);
    const tp = at >= 0 ? (curve.tps[at] as number) : 0;
    const fp = at >= 0 ? (curve.fps[at] as number) : 0;
    const fn = curve.positives - tp;
    const precision = precisionOf(tp, fp);
    const recall = recallOf(tp, fn);
    const f1 = f1Score(tp, fp, fn);
    const existing = points.recalls.indexOf(recall);
    if (existing >= 0) {
      const best = Math.max(points.precisions[existing] as number, precision);
      points.precisions[existing] = best;
      if (best === precision) {
        points.thresholds[existing] = threshold;
        points.f1s[existing] = f1;
      }
    } else {
      points.thresholds.push(threshold);
      points.precisions.push(precision);
      points.recalls.push(recall);
      points.f1s.push(f1);
    }
  }
  return points.f1s.length > 0 ? points : undefined;
}

/** The F1-vs-threshold curve, or undefined below two points (Kolena draws no such curve). */
export function f1Curve(points: ThresholdCurvePoints | undefined) {
  if (!points || points.f1s.length < 2) return undefined;
  return {
    x: points.thresholds,
    y: points.f1s,
    extra: { Precision: points.precisions, Recall: points.recalls },
  };
}

/**
 * The PR curve, started on the precision axis (a recall-0 point copying the lowest-recall point) when needed;
 * undefined below two points.
 */
export function prCurve(points: ThresholdCurvePoints | undefined) {
  if (!points) return undefined;
  const recalls = [...points.recalls];
  const precisions = [...points.precisions];
  const f1s = [...points.f1s];
  const thresholds = [...points.thresholds];
  if (!recalls.includes(0)) {
    const lowest = recalls.indexOf(Math.min(...recalls));
    precisions.push(precisions[lowest] as number);
    recalls.push(0);
    f1s.push(f1s[lowest] as number);
    thresholds.push(thresholds[lowest] as number);
  }
  if (recalls.length < 2) return undefined;
  return { x: recalls, y: precisions, extra: { F1: f1s, Threshold: thresholds } };
}

/** Kolena's detection AP: PASCAL all-point interpolation over the PR curve above (0 without one). */
export function detectionAveragePrecision(yTrue: readonly boolean[], scores: readonly number[]) {
  const curve = prCurve(thresholdCurve(yTrue, scores));
  return curve ? averagePrecision(curve.y, curve.x) : 0;
}

/**
 * The confidence threshold that maximises F1 (the lowest one on ties), Kolena's F1-optimal threshold; 0 when
 * there are no positives or the best F1 is 0.
 */
export function optimalF1Threshold(yTrue: readonly boolean[], scores: readonly number[]): number {
  if (yTrue.length === 0 || !yTrue.some(Boolean)) return 0;
  const { precision, recall, thresholds } = prFromCurve(binaryCurve(yTrue, scores));
  let best = 0;
  let bestThreshold = 0;
  // Skip the final (1, 0) point, and the -1 score of missed ground truths (never a threshold).
  for (let i = 0; i < thresholds.length; i++) {
    const threshold = thresholds[i] as number;
    if (i === 0 && threshold < 0) continue;
    const p = precision[i] as number;
    const r = recall[i] as number;
    const f1 = p + r > 0 ? (2 * p * r) / (p + r) : 0;
    if (f1 > best) {
      best = f1;
      bestThreshold = threshold;
    }
  }
  return best > 0 ? bestThreshold : 0;
}
