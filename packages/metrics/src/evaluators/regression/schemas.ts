import { z } from "zod";

import { MetricsTestCase, MetricsTestSample, MetricsTestSuite } from "@assay/workflow";

export const RegressionSampleMetrics = MetricsTestSample.extend({
  /** prediction - ground truth. */
  residual: z.number(),
  absoluteError: z.number(),
  squaredError: z.number(),
  /** |residual| / max(|ground truth|, ε), as scikit-learn's MAPE. */
  absolutePercentageError: z.number(),
  /** When the configuration sets `maxAbsoluteError`. */
  withinTolerance: z.boolean().optional(),
});

export const RegressionCaseMetrics = MetricsTestCase.extend({
  n: z.number().int(),
  mae: z.number(),
  mse: z.number(),
  rmse: z.number(),
  r2: z.number(),
  mape: z.number(),
  pearson: z.number(),
  spearman: z.number(),
  meanResidual: z.number(),
  withinToleranceRate: z.number().optional(),
});

export const RegressionSuiteMetrics = MetricsTestSuite.extend({
  nTestCases: z.number().int(),
  meanMAE: z.number(),
  meanRMSE: z.number(),
});
