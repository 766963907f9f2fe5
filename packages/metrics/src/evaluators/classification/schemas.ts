import { z } from "zod";

import {
  MetricsTestCase,
  MetricsTestSample,
  MetricsTestSuite,
  ThresholdedMetrics,
} from "@assay/workflow";

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

export const ClassificationClassRow = MetricsTestCase.extend({
  label: z.string(),
  /** Samples of this class (support): the row's sample size. */
  n: z.number().int(),
  TP: z.number().int(),
  FP: z.number().int(),
  FN: z.number().int(),
  TN: z.number().int(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  fpr: z.number(),
  /** One-vs-rest, when scores exist and the class has positives and negatives. */
  rocAuc: z.number().optional(),
  averagePrecision: z.number().optional(),
});

export const ClassificationTopKRow = MetricsTestCase.extend({
  name: z.string(),
  k: z.number().int(),
  accuracy: z.number(),
});

export const ClassificationCaseMetrics = MetricsTestCase.extend({
  n: z.number().int(),
  nCorrect: z.number().int(),
  accuracy: z.number(),
  macroPrecision: z.number(),
  macroRecall: z.number(),
  macroF1: z.number(),
  microPrecision: z.number(),
  microRecall: z.number(),
  microF1: z.number(),
  weightedPrecision: z.number(),
  weightedRecall: z.number(),
  weightedF1: z.number(),
  /** Binary evaluations: the positive class's counts and rates. */
  TP: z.number().int().optional(),
  FP: z.number().int().optional(),
  FN: z.number().int().optional(),
  TN: z.number().int().optional(),
  precision: z.number().optional(),
  recall: z.number().optional(),
  f1: z.number().optional(),
  fpr: z.number().optional(),
  specificity: z.number().optional(),
  /** Binary: the positive class's AUC and AP; multiclass: their macro one-vs-rest averages. */
  rocAuc: z.number().optional(),
  averagePrecision: z.number().optional(),
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
