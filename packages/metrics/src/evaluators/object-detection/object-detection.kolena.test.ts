import { checkMetricsSchema } from "@assay/workflow/wire";
import { describe, expect, it } from "vitest";

import { expectDeepClose, loadFixture } from "../../test-utils/fixtures";
import type { KolenaObject } from "../../test-utils/kolena";
import { fromKolena, identity } from "../../test-utils/kolena";
import { ObjectDetectionEvaluator } from "./evaluator";
import {
  DetectionCaseMetrics,
  DetectionCaseMetricsSingleClass,
  DetectionSampleMetrics,
  DetectionSampleMetricsSingleClass,
  DetectionSuiteMetrics,
} from "./schemas";

/**
 * Kolena's object detection evaluator fixtures (../../../fixtures/kolena-object-detection), replayed through
 * Assay's evaluator. The fixtures keep Kolena's snake_case keys; this harness maps them to Assay's names.
 */

type Row = Record<string, unknown>;

interface Fixture {
  configuration: {
    threshold_strategy: number | "F1-Optimal";
    iou_threshold: number;
    min_confidence_score: number;
  };
  test_data: [Row, Row, Row][];
  expected_compute_test_sample_metrics: [Row, Row][];
  expected_compute_test_case_metrics: Row;
  expected_f1_curve_plot: Row & { curves: Row[] };
  expected_confusion_matrix?: Row;
}

const TOLERANCE = 1e-12;

const boxes = (list: unknown) => ((list ?? []) as KolenaObject[]).map(fromKolena);

function sampleMetrics(kolena: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(kolena)) {
    if (key === "type") continue;
    if (["TP", "FP", "FN", "Confused"].includes(key)) out[key] = (value as unknown[]).map(identity);
    else if (key.startsWith("count_")) out[`count${key.slice(6)}`] = value;
    else if (key.startsWith("has_")) out[`has${key.slice(4)}`] = value;
    else if (key === "max_confidence_above_t") out.maxConfidenceAboveT = value;
    else if (key === "min_confidence_above_t") out.minConfidenceAboveT = value;
    else if (key === "thresholds" && Array.isArray(value)) {
      out.thresholds = (value as Row[]).map(({ label, score }) => ({ label, score }));
    } else out[key] = value;
  }
  return out;
}

const CASE_KEYS: Record<string, string> = {
  Objects: "objects",
  Inferences: "inferences",
  Precision: "precision",
  Recall: "recall",
  F1: "f1",
  Class: "label",
  Threshold: "threshold",
  PerClass: "perClass",
  mean_AP: "meanAP",
};

function caseMetrics(kolena: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(kolena)) {
    if (key === "type") continue;
    const name =
      CASE_KEYS[key] ??
      key.replace(/^(macro|micro)_(\w)(\w*)$/, (_, kind: string, first: string, rest: string) => {
        return `${kind}${first.toUpperCase()}${rest}`;
      });
    out[name] = key === "PerClass" ? (value as Row[]).map(caseMetrics) : value;
  }
  return out;
}

function curvePlot(kolena: Row & { curves: Row[] }): Row {
  return {
    title: kolena.title,
    xLabel: kolena.x_label,
    yLabel: kolena.y_label,
    curves: kolena.curves.map(({ x, y, label, extra }) => ({
      x,
      y,
      ...(label === null || label === undefined ? {} : { label }),
      extra,
    })),
    dataType: "PLOT/CURVE",
  };
}

