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

export type BinaryScore = "predicted-confidence" | "positive-probability";

/**
 * The positive class's score: from the per-class scores when given, else from the prediction's score read as
 * `binaryScore` says (the predicted label's confidence, so 1 - score for the negative class; or the positive
 * class's probability as it is).
 */
function positiveScores(
  columns: Columns,
  positive: number,
  binaryScore: BinaryScore,
): Float64Array | undefined {
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
    out[i] = binaryScore === "positive-probability" || predicted[i] === positive ? c : 1 - c;
  }
  return out;
}

/**
 * Whether the binary predictions' scores contradict how `binaryScore` reads them, as a warning: a predicted
 * label's confidence below 0.5, or a positive class's probability on the wrong side of 0.5 for what was
 * predicted. A few are noise; a tenth or more means the scores are likely read the wrong way.
 */
export function binaryScoreWarning(
  columns: Columns,
  positive: number,
  binaryScore: BinaryScore,
): string | undefined {
  if (columns.classScores) return undefined;
  let scored = 0;
  let contradicting = 0;
  for (let i = 0; i < columns.n; i++) {
    const c = columns.confidence[i] as number;
    const p = columns.predicted[i] as number;
    if (Number.isNaN(c) || p < 0) continue;
    scored++;
    const wrongSide =
      binaryScore === "predicted-confidence" ? c < 0.5 : p === positive ? c < 0.5 : c > 0.5;
    if (wrongSide) contradicting++;
  }
  if (contradicting < 5 || contradicting < scored / 10) return undefined;
  const share = `${contradicting.toLocaleString("en")} of ${scored.toLocaleString("en")} scored predictions`;
  return binaryScore === "predicted-confidence"
    ? `${share} have a confidence below 0.5, which a binary prediction's confidence in its own label cannot have: ` +
        `if the scores are the positive class's probability, set the option binaryScore to "positive-probability"`
    : `${share} are scored on the other side of 0.5 from what they predict, read as the positive class's ` +
        `probability (a positive prediction below 0.5, or a negative one above): if the scores are the ` +
        `predicted label's confidence, set the option binaryScore to "predicted-confidence"`;
}

export function decide(
  columns: Columns,
  threshold: number | undefined,
  positiveLabel?: string,
  binaryScore: BinaryScore = "predicted-confidence",
): Decisions {
  const { n } = columns;
  if (positiveLabel !== undefined) {
    const [positive, negative] = binaryClasses(columns, positiveLabel);
    const positiveScore = positiveScores(columns, positive, binaryScore);
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
