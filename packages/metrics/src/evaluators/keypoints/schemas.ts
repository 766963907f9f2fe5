import { z } from "zod";

import { MetricsTestCase, MetricsTestSample, MetricsTestSuite } from "@assay/workflow";
import { lower, named, neutral, of } from "../meaning";

export const KeypointsSampleMetrics = MetricsTestSample.extend({
  matchType: z.enum(["success", "failure_to_align", "failure_to_detect"]),
  /** Normalised mean error; null when nothing was detected. */
  nme: z.number().nullable(),
  /** Kolena's "NMSE": root mean square of the normalised distances. */
  nrmse: z.number().nullable(),
  meanDistance: z.number().nullable(),
  normalization: z.number().nullable(),
});

export const KeypointsRow = MetricsTestCase.extend({
  keypoint: named(z.string(), "Keypoint"),
  /** Samples with a detection: the row's sample size. */
  n: neutral("count", "Samples"),
  meanDistance: lower("mean", "Mean distance"),
  meanNormalizedDistance: lower("mean", "Mean normalized distance"),
});

export const KeypointsCaseMetrics = MetricsTestCase.extend({
  n: neutral("count", "Samples"),
  meanNME: lower("mean", "Mean NME", of("nme")),
  meanNRMSE: lower("mean", "Mean NRMSE", of("nrmse")),
  meanDistance: lower("mean", "Mean distance", of("meanDistance")),
  nFailToAlign: lower("count", "Failed to align"),
  nFailToDetect: lower("count", "Failed to detect"),
  alignmentFailureRate: lower("proportion", "Alignment failure rate"),
  detectionFailureRate: lower("proportion", "Detection failure rate"),
  failureRate: lower("proportion", "Failure rate"),
  perKeypoint: named(z.array(KeypointsRow), "Per keypoint"),
});

export const KeypointsSuiteMetrics = MetricsTestSuite.extend({
  nTestCases: z.number().int(),
  meanNME: z.number(),
  meanFailureRate: z.number(),
  varianceFailureRate: z.number(),
});
