import { checkFinite, checkNonEmpty, checkSameLength } from "../internal/checks";
import { mean, sum } from "../internal/numeric";

/**
 * Regression error metrics with scikit-learn's definitions. Inputs must be finite and of equal, non-zero length:
 * a mean over nothing has no value, and an error is clearer than a NaN in a results table.
 */

function residuals(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array {
  checkSameLength(yTrue, yPred, ["yTrue", "yPred"]);
  checkNonEmpty(yTrue, "yTrue");
  checkFinite(yTrue, "yTrue");
  checkFinite(yPred, "yPred");
  const out = new Float64Array(yTrue.length);
  for (let i = 0; i < out.length; i++) out[i] = (yPred[i] as number) - (yTrue[i] as number);
  return out;
}

/** `yPred - yTrue`, checked. */
export function residualsOf(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array {
  return residuals(yTrue, yPred);
}

export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return mean(residuals(yTrue, yPred).map(Math.abs));
}

export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return mean(residuals(yTrue, yPred).map((r) => r * r));
}

export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/**
 * Coefficient of determination, 1 - SS_res / SS_tot. For a constant `yTrue` (SS_tot = 0) scikit-learn's
 * `force_finite` rule: 1 for a perfect fit, 0 otherwise.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const r = residuals(yTrue, yPred);
  const m = mean(yTrue);
  const deviations = new Float64Array(yTrue.length);
  for (let i = 0; i < deviations.length; i++) deviations[i] = ((yTrue[i] as number) - m) ** 2;
  const ssRes = sum(r.map((x) => x * x));
  const ssTot = sum(deviations);
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Mean absolute percentage error as scikit-learn's: |yPred - yTrue| / max(|yTrue|, ε), a fraction (not %),
 * where ε is the float64 machine epsilon, so a zero target gives a huge but finite error.
 */
export function meanAbsolutePercentageError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): number {
  const r = residuals(yTrue, yPred);
  const parts = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    parts[i] = Math.abs(r[i] as number) / Math.max(Math.abs(yTrue[i] as number), Number.EPSILON);
  }
  return mean(parts);
}
