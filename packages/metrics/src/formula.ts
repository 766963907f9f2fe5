/**
 * Kolena's count formulas, in camelCase. Every ratio is 0 when its denominator is not > 0: an empty set or a NaN
 * count gives 0, never NaN, so a metric over an empty test case is still a number the UI can sort and compare.
 */

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** (TP + TN) / all. */
export function accuracy(
  truePositives: number,
  falsePositives: number,
  falseNegatives: number,
  trueNegatives: number,
): number {
  return ratio(
    truePositives + trueNegatives,
    truePositives + falsePositives + falseNegatives + trueNegatives,
  );
}

/** TP / (TP + FP): the share of positive predictions that are right. */
export function precision(truePositives: number, falsePositives: number): number {
  return ratio(truePositives, truePositives + falsePositives);
}

/** TP / (TP + FN): the share of positives found (TPR, sensitivity). */
export function recall(truePositives: number, falseNegatives: number): number {
  return ratio(truePositives, truePositives + falseNegatives);
}

/** Harmonic mean of `precision` and `recall`, computed from those two as Kolena does. */
export function f1Score(
  truePositives: number,
  falsePositives: number,
  falseNegatives: number,
): number {
  const p = precision(truePositives, falsePositives);
  const r = recall(truePositives, falseNegatives);
  return ratio(2 * p * r, p + r);
}

/** FP / (FP + TN): the share of negatives wrongly flagged. */
export function fpr(trueNegatives: number, falsePositives: number): number {
  return ratio(falsePositives, falsePositives + trueNegatives);
}

/** TN / (TN + FP): the share of negatives recognised (TNR). */
export function specificity(trueNegatives: number, falsePositives: number): number {
  return ratio(trueNegatives, trueNegatives + falsePositives);
}

/** The `ratio` rule for callers that build their own formulas. */
export function safeDivide(numerator: number, denominator: number): number {
  return ratio(numerator, denominator);
}
