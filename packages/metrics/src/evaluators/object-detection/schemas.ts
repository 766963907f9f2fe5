import { z } from "zod";

import {
  BoundingBox,
  MetricsTestCase,
  MetricsTestSample,
  MetricsTestSuite,
  Polygon,
  ScoredClassificationLabel,
} from "@assay/workflow";
import { higher, lower, named, neutral, of, recompute } from "../meaning";

/**
 * Metric shapes of the object detection evaluator. Boxes in `TP` / `FP` / `FN` / `Confused` are the input
 * annotations (inferences with the `iou` of their match added), boxes or polygons with whatever extra fields they
 * carry.
 */
const Annotations = z.array(z.union([BoundingBox, Polygon]));

const sampleCommon = {
  TP: Annotations,
  FP: Annotations,
  FN: Annotations,
  countTP: z.number().int(),
  countFP: z.number().int(),
  countFN: z.number().int(),
  hasTP: z.boolean(),
  hasFP: z.boolean(),
  hasFN: z.boolean(),
  ignored: z.boolean(),
  maxConfidenceAboveT: z.number().nullable(),
  minConfidenceAboveT: z.number().nullable(),
};

export const DetectionSampleMetricsSingleClass = MetricsTestSample.extend({
  ...sampleCommon,
  thresholds: z.number(),
});

export const DetectionSampleMetrics = MetricsTestSample.extend({
  ...sampleCommon,
  Confused: Annotations,
  countConfused: z.number().int(),
  hasConfused: z.boolean(),
  /** The threshold used for each label inferred on the sample. */
  thresholds: z.array(ScoredClassificationLabel),
});

const counts = {
  objects: neutral("count", "Objects"),
  inferences: neutral("count", "Inferences"),
  TP: higher("count", "True positives"),
  FN: lower("count", "False negatives"),
  FP: lower("count", "False positives"),
};

const scores = {
  precision: higher("aggregate", "Precision"),
  recall: higher("aggregate", "Recall"),
  f1: higher("aggregate", "F1"),
  AP: higher("aggregate", "Average precision"),
};

/**
 * A test case's counts and rates, made of its samples' match counts (what the comparison engine tests on). Its
 * AP is not: it needs every inference's match at every confidence, which a sample's metrics do not keep.
 */
const matched = { tp: "countTP", fp: "countFP", fn: "countFN" };
const caseCommon = {
  ...counts,
  TP: higher("count", "True positives", of("countTP")),
  FN: lower("count", "False negatives", of("countFN")),
  FP: lower("count", "False positives", of("countFP")),
  nIgnored: neutral("count", "Ignored", of("ignored")),
};
const caseScores = {
  ...scores,
  precision: higher("aggregate", "Precision", recompute("precision", matched)),
  recall: higher("aggregate", "Recall", recompute("recall", matched)),
  f1: higher("aggregate", "F1", recompute("f1", matched)),
};

export const DetectionCaseMetricsSingleClass = MetricsTestCase.extend({
  ...caseCommon,
  ...caseScores,
});

export const DetectionClassRow = MetricsTestCase.extend({
  label: named(z.string(), "Class"),
  /** Samples with a ground truth of this class: the row's sample size. */
  nImages: neutral("count", "Images"),
  threshold: named(z.number(), "Threshold"),
  ...counts,
  ...scores,
});

export const DetectionCaseMetrics = MetricsTestCase.extend({
  perClass: named(z.array(DetectionClassRow), "Per class"),
  ...caseCommon,
  macroPrecision: higher("aggregate", "Macro precision"),
  macroRecall: higher("aggregate", "Macro recall"),
  macroF1: higher("aggregate", "Macro F1"),
  meanAP: higher("aggregate", "Mean AP"),
  // Over every class's matches together: the sample's match counts.
  microPrecision: higher("aggregate", "Micro precision", recompute("precision", matched)),
  microRecall: higher("aggregate", "Micro recall", recompute("recall", matched)),
  microF1: higher("aggregate", "Micro F1", recompute("f1", matched)),
});

export const DetectionSuiteMetrics = MetricsTestSuite.extend({
  nImages: z.number().int(),
  meanAP: z.number(),
  /** The single-class threshold (absent for many classes, whose thresholds are per class). */
  threshold: z.number().optional(),
});

export type DetectionSampleMetricsSingleClass = z.output<typeof DetectionSampleMetricsSingleClass>;
export type DetectionSampleMetrics = z.output<typeof DetectionSampleMetrics>;
export type DetectionCaseMetricsSingleClass = z.output<typeof DetectionCaseMetricsSingleClass>;
export type DetectionCaseMetrics = z.output<typeof DetectionCaseMetrics>;
export type DetectionClassRow = z.output<typeof DetectionClassRow>;
export type DetectionSuiteMetrics = z.output<typeof DetectionSuiteMetrics>;
