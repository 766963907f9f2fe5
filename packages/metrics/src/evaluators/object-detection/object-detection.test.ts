import {
  labeledBoundingBox,
  scoredLabeledBoundingBox,
  scoredLabeledPolygon,
} from "@assay/workflow";
import { describe, expect, it } from "vitest";

import { ObjectDetectionEvaluator } from "./evaluator";

const testCase = { name: "tc", version: 1 };
const gt = (x: number, label = "car") =>
  labeledBoundingBox({ topLeft: [x, 0], bottomRight: [x + 10, 10], label });
const inf = (x: number, score: number, label = "car") =>
  scoredLabeledBoundingBox({ topLeft: [x, 0], bottomRight: [x + 10, 10], label, score });

describe("ObjectDetectionEvaluator", () => {
  it("evaluates one label as a single class and two as many (auto), and can be forced", () => {
    const single = [[{ id: 1 }, { boxes: [gt(0)] }, { boxes: [inf(1, 0.9)] }]] as const;
    const many = [
      [{ id: 1 }, { boxes: [gt(0), gt(50, "bus")] }, { boxes: [inf(1, 0.9), inf(51, 0.8, "car")] }],
    ] as const;
    const evaluator = new ObjectDetectionEvaluator();
    const a = evaluator.computeTestCaseMetrics(testCase, single, []);
    expect(a).toMatchObject({ TP: 1, FP: 0, FN: 0, precision: 1, recall: 1, AP: 1 });
    expect(a.perClass).toBeUndefined();
    const b = evaluator.computeTestCaseMetrics(testCase, many, []);
    expect(b).toMatchObject({ TP: 1, FP: 1, FN: 1 });
    expect((b.perClass as { label: string }[]).map((row) => row.label)).toEqual(["bus", "car"]);
    const [[, sample]] = evaluator.computeTestSampleMetrics(testCase, many) as [
      [unknown, Record<string, unknown>],
    ];
    expect(sample.countConfused).toBe(1);
    const forced = new ObjectDetectionEvaluator(undefined, { multiclass: false });
    expect(forced.computeTestCaseMetrics(testCase, many, [])).toMatchObject({ TP: 2, FN: 0 });
  });

  it("matches polygons and reads configurable field names", () => {
    const square = (x: number, score: number) =>
      scoredLabeledPolygon({
        points: [
          [x, 0],
          [x + 10, 0],
          [x + 10, 10],
          [x, 10],
        ],
        label: "car",
        score,
      });
    const evaluator = new ObjectDetectionEvaluator([{ displayName: "strict", iouThreshold: 0.9 }], {
      groundTruthField: "objects.truth",
      inferenceField: "detections",
    });
    const inferences = [
      [
        { id: 1 },
        { objects: { truth: [gt(0)] } },
        { detections: [square(1, 0.9), square(0, 0.7)] },
      ],
    ] as const;
    const metrics = evaluator.computeTestCaseMetrics(
      testCase,
      inferences,
      [],
      evaluator.configurations[0],
    );
    // IoU 9/11 < 0.9 for the shifted square: the exact one (lower score) is the match.
    expect(metrics).toMatchObject({ TP: 1, FP: 1, FN: 0 });
  });

  it("forgets F1-optimal thresholds after the suite metrics, so a new run recomputes them", () => {
    const configuration = { displayName: "f1", thresholdStrategy: "F1-Optimal" as const };
    const evaluator = new ObjectDetectionEvaluator([configuration]);
    const run = (score: number) => {
      const inferences = [
        [{ id: 1 }, { boxes: [gt(0)] }, { boxes: [inf(0, score), inf(50, 0.95)] }],
      ] as const;
      const samples = evaluator.computeTestSampleMetrics(testCase, inferences, configuration);
      const metrics = evaluator.computeTestCaseMetrics(testCase, inferences, [], configuration);
      const suite = evaluator.computeTestSuiteMetrics(
        { name: "s", version: 1 },
        [[testCase, metrics]],
        configuration,
      );
      return { threshold: samples[0]?.[1].thresholds, suite };
    };
    const first = run(0.9);
    const second = run(0.3);
    expect(first.threshold).toBe(0.9);
    expect(second.threshold).toBe(0.3);
    expect(second.suite).toMatchObject({ nImages: 1, threshold: 0.3 });
  });

  it("gives defined results for an empty test case", () => {
    const evaluator = new ObjectDetectionEvaluator();
    expect(evaluator.computeTestCaseMetrics(testCase, [], [])).toMatchObject({
      TP: 0,
      precision: 0,
      AP: 0,
    });
    expect(evaluator.computeTestCasePlots(testCase, [], [])).toEqual([]);
    expect(evaluator.computeTestSuiteMetrics({ name: "s", version: 1 }, [])).toEqual({
      nImages: 0,
      meanAP: 0,
    });
  });

  it("names the offending field on bad input", () => {
    const evaluator = new ObjectDetectionEvaluator();
    const bad =
      (inference: unknown, truth: unknown = { boxes: [] }) =>
      () =>
        evaluator.computeTestCaseMetrics(
          testCase,
          [[{}, truth as Record<string, unknown>, inference as Record<string, unknown>]],
          [],
        );
    expect(bad({ boxes: [{ topLeft: [0, 0], bottomRight: [1, 1], score: NaN }] })).toThrow(
      /inferences\[0\]\.boxes\[0\]\.score: expected a number, got NaN/,
    );
    expect(bad({})).toThrow(/inferences\[0\]\.boxes: is required/);
    expect(bad({ boxes: [{ points: [[0, 0]], score: 1 }] })).toThrow(
      /bounding box .* or a polygon/,
    );
    expect(bad({ boxes: [] }, { boxes: "x" })).toThrow(/groundTruths\[0\]\.boxes: expected a list/);
    const labeled = new ObjectDetectionEvaluator(undefined, { multiclass: true });
    expect(() =>
      labeled.computeTestCaseMetrics(
        testCase,
        [[{}, { boxes: [{ topLeft: [0, 0], bottomRight: [1, 1] }] }, { boxes: [] }]],
        [],
      ),
    ).toThrow(/groundTruths\[0\]\.boxes\[0\]\.label: expected a label/);
    expect(
      () => new ObjectDetectionEvaluator([{ displayName: "x", thresholdStrategy: "best" }]),
    ).toThrow(/thresholdStrategy/);
  });
});
