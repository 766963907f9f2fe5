import { invalid } from "../internal/checks";

/** Class labels encoded as indices into `labels`; a prediction of `null` (no prediction) is -1. */
export interface EncodedLabels {
  readonly labels: readonly string[];
  readonly yTrue: Int32Array;
  readonly yPred: Int32Array;
}

/**
 * The labels a metric is computed over. Without an explicit list, scikit-learn's rule: every label seen in
 * `yTrue` or `yPred`, sorted. With one, order is kept and a label outside it is an error (a typo in a class name
 * must not quietly become a class of its own).
 */
export function resolveLabels(
  yTrue: readonly string[],
  yPred: readonly (string | null)[],
  labels?: readonly string[],
): string[] {
  if (labels !== undefined) {
    if (new Set(labels).size !== labels.length) {
      throw invalid("labels", "labels must be distinct");
    }
    return [...labels];
  }
  const seen = new Set<string>(yTrue);
  for (const label of yPred) if (label !== null) seen.add(label);
  return [...seen].sort();
}

export function encodeLabels(
  yTrue: readonly string[],
  yPred: readonly (string | null)[],
  labels?: readonly string[],
): EncodedLabels {
  if (yTrue.length !== yPred.length) {
    throw invalid(
      "yPred",
      `yTrue and yPred must have the same length (${yTrue.length} and ${yPred.length})`,
    );
  }
  const resolved = resolveLabels(yTrue, yPred, labels);
  const index = indexOf(resolved);
  const encode = (values: readonly (string | null)[], name: string, allowNull: boolean) => {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) {
        if (!allowNull) throw invalid(`${name}[${i}]`, "a ground truth label is required");
        out[i] = -1;
        continue;
      }
      const position = index.get(value);
      if (position === undefined) {
        throw invalid(
          `${name}[${i}]`,
          `unknown label ${JSON.stringify(value)} (labels: ${resolved.join(", ")})`,
        );
      }
      out[i] = position;
    }
    return out;
  };
  return {
    labels: resolved,
    yTrue: encode(yTrue, "yTrue", false),
    yPred: encode(yPred, "yPred", true),
  };
}

export function indexOf(labels: readonly string[]): Map<string, number> {
  return new Map(labels.map((label, i) => [label, i]));
}
