import { checkFinite, checkNonEmpty, checkSameLength } from "../internal/checks";

/**
 * Cumulative true and false positives at each distinct score, highest first: scikit-learn's
 * `_binary_clf_curve`, from which the ROC and PR curves and every threshold sweep are read. Scores are sorted
 * once, with native typed-array sorts (positives and negatives apart, then merged), so a million samples cost
 * two numeric sorts and no comparator calls.
 */
export interface BinaryCurve {
  /** Distinct scores, decreasing. */
  readonly thresholds: Float64Array;
  /** Positives scored at or above each threshold. */
  readonly tps: Float64Array;
  /** Negatives scored at or above each threshold. */
  readonly fps: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/** `yTrue[i]` is whether sample i is positive (or 1/0); `scores[i]` its score for the positive class. */
export function binaryCurve(
  yTrue: ArrayLike<boolean | number>,
  scores: ArrayLike<number>,
): BinaryCurve {
  checkSameLength(yTrue, scores, ["yTrue", "scores"]);
  checkNonEmpty(scores, "scores");
  checkFinite(scores, "scores");
  let positives = 0;
  const n = yTrue.length;
  for (let i = 0; i < n; i++) if (yTrue[i]) positives++;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(yTrue.length - positives);
  for (let i = 0, p = 0, q = 0; i < yTrue.length; i++) {
    if (yTrue[i]) pos[p++] = scores[i] as number;
    else neg[q++] = scores[i] as number;
  }
  pos.sort();
  neg.sort();
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const a = i >= 0 ? (pos[i] as number) : -Infinity;
    const b = j >= 0 ? (neg[j] as number) : -Infinity;
    const t = a > b ? a : b;
    while (i >= 0 && pos[i] === t) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === t) {
      fp++;
      j--;
    }
    thresholds.push(t);
    tps.push(tp);
    fps.push(fp);
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
    positives,
    negatives: neg.length,
  };
}

/**
 * Index of the last threshold >= `threshold` in a decreasing list, or -1 when every score is below it: the
 * counts there are the positives and negatives predicted positive at `score >= threshold`.
 */
export function lastAtOrAbove(thresholds: Float64Array, threshold: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((thresholds[mid] as number) >= threshold) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
