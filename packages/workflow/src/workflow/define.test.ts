import { z } from "zod";
import { describe, expect, it } from "vitest";

import * as A from "../annotations";
import { ImageAsset } from "../assets";
import { Plot } from "../plots";
import { GroundTruth, Image, Inference, Text } from "../test-samples";
import { expectInvalid, expectIssue } from "../test-utils/errors";
import { ThresholdedMetrics } from "../thresholded";
import { define, withField } from "../test-utils/define";

describe("workflow names", () => {
  it.each([
    "",
    " ",
    "        ",
    "\n",
    "\t\n\t",
    "   fr   ",
    "Detection",
    "ClAsSiFiCaTiOn",
    "KEYPOINTS",
  ])("rejects %j", (name) => {
    const error = expectInvalid(() => define({ name }));
    expect(error.field).toBe("name");
  });

  it.each([
    "test",
    "test again",
    " another test ",
    "more\ttest\nnames",
    "Something Including (special :: characters)",
    "私のワークフロー (My Workflow)",
    "🤣",
    "🤣🤣🤣",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
  ])("accepts %j", (name) => {
    expect(() => define({ name })).not.toThrow();
  });

  it.each([
    [" test this ", "test this"],
    ["\n\ntest\n\n", "test"],
    ["\tname\nwith\nnewlines\t", "name\nwith\nnewlines"],
  ])("trims %j to %j", (name, trimmed) => {
    expect(define({ name }).name).toBe(trimmed);
  });

  it("says why a reserved name is refused", () => {
    expectIssue(() => define({ name: "Detection" }), "name", /reserved/);
  });
});

