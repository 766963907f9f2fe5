import type { z } from "zod";

import { GroundTruth, Image, Inference } from "../test-samples";
import { defineWorkflow } from "../workflow/define";

/** Helpers shared by the `defineWorkflow` tests. */
export const define = (overrides: Partial<Parameters<typeof defineWorkflow>[0]>) =>
  defineWorkflow({
    name: "test",
    testSample: Image,
    groundTruth: GroundTruth,
    inference: Inference,
    ...overrides,
  });

/** Defines a workflow whose test sample, ground truth and inference each carry `field`. */
export const withField = (field: z.ZodType) => ({
  sample: () => define({ testSample: Image.extend({ a: field }) }),
  groundTruth: () => define({ groundTruth: GroundTruth.extend({ a: field }) }),
  inference: () => define({ inference: Inference.extend({ a: field }) }),
});
