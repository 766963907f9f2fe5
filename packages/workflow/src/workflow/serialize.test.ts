import { z } from "zod";
import { describe, expect, it } from "vitest";

import * as A from "../annotations";
import { ImageAsset } from "../assets";
import { canonicalStringify } from "../codec/canonical";
import { sampleIdentity, splitMetadata } from "../codec/identity";
import { parseJson } from "../codec/parse";
import { parseWith } from "../schema/parse";
import {
  Audio,
  Document,
  GroundTruth,
  Inference,
  Metadata,
  PointCloud,
  TestSample,
  Video,
} from "../test-samples";
import { expectIssue } from "../test-utils/errors";
import { defineWorkflow } from "./define";

/** Parses, stores as canonical JSON, reads back and parses again: what every value goes through. */
function roundTrip<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = parseWith(schema, value, "value");
  const reparsed = parseWith(schema, parseJson(canonicalStringify(parsed)), "value");
  expect(reparsed).toEqual(parsed);
  return reparsed;
}

describe("test sample serialisation", () => {
  it("round-trips every kind of field", () => {
    const Tester = TestSample.extend({
      a: z.string(),
      b: z.boolean(),
      c: z.int(),
      d: z.number(),
      e: A.BoundingBox,
      f: A.Polyline,
      g: ImageAsset,
      h: z.array(z.int()),
      i: z.array(A.Polygon),
      k: z.string().nullable(),
      l: A.LabeledPolygon.optional(),
      m: z.union([z.number(), z.boolean(), A.BoundingBox]),
      n: z.union([z.array(z.int()), z.array(A.Keypoints)]),
    });
    const value = roundTrip(Tester, {
      a: "abc",
      b: true,
      c: 123,
      d: 0.1,
      e: { topLeft: [0, 0], bottomRight: [10, 10] },
      f: {
        points: [
          [1, 1],
          [2, 2],
        ],
      },
      g: { locator: "s3://test/locator.png" },
      h: [1, 2, 3],
      i: [
        {
          points: [
            [0, 0],
            [1, 1],
            [2, 2],
          ],
        },
      ],
      k: null,
      l: {
        label: "test",
        points: [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
      },
      m: { topLeft: [0, 0], bottomRight: [10, 10] },
      n: [1, 2, 3],
    });
    expect(value.dataType).toBe("TEST_SAMPLE/CUSTOM");
    expect(value.e.area).toBe(100);
    expect(value.m).toEqual(A.boundingBox({ topLeft: [0, 0], bottomRight: [10, 10] }));
  });

  it("round-trips optionals, unions and nullable list items", () => {
    const Tester = TestSample.extend({
      a: z.array(z.string()),
      c: z.union([z.int(), z.number()]),
      d: z.union([z.number(), z.int()]),
      e: z.union([z.number(), z.int()]).nullable(),
      f: z.union([z.number(), z.int()]).nullable(),
      g: z.array(z.union([z.number(), z.int()]).nullable()),
      i: z.int().optional(),
      boxes: z.array(A.BoundingBox.nullable()),
    });
    const value = roundTrip(Tester, {
      a: ["a", "b", "c"],
      c: 1.23,
      d: 2,
      e: null,
      f: 5,
      g: [null, 1, 1.1],
      boxes: [
        { topLeft: [0, 0], bottomRight: [10, 10] },
        null,
        { topLeft: [10, 10], bottomRight: [20, 20] },
      ],
    });
    expect(value).not.toHaveProperty("i");
    expect(value.boxes[1]).toBeNull();
  });

  it("keeps labels in a union whichever order the annotations are declared in", () => {
    const items = [
      { topLeft: [0, 0], bottomRight: [10, 10] },
      { label: "test", topLeft: [10, 10], bottomRight: [20, 20] },
      {
        points: [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
        ],
      },
    ];
    for (const options of [
      [A.LabeledBoundingBox, A.BoundingBox, A.Polygon],
      [A.BoundingBox, A.LabeledBoundingBox, A.Polygon],
    ] as const) {
      const value = roundTrip(z.array(z.union(options)), items);
      expect(value[1]).toMatchObject({ label: "test", area: 100 });
      expect(value[2]).toMatchObject({ dataType: "ANNOTATION/POLYGON" });
    }
  });

  it("names a missing required field", () => {
    expectIssue(
      () => parseWith(TestSample.extend({ a: z.int() }), {}, "testSample"),
      "testSample.a",
      /expected number, received undefined/,
    );
    expectIssue(
      () =>
        parseWith(TestSample.extend({ a: z.string(), b: z.string() }), { a: "has" }, "testSample"),
      "testSample.b",
      /expected string, received undefined/,
    );
  });

  it("fills defaults for absent fields", () => {
    const Tester = TestSample.extend({
      a: z.int().default(123),
      // prefault, not default: zod hands a default back as written, a prefault is parsed.
      b: A.Keypoints.prefault({ points: [] }),
      c: z.array(z.boolean()).default(() => [true, false]),
      d: z.array(z.string().nullable()).default([]),
    });
    expect(parseWith(Tester, {}, "s")).toEqual({
      a: 123,
      b: { points: [], dataType: "ANNOTATION/KEYPOINTS" },
      c: [true, false],
      d: [],
      dataType: "TEST_SAMPLE/CUSTOM",
    });
    expect(parseWith(Tester, { d: [null, "test"] }, "s").d).toEqual([null, "test"]);
  });

  it("does not cast values of the wrong type (Kolena did; Assay stores what you declared)", () => {
    const Tester = TestSample.extend({ a: z.array(z.string()), b: z.number(), c: z.boolean() });
    expectIssue(
      () => parseWith(Tester, { a: [1, 2, 3], b: 1, c: true }, "s"),
      "s.a[0]",
      /expected string, received number/,
    );
    expectIssue(
      () => parseWith(Tester, { a: [], b: "1", c: true }, "s"),
      "s.b",
      /expected number, received string/,
    );
    expectIssue(() => parseWith(Tester, { a: [], b: 1, c: 1 }, "s"), "s.c", /expected boolean/);
  });

  it("drops unknown keys unless the schema keeps them", () => {
    const Tester = TestSample.extend({ a: z.string() });
    expect(parseWith(Tester, { a: "has", b: "extra", c: "fields" }, "s")).toEqual({
      a: "has",
      dataType: "TEST_SAMPLE/CUSTOM",
    });
    expect(roundTrip(Tester.loose(), { a: "has", b: "extra", c: ["fields"] })).toEqual({
      a: "has",
      b: "extra",
      c: ["fields"],
      dataType: "TEST_SAMPLE/CUSTOM",
    });
    expectIssue(
      () => parseWith(Tester.strict(), { a: "has", b: "extra" }, "s"),
      "s",
      /Unrecognized key/,
    );
  });

  it.each([NaN, Infinity, -Infinity])("round-trips %d in a number field", (value) => {
    const Tester = TestSample.extend({ a: z.number(), list: z.array(z.number()) });
    const back = roundTrip(Tester, { a: value, list: [value, 1] });
    expect(back.a).toBe(value);
    expect(back.list[0]).toBe(value);
  });

  it("refuses NaN where an integer is declared", () => {
    expectIssue(
      () => parseWith(TestSample.extend({ a: z.int() }), { a: NaN }, "s"),
      "s.a",
      /received NaN/,
    );
  });

  it("keeps metadata out of the sample's identity", () => {
    const Tester = TestSample.extend({ a: z.number(), metadata: Metadata });
    const metadata = { b: 2.0, c: true, d: "d", e: null, f: [1, 2.0, true, "d", null] };
    const parsed = parseWith(Tester, { a: 1, metadata }, "s");
    const { sample, metadata: split } = splitMetadata(parsed);
    expect(sample).toEqual({ a: 1, dataType: "TEST_SAMPLE/CUSTOM" });
    expect(split).toEqual(metadata);
    expect(sampleIdentity(parsed)).toBe(sampleIdentity(parseWith(Tester, { a: 1 }, "s")));
    expect(parseWith(Tester, { ...sample, metadata: split }, "s")).toEqual(parsed);
  });

  describe("base kinds", () => {
    it("Video checks its clip", () => {
      const Tester = Video.extend({ a: z.int().default(0) });
      const locator = "s3://test-bucket/video.mp4";
      for (const ok of [
        { thumbnail: { locator: "https://example.com/test.png" }, start: 0, end: 1, a: 1 },
        {},
        { start: 1, end: 1.5 },
        { a: 1 },
      ]) {
        expect(parseWith(Tester, { locator, ...ok }, "s").dataType).toBe("TEST_SAMPLE/VIDEO");
      }
      expectIssue(
        () => parseWith(Tester, { locator, start: 1, end: 0 }, "s"),
        "s.end",
        /before start/,
      );
      expectIssue(
        () => parseWith(Tester, { locator, start: -1, end: 0 }, "s"),
        "s.start",
        /negative/,
      );
      expectIssue(
        () => parseWith(Tester, { locator, start: -2, end: -1 }, "s"),
        "s.start",
        /negative/,
      );
    });

    it("Document, PointCloud and Audio take a locator and their own fields", () => {
      const doc = Document.extend({ example: z.string().nullable().optional() });
      expect(
        parseWith(doc, { locator: "s3://bucket/doc.pdf", example: "test" }, "s").dataType,
      ).toBe("TEST_SAMPLE/DOCUMENT");
      expect(
        parseWith(doc, { locator: "s3://bucket/doc.pdf", example: null }, "s").example,
      ).toBeNull();
      expect(
        parseWith(
          PointCloud.extend({ width: z.int(), height: z.int() }),
          { locator: "s3://p.pcd", width: 10, height: 10 },
          "s",
        ).dataType,
      ).toBe("TEST_SAMPLE/POINT_CLOUD");
      expect(
        parseWith(Audio.extend({ length: z.int() }), { locator: "s3://a.mp3", length: 10 }, "s")
          .dataType,
      ).toBe("TEST_SAMPLE/AUDIO");
    });
  });
});

describe("a workflow with non-finite values everywhere (Kolena's nan_workflow)", () => {
  const workflow = defineWorkflow({
    name: "nan_workflow",
    testSample: TestSample.extend({ value: z.number() }),
    groundTruth: GroundTruth.extend({ value: z.number() }),
    inference: Inference.extend({ value: z.number() }),
  });

  it.each([-Infinity, Infinity, NaN])(
    "stores %d exactly in samples, ground truths and inferences",
    (value) => {
      for (const parse of [
        workflow.parseTestSample.bind(workflow),
        workflow.parseGroundTruth.bind(workflow),
        workflow.parseInference.bind(workflow),
      ]) {
        const stored = canonicalStringify(parse({ value }));
        expect(parse(parseJson(stored)).value).toBe(value);
      }
    },
  );
});
