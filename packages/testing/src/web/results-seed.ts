import { defineWorkflow, GroundTruth, Inference, initialize, test, TestSample } from "@assay/sdk";
import { z } from "zod";

export const readings = defineWorkflow({
  name: "Readings (e2e)",
  testSample: TestSample.extend({ reading: z.int() }),
  groundTruth: GroundTruth.extend({ value: z.number() }),
  inference: Inference.extend({ prediction: z.number() }),
});

/** Model names as long as real ones: the results page must show them whole. */
export const READING_MODELS = [
  "tiny-face-detector-v2-quantized",
  "tiny-face-detector-v3-distilled",
  "baseline-linear-regressor",
] as const;

export interface ReadingsSeeded {
  suiteName: string;
  testCaseNames: string[];
  models: readonly string[];
}

/**
 * A regression suite (built-in `regression` evaluator: residual histograms, MAE, R², …) of 30 readings in two
 * test cases, and three tested models whose errors differ in size and sign, so residuals span negative and
 * positive values and a histogram's axis has something to get wrong.
 */
export async function seedReadings(server: {
  url: string;
  token: string;
}): Promise<ReadingsSeeded> {
  initialize({ url: server.url, token: server.token });
  const pairs = Array.from(
    { length: 30 },
    (_, i) => [{ reading: i }, { value: 10 + 3 * i }] as const,
  );
  const all = await readings.TestCase.create("all readings", { testSamples: pairs });
  const low = await readings.TestCase.create("low readings", { testSamples: pairs.slice(0, 12) });
  const suite = await readings.TestSuite.create("readings", { testCases: [all, low] });
  const error = [
    (i: number) => ((i * 37) % 11) - 5,
    (i: number) => ((i * 53) % 29) - 12 + (i % 3) * 0.25,
    (i: number) => 40 - 2.5 * i,
  ];
  for (const [k, name] of READING_MODELS.entries()) {
    const shift = error[k] as (i: number) => number;
    const model = await readings.Model.create(name, {
      infer: (sample: { reading: number }) => ({
        prediction: 10 + 3 * sample.reading + shift(sample.reading),
      }),
    });
    await test(model, suite, { name: "regression" });
  }
  return {
    suiteName: "readings",
    testCaseNames: ["all readings", "low readings"],
    models: READING_MODELS,
  };
}
