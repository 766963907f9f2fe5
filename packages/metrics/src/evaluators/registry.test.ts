import { InputValidationError } from "@assay/workflow";
import { checkMetricsSchema } from "@assay/workflow/wire";
import { describe, expect, it } from "vitest";

import { ClassificationEvaluator } from "./classification/evaluator";
import { KeypointsEvaluator } from "./keypoints/evaluator";
import {
  KeypointsCaseMetrics,
  KeypointsSampleMetrics,
  KeypointsSuiteMetrics,
} from "./keypoints/schemas";
import { ObjectDetectionEvaluator } from "./object-detection/evaluator";
import { builtInEvaluators, BuiltInEvaluatorSpec, createBuiltInEvaluator } from "./registry";
import { RegressionEvaluator } from "./regression/evaluator";
import {
  RegressionCaseMetrics,
  RegressionSampleMetrics,
  RegressionSuiteMetrics,
} from "./regression/schemas";

const testCase = { name: "tc", version: 1 };

describe("the built-in evaluator registry", () => {
  it("builds each evaluator from JSON alone", () => {
    expect(Object.keys(builtInEvaluators)).toEqual([
      "classification",
      "regression",
      "object-detection",
      "keypoints",
    ]);
    const classification = createBuiltInEvaluator({
      name: "classification",
      options: { labels: ["cat", "dog"], positiveLabel: "dog" },
      configurations: [{ displayName: "t=0.5", threshold: 0.5 }],
    });
    expect(classification).toBeInstanceOf(ClassificationEvaluator);
    expect(classification.displayName()).toBe("Classification");
    expect(classification.configurations).toEqual([{ displayName: "t=0.5", threshold: 0.5 }]);
    expect(createBuiltInEvaluator({ name: "regression" })).toBeInstanceOf(RegressionEvaluator);
    const detection = createBuiltInEvaluator({
      name: "object-detection",
      configurations: [{ displayName: "F1", thresholdStrategy: "F1-Optimal" }],
    });
    expect(detection).toBeInstanceOf(ObjectDetectionEvaluator);
    // Defaults are filled in on the stored configuration.
    expect(detection.configurations[0]).toEqual({
      displayName: "F1",
      thresholdStrategy: "F1-Optimal",
      iouThreshold: 0.5,
      minConfidenceScore: 0,
    });
    expect(createBuiltInEvaluator({ name: "keypoints" })).toBeInstanceOf(KeypointsEvaluator);
    expect(BuiltInEvaluatorSpec.safeParse({ name: "keypoints", options: {} }).success).toBe(true);
  });

  it("rejects unknown names, unknown options and bad configurations, naming the field", () => {
    expect(() => createBuiltInEvaluator({ name: "segmentation" })).toThrow(InputValidationError);
    expect(() => createBuiltInEvaluator(null)).toThrow(InputValidationError);
    expect(() =>
      createBuiltInEvaluator({ name: "classification", options: { lables: ["a"] } }),
    ).toThrow(/lables/);
    expect(() =>
      createBuiltInEvaluator({
        name: "object-detection",
        configurations: [{ displayName: "x", iouThreshold: 1.5 }],
      }),
    ).toThrow(/iouThreshold/);
    expect(() => createBuiltInEvaluator({ name: "regression", configurations: [] })).toThrow(
      /configurations/,
    );
    expect(() =>
      createBuiltInEvaluator({
        name: "regression",
        configurations: [{ displayName: "a" }, { displayName: "a" }],
      }),
    ).toThrow(/distinct display names/);
  });
});