describe.each([
  "single_class_fixed.json",
  "single_class_f1_optimal.json",
  "multiclass_fixed.json",
  "multiclass_f1_optimal.json",
])("Kolena's object detection fixture %s", (name) => {
  const fixture = loadFixture<Fixture>(`kolena-object-detection/${name}`);
  const multiclass = name.startsWith("multiclass");
  const configuration = {
    displayName: name,
    thresholdStrategy: fixture.configuration.threshold_strategy,
    iouThreshold: fixture.configuration.iou_threshold,
    minConfidenceScore: fixture.configuration.min_confidence_score,
  };
  const inferences = fixture.test_data.map(([sample, gt, inf]) => {
    const { type: _type, ...testSample } = sample;
    return [
      testSample,
      { boxes: boxes(gt.bboxes), ignoredBoxes: boxes(gt.ignored_bboxes) },
      { boxes: boxes(inf.bboxes), ignored: inf.ignored === true },
    ] as const;
  });
  const testCase = { name: "fixture", version: 1 };

  function run() {
    const evaluator = new ObjectDetectionEvaluator([configuration]);
    const samples = evaluator.computeTestSampleMetrics(testCase, inferences, configuration);
    const metrics = samples.map(([, m]) => m);
    const caseResult = evaluator.computeTestCaseMetrics(
      testCase,
      inferences,
      metrics,
      configuration,
    );
    const plots = evaluator.computeTestCasePlots(testCase, inferences, metrics, configuration);
    const suite = evaluator.computeTestSuiteMetrics(
      { name: "suite", version: 1 },
      [[testCase, caseResult]],
      configuration,
    );
    return { samples, caseResult, plots, suite };
  }

  it("reproduces per-sample TP / FP / FN / confusions, counts and thresholds", () => {
    const { samples } = run();
    expect(samples).toHaveLength(fixture.expected_compute_test_sample_metrics.length);
    samples.forEach(([sample, metrics], i) => {
      const [expectedSample, expectedMetrics] = fixture.expected_compute_test_sample_metrics[i] as [
        Row,
        Row,
      ];
      expect(sample.locator).toBe(expectedSample.locator);
      const actual = {
        ...metrics,
        ...Object.fromEntries(
          ["TP", "FP", "FN", "Confused"]
            .filter((key) => key in metrics)
            .map((key) => [key, (metrics[key] as unknown[]).map(identity)]),
        ),
      };
      expectDeepClose(actual, sampleMetrics(expectedMetrics), TOLERANCE, `sample ${i}`);
    });
  });

  it("reproduces the test case metrics: per-class rows, macro and micro results, AP", () => {
    const { caseResult } = run();
    const expected = caseMetrics(fixture.expected_compute_test_case_metrics);
    // Kolena's F1-optimal fixtures say nIgnored 0 although their data has ignored samples (as many as the fixed
    // fixtures, which say 2 and 1 for the same data): Kolena's test helpers never compare nIgnored, so the
    // stale value went unnoticed. Assay counts the ignored samples.
    if (name.includes("f1_optimal")) {
      expect(expected.nIgnored).toBe(0);
      expected.nIgnored = fixture.test_data.filter(([, , inf]) => inf.ignored === true).length;
      expect(expected.nIgnored).toBeGreaterThan(0);
    }
    expectDeepClose(caseResult, expected, TOLERANCE);
    const expectedKeys = Object.keys(expected);
    expect(Object.keys(caseResult).sort()).toEqual(expectedKeys.sort());
  });

  it("reproduces the F1 curve and the confusion matrix", () => {
    const { plots } = run();
    expectDeepClose(
      plots[multiclass ? 0 : 1],
      curvePlot(fixture.expected_f1_curve_plot),
      TOLERANCE,
    );
    if (fixture.expected_confusion_matrix) {
      const cm = fixture.expected_confusion_matrix;
      expectDeepClose(
        plots[2],
        {
          title: cm.title,
          labels: cm.labels,
          matrix: cm.matrix,
          xLabel: cm.x_label,
          yLabel: cm.y_label,
          dataType: "PLOT/CONFUSION_MATRIX",
        },
        TOLERANCE,
      );
    }
  });

  it("produces metrics that fit the declared schemas, and suite metrics", () => {
    const { samples, caseResult, suite } = run();
    const sampleSchema = multiclass ? DetectionSampleMetrics : DetectionSampleMetricsSingleClass;
    const caseSchema = multiclass ? DetectionCaseMetrics : DetectionCaseMetricsSingleClass;
    checkMetricsSchema("testSample", sampleSchema);
    checkMetricsSchema("testCase", caseSchema);
    checkMetricsSchema("testSuite", DetectionSuiteMetrics);
    for (const [, metrics] of samples) expect(() => sampleSchema.parse(metrics)).not.toThrow();
    expect(() => caseSchema.parse(caseResult)).not.toThrow();
    const apValue = multiclass ? caseResult.meanAP : caseResult.AP;
    expect(DetectionSuiteMetrics.parse(suite)).toEqual({
      nImages: new Set(fixture.test_data.map(([sample]) => sample.locator)).size,
      meanAP: apValue,
      ...(multiclass ? {} : { threshold: (samples[0]?.[1] as Row).thresholds }),
    });
  });
});

describe("Kolena's object detection fixtures, sample order", () => {
  it.each(["single_class_fixed.json", "multiclass_f1_optimal.json"])(
    "%s: test case metrics do not depend on the order of samples",
    (name) => {
      const fixture = loadFixture<Fixture>(`kolena-object-detection/${name}`);
      const configuration = {
        displayName: name,
        thresholdStrategy: fixture.configuration.threshold_strategy,
        iouThreshold: fixture.configuration.iou_threshold,
        minConfidenceScore: fixture.configuration.min_confidence_score,
      };
      const inferences = fixture.test_data.map(
        ([sample, gt, inf]) =>
          [
            sample,
            { boxes: boxes(gt.bboxes), ignoredBoxes: boxes(gt.ignored_bboxes) },
            { boxes: boxes(inf.bboxes), ignored: inf.ignored === true },
          ] as const,
      );
      const evaluate = (rows: typeof inferences) => {
        const evaluator = new ObjectDetectionEvaluator([configuration]);
        evaluator.computeTestSampleMetrics({ name: "tc", version: 1 }, rows, configuration);
        return evaluator.computeTestCaseMetrics(
          { name: "tc", version: 1 },
          rows,
          [],
          configuration,
        );
      };
      const forward = evaluate(inferences);
      const backward = evaluate([...inferences].reverse());
      expectDeepClose(backward, forward, TOLERANCE);
    },
  );
});

describe("Kolena's object detection fixtures, headline numbers", () => {
  it("one class at threshold 0.5: P 16/23, R 16/26, F1 32/49, AP 200/351", () => {
    const fixture = loadFixture<Fixture>("kolena-object-detection/single_class_fixed.json");
    const evaluator = new ObjectDetectionEvaluator();
    const inferences = fixture.test_data.map(
      ([sample, gt, inf]) =>
        [
          sample,
          { boxes: boxes(gt.bboxes), ignoredBoxes: boxes(gt.ignored_bboxes) },
          { boxes: boxes(inf.bboxes), ignored: inf.ignored === true },
        ] as const,
    );
    const testCase = { name: "tc", version: 1 };
    const metrics = evaluator.computeTestCaseMetrics(testCase, inferences, []);
    expect(Math.abs((metrics.precision as number) - 16 / 23)).toBeLessThan(TOLERANCE);
    expect(Math.abs((metrics.recall as number) - 16 / 26)).toBeLessThan(TOLERANCE);
    expect(Math.abs((metrics.f1 as number) - 32 / 49)).toBeLessThan(TOLERANCE);
    expect(Math.abs((metrics.AP as number) - 200 / 351)).toBeLessThan(TOLERANCE);
  });
});
