import { z } from "zod";
import { describe, expect, it } from "vitest";

import { canonicalStringify } from "../codec/canonical";
import { parseJson } from "../codec/parse";
import { parseWith } from "../schema/parse";
import { expectIssue } from "../test-utils/errors";
import * as A from "./index";

describe("bounding boxes", () => {
  it.each([
    [[0, 0], [0, 0], { width: 0, height: 0, area: 0, aspectRatio: 0 }],
    [[10, 10], [10, 10], { width: 0, height: 0, area: 0, aspectRatio: 0 }],
    // Swapped corners give the same extents.
    [[10, 10], [20, 30], { width: 10, height: 20, area: 200, aspectRatio: 0.5 }],
    [[20, 30], [10, 10], { width: 10, height: 20, area: 200, aspectRatio: 0.5 }],
    [[20, 10], [10, 30], { width: 10, height: 20, area: 200, aspectRatio: 0.5 }],
    [[10, 30], [20, 10], { width: 10, height: 20, area: 200, aspectRatio: 0.5 }],
    [[0, 0], [10, 5], { width: 10, height: 5, area: 50, aspectRatio: 2 }],
  ] as const)("%j → %j derives %j", (topLeft, bottomRight, expected) => {
    expect(A.boundingBox({ topLeft: [...topLeft], bottomRight: [...bottomRight] })).toMatchObject(
      expected,
    );
  });

  it("serialises as Kolena's BoundingBox((0,0),(10,5)) does, in camelCase", () => {
    expect(canonicalStringify(A.boundingBox({ topLeft: [0, 0], bottomRight: [10, 5] }))).toBe(
      canonicalStringify({
        topLeft: [0, 0],
        bottomRight: [10, 5],
        width: 10,
        height: 5,
        area: 50,
        aspectRatio: 2,
        dataType: "ANNOTATION/BOUNDING_BOX",
      }),
    );
  });

  it("recomputes derived fields instead of trusting them", () => {
    const box = A.BoundingBox.parse({ topLeft: [0, 0], bottomRight: [2, 2], width: 99, area: -1 });
    expect(box).toMatchObject({ width: 2, height: 2, area: 4, aspectRatio: 1 });
  });

  it("keeps derived fields in user extensions, with their own fields", () => {
    const Extended = A.BoundingBox.extend({
      a: z.string(),
      b: z.boolean().default(false),
      c: z.int().optional(),
    });
    const box = Extended.parse({ topLeft: [0, 0], bottomRight: [0, 0], a: "a", c: 0 });
    expect(box).toEqual({
      topLeft: [0, 0],
      bottomRight: [0, 0],
      width: 0,
      height: 0,
      area: 0,
      aspectRatio: 0,
      a: "a",
      b: false,
      c: 0,
      dataType: "ANNOTATION/BOUNDING_BOX",
    });
  });

  it("share Kolena's tag across labeled and scored variants", () => {
    const tags = [
      A.labeledBoundingBox({ topLeft: [0, 0], bottomRight: [1, 1], label: "a" }),
      A.scoredBoundingBox({ topLeft: [0, 0], bottomRight: [1, 1], score: 0.5 }),
      A.scoredLabeledBoundingBox({ topLeft: [0, 0], bottomRight: [1, 1], label: "a", score: 0.5 }),
    ].map((box) => box.dataType);
    expect(new Set(tags)).toEqual(new Set(["ANNOTATION/BOUNDING_BOX"]));
  });

  it("reject a missing label or a non-numeric score, naming the field", () => {
    expectIssue(
      () => A.labeledBoundingBox({ topLeft: [0, 0], bottomRight: [1, 1] } as never),
      "LabeledBoundingBox.label",
      /expected string/,
    );
    expectIssue(
      () => A.scoredBoundingBox({ topLeft: [0, 0], bottomRight: [1, 1], score: "high" } as never),
      "ScoredBoundingBox.score",
      /expected number, received string/,
    );
    expectIssue(
      () => A.boundingBox({ topLeft: [0], bottomRight: [1, 1] } as never),
      "BoundingBox.topLeft",
      /2 items/,
    );
  });
});

describe("3D bounding boxes", () => {
  it.each([
    [[0, 0, 0], 0],
    [[10, 10, 10], 1000],
    [[1, 1, 1], 1],
    [[1000, 0, 1000], 0],
  ] as const)("dimensions %j have volume %d", (dimensions, volume) => {
    const box = A.boundingBox3D({
      center: [0, 0, 0],
      dimensions: [...dimensions],
      rotations: [0, 0, 0],
    });
    expect(box.volume).toBe(volume);
  });
});

