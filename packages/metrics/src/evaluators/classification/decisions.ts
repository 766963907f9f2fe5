import { invalid } from "../../internal/checks";
import type { Columns } from "./columns";

/**
 * The predictions a configuration leads to, and the score each decision was made with. Binary evaluations decide
 * on the positive class's score; multiclass ones drop predictions below the threshold.
 */
export interface Decisions {
  readonly predicted: Int32Array;
  /** The decision's score per sample (NaN when none). */
  readonly score: Float64Array;
  /** Binary: index of the positive / negative class. */
  readonly positive?: number;
  readonly negative?: number;
  /** Binary: the positive class's score per sample, when one can be had. */
  readonly positiveScore?: Float64Array;
}

export function binaryClasses(columns: Columns, positiveLabel: string): [number, number] {
  const positive = columns.labels.indexOf(positiveLabel);
  if (columns.labels.length !== 2 || positive < 0) {
    throw invalid(
      "options.positiveLabel",
      `a binary evaluation needs exactly two classes including ${JSON.stringify(positiveLabel)} ` +
        `(got ${columns.labels.map((l) => JSON.stringify(l)).join(", ") || "none"}); list them in options.labels`,
    );
  }
  return [positive, 1 - positive];
}

/**
 * The positive class's score: from the per-class scores when given, else from the prediction's confidence
 * (read as the probability of the predicted class, so 1 - confidence for the negative class).
 */
function positiveScores(columns: Columns, positive: number): Float64Array | undefined {
  const { n, classScores, predicted, confidence } = columns;
  const k = columns.labels.length;
  const out = new Float64Array(n);
  if (classScores) {
    for (let i = 0; i < n; i++) out[i] = classScores[i * k + positive] as number;
    return out;
  }
  for (let i = 0; i < n; i++) {
    const c = confidence[i] as number;
    if (Number.isNaN(c)) return undefined;
    out[i] = predicted[i] === positive ? c : 1 - c;
  }
  return out;
}

export function decide(
  columns: Columns,
  threshold: number | undefined,
  positiveLabel?: string,
): Decisions {
  const { n } = columns;
  if (positiveLabel !== undefined) {
    const [positive, negative] = binaryClasses(columns, positiveLabel);
    const positiveScore = positiveScores(columns, positive);
    if (threshold === undefined) {
      return {
        predicted: columns.predicted,
        score: positiveScore ?? columns.confidence,
        positive,
        negative,
        ...(positiveScore ? { positiveScore } : {}),
      };
    }
    if (!positiveScore) {
      throw invalid(
        "configuration.threshold",
        "a threshold needs scores: give the prediction a score",
      );
    }
    const predicted = new Int32Array(n);
    for (let i = 0; i < n; i++)
      predicted[i] = (positiveScore[i] as number) >= threshold ? positive : negative;
    return { predicted, score: positiveScore, positive, negative, positiveScore };
  }
  if (threshold === undefined) return { predicted: columns.predicted, score: columns.confidence };
  const unscored = columns.confidence.findIndex(
    (c, i) => Number.isNaN(c) && columns.predicted[i] !== -1,
  );
  if (unscored >= 0) {
    throw invalid(
      `inferences[${unscored}]`,
      "a threshold configuration needs a score on every prediction (a ScoredClassificationLabel)",
    );
  }
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = columns.confidence[i] as number;
    predicted[i] = c >= threshold ? (columns.predicted[i] as number) : -1;
  }
  return { predicted, score: columns.confidence };
}