describe("RegressionEvaluator", () => {
  const rows = [
    [1, 1.5],
    [2, 1.5],
    [3, 3.5],
    [4, 3],
    [5, 6],
  ] as const;
  const inferences = rows.map(
    ([truth, prediction], i) =>
      [{ id: i }, { value: truth }, { prediction: { value: prediction } }] as const,
  );

  it("computes the test case metrics and plots, with a tolerance configuration", () => {
    const evaluator = new RegressionEvaluator([{ displayName: "±0.5", maxAbsoluteError: 0.5 }]);
    const configuration = evaluator.configurations[0];
    checkMetricsSchema("testSample", RegressionSampleMetrics);
    checkMetricsSchema("testCase", RegressionCaseMetrics);
    checkMetricsSchema("testSuite", RegressionSuiteMetrics);
    const samples = evaluator.computeTestSampleMetrics(testCase, inferences, configuration);
    expect(samples.map(([, m]) => RegressionSampleMetrics.parse(m).residual)).toEqual([
      0.5, -0.5, 0.5, -1, 1,
    ]);
    const metrics = RegressionCaseMetrics.parse(
      evaluator.computeTestCaseMetrics(testCase, inferences, [], configuration),
    );
    expect(metrics.n).toBe(5);
    expect(metrics.mae).toBeCloseTo(0.7, 12);
    expect(metrics.mse).toBeCloseTo(0.55, 12);
    expect(metrics.rmse).toBeCloseTo(Math.sqrt(0.55), 12);
    expect(metrics.r2).toBeCloseTo(1 - 2.75 / 10, 12);
    expect(metrics.meanResidual).toBeCloseTo(0.1, 12);
    expect(metrics.withinToleranceRate).toBe(3 / 5);
    // Ranks 1..5 against 1.5, 1.5, 4, 3, 5 (the tie shares its ranks): 8.5 / sqrt(10 · 9.5).
    expect(metrics.spearman).toBeCloseTo(8.5 / Math.sqrt(95), 12);
    const plots = evaluator.computeTestCasePlots(testCase, inferences, []);
    expect(plots.map((plot) => plot.dataType)).toEqual(["PLOT/HISTOGRAM", "PLOT/CURVE"]);
    const suite = evaluator.computeTestSuiteMetrics({ name: "s", version: 1 }, [
      [testCase, metrics],
    ]);
    expect(RegressionSuiteMetrics.parse(suite)).toEqual({
      nTestCases: 1,
      meanMAE: metrics.mae,
      meanRMSE: metrics.rmse,
    });
  });

  it("gives zeros for an empty test case and rejects non-numbers", () => {
    const evaluator = new RegressionEvaluator();
    expect(evaluator.computeTestCaseMetrics(testCase, [], [])).toMatchObject({
      n: 0,
      mae: 0,
      pearson: 0,
    });
    expect(evaluator.computeTestCasePlots(testCase, [])).toEqual([]);
    expect(() =>
      evaluator.computeTestCaseMetrics(testCase, [[{}, { value: 1 }, { prediction: NaN }]], []),
    ).toThrow(/inferences\[0\]\.prediction: expected a finite number/);
    expect(() =>
      evaluator.computeTestCaseMetrics(testCase, [[{}, { value: "1" }, { prediction: 1 }]], []),
    ).toThrow(/groundTruths\[0\]\.value/);
  });
});

describe("KeypointsEvaluator", () => {
  const face: [number, number][] = [
    [30, 40],
    [70, 40],
    [50, 60],
  ];
  const shift = (dx: number): [number, number][] => face.map(([x, y]) => [x + dx, y]);
  const inferences = [
    [{ id: 0 }, { keypoints: { points: face } }, { keypoints: { points: shift(2) } }],
    [{ id: 1 }, { keypoints: { points: face } }, { keypoints: { points: shift(8) } }],
    [{ id: 2 }, { keypoints: { points: face } }, { keypoints: null }],
  ] as const;

  it("computes NME per sample, failure rates and per-keypoint rows", () => {
    const evaluator = new KeypointsEvaluator([{ displayName: "nme<0.1", threshold: 0.1 }], {
      keypointNames: ["left eye", "right eye", "nose"],
    });
    const configuration = evaluator.configurations[0];
    checkMetricsSchema("testSample", KeypointsSampleMetrics);
    checkMetricsSchema("testCase", KeypointsCaseMetrics);
    checkMetricsSchema("testSuite", KeypointsSuiteMetrics);
    const samples = evaluator.computeTestSampleMetrics(testCase, inferences, configuration);
    expect(samples.map(([, m]) => [m.matchType, m.nme])).toEqual([
      ["success", 2 / 40],
      ["failure_to_align", 8 / 40],
      ["failure_to_detect", null],
    ]);
    const metrics = KeypointsCaseMetrics.parse(
      evaluator.computeTestCaseMetrics(testCase, inferences, [], configuration),
    );
    expect(metrics).toMatchObject({
      n: 3,
      nFailToAlign: 1,
      nFailToDetect: 1,
      alignmentFailureRate: 1 / 3,
      detectionFailureRate: 1 / 3,
      failureRate: 2 / 3,
    });
    expect(metrics.meanNME).toBeCloseTo(0.125, 12);
    expect(metrics.perKeypoint.map((row) => [row.keypoint, row.n, row.meanDistance])).toEqual([
      ["left eye", 2, 5],
      ["right eye", 2, 5],
      ["nose", 2, 5],
    ]);
    const [plot] = evaluator.computeTestCasePlots(testCase, inferences, []);
    expect(plot?.dataType).toBe("PLOT/CURVE");
    const suite = evaluator.computeTestSuiteMetrics({ name: "s", version: 1 }, [
      [testCase, metrics],
    ]);
    expect(KeypointsSuiteMetrics.parse(suite)).toMatchObject({
      nTestCases: 1,
      varianceFailureRate: 0,
    });
  });

  it("rejects a zero normaliser and mismatched keypoints", () => {
    const evaluator = new KeypointsEvaluator();
    const same: [number, number][] = [
      [1, 1],
      [1, 1],
    ];
    expect(() =>
      evaluator.computeTestCaseMetrics(
        testCase,
        [[{}, { keypoints: same }, { keypoints: same }]],
        [],
      ),
    ).toThrow(/normalisation must be a positive number/);
    expect(() =>
      evaluator.computeTestCaseMetrics(
        testCase,
        [[{}, { keypoints: face }, { keypoints: face.slice(1) }]],
        [],
      ),
    ).toThrow(/inferences\[0\]\.keypoints: .*as many keypoints/);
  });
});
