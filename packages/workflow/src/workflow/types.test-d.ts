import { z } from "zod";
import { describe, expectTypeOf, it } from "vitest";

import type { LabeledBoundingBox, ScoredClassificationLabel } from "../annotations";
import {
  ClassificationLabel,
  labeledBoundingBox,
  LabeledBoundingBox as LabeledBox,
} from "../annotations";
import { ScoredClassificationLabel as ScoredLabel } from "../annotations";
import { GroundTruth, Image, Inference, Metadata } from "../test-samples";
import { defineWorkflow } from "./define";
import type {
  GroundTruthOf,
  InferenceInputOf,
  InferenceOf,
  InferFn,
  TestSampleInputOf,
  TestSampleOf,
} from "./types";

const workflow = defineWorkflow({
  name: "My Workflow",
  testSample: Image.extend({ docId: z.int(), metadata: Metadata }),
  groundTruth: GroundTruth.extend({ label: ClassificationLabel, boxes: z.array(LabeledBox) }),
  inference: Inference.extend({ prediction: ScoredLabel.optional() }),
});
type W = typeof workflow;

describe("a workflow's types", () => {
  it("describe test samples as Assay hands them out", () => {
    expectTypeOf<TestSampleOf<W>>().toEqualTypeOf<{
      locator: string;
      dataType: "TEST_SAMPLE/IMAGE";
      docId: number;
      metadata: Record<
        string,
        string | number | boolean | null | (string | number | boolean | null)[]
      >;
    }>();
  });

  it("let inputs leave out tags, defaults and derived fields", () => {
    expectTypeOf<{ locator: string; docId: number }>().toExtend<TestSampleInputOf<W>>();
    expectTypeOf<{ prediction: { label: string; score: number } }>().toExtend<
      InferenceInputOf<W>
    >();
    expectTypeOf<{ locator: string }>().not.toExtend<TestSampleInputOf<W>>();
  });

  it("give annotations their derived fields", () => {
    expectTypeOf<GroundTruthOf<W>["boxes"][number]>().toEqualTypeOf<LabeledBoundingBox>();
    expectTypeOf<GroundTruthOf<W>["boxes"][number]["area"]>().toEqualTypeOf<number>();
    expectTypeOf<GroundTruthOf<W>["label"]["label"]>().toEqualTypeOf<string>();
    expectTypeOf<InferenceOf<W>["prediction"]>().toEqualTypeOf<
      ScoredClassificationLabel | undefined
    >();
  });

  it("reach infer's parameter and return type", () => {
    expectTypeOf<Parameters<InferFn<W>>[0]>().toEqualTypeOf<TestSampleOf<W>>();
    expectTypeOf<ReturnType<InferFn<W>>>().toEqualTypeOf<
      InferenceInputOf<W> | Promise<InferenceInputOf<W>>
    >();

    const infer: InferFn<W> = (sample) => {
      expectTypeOf(sample.docId).toEqualTypeOf<number>();
      expectTypeOf(sample.metadata).toExtend<Record<string, unknown>>();
      return { prediction: { label: sample.locator.endsWith(".png") ? "cat" : "dog", score: 0.9 } };
    };
    const asyncInfer: InferFn<W> = async () => Promise.resolve({});
    expectTypeOf(infer).toExtend<InferFn<W>>();
    expectTypeOf(asyncInfer).toExtend<InferFn<W>>();

    // @ts-expect-error a score must be a number
    const wrong: InferFn<W> = () => ({ prediction: { label: "cat", score: "high" } });
    void wrong;
  });

  it("flow through parsers and builders", () => {
    expectTypeOf(workflow.testSample.shape.docId).toEqualTypeOf<z.ZodInt>();
    expectTypeOf<ReturnType<W["parseTestSample"]>>().toEqualTypeOf<TestSampleOf<W>>();
    expectTypeOf<ReturnType<W["parseInference"]>>().toEqualTypeOf<InferenceOf<W>>();
    expectTypeOf(labeledBoundingBox).parameter(0).toExtend<{ topLeft: [number, number] }>();
    expectTypeOf(labeledBoundingBox).returns.toEqualTypeOf<LabeledBoundingBox>();
    expectTypeOf<z.output<typeof ScoredLabel>>().toEqualTypeOf<ScoredClassificationLabel>();
  });
});
