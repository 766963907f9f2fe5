import { z } from "zod";
import { describe, expect, it } from "vitest";

import * as A from "../annotations";
import { ImageAsset } from "../assets";
import { Plot } from "../plots";
import {
  Audio,
  Composite,
  Document,
  GroundTruth,
  Image,
  ImagePair,
  ImageText,
  Inference,
  Metadata,
  PointCloud,
  TestSample,
  Text,
  Video,
} from "../test-samples";
import { expectInvalid, expectIssue } from "../test-utils/errors";
import { ThresholdedMetrics } from "../thresholded";
import { defineWorkflow } from "./define";

const define = (overrides: Partial<Parameters<typeof defineWorkflow>[0]>) =>
  defineWorkflow({
    name: "test",
    testSample: Image,
    groundTruth: GroundTruth,
    inference: Inference,
    ...overrides,
  });

/** Defines a workflow whose test sample, ground truth and inference each carry `field`. */
const withField = (field: z.ZodType) => ({
  sample: () => define({ testSample: Image.extend({ a: field }) }),
  groundTruth: () => define({ groundTruth: GroundTruth.extend({ a: field }) }),
  inference: () => define({ inference: Inference.extend({ a: field }) }),
});

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

describe("test samples", () => {
  it.each([
    ["Image", Image],
    ["ImageText", ImageText],
    ["Text", Text],
    ["Video", Video],
    ["Document", Document],
    ["Audio", Audio],
    ["PointCloud", PointCloud],
    ["TestSample (custom)", TestSample],
  ])("%s accepts scalars, lists, unions, annotations and list metadata", (_, base) => {
    const testSample = base.extend({
      a: z.int(),
      b: z.number(),
      c: z.boolean().optional(),
      d: z.union([z.string(), z.int()]),
      e: z.array(z.number()),
      f: A.BoundingBox,
      g: A.Polygon,
      metadata: z.record(z.string(), z.array(z.number())),
    });
    expect(define({ testSample }).testSampleType).toBe(base.shape.dataType.def.defaultValue);
  });

  it("accepts Video with defaulted fields", () => {
    const testSample = Video.extend({
      a: z.boolean().nullable().default(true),
      b: A.BoundingBox.optional(),
      c: z.array(z.number()).default([]),
    });
    expect(define({ testSample }).testSampleType).toBe("TEST_SAMPLE/VIDEO");
  });

  it("must extend one of the base kinds", () => {
    expectIssue(
      () => define({ testSample: z.object({ locator: z.string() }) }),
      "testSample",
      /must extend one of TestSample, Image, Text/,
    );
    expectIssue(() => define({ testSample: z.string() as never }), "testSample", /zod object/);
  });

  describe("metadata", () => {
    it("accepts the Metadata type", () => {
      expect(() => define({ testSample: TestSample.extend({ metadata: Metadata }) })).not.toThrow();
    });

    it.each([
      ["string", z.string()],
      ["integer", z.int()],
      ["number", z.number()],
      ["boolean", z.boolean()],
      ["union of string and integer", z.union([z.string(), z.int()])],
      ["optional boolean", z.boolean().optional()],
      ["list of numbers", z.array(z.number())],
      ["string or list of strings", z.union([z.string(), z.array(z.string())])],
      ["optional union", z.union([z.int(), z.number()]).optional()],
      ["null", z.null()],
      ["nullable string", z.string().nullable()],
    ])("accepts %s values", (_, value) => {
      expect(() =>
        define({ testSample: TestSample.extend({ metadata: z.record(z.string(), value) }) }),
      ).not.toThrow();
    });

    it.each([
      ["number", z.number()],
      ["integer", z.int()],
      ["enum", z.enum(["a", "b"])],
      ["union", z.union([z.string(), z.number()])],
      ["literal", z.literal("a")],
    ])("rejects %s keys", (_, key) => {
      const metadata = z.record(key as unknown as z.ZodString, z.string());
      expectIssue(
        () => define({ testSample: TestSample.extend({ metadata }) }),
        "testSample.metadata",
        /keys must be strings/,
      );
    });

    it.each([
      ["bounding box", A.BoundingBox],
      ["polygon", A.Polygon],
      ["image asset", ImageAsset],
      ["record", z.record(z.string(), z.string())],
      ["union with an annotation", z.union([z.string(), A.Polyline])],
      ["optional any", z.any().optional()],
      ["any", z.any()],
      ["list of lists", z.array(z.array(z.number()))],
    ])("rejects %s values", (_, value) => {
      expectIssue(
        () => define({ testSample: TestSample.extend({ metadata: z.record(z.string(), value) }) }),
        "testSample.metadata",
        /values must be scalars/,
      );
    });

    it("must be a record", () => {
      expectIssue(
        () => define({ testSample: TestSample.extend({ metadata: z.array(z.string()) }) }),
        "testSample.metadata",
        /metadata must be a record/,
      );
    });
  });

  describe("composites", () => {
    const Nested = Image.extend({ a: z.number(), b: A.BoundingBox });

    it("accept test sample elements beside ordinary fields", () => {
      const testSample = ImagePair.extend({
        a: Nested,
        b: Nested,
        c: z.number(),
        d: A.BoundingBox,
        e: ImageAsset.optional(),
      });
      const workflow = define({ testSample });
      expect(workflow.testSampleType).toBe("TEST_SAMPLE/COMPOSITE");
      expect(workflow.compositeElements).toEqual(["a", "b"]);
    });

    it("must extend Composite to hold test samples", () => {
      expectIssue(
        () => define({ testSample: TestSample.extend({ a: Image, b: Image }) }),
        "testSample.a",
        /only a Composite/,
      );
    });

    it("cannot hold elements that hold test samples", () => {
      const Inner = Image.extend({ a: TestSample.extend({ a: z.number() }) });
      expectIssue(
        () => define({ testSample: ImagePair.extend({ a: Inner }) }),
        "testSample.a.a",
        /cannot hold test samples/,
      );
    });

    it("cannot nest composites", () => {
      const Nested = Composite.extend({ a: z.number(), b: Image });
      expectIssue(
        () => define({ testSample: Composite.extend({ a: Nested, b: Nested }) }),
        "testSample.a",
        /nested composite test samples are not supported/,
      );
    });

    const ImageTriplet = Composite.extend({
      a: Image,
      b: Image,
      c: Image,
      d: z.string(),
      e: ImageAsset.optional(),
      metadata: Metadata,
    });
    const FaceRegion = z.object({ a: z.int(), b: z.number(), c: A.BoundingBox, d: A.Keypoints });
    const ComplexBoundingBox = z.object({ a: z.int(), b: z.number(), c: A.BoundingBox });

    it("let ground truths and inferences describe each element in a field of the same name", () => {
      for (const extend of [
        GroundTruth.extend.bind(GroundTruth),
        Inference.extend.bind(Inference),
      ]) {
        const data = extend({
          a: FaceRegion,
          b: FaceRegion,
          x: z.int(),
          y: z.array(A.BoundingBox),
        });
        const alternative = extend({ a: FaceRegion, b: z.array(A.BoundingBox), x: z.int() });
        expect(() =>
          define({ testSample: ImageTriplet, groundTruth: data, inference: alternative }),
        ).not.toThrow();
      }
    });

    it("do not allow objects under other names, nested objects, or lists of them", () => {
      expectIssue(
        () =>
          define({
            testSample: ImageTriplet,
            groundTruth: GroundTruth.extend({
              a: ComplexBoundingBox,
              y: ComplexBoundingBox,
              b: z.array(A.BoundingBox),
            }),
          }),
        "groundTruth.y",
        /nested objects/,
      );
      const Nested = z.object({ a: ComplexBoundingBox, b: z.int() });
      expectIssue(
        () => define({ testSample: ImageTriplet, groundTruth: GroundTruth.extend({ a: Nested }) }),
        "groundTruth.a.a",
        /nested objects/,
      );
      expectIssue(
        () =>
          define({
            testSample: ImageTriplet,
            inference: Inference.extend({ a: z.array(ComplexBoundingBox) }),
          }),
        "inference.a",
        /nested objects/,
      );
    });
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
