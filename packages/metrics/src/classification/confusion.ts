import { checkSameLength } from "../internal/checks";
import type { EncodedLabels } from "./labels";
import { encodeLabels } from "./labels";

/** Rows are actual classes, columns predicted ones, in `labels` order (scikit-learn's layout). */
export interface ConfusionMatrixResult {
  readonly labels: readonly string[];
  readonly matrix: number[][];
  /** Per actual class, the samples that got no prediction at all (e.g. below a confidence threshold). */
  readonly unpredicted: number[];
}

export interface BinaryCounts {
  readonly TP: number;
  readonly FP: number;
  readonly FN: number;
  readonly TN: number;
}

/** The multiclass confusion matrix; `yPred` entries may be `null` for "no prediction". */
export function confusionMatrix(
  yTrue: readonly string[],
  yPred: readonly (string | null)[],
  options: { labels?: readonly string[] } = {},
): ConfusionMatrixResult {
  return confusionFromEncoded(encodeLabels(yTrue, yPred, options.labels));
}

export function confusionFromEncoded({
  labels,
  yTrue,
  yPred,
}: EncodedLabels): ConfusionMatrixResult {
  const k = labels.length;
  const cells = new Float64Array(k * k);
  const unpredicted = new Array<number>(k).fill(0);
  for (let i = 0; i < yTrue.length; i++) {
    const actual = yTrue[i] as number;
    const predicted = yPred[i] as number;
    if (predicted < 0) unpredicted[actual] = (unpredicted[actual] ?? 0) + 1;
    else cells[actual * k + predicted] = (cells[actual * k + predicted] ?? 0) + 1;
  }
  const matrix: number[][] = [];
  for (let r = 0; r < k; r++) matrix.push(Array.from(cells.subarray(r * k, (r + 1) * k)));
  return { labels, matrix, unpredicted };
}

/**
 * One class against the rest, read off a confusion matrix: a sample without a prediction is a false negative of
 * its own class and nothing for every other (a model that said nothing did not rightly reject a class: never a
 * true negative).
 */
export function oneVsRestCounts(
  confusion: ConfusionMatrixResult,
  classIndex: number,
): BinaryCounts {
  const { matrix, unpredicted } = confusion;
  let n = 0;
  let rowSum = unpredicted[classIndex] ?? 0;
  let columnSum = 0;
  matrix.forEach((row, r) => {
    row.forEach((count, c) => {
      n += count;
      if (r === classIndex) rowSum += count;
      if (c === classIndex) columnSum += count;
    });
  });
  // Unpredicted samples of other classes are left out of this class's counts altogether.
  n += unpredicted[classIndex] ?? 0;
  const TP = matrix[classIndex]?.[classIndex] ?? 0;
  const FN = rowSum - TP;
  const FP = columnSum - TP;
  return { TP, FP, FN, TN: n - TP - FN - FP };
}

/** TP / FP / FN / TN of binary outcomes (true = positive). */
export function binaryCounts(yTrue: ArrayLike<boolean>, yPred: ArrayLike<boolean>): BinaryCounts {
  let TP = 0;
  let FP = 0;
  let FN = 0;
  let TN = 0;
  checkSameLength(yTrue, yPred, ["yTrue", "yPred"]);
  const n = yTrue.length;
  for (let i = 0; i < n; i++) {
    if (yTrue[i]) {
      if (yPred[i]) TP++;
      else FN++;
    } else if (yPred[i]) FP++;
    else TN++;
  }
  return { TP, FP, FN, TN };
}
