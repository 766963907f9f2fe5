import { z } from "zod";

/** How the regression evaluator reads samples; `{}` is valid. */
export const RegressionOptions = z
  .object({
    /** The target: a number, or an object with a numeric `value`. */
    groundTruthField: z.string().min(1).default("value"),
    /** The prediction: a number, or an object with a numeric `value`. */
    inferenceField: z.string().min(1).default("prediction"),
    /** Bins of the residual histogram. */
    histogramBins: z.number().int().min(1).max(1000).default(20),
  })
  .strict();
export type RegressionOptions = z.input<typeof RegressionOptions>;

/** With `maxAbsoluteError`, a sample passes when its absolute error is at most that much. */
export const RegressionConfiguration = z
  .object({
    displayName: z.string().trim().min(1),
    maxAbsoluteError: z.number().min(0).optional(),
  })
  .strict();
export type RegressionConfiguration = z.input<typeof RegressionConfiguration>;