describe("polygons", () => {
  it("need at least three points and say how many they got", () => {
    expectIssue(
      () =>
        A.polygon({
          points: [
            [0, 0],
            [1, 1],
          ],
        }),
      "Polygon.points",
      "a polygon needs at least three points (2 provided)",
    );
    expect(
      A.labeledPolygon({
        points: [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        label: "test",
      }),
    ).toEqual({
      points: [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      label: "test",
      dataType: "ANNOTATION/POLYGON",
    });
  });
});

describe("text segments", () => {
  it.each([
    [{ start: -1, end: 3 }, "TextSegment.start", /at least 0/],
    [{ start: 0, end: -3 }, "TextSegment.end", /at least 0/],
    [{ start: 3, end: 3 }, "TextSegment.end", /greater than start/],
    [{ start: 4, end: 3 }, "TextSegment.end", /greater than start/],
    [{ start: 0.5, end: 3 }, "TextSegment.start", /int/],
  ])("reject %j", (bounds, path, reason) => {
    expectIssue(() => A.textSegment({ textField: "text", ...bounds }), path, reason);
  });

  it("accept a well-formed span with its label and score", () => {
    const segment = A.scoredLabeledTextSegment({
      textField: "text",
      start: 0,
      end: 10,
      label: "location",
      score: 0.91,
    });
    expect(segment.dataType).toBe("ANNOTATION/TEXT_SEGMENT");
  });
});

describe("segmentation masks", () => {
  it("map pixel values 0–255 to labels", () => {
    expect(
      A.segmentationMask({ labels: { 1: "cat", 10: "dog" }, locator: "s3://abc" }).labels,
    ).toEqual({
      "1": "cat",
      "10": "dog",
    });
    expectIssue(
      () => A.segmentationMask({ labels: { 256: "cat" }, locator: "s3://abc" }),
      "SegmentationMask.labels.256",
      /0 to 255/,
    );
  });
});

describe("every annotation", () => {
  const examples: [string, z.ZodType, unknown][] = [
    ["ANNOTATION/BOUNDING_BOX", A.BoundingBox, { topLeft: [1, 1], bottomRight: [11, 11] }],
    [
      "ANNOTATION/POLYGON",
      A.Polygon,
      {
        points: [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
      },
    ],
    [
      "ANNOTATION/KEYPOINTS",
      A.Keypoints,
      {
        points: [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
        skeleton: [[0, 1]],
      },
    ],
    ["ANNOTATION/KEYPOINTS_3D", A.Keypoints3D, { points: [[10, 10, 10]] }],
    [
      "ANNOTATION/POLYLINE",
      A.Polyline,
      {
        points: [
          [0, 0],
          [1, 1],
        ],
      },
    ],
    [
      "ANNOTATION/POLYLINE_3D",
      A.Polyline3D,
      {
        points: [
          [0, 0, 0],
          [1, 1, 1],
        ],
      },
    ],
    [
      "ANNOTATION/BOUNDING_BOX_3D",
      A.BoundingBox3D,
      { center: [1, 1, 1], dimensions: [5, 5, 5], rotations: [0.1, 0.2, 0.3] },
    ],
    [
      "ANNOTATION/SEGMENTATION_MASK",
      A.SegmentationMask,
      { labels: { 1: "cat" }, locator: "s3://b.jpg" },
    ],
    ["ANNOTATION/BITMAP_MASK", A.BitmapMask, { locator: "s3://test.png" }],
    ["ANNOTATION/LABEL", A.ClassificationLabel, { label: "bus" }],
    [
      "ANNOTATION/TIME_SEGMENT",
      A.LabeledTimeSegment,
      { start: 1, end: 2.5, label: "speech", group: "a" },
    ],
    ["ANNOTATION/TEXT_SEGMENT", A.TextSegment, { textField: "text", start: 0, end: 10 }],
    ["ANNOTATION/CUSTOM", A.CustomAnnotation, { kind: "lidar-track", track: [1, 2] }],
  ];

  it.each(examples)(
    "%s keeps its tag and extra fields through storage, alone and in lists",
    (tag, schema, input) => {
      const value = parseWith(schema, { ...(input as object), extra: "foo" }, "value") as Record<
        string,
        unknown
      >;
      expect(value.dataType).toBe(tag);
      expect(value.extra).toBe("foo");
      const stored = parseJson(canonicalStringify([value, value]));
      expect(parseWith(z.array(schema), stored, "value")).toEqual([value, value]);
    },
  );
});
