import { z } from "zod";

import { MetricsTestCase, MetricsTestSample, MetricsTestSuite } from "@assay/workflow";

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
  keypoint: z.string(),
  /** Samples with a detection: the row's sample size. */
  n: z.number().int(),
  meanDistance: z.number(),
  meanNormalizedDistance: z.number(),
});

export const KeypointsCaseMetrics = MetricsTestCase.extend({
  n: z.number().int(),
  meanNME: z.number(),
  meanNRMSE: z.number(),
  meanDistance: z.number(),
  nFailToAlign: z.number().int(),
  nFailToDetect: z.number().int(),
  alignmentFailureRate: z.number(),
  detectionFailureRate: z.number(),
  failureRate: z.number(),
  perKeypoint: z.array(KeypointsRow),
});

export const KeypointsSuiteMetrics = MetricsTestSuite.extend({
  nTestCases: z.number().int(),
  meanNME: z.number(),
  meanFailureRate: z.number(),
  varianceFailureRate: z.number(),
});
