import type { AggregateFormula } from "@assay/workflow";
import { z } from "zod";

import {
  MetricsTestCase,
  MetricsTestSample,
  MetricsTestSuite,
  ThresholdedMetrics,
} from "@assay/workflow";
import { higher, lower, named, neutral, of, recompute } from "../meaning";

/** Per-sample metrics at one threshold of the sweep (when the `thresholds` option is set). */
export const ClassificationThresholdedRow = ThresholdedMetrics.extend({
  predicted: z.string().nullable(),
  correct: z.boolean(),
});

export const ClassificationSampleMetrics = MetricsTestSample.extend({
  label: z.string(),
  predicted: z.string().nullable(),
  /** The confidence the decision was made with (the positive class's score when binary). */
  score: z.number().nullable(),
  correct: z.boolean(),
  /** Binary evaluations only. */
  isTP: z.boolean().optional(),
  isFP: z.boolean().optional(),
  isFN: z.boolean().optional(),
  isTN: z.boolean().optional(),
  thresholded: z.array(ClassificationThresholdedRow).optional(),
});

/** One class against the rest: its counts and rates (a class row's, and a binary evaluation's positive class). */
const OneVsRest = z.object({
  TP: higher("count", "True positives"),
  FP: lower("count", "False positives"),
  FN: lower("count", "False negatives"),
  TN: higher("count", "True negatives"),
  precision: higher("aggregate", "Precision"),
  recall: higher("aggregate", "Recall"),
  f1: higher("aggregate", "F1"),
  fpr: lower("aggregate", "False positive rate"),
});

/** From the scores, when they exist (and, for a class, when it has positives and negatives). */
const ScoreMetrics = {
  rocAuc: higher("aggregate", "ROC AUC").optional(),
  averagePrecision: higher("aggregate", "Average precision").optional(),
};

/**
 * A test case's metrics linked to its samples' metrics, which the comparison engine tests on. Binary evaluations
 * store per-sample TP / FP / FN / TN flags and the positive class's score; a multiclass one stores neither, so
 * there its one-vs-rest and score metrics say they cannot be tested.
 */
const flags = { tp: "isTP", fp: "isFP", fn: "isFN", tn: "isTN" };
const classes = { label: "label", predicted: "predicted" };
const ranked = { tp: "isTP", fn: "isFN", score: "score" };
const LinkedOneVsRest = z.object({
  TP: higher("count", "True positives", of("isTP")),
  FP: lower("count", "False positives", of("isFP")),
  FN: lower("count", "False negatives", of("isFN")),
  TN: higher("count", "True negatives", of("isTN")),
  precision: higher("aggregate", "Precision", recompute("precision", flags)),
  recall: higher("aggregate", "Recall", recompute("recall", flags)),
  f1: higher("aggregate", "F1", recompute("f1", flags)),
  fpr: lower("aggregate", "False positive rate", recompute("fpr", flags)),
});
const average = (formula: AggregateFormula, displayName: string) =>
  higher("aggregate", displayName, recompute(formula, classes));

export const ClassificationClassRow = MetricsTestCase.extend({
  label: named(z.string(), "Class"),
  /** Samples of this class (support): the row's sample size. */
  n: neutral("count", "Samples"),
  ...OneVsRest.shape,
  ...ScoreMetrics,
});

export const ClassificationTopKRow = MetricsTestCase.extend({
  name: named(z.string(), "Name"),
  k: named(z.number().int(), "k"),
  accuracy: higher("proportion", "Top-k accuracy"),
});

export const ClassificationCaseMetrics = MetricsTestCase.extend({
  n: neutral("count", "Samples"),
  nCorrect: higher("count", "Correct", of("correct")),
  /** Samples without a prediction: wrong for accuracy, and never a true negative. */
  noPrediction: lower("count", "No prediction"),
  accuracy: higher("proportion", "Accuracy", of("correct")),
  macroPrecision: average("macroPrecision", "Macro precision"),
  macroRecall: average("macroRecall", "Macro recall"),
  macroF1: average("macroF1", "Macro F1"),
  microPrecision: average("microPrecision", "Micro precision"),
  microRecall: average("microRecall", "Micro recall"),
  microF1: average("microF1", "Micro F1"),
  weightedPrecision: average("weightedPrecision", "Weighted precision"),
  weightedRecall: average("weightedRecall", "Weighted recall"),
  weightedF1: average("weightedF1", "Weighted F1"),
  /** Binary evaluations: the positive class's counts and rates. */
  ...LinkedOneVsRest.partial().shape,
  specificity: higher("aggregate", "Specificity", recompute("specificity", flags)).optional(),
  /** Binary: the positive class's AUC and AP; multiclass: their macro one-vs-rest averages. */
  rocAuc: higher("aggregate", "ROC AUC", recompute("rocAuc", ranked)).optional(),
  averagePrecision: higher(
    "aggregate",
    "Average precision",
    recompute("averagePrecision", ranked),
  ).optional(),
  perClass: named(z.array(ClassificationClassRow), "Per class"),
  topK: named(z.array(ClassificationTopKRow), "Top-k accuracy").optional(),
});

export const ClassificationSuiteMetrics = MetricsTestSuite.extend({
  nTestCases: z.number().int(),
  meanAccuracy: z.number(),
  meanMacroF1: z.number(),
  minAccuracy: z.number(),
  maxAccuracy: z.number(),
});

export type ClassificationSampleMetrics = z.output<typeof ClassificationSampleMetrics>;
export type ClassificationCaseMetrics = z.output<typeof ClassificationCaseMetrics>;
export type ClassificationClassRow = z.output<typeof ClassificationClassRow>;
export type ClassificationSuiteMetrics = z.output<typeof ClassificationSuiteMetrics>;
