import { z } from "zod";

import { MetricsTestCase, MetricsTestSample, MetricsTestSuite } from "@assay/workflow";
import { higher, lower, neutral, of, recompute } from "../meaning";

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
  mae: lower("mean", "Mean absolute error", of("absoluteError")),
  mse: lower("mean", "Mean squared error", of("squaredError")),
  rmse: lower(
    "aggregate",
    "Root mean squared error",
    recompute("rootMean", { value: "squaredError" }),
  ),
  r2: higher("aggregate", "R²"),
  mape: lower("mean", "Mean absolute percentage error", of("absolutePercentageError")),
  pearson: higher("aggregate", "Pearson correlation"),
  spearman: higher("aggregate", "Spearman correlation"),
  // Best at 0, not at either end: no direction.
  meanResidual: neutral("mean", "Mean residual", of("residual")),
  withinToleranceRate: higher("proportion", "Within tolerance", of("withinTolerance")).optional(),
});

export const RegressionSuiteMetrics = MetricsTestSuite.extend({
  nTestCases: z.number().int(),
  meanMAE: z.number(),
  meanRMSE: z.number(),
});
