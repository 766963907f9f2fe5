import { z } from "zod";

import {
  BoundingBox,
  MetricsTestCase,
  MetricsTestSample,
  MetricsTestSuite,
  Polygon,
  ScoredClassificationLabel,
} from "@assay/workflow";

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

const caseCommon = {
  objects: z.number().int(),
  inferences: z.number().int(),
  TP: z.number().int(),
  FN: z.number().int(),
  FP: z.number().int(),
  nIgnored: z.number().int(),
};

export const DetectionCaseMetricsSingleClass = MetricsTestCase.extend({
  ...caseCommon,
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  AP: z.number(),
});

export const DetectionClassRow = MetricsTestCase.extend({
  label: z.string(),
  /** Samples with a ground truth of this class: the row's sample size. */
  nImages: z.number().int(),
  threshold: z.number(),
  objects: z.number().int(),
  inferences: z.number().int(),
  TP: z.number().int(),
  FN: z.number().int(),
  FP: z.number().int(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  AP: z.number(),
});

export const DetectionCaseMetrics = MetricsTestCase.extend({
  perClass: z.array(DetectionClassRow),
  ...caseCommon,
  macroPrecision: z.number(),
  macroRecall: z.number(),
  macroF1: z.number(),
  meanAP: z.number(),
  microPrecision: z.number(),
  microRecall: z.number(),
  microF1: z.number(),
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
