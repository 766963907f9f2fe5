import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";

import * as A from "../annotations";
import { ImageAsset } from "../assets";
import { canonicalStringify } from "../codec/canonical";
import { GroundTruth, Image, Inference, Metadata, Video } from "../test-samples";
import { expectInvalid, expectIssue } from "../test-utils/errors";
import { defineWorkflow } from "./define";
import { WorkflowValidator } from "./json-schema";

const workflow = defineWorkflow({
  name: "Detection and more",
  testSample: Image.extend({
    split: z.enum(["train", "test"]),
    width: z.int().min(1),
    metadata: Metadata,
  }),
  groundTruth: GroundTruth.extend({
    boxes: z.array(z.union([A.LabeledBoundingBox, A.LabeledPolygon])),
    ignored: z.array(A.LabeledBoundingBox).default([]),
    spans: z.array(A.LabeledTextSegment).optional(),
    caption: z.string().nullable(),
  }),
  inference: GroundTruth.extend({
    boxes: z.array(A.ScoredLabeledBoundingBox),
    label: A.ScoredClassificationLabel.optional(),
    heatmap: A.BitmapMask.optional(),
    thumbnail: ImageAsset.optional(),
    latencyMs: z.number(),
  }),
});
const validator = new WorkflowValidator(workflow.toJSONSchema());

const expectSameParse = (
  sdk: (v: unknown) => unknown,
  server: (v: unknown) => unknown,
  value: unknown,
) => {
  expect(canonicalStringify(server(value))).toBe(canonicalStringify(sdk(value)));
};

describe("a workflow's JSON Schema", () => {
  it("describes each type as a draft 2020-12 object schema with its required fields", () => {
    const schema = workflow.toJSONSchema();
    expect(schema.name).toBe("Detection and more");
    expect(schema.testSampleType).toBe("TEST_SAMPLE/IMAGE");
    expect(schema.testSample).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      required: ["locator", "split", "width"],
    });
    expect(schema.testSample.properties?.dataType).toMatchObject({ const: "TEST_SAMPLE/IMAGE" });
    expect(schema.inference.required).toEqual(["boxes", "latencyMs"]);
  });

  it("is plain JSON", () => {
    const schema = workflow.toJSONSchema();
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

describe("WorkflowValidator (the server's check)", () => {
  const sample = { locator: "s3://b/1.png", split: "test", width: 4, metadata: { source: "cam" } };
  const truth = {
    boxes: [
      { topLeft: [0, 0], bottomRight: [10, 5], label: "car", width: 99 },
      {
        points: [
          [0, 0],
          [1, 1],
          [2, 0],
        ],
        label: "sign",
        occluded: true,
      },
    ],
    caption: null,
    spans: [{ textField: "caption", start: 0, end: 4, label: "noun" }],
  };
  const inference = {
    boxes: [{ topLeft: [1, 1], bottomRight: [3, 3], label: "car", score: NaN }],
    label: { label: "street", score: 0.9 },
    latencyMs: Infinity,
  };

  it("gives exactly the SDK's value: defaults, tags and derived fields filled", () => {
    expectSameParse(
      (v) => workflow.parseTestSample(v),
      (v) => validator.parseTestSample(v),
      sample,
    );
    expectSameParse(
      (v) => workflow.parseGroundTruth(v),
      (v) => validator.parseGroundTruth(v),
      truth,
    );
    expectSameParse(
      (v) => workflow.parseInference(v),
      (v) => validator.parseInference(v),
      inference,
    );
    expect(validator.parseGroundTruth(truth)).toMatchObject({
      boxes: [{ width: 10, area: 50, dataType: "ANNOTATION/BOUNDING_BOX" }, { occluded: true }],
      ignored: [],
    });
  });

  it("rejects what the SDK rejects, at the same field", () => {
    const bad: [keyof WorkflowValidator & `parse${string}`, unknown, string][] = [
      ["parseTestSample", { ...sample, split: "val" }, "testSample.split"],
      ["parseTestSample", { ...sample, width: 0 }, "testSample.width"],
      ["parseTestSample", { ...sample, width: 1.5 }, "testSample.width"],
      [
        "parseTestSample",
        { ...sample, metadata: { nested: { a: 1 } } },
        "testSample.metadata.nested",
      ],
      [
        "parseGroundTruth",
        { ...truth, boxes: [{ topLeft: [0, 0], bottomRight: [1, 1] }] },
        "groundTruth.boxes[0].label",
      ],
      [
        "parseGroundTruth",
        { ...truth, spans: [{ textField: "c", start: 3, end: 1, label: "x" }] },
        "groundTruth.spans[0].end",
      ],
      ["parseGroundTruth", { ...truth, caption: undefined }, "groundTruth.caption"],
      ["parseInference", { ...inference, latencyMs: "fast" }, "inference.latencyMs"],
      ["parseInference", { ...inference, label: { label: "x" } }, "inference.label.score"],
    ];
    for (const [method, value, path] of bad) {
      const sdk = expectInvalid(() =>
        (workflow[method] as (v: unknown) => unknown).call(workflow, value),
      );
      const server = expectInvalid(() => validator[method](value));
      expect(sdk.issues.map((issue) => issue.path)).toContain(path);
      expect(server.issues.map((issue) => issue.path)).toContain(path);
    }
  });

  it("applies the built-in rules JSON Schema cannot express", () => {
    const videoWorkflow = defineWorkflow({
      name: "video",
      testSample: Video.extend({ camera: z.string() }),
      groundTruth: GroundTruth,
      inference: Inference,
    });
    const videoValidator = new WorkflowValidator(videoWorkflow.toJSONSchema());
    expectIssue(
      () => videoValidator.parseTestSample({ locator: "v.mp4", camera: "a", start: 2, end: 1 }),
      "testSample.end",
      /before start/,
    );
    expect(videoValidator.parseTestSample({ locator: "v.mp4", camera: "a" })).toEqual({
      locator: "v.mp4",
      camera: "a",
      dataType: "TEST_SAMPLE/VIDEO",
    });
  });

  it("agrees with the SDK on arbitrary boxes, scores and labels", () => {
    const coordinate = fc.oneof(fc.double(), fc.integer());
    const point = fc.tuple(coordinate, coordinate);
    const box = fc.record({
      topLeft: point,
      bottomRight: point,
      label: fc.string(),
      score: fc.double(),
    });
    fc.assert(
      fc.property(fc.array(box, { maxLength: 4 }), fc.double(), (boxes, latencyMs) => {
        const value = { boxes, latencyMs };
        expectSameParse(
          (v) => workflow.parseInference(v),
          (v) => validator.parseInference(v),
          value,
        );
      }),
      { numRuns: 300 },
    );
  });
});
