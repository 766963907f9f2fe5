import { z } from "zod";

import { MetricsTestCase, MetricsTestSample, MetricsTestSuite } from "@assay/workflow";
import { higher, lower, neutral } from "../meaning";

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
  n: neutral("count", "Samples"),
  mae: lower("mean", "Mean absolute error"),
  mse: lower("mean", "Mean squared error"),
  rmse: lower("aggregate", "Root mean squared error"),
  r2: higher("aggregate", "R²"),
  mape: lower("mean", "Mean absolute percentage error"),
  pearson: higher("aggregate", "Pearson correlation"),
  spearman: higher("aggregate", "Spearman correlation"),
  // Best at 0, not at either end: no direction.
  meanResidual: neutral("mean", "Mean residual"),
  withinToleranceRate: higher("proportion", "Within tolerance").optional(),
});

export const RegressionSuiteMetrics = MetricsTestSuite.extend({
  nTestCases: z.number().int(),
  meanMAE: z.number(),
  meanRMSE: z.number(),
});
