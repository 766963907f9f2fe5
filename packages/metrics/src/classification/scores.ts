import { checkFinite, checkPositiveInteger, checkSameLength, invalid } from "../internal/checks";
import { safeDivide } from "../formula";
import { binaryCurve } from "./binary-curve";
import { indexOf } from "./labels";
import { rocAucFromCurve } from "./roc";

/**
 * Metrics over a score per class (a row of `scores` per sample, one column per entry of `labels`).
 */

function checkScoreMatrix(
  yTrue: readonly string[],
  scores: readonly (readonly number[])[],
  labels: readonly string[],
): Int32Array {
  checkSameLength(yTrue, scores, ["yTrue", "scores"]);
  const index = indexOf(labels);
  const encoded = new Int32Array(yTrue.length);
  scores.forEach((row, i) => {
    if (row.length !== labels.length) {
      throw invalid(
        `scores[${i}]`,
        `needs one score per label (${labels.length}), got ${row.length}`,
      );
    }
    checkFinite(row, `scores[${i}]`);
    const position = index.get(yTrue[i] as string);
    if (position === undefined) {
      throw invalid(`yTrue[${i}]`, `unknown label ${JSON.stringify(yTrue[i])}`);
    }
    encoded[i] = position;
  });
  return encoded;
}

/**
 * Share of samples whose actual class is among the `k` highest scores. Ties are broken in favour of the label
 * listed first, as a stable sort by descending score would (scikit-learn leaves ties to an unstable sort).
 */
export function topKAccuracy(
  yTrue: readonly string[],
  scores: readonly (readonly number[])[],
  labels: readonly string[],
  k: number,
): number {
  checkPositiveInteger(k, "k");
  const actual = checkScoreMatrix(yTrue, scores, labels);
  let hits = 0;
  scores.forEach((row, i) => {
    if (isInTopK(row, actual[i] as number, k)) hits++;
  });
  return safeDivide(hits, scores.length);
}

/** Whether class `actual` ranks among the `k` best of `row` (the tie rule of `topKAccuracy`). */
export function isInTopK(row: ArrayLike<number>, actual: number, k: number): boolean {
  const own = row[actual] as number;
  let better = 0;
  for (let j = 0; j < row.length; j++) {
    const score = row[j] as number;
    if (score > own || (score === own && j < actual)) better++;
  }
  return better < k;
}

/**
 * One-vs-rest ROC AUC as `roc_auc_score(multi_class="ovr")`: per class, its column against "is this class";
 * `macro` averages the classes, `weighted` weights them by prevalence. Every class needs positives and negatives.
 */
export function rocAucOneVsRest(
  yTrue: readonly string[],
  scores: readonly (readonly number[])[],
  labels: readonly string[],
  average: "macro" | "weighted" = "macro",
): number {
  const actual = checkScoreMatrix(yTrue, scores, labels);
  let total = 0;
  let weights = 0;
  labels.forEach((_, c) => {
    const isClass = Array.from(actual, (a) => a === c);
    const column = scores.map((row) => row[c] as number);
    const weight = average === "macro" ? 1 : isClass.filter(Boolean).length;
    total += rocAucFromCurve(binaryCurve(isClass, column)) * weight;
    weights += weight;
  });
  return safeDivide(total, weights);
}
