import {
  boundingBox,
  keypoints,
  labeledPolygon,
  scoredClassificationLabel,
  scoredLabeledBoundingBox,
} from "@assay/workflow";
import { describe, expect, it } from "vitest";

import { assetUrl, collectDrawables } from "./annotations";

describe("collectDrawables", () => {
  it("finds annotations at any depth, with labels and scores", () => {
    const inference = {
      boxes: [
        scoredLabeledBoundingBox({
          topLeft: [10, 20],
          bottomRight: [30, 60],
          label: "car",
          score: 0.9,
        }),
      ],
      nested: {
        region: labeledPolygon({
          points: [
            [0, 0],
            [4, 0],
            [4, 4],
          ],
          label: "sign",
        }),
      },
      face: keypoints({
        points: [
          [1, 2],
          [3, 4],
        ],
        skeleton: [[0, 1]],
      }),
      prediction: scoredClassificationLabel({ label: "street", score: 0.7 }),
      note: "not an annotation",
    };
    expect(collectDrawables(inference)).toEqual([
      { kind: "box", x: 10, y: 20, width: 20, height: 40, label: "car", score: 0.9 },
      {
        kind: "polygon",
        points: [
          [0, 0],
          [4, 0],
          [4, 4],
        ],
        label: "sign",
      },
      {
        kind: "keypoints",
        points: [
          [1, 2],
          [3, 4],
        ],
        skeleton: [[0, 1]],
      },
      { kind: "label", label: "street", score: 0.7 },
    ]);
  });

  it("normalises boxes given by any two opposite corners", () => {
    expect(collectDrawables(boundingBox({ topLeft: [30, 60], bottomRight: [10, 20] }))).toEqual([
      { kind: "box", x: 10, y: 20, width: 20, height: 40 },
    ]);
  });

  it("tells a value's own label from labels in a list (per-class scores)", () => {
    const label = (name: string, score: number) => ({
      label: name,
      score,
      dataType: "ANNOTATION/LABEL",
    });
    expect(
      collectDrawables({ prediction: label("3", 0.8), scores: [label("3", 0.8), label("5", 0.2)] }),
    ).toEqual([
      { kind: "label", label: "3", score: 0.8 },
      { kind: "label", label: "3", score: 0.8, listed: true },
      { kind: "label", label: "5", score: 0.2, listed: true },
    ]);
  });

  it("ignores malformed shapes instead of drawing garbage", () => {
    expect(collectDrawables({ dataType: "ANNOTATION/BOUNDING_BOX", topLeft: "x" })).toEqual([]);
  });
});

describe("assetUrl", () => {
  it("loads URLs directly and local paths through the asset proxy", () => {
    expect(assetUrl("https://example.com/a.png")).toBe("https://example.com/a.png");
    expect(assetUrl("/data/digits/0 1.png")).toBe("/assets?path=%2Fdata%2Fdigits%2F0%201.png");
  });
});
