import { invalid } from "../../internal/checks";
import type { AnyRecord } from "../fields";
import { describe, labelOf, readField } from "../fields";
import type { z } from "zod";
import type { ClassificationOptions } from "./options";

/**
 * A test case read once into typed arrays: the evaluator's hot path. One pass over the samples with plain
 * property reads (no schema parsing), label strings turned into indices through one Map.
 */
export interface Columns {
  readonly labels: readonly string[];
  readonly n: number;
  /** Ground truth class index per sample. */
  readonly actual: Int32Array;
  /** Predicted class index, -1 for no prediction. */
  readonly predicted: Int32Array;
  /** Confidence of the prediction, NaN when it has none. */
  readonly confidence: Float64Array;
  /** n × labels.length per-class scores, row-major, when the scores field is present. */
  readonly classScores?: Float64Array;
}

type Options = z.output<typeof ClassificationOptions>;
type Triple = readonly [unknown, unknown, unknown];

function scoreOf(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalid(where, `expected a finite score, got ${describe(value)}`);
  }
  return value;
}

export function readColumns(inferences: readonly Triple[], options: Options): Columns {
  const n = inferences.length;
  const fixed = options.labels;
  const index = new Map<string, number>((fixed ?? []).map((label, i) => [label, i]));
  const seen: string[] = [...(fixed ?? [])];
  const indexOf = (label: string, where: string): number => {
    let position = index.get(label);
    if (position === undefined) {
      if (fixed) {
        throw invalid(
          where,
          `unknown label ${JSON.stringify(label)} (labels: ${fixed.join(", ")})`,
        );
      }
      position = seen.length;
      seen.push(label);
      index.set(label, position);
    }
    return position;
  };
  const actual = new Int32Array(n);
  const predicted = new Int32Array(n);
  const confidence = new Float64Array(n);
  let rows: { label: number; score: number }[][] | undefined;
  let withScores = 0;
  for (let i = 0; i < n; i++) {
    const [, groundTruth, inference] = inferences[i] as Triple;
    actual[i] = indexOf(
      labelOf(
        readField(groundTruth, options.groundTruthField),
        `groundTruths[${i}].${options.groundTruthField}`,
      ),
      `groundTruths[${i}].${options.groundTruthField}`,
    );
    const where = `inferences[${i}].${options.inferenceField}`;
    const prediction = readField(inference, options.inferenceField);
    if (prediction === undefined || prediction === null) {
      predicted[i] = -1;
      confidence[i] = NaN;
    } else {
      predicted[i] = indexOf(labelOf(prediction, where), where);
      const score = typeof prediction === "object" ? (prediction as AnyRecord).score : undefined;
      confidence[i] = score === undefined ? NaN : scoreOf(score, `${where}.score`);
    }
    const list = readField(inference, options.scoresField);
    if (list !== undefined && list !== null) {
      const whereScores = `inferences[${i}].${options.scoresField}`;
      if (!Array.isArray(list))
        throw invalid(whereScores, `expected a list of scored labels, got ${describe(list)}`);
      rows ??= new Array<{ label: number; score: number }[]>(n);
      rows[i] = (list as unknown[]).map((entry, j) => ({
        label: indexOf(labelOf(entry, `${whereScores}[${j}]`), `${whereScores}[${j}]`),
        score: scoreOf((entry as AnyRecord | null)?.score, `${whereScores}[${j}].score`),
      }));
      withScores++;
    }
  }
  if (withScores > 0 && withScores < n) {
    throw invalid(
      `inferences.${options.scoresField}`,
      `per-class scores are on ${withScores} of ${n} samples: give them on every sample or on none`,
    );
  }
  // Without a fixed list, labels are sorted (scikit-learn's order): remap the provisional indices.
  let labels = seen;
  if (!fixed) {
    labels = [...seen].sort();
    const remap = Int32Array.from(seen, (label) => labels.indexOf(label));
    for (let i = 0; i < n; i++) {
      actual[i] = remap[actual[i] as number] as number;
      if ((predicted[i] as number) >= 0) predicted[i] = remap[predicted[i] as number] as number;
    }
    if (rows)
      for (const row of rows) for (const entry of row) entry.label = remap[entry.label] as number;
  }
  let classScores: Float64Array | undefined;
  if (rows) {
    const k = labels.length;
    const matrix = new Float64Array(n * k);
    rows.forEach((row, i) => {
      for (const { label, score } of row) matrix[i * k + label] = score;
    });
    classScores = matrix;
  }
  return { labels, n, actual, predicted, confidence, ...(classScores ? { classScores } : {}) };
}
