import type { z } from "zod";

import { invalid } from "../../internal/checks";
import { float64s, int32s } from "../../internal/growable";
import type { ColumnReader, Triple } from "../columnar";
import type { AnyRecord } from "../fields";
import { describe, labelOf, readField } from "../fields";
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

function scoreOf(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalid(where, `expected a finite score, got ${describe(value)}`);
  }
  return value;
}

/**
 * Reads a test case into columns, a chunk at a time (see `ColumnReader`). Per-class scores are kept as flat
 * (sample, label, score) lists until the end, when the label set (sorted, unless `labels` fixes it) is known.
 */
export function columnReader(options: Options): ColumnReader<Columns> {
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
  const actual = int32s();
  const predicted = int32s();
  const confidence = float64s();
  // Per-class scores, flat: which sample, which (provisional) label, what score.
  const scoreSample = int32s();
  const scoreLabel = int32s();
  const scoreValue = float64s();
  let withScores = 0;
  const add = (chunk: readonly Triple[], offset: number) => {
    chunk.forEach(([, groundTruth, inference], j) => {
      const i = offset + j;
      const truthWhere = `groundTruths[${i}].${options.groundTruthField}`;
      actual.push(
        indexOf(labelOf(readField(groundTruth, options.groundTruthField), truthWhere), truthWhere),
      );
      const where = `inferences[${i}].${options.inferenceField}`;
      const prediction = readField(inference, options.inferenceField);
      if (prediction === undefined || prediction === null) {
        predicted.push(-1);
        confidence.push(NaN);
      } else {
        predicted.push(indexOf(labelOf(prediction, where), where));
        const score = typeof prediction === "object" ? (prediction as AnyRecord).score : undefined;
        confidence.push(score === undefined ? NaN : scoreOf(score, `${where}.score`));
      }
      const list = readField(inference, options.scoresField);
      if (list !== undefined && list !== null) {
        const whereScores = `inferences[${i}].${options.scoresField}`;
        if (!Array.isArray(list))
          throw invalid(whereScores, `expected a list of scored labels, got ${describe(list)}`);
        (list as unknown[]).forEach((entry, k) => {
          scoreSample.push(i);
          scoreLabel.push(indexOf(labelOf(entry, `${whereScores}[${k}]`), `${whereScores}[${k}]`));
          scoreValue.push(
            scoreOf((entry as AnyRecord | null)?.score, `${whereScores}[${k}].score`),
          );
        });
        withScores++;
      }
    });
  };
  const done = (): Columns => {
    const n = actual.size;
    const actualLabels = actual.done();
    const predictedLabels = predicted.done();
    if (withScores > 0 && withScores < n) {
      throw invalid(
        `inferences.${options.scoresField}`,
        `per-class scores are on ${withScores} of ${n} samples: give them on every sample or on none`,
      );
    }
    // Without a fixed list, labels are sorted (scikit-learn's order): remap the provisional indices.
    let labels = seen;
    let remap: Int32Array | undefined;
    if (!fixed) {
      labels = [...seen].sort();
      remap = Int32Array.from(seen, (label) => labels.indexOf(label));
      for (let i = 0; i < n; i++) {
        actualLabels[i] = remap[actualLabels[i] as number] as number;
        if ((predictedLabels[i] as number) >= 0)
          predictedLabels[i] = remap[predictedLabels[i] as number] as number;
      }
    }
    let classScores: Float64Array | undefined;
    if (withScores > 0) {
      const k = labels.length;
      classScores = new Float64Array(n * k);
      const samples = scoreSample.done();
      const scored = scoreLabel.done();
      const values = scoreValue.done();
      for (let e = 0; e < samples.length; e++) {
        const label = remap ? (remap[scored[e] as number] as number) : (scored[e] as number);
        classScores[(samples[e] as number) * k + label] = values[e] as number;
      }
    }
    return {
      labels,
      n,
      actual: actualLabels,
      predicted: predictedLabels,
      confidence: confidence.done(),
      ...(classScores ? { classScores } : {}),
    };
  };
  return { add, done };
}
