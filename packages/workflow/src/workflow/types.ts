import type { z } from "zod";

interface HasSchemas {
  testSample: z.ZodType;
  groundTruth: z.ZodType;
  inference: z.ZodType;
}

/** A test sample of workflow `W` as Assay hands it to you (every default and derived field present). */
export type TestSampleOf<W extends HasSchemas> = z.output<W["testSample"]>;
export type GroundTruthOf<W extends HasSchemas> = z.output<W["groundTruth"]>;
export type InferenceOf<W extends HasSchemas> = z.output<W["inference"]>;

/** What you may pass where Assay takes a value of `W`: defaulted and derived fields may be left out. */
export type TestSampleInputOf<W extends HasSchemas> = z.input<W["testSample"]>;
export type GroundTruthInputOf<W extends HasSchemas> = z.input<W["groundTruth"]>;
export type InferenceInputOf<W extends HasSchemas> = z.input<W["inference"]>;

/** A model's `infer`: one test sample in, its inference out, synchronously or not. */
export type InferFn<W extends HasSchemas> = (
  testSample: TestSampleOf<W>,
) => InferenceInputOf<W> | Promise<InferenceInputOf<W>>;
