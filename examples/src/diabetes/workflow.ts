import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import { defineWorkflow, GroundTruth, Inference, Metadata, TestSample } from "@assay/sdk";
import { z } from "zod";

/**
 * Disease progression one year after baseline, from ten baseline measurements of a patient (Efron et al., 2004),
 * unscaled as in `diabetes_data_raw.csv.gz`. `patient` is the row in the file, so two patients never merge.
 */
export const diabetes = defineWorkflow({
  name: "Diabetes",
  testSample: TestSample.extend({
    patient: z.int(),
    age: z.number(),
    sex: z.number(),
    bmi: z.number(),
    bp: z.number(),
    s1: z.number(),
    s2: z.number(),
    s3: z.number(),
    s4: z.number(),
    s5: z.number(),
    s6: z.number(),
    metadata: Metadata,
  }),
  groundTruth: GroundTruth.extend({ value: z.number() }),
  inference: Inference.extend({ prediction: z.number() }),
});

export type DiabetesWorkflow = typeof diabetes.workflow;

export const SUITE = "diabetes";

/** Regression: MSE, R², MAE, residuals; the second configuration also counts predictions within 50. */
export const EVALUATOR = {
  name: "regression",
  configurations: [{ displayName: "default" }, { displayName: "error ≤ 50", maxAbsoluteError: 50 }],
} satisfies BuiltInEvaluatorSpec;