describe("field types", () => {
  const valid: [string, z.ZodType][] = [
    ["string", z.string()],
    ["boolean", z.boolean()],
    ["integer", z.int()],
    ["number", z.number()],
    ["checked number", z.number().min(0).max(1)],
    ["enum", z.enum(["cat", "dog"])],
    ["literal", z.literal("fixed")],
    ["optional", z.string().optional()],
    ["nullable", z.number().nullable()],
    ["defaulted", z.boolean().default(true)],
    ["bounding box", A.BoundingBox],
    ["labeled bounding box", A.LabeledBoundingBox],
    ["polygon", A.Polygon],
    ["labeled polygon", A.LabeledPolygon],
    ["keypoints", A.Keypoints],
    ["polyline", A.Polyline],
    ["3D box", A.ScoredLabeledBoundingBox3D],
    ["segmentation mask", A.SegmentationMask],
    ["bitmap mask", A.BitmapMask],
    ["classification label", A.ScoredClassificationLabel],
    ["time segment", A.LabeledTimeSegment],
    ["text segment", A.TextSegment],
    ["custom annotation", A.CustomAnnotation],
    ["extended annotation", A.BoundingBox.extend({ occluded: z.boolean() })],
    ["image asset", ImageAsset],
    ["optional asset", ImageAsset.optional()],
    ["list of strings", z.array(z.string())],
    ["list of integers", z.array(z.int())],
    ["list of numbers", z.array(z.number())],
    ["list of booleans", z.array(z.boolean())],
    ["list of boxes", z.array(A.BoundingBox)],
    ["list of polygons", z.array(A.LabeledPolygon)],
    ["list of keypoints", z.array(A.Keypoints)],
    ["list of unions", z.array(z.union([A.LabeledBoundingBox, A.BoundingBox]))],
    ["list of optional boxes", z.array(A.BoundingBox.nullable())],
    ["optional list", z.array(z.number()).optional()],
    ["union of scalars", z.union([z.string(), z.int()])],
    [
      "union with a list",
      z.union([z.string(), z.boolean(), ImageAsset, z.array(z.union([A.BoundingBox, A.Polygon]))]),
    ],
    ["union of lists", z.union([z.array(z.int()), z.array(A.Keypoints)])],
    ["union of a number, a box and an asset", z.union([z.number(), A.BoundingBox, ImageAsset])],
    ["thresholded metrics", z.array(ThresholdedMetrics.extend({ score: z.number() }))],
  ];

  it.each(valid)("accepts a %s in test samples, ground truths and inferences", (_, field) => {
    const attempts = withField(field);
    expect(attempts.sample).not.toThrow();
    expect(attempts.groundTruth).not.toThrow();
    expect(attempts.inference).not.toThrow();
  });

  const invalid: [string, z.ZodType, RegExp][] = [
    ["record", z.record(z.string(), z.unknown()), /unsupported field type: record/],
    ["record of strings", z.record(z.string(), z.string()), /record/],
    ["optional record", z.record(z.string(), z.number()).optional(), /record/],
    [
      "union with a record",
      z.union([z.string(), z.number(), z.record(z.string(), z.string())]),
      /record/,
    ],
    ["list of records", z.array(z.record(z.string(), z.string())), /record/],
    ["list of lists", z.array(z.array(z.string())), /lists of lists/],
    [
      "list of unions with a list",
      z.array(z.union([z.string(), z.array(z.string())])),
      /lists of lists/,
    ],
    ["nested object", z.object({ a: z.number() }), /nested objects are not supported/],
    ["list of nested objects", z.array(z.object({ a: z.number() })), /nested objects/],
    ["tuple", z.tuple([z.number(), z.string()]), /tuple/],
    ["any", z.any(), /any/],
    ["unknown", z.unknown(), /unknown/],
    ["bigint", z.bigint(), /bigint/],
    ["date", z.date(), /date/],
    ["transform", z.string().transform((s) => s.length), /transform/],
    ["custom", z.custom<string>(() => true), /custom/],
    ["null", z.null(), /null/],
    ["test sample", Text, /Composite test sample/],
    ["plot", Plot.options[0], /plots are evaluator outputs/],
  ];

  it.each(invalid)("rejects a %s, naming the field and the reason", (_, field, reason) => {
    const attempts = withField(field);
    expectIssue(attempts.sample, "testSample.a", reason);
    expectIssue(attempts.groundTruth, "groundTruth.a", reason);
    expectIssue(attempts.inference, "inference.a", reason);
  });

  it("rejects a default that would be stored incomplete, pointing to prefault", () => {
    const attempts = withField(A.Keypoints.default({ points: [] } as never));
    expectIssue(attempts.inference, "inference.a", /use \.prefault\(\)/);
    expect(withField(A.Keypoints.prefault({ points: [] })).inference).not.toThrow();
    expect(withField(z.array(A.Keypoints).default([])).inference).not.toThrow();
  });

  it("reports every bad field at once", () => {
    const error = expectInvalid(() =>
      define({
        groundTruth: GroundTruth.extend({ ok: z.string(), bad: z.record(z.string(), z.string()) }),
        inference: Inference.extend({ worse: z.array(z.array(z.number())) }),
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(["groundTruth.bad", "inference.worse"]);
  });

  it("rejects a field named dataType on any of the three types", () => {
    expectIssue(
      () => define({ testSample: Image.extend({ dataType: z.string() }) }),
      "testSample.dataType",
      /reserved/,
    );
    expectIssue(
      () => define({ groundTruth: GroundTruth.extend({ dataType: z.string() }) }),
      "groundTruth.dataType",
      /reserved/,
    );
    expectIssue(
      () => define({ inference: Inference.extend({ dataType: z.literal("x") }) }),
      "inference.dataType",
      /reserved/,
    );
  });

  it("rejects thresholded metrics that redeclare threshold", () => {
    const Redeclared = ThresholdedMetrics.extend({ threshold: z.string(), a: z.number() });
    expectIssue(
      () => withField(z.array(Redeclared)).inference(),
      "inference.a.threshold",
      /cannot redeclare/,
    );
    const WithRecord = ThresholdedMetrics.extend({ a: z.record(z.string(), z.string()) });
    expectIssue(() => withField(z.array(WithRecord)).inference(), "inference.a.a", /record/);
  });
});

describe("ground truths and inferences", () => {
  it("must be zod objects", () => {
    expectIssue(
      () => define({ groundTruth: z.array(z.string()) as never }),
      "groundTruth",
      /zod object/,
    );
    expectIssue(() => define({ inference: z.string() as never }), "inference", /zod object/);
  });
});
