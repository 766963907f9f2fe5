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
 * Share of samples whose actual class is among the `k` highest scores, ties broken by scikit-learn's rule (see
 * `tieRanks`): the same value as `top_k_accuracy_score` whatever order `labels` are listed in.
 */
export function topKAccuracy(
  yTrue: readonly string[],
  scores: readonly (readonly number[])[],
  labels: readonly string[],
  k: number,
): number {
  checkPositiveInteger(k, "k");
  const actual = checkScoreMatrix(yTrue, scores, labels);
  const ties = tieRanks(labels);
  let hits = 0;
  scores.forEach((row, i) => {
    if (classesAbove(row, 0, row.length, actual[i] as number, ties) < k) hits++;
  });
  return safeDivide(hits, scores.length);
}

/**
 * Each label's place among equal scores, by scikit-learn's rule for top-k: it sorts the labels (by code point, as
 * numpy sorts strings), orders each row's classes by score with a stable sort, and reads them from the highest, so
 * among tied scores the label that sorts last comes first. A documented rule that does not depend on the order a
 * user listed the labels in; `tieRanks(labels)[c]` is label c's position in that sorted order.
 */
export function tieRanks(labels: readonly string[]): Int32Array {
  const order = labels
    .map((_, c) => c)
    .sort((a, b) => compareCodePoints(labels[a] as string, labels[b] as string));
  const ranks = new Int32Array(labels.length);
  order.forEach((c, position) => (ranks[c] = position));
  return ranks;
}

/**
 * How many classes rank above class `actual` among the `k` scores of `scores` from `offset` (scores, then
 * `tieRanks` among equal scores). An offset into a flat matrix, not a row view: the evaluator asks this of every
 * sample.
 */
export function classesAbove(
  scores: ArrayLike<number>,
  offset: number,
  k: number,
  actual: number,
  ties: Int32Array,
): number {
  const own = scores[offset + actual] as number;
  const ownTie = ties[actual] as number;
  let above = 0;
  for (let j = 0; j < k; j++) {
    const score = scores[offset + j] as number;
    if (score > own || (score === own && (ties[j] as number) > ownTie)) above++;
  }
  return above;
}

/** Strings compared by Unicode code point (numpy's order), not by UTF-16 code unit (JavaScript's `<`). */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (character) => character.codePointAt(0) as number);
  const y = Array.from(b, (character) => character.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
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
