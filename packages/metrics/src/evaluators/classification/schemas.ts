import { z } from "zod";

import {
  MetricsTestCase,
  MetricsTestSample,
  MetricsTestSuite,
  ThresholdedMetrics,
} from "@assay/workflow";
import { higher, lower, neutral } from "../meaning";

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

export const ClassificationClassRow = MetricsTestCase.extend({
  label: z.string(),
  /** Samples of this class (support): the row's sample size. */
  n: neutral("count", "Samples"),
  ...OneVsRest.shape,
  ...ScoreMetrics,
});

export const ClassificationTopKRow = MetricsTestCase.extend({
  name: z.string(),
  k: z.number().int(),
  accuracy: higher("proportion", "Top-k accuracy"),
});

export const ClassificationCaseMetrics = MetricsTestCase.extend({
  n: neutral("count", "Samples"),
  nCorrect: higher("count", "Correct"),
  accuracy: higher("proportion", "Accuracy"),
  macroPrecision: higher("aggregate", "Macro precision"),
  macroRecall: higher("aggregate", "Macro recall"),
  macroF1: higher("aggregate", "Macro F1"),
  microPrecision: higher("aggregate", "Micro precision"),
  microRecall: higher("aggregate", "Micro recall"),
  microF1: higher("aggregate", "Micro F1"),
  weightedPrecision: higher("aggregate", "Weighted precision"),
  weightedRecall: higher("aggregate", "Weighted recall"),
  weightedF1: higher("aggregate", "Weighted F1"),
  /** Binary evaluations: the positive class's counts and rates. */
  ...OneVsRest.partial().shape,
  specificity: higher("aggregate", "Specificity").optional(),
  /** Binary: the positive class's AUC and AP; multiclass: their macro one-vs-rest averages. */
  ...ScoreMetrics,
  perClass: z.array(ClassificationClassRow),
  topK: z.array(ClassificationTopKRow).optional(),
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
