import type { AggregateFormula } from "@assay/workflow";

import { f1Score, fpr, precision, recall, specificity } from "../formula";
import { averagePrecisionScore } from "../classification/precision-recall";
import { rocAuc } from "../classification/roc";

/**
 * A per-sample field's values over the samples being compared, in one order for both models: numbers as they
 * are, booleans as 1 / 0, categories (strings) as codes shared by both models, and a missing value as NaN.
 */
export type SampleColumn = Float64Array;

/** An aggregate over the samples at `indices` (with repeats), read from its columns by role. */
export type Recompute = (
  columns: Readonly<Record<string, SampleColumn>>,
  indices: Uint32Array,
) => number;

const sumOf = (column: SampleColumn | undefined, indices: Uint32Array): number => {
  let total = 0;
  if (!column) return total;
  for (const i of indices) {
    const value = column[i] as number;
    if (!Number.isNaN(value)) total += value;
  }
  return total;
};

/** A formula over the sums of count (or flag) columns: Kolena's formulas, 0 when a denominator is 0. */
const overSums =
  (roles: readonly string[], formula: (...sums: number[]) => number): Recompute =>
  (columns, indices) =>
    formula(...roles.map((role) => sumOf(columns[role], indices)));

/** Positives (a `tp` or `fn` flag set) and scores, for the ranking metrics of a binary evaluation. */
function ranked(
  columns: Readonly<Record<string, SampleColumn>>,
  indices: Uint32Array,
  metric: (yTrue: ArrayLike<boolean>, scores: ArrayLike<number>) => number,
): number {
  const { tp, fn, score } = columns;
  const yTrue: boolean[] = [];
  const scores: number[] = [];
  let positives = 0;
  for (const i of indices) {
    const value = score?.[i] as number;
    // A sample without a score was not ranked: it cannot move a curve either way.
    if (Number.isNaN(value)) continue;
    const positive = (tp?.[i] ?? 0) > 0 || (fn?.[i] ?? 0) > 0;
    if (positive) positives++;
    yTrue.push(positive);
    scores.push(value);
  }
  // Undefined without both classes: the resample says nothing about this metric.
  if (positives === 0 || positives === yTrue.length) return Number.NaN;
  return metric(yTrue, scores);
}

type Average = "macro" | "micro" | "weighted";
type Measure = "precision" | "recall" | "f1";

/**
 * Precision, recall or F1 averaged over classes from categorical `label` and `predicted` columns, over every
 * class seen in either (as scikit-learn's default labels); a missing prediction (NaN) is a false negative of its
 * class and no class's false positive.
 */
function classAverage(average: Average, measure: Measure): Recompute {
  return (columns, indices) => {
    const { label, predicted } = columns;
    if (!label || !predicted) return Number.NaN;
    const counts = new Map<number, { tp: number; fp: number; fn: number; support: number }>();
    const of = (code: number) => {
      let entry = counts.get(code);
      if (!entry) counts.set(code, (entry = { tp: 0, fp: 0, fn: 0, support: 0 }));
      return entry;
    };
    for (const i of indices) {
      const actual = label[i] as number;
      const guess = predicted[i] as number;
      if (Number.isNaN(actual)) continue;
      of(actual).support++;
      if (guess === actual) of(actual).tp++;
      else {
        of(actual).fn++;
        if (!Number.isNaN(guess)) of(guess).fp++;
      }
    }
    const score = (tp: number, fp: number, fn: number) =>
      measure === "precision"
        ? precision(tp, fp)
        : measure === "recall"
          ? recall(tp, fn)
          : f1Score(tp, fp, fn);
    const rows = [...counts.values()];
    if (average === "micro") {
      const total = (key: "tp" | "fp" | "fn") => rows.reduce((sum, row) => sum + row[key], 0);
      return score(total("tp"), total("fp"), total("fn"));
    }
    let weighted = 0;
    let weights = 0;
    for (const row of rows) {
      const weight = average === "macro" ? 1 : row.support;
      weighted += weight * score(row.tp, row.fp, row.fn);
      weights += weight;
    }
    return weights > 0 ? weighted / weights : 0;
  };
}

/** Each formula, and the roles it reads (the fields a meaning's `recompute.of` must name). */
export const AGGREGATES: Record<
  AggregateFormula,
  { roles: readonly string[]; compute: Recompute }
> = {
  precision: { roles: ["tp", "fp"], compute: overSums(["tp", "fp"], precision) },
  recall: { roles: ["tp", "fn"], compute: overSums(["tp", "fn"], recall) },
  f1: { roles: ["tp", "fp", "fn"], compute: overSums(["tp", "fp", "fn"], f1Score) },
  // Kolena's argument order: fpr(TN, FP), specificity(TN, FP).
  fpr: { roles: ["tn", "fp"], compute: overSums(["tn", "fp"], fpr) },
  specificity: { roles: ["tn", "fp"], compute: overSums(["tn", "fp"], specificity) },
  rootMean: {
    roles: ["value"],
    compute: (columns, indices) => {
      let total = 0;
      let n = 0;
      for (const i of indices) {
        const value = columns.value?.[i] as number;
        if (Number.isNaN(value)) continue;
        total += value;
        n++;
      }
      return n > 0 ? Math.sqrt(total / n) : Number.NaN;
    },
  },
  rocAuc: {
    roles: ["tp", "fn", "score"],
    compute: (columns, indices) => ranked(columns, indices, rocAuc),
  },
  averagePrecision: {
    roles: ["tp", "fn", "score"],
    compute: (columns, indices) => ranked(columns, indices, averagePrecisionScore),
  },
  macroPrecision: { roles: ["label", "predicted"], compute: classAverage("macro", "precision") },
  macroRecall: { roles: ["label", "predicted"], compute: classAverage("macro", "recall") },
  macroF1: { roles: ["label", "predicted"], compute: classAverage("macro", "f1") },
  microPrecision: { roles: ["label", "predicted"], compute: classAverage("micro", "precision") },
  microRecall: { roles: ["label", "predicted"], compute: classAverage("micro", "recall") },
  microF1: { roles: ["label", "predicted"], compute: classAverage("micro", "f1") },
  weightedPrecision: {
    roles: ["label", "predicted"],
    compute: classAverage("weighted", "precision"),
  },
  weightedRecall: { roles: ["label", "predicted"], compute: classAverage("weighted", "recall") },
  weightedF1: { roles: ["label", "predicted"], compute: classAverage("weighted", "f1") },
};
