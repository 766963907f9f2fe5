import { f1Score, precision, recall, safeDivide } from "../formula";
import type { BinaryCounts, ConfusionMatrixResult } from "./confusion";
import { confusionFromEncoded, oneVsRestCounts } from "./confusion";
import { encodeLabels } from "./labels";

export interface PrecisionRecallF1 {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ClassScores extends BinaryCounts, PrecisionRecallF1 {
  readonly label: string;
  /** Samples whose actual class this is. */
  readonly support: number;
}

/**
 * Per-class and averaged precision, recall and F1, as scikit-learn's `precision_recall_fscore_support` with
 * `zero_division=0`: macro is the plain mean over classes (a class absent from the data still counts, with 0),
 * weighted uses support as weights, micro pools the counts. Accuracy counts a missing prediction as wrong.
 */
export interface ClassificationReport {
  readonly labels: readonly string[];
  readonly n: number;
  readonly accuracy: number;
  readonly perClass: readonly ClassScores[];
  readonly macro: PrecisionRecallF1;
  readonly micro: PrecisionRecallF1;
  readonly weighted: PrecisionRecallF1;
  readonly confusion: ConfusionMatrixResult;
}

export function classificationReport(
  yTrue: readonly string[],
  yPred: readonly (string | null)[],
  options: { labels?: readonly string[] } = {},
): ClassificationReport {
  return reportFromConfusion(confusionFromEncoded(encodeLabels(yTrue, yPred, options.labels)));
}

export function reportFromConfusion(confusion: ConfusionMatrixResult): ClassificationReport {
  const perClass = confusion.labels.map((label, i): ClassScores => {
    const counts = oneVsRestCounts(confusion, i);
    return {
      label,
      support: counts.TP + counts.FN,
      ...counts,
      precision: precision(counts.TP, counts.FP),
      recall: recall(counts.TP, counts.FN),
      f1: f1Score(counts.TP, counts.FP, counts.FN),
    };
  });
  let n = 0;
  let correct = 0;
  confusion.matrix.forEach((row, r) =>
    row.forEach((count, c) => {
      n += count;
      if (r === c) correct += count;
    }),
  );
  for (const count of confusion.unpredicted) n += count;

  const k = perClass.length;
  const average = (pick: (row: ClassScores) => number, weight: (row: ClassScores) => number) => {
    let total = 0;
    let weights = 0;
    for (const row of perClass) {
      total += pick(row) * weight(row);
      weights += weight(row);
    }
    return safeDivide(total, weights);
  };
  const averaged = (weight: (row: ClassScores) => number): PrecisionRecallF1 => ({
    precision: average((row) => row.precision, weight),
    recall: average((row) => row.recall, weight),
    f1: average((row) => row.f1, weight),
  });
  const pooled = perClass.reduce(
    (acc, row) => ({ TP: acc.TP + row.TP, FP: acc.FP + row.FP, FN: acc.FN + row.FN }),
    { TP: 0, FP: 0, FN: 0 },
  );
  return {
    labels: confusion.labels,
    n,
    accuracy: safeDivide(correct, n),
    perClass,
    macro: k > 0 ? averaged(() => 1) : { precision: 0, recall: 0, f1: 0 },
    weighted: averaged((row) => row.support),
    micro: {
      precision: precision(pooled.TP, pooled.FP),
      recall: recall(pooled.TP, pooled.FN),
      f1: f1Score(pooled.TP, pooled.FP, pooled.FN),
    },
    confusion,
  };
}
