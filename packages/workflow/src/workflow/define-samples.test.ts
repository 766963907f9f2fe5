import { z } from "zod";
import { describe, expect, it } from "vitest";

import * as A from "../annotations";
import { ImageAsset } from "../assets";
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
import { expectIssue } from "../test-utils/errors";
import { define } from "../test-utils/define";

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
