import { InputValidationError } from "@assay/workflow";
import { checkMetricsSchema } from "@assay/workflow/wire";
import { describe, expect, it } from "vitest";

import { mulberry32 } from "../../compare/prng";
import { expectNear, loadFixture } from "../../test-utils/fixtures";
import { ClassificationEvaluator } from "./evaluator";
import {
  ClassificationCaseMetrics,
  ClassificationSampleMetrics,
  ClassificationSuiteMetrics,
} from "./schemas";

const testCase = { name: "tc", version: 1 };
const TOLERANCE = 1e-9;

interface MulticlassFixture {
  labels: string[];
  y_true: string[];
  y_pred: string[];
  y_score: number[][];
  expected: {
    accuracy: number;
    prf: {
      per_class: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
      macro: { precision: number; recall: number; f1: number };
      micro: { precision: number; recall: number; f1: number };
      weighted: { precision: number; recall: number; f1: number };
    };
    top_k_accuracy: Record<string, number>;
    roc_auc_ovr_macro: number;
    one_vs_rest: Record<string, { average_precision: number; roc_auc: number }>;
  };
}

interface BinaryFixture {
  y_true: number[];
  y_score: number[];
  positive_label: string;
  negative_label: string;
  expected: {
    confusion_matrix: { tn: number; fp: number; fn: number; tp: number };
    precision: number;
    recall: number;
    f1: number;
    accuracy: number;
    roc_auc: number;
    average_precision: number;
  };
}

function multiclassInputs(fixture: MulticlassFixture) {
  return fixture.y_true.map((label, i) => {
    const scores = (fixture.y_score[i] ?? []).map((score, c) => ({
      label: fixture.labels[c] as string,
      score,
      dataType: "ANNOTATION/LABEL",
    }));
    const best = scores.reduce((a, b) => (b.score > a.score ? b : a));
    return [
      { locator: `sample-${i}` },
      { label: { label, dataType: "ANNOTATION/LABEL" } },
      { prediction: best, scores },
    ] as const;
  });
}

describe("ClassificationEvaluator on scikit-learn's iris fixture", () => {
  const fixture = loadFixture<MulticlassFixture>("sklearn/multiclass-iris.json");
  const inferences = multiclassInputs(fixture);

  it("agrees with scikit-learn on every test case metric", () => {
    const evaluator = new ClassificationEvaluator(undefined, { labels: fixture.labels, topK: [2] });
    const metrics = evaluator.computeTestCaseMetrics(testCase, inferences, []);
    const parsed = ClassificationCaseMetrics.parse(metrics);
    const { prf } = fixture.expected;
    expectNear(parsed.accuracy, fixture.expected.accuracy, TOLERANCE);
    expectNear(parsed.macroF1, prf.macro.f1, TOLERANCE);
    expectNear(parsed.macroPrecision, prf.macro.precision, TOLERANCE);
    expectNear(parsed.microRecall, prf.micro.recall, TOLERANCE);
    expectNear(parsed.weightedF1, prf.weighted.f1, TOLERANCE);
    expectNear(parsed.weightedRecall, prf.weighted.recall, TOLERANCE);
    expectNear(parsed.rocAuc ?? NaN, fixture.expected.roc_auc_ovr_macro, TOLERANCE);
    expect(parsed.topK).toEqual([
      { name: "top-2", k: 2, accuracy: fixture.expected.top_k_accuracy["2"] },
    ]);
    parsed.perClass.forEach((row, c) => {
      expect(row.label).toBe(fixture.labels[c]);
      expect(row.n).toBe(prf.per_class.support[c]);
      expectNear(row.f1, prf.per_class.f1[c] ?? NaN, TOLERANCE);
      const ovr = fixture.expected.one_vs_rest[row.label];
      expectNear(row.rocAuc ?? NaN, ovr?.roc_auc ?? NaN, TOLERANCE);
      expectNear(row.averagePrecision ?? NaN, ovr?.average_precision ?? NaN, TOLERANCE);
    });
  });

  it("emits per-sample metrics, plots and suite metrics that fit their schemas", () => {
    const evaluator = new ClassificationEvaluator(
      [{ displayName: "all" }, { displayName: "confident", threshold: 0.9 }],
      { thresholds: [0.5, 0.9] },
    );
    checkMetricsSchema("testSample", ClassificationSampleMetrics);
    checkMetricsSchema("testCase", ClassificationCaseMetrics);
    checkMetricsSchema("testSuite", ClassificationSuiteMetrics);
    const all = evaluator.configurations[0];
    const confident = evaluator.configurations[1];
    const samples = evaluator.computeTestSampleMetrics(testCase, inferences, all);
    expect(samples).toHaveLength(inferences.length);
    for (const [, metrics] of samples) ClassificationSampleMetrics.parse(metrics);
    expect(samples.filter(([, m]) => m.correct).length).toBe(
      Math.round(fixture.expected.accuracy * inferences.length),
    );
    const first = ClassificationSampleMetrics.parse(samples[0]?.[1]);
    expect(first.thresholded?.map((row) => row.threshold)).toEqual([0.5, 0.9]);

    const strict = evaluator.computeTestCaseMetrics(testCase, inferences, [], confident);
    const loose = evaluator.computeTestCaseMetrics(testCase, inferences, [], all);
    expect(strict.accuracy as number).toBeLessThanOrEqual(loose.accuracy as number);

    const plots = evaluator.computeTestCasePlots(testCase, inferences, [], all);
    expect(plots.map((plot) => plot.title)).toEqual([
      "Confusion Matrix",
      "Receiver Operating Characteristic",
      "Precision vs. Recall",
      "F1-Score vs. Confidence Threshold",
      "Confidence Distribution",
      "F1-Score per Class",
    ]);
    const suite = evaluator.computeTestSuiteMetrics({ name: "s", version: 1 }, [
      [testCase, loose],
      [{ name: "other", version: 1 }, strict],
    ]);
    expect(ClassificationSuiteMetrics.parse(suite)).toMatchObject({
      nTestCases: 2,
      maxAccuracy: loose.accuracy,
      minAccuracy: strict.accuracy,
    });
  });
});

describe("ClassificationEvaluator, binary (breast cancer)", () => {
  const fixture = loadFixture<BinaryFixture>("sklearn/binary-breast-cancer.json");
  const { positive_label: positive, negative_label: negative } = fixture;
  // The prediction is the positive class with its probability when >= 0.5, else the negative one.
  const inferences = fixture.y_true.map((y, i) => {
    const p = fixture.y_score[i] ?? NaN;
    const prediction = p >= 0.5 ? { label: positive, score: p } : { label: negative, score: 1 - p };
    return [{ id: i }, { label: y === 1 ? positive : negative }, { prediction }] as const;
  });
  const options = { labels: [negative, positive], positiveLabel: positive };

  it("reports the positive class's counts, rates, AUC and AP as scikit-learn", () => {
    const evaluator = new ClassificationEvaluator(
      [{ displayName: "t=0.5", threshold: 0.5 }],
      options,
    );
    const metrics = ClassificationCaseMetrics.parse(
      evaluator.computeTestCaseMetrics(testCase, inferences, [], evaluator.configurations[0]),
    );
    const { confusion_matrix: cm } = fixture.expected;
    expect([metrics.TP, metrics.FP, metrics.FN, metrics.TN]).toEqual([cm.tp, cm.fp, cm.fn, cm.tn]);
    expectNear(metrics.precision ?? NaN, fixture.expected.precision, TOLERANCE);
    expectNear(metrics.recall ?? NaN, fixture.expected.recall, TOLERANCE);
    expectNear(metrics.f1 ?? NaN, fixture.expected.f1, TOLERANCE);
    expectNear(metrics.accuracy, fixture.expected.accuracy, TOLERANCE);
    // 1 - p then p again is not always bit-exact; the curves agree to well within the tolerance.
    expectNear(metrics.rocAuc ?? NaN, fixture.expected.roc_auc, 1e-9);
    expectNear(metrics.averagePrecision ?? NaN, fixture.expected.average_precision, 1e-9);
    const samples = evaluator.computeTestSampleMetrics(
      testCase,
      inferences,
      evaluator.configurations[0],
    );
    const count = (key: string) => samples.filter(([, m]) => m[key] === true).length;
    expect([count("isTP"), count("isFP"), count("isFN"), count("isTN")]).toEqual([
      cm.tp,
      cm.fp,
      cm.fn,
      cm.tn,
    ]);
  });

  it("reads a score as the positive class's probability when told, and warns when the data contradicts it", () => {
    // The same model, its scores written as the positive class's probability whatever it predicted.
    const asProbability = fixture.y_true.map((y, i) => {
      const p = fixture.y_score[i] ?? NaN;
      const prediction = { label: p >= 0.5 ? positive : negative, score: p };
      return [{ id: i }, { label: y === 1 ? positive : negative }, { prediction }] as const;
    });
    const told = new ClassificationEvaluator(undefined, {
      ...options,
      binaryScore: "positive-probability",
    });
    expectNear(
      told.computeTestCaseMetrics(testCase, asProbability, []).rocAuc as number,
      fixture.expected.roc_auc,
      1e-9,
    );
    expect(told.warnings()).toEqual([]);
    // Read the default way, the negative predictions' scores below 0.5 give the reading away.
    const untold = new ClassificationEvaluator(undefined, options);
    untold.computeTestCaseMetrics(testCase, asProbability, []);
    expect(untold.warnings()).toEqual([
      expect.stringMatching(/binaryScore to "positive-probability"/),
    ]);
    // And the other way round.
    const misread = new ClassificationEvaluator(undefined, {
      ...options,
      binaryScore: "positive-probability",
    });
    misread.computeTestCaseMetrics(testCase, inferences, []);
    expect(misread.warnings()).toEqual([expect.stringMatching(/"predicted-confidence"/)]);
    const right = new ClassificationEvaluator(undefined, options);
    right.computeTestCaseMetrics(testCase, inferences, []);
    expect(right.warnings()).toEqual([]);
  });

  it("counts a missing inference as no prediction: wrong, its own count, never a true negative", () => {
    const evaluator = new ClassificationEvaluator(undefined, options);
    const rows = [
      [{ id: 0 }, { label: negative }, { prediction: null }],
      [{ id: 1 }, { label: positive }, { prediction: null }],
      [{ id: 2 }, { label: negative }, { prediction: { label: negative, score: 0.9 } }],
      [{ id: 3 }, { label: positive }, { prediction: { label: positive, score: 0.9 } }],
    ] as const;
    const metrics = evaluator.computeTestCaseMetrics(testCase, rows, []);
    expect(metrics).toMatchObject({ noPrediction: 2, accuracy: 0.5, TP: 1, FN: 1, TN: 1, FP: 0 });
    const samples = evaluator.computeTestSampleMetrics(testCase, rows).map(([, m]) => m);
    expect(samples[0]).toMatchObject({ correct: false, isTN: false, isFN: false });
    expect(samples[1]).toMatchObject({ correct: false, isFN: true });
  });

  it("moves the decision with the configured threshold", () => {
    const evaluator = new ClassificationEvaluator(
      [
        { displayName: "low", threshold: 0.1 },
        { displayName: "high", threshold: 0.9 },
      ],
      options,
    );
    const [low, high] = evaluator.configurations;
    const a = evaluator.computeTestCaseMetrics(testCase, inferences, [], low);
    const b = evaluator.computeTestCaseMetrics(testCase, inferences, [], high);
    expect(a.recall as number).toBeGreaterThan(b.recall as number);
    expect(a.precision as number).toBeLessThanOrEqual(b.precision as number);
  });
});

describe("ClassificationEvaluator input handling", () => {
  const row = (label: unknown, prediction: unknown, extra: object = {}) =>
    [{}, { label }, { prediction, ...extra }] as const;

  it("treats a missing prediction as wrong and accepts plain strings", () => {
    const evaluator = new ClassificationEvaluator();
    const inferences = [
      row("cat", "cat"),
      row("dog", null),
      row("dog", { label: "cat", score: 0.6 }),
    ];
    const metrics = evaluator.computeTestCaseMetrics(testCase, inferences, []);
    expect(metrics).toMatchObject({ n: 3, nCorrect: 1, accuracy: 1 / 3 });
    expect(metrics.rocAuc).toBeUndefined();
  });

  it("gives defined results for an empty test case", () => {
    const evaluator = new ClassificationEvaluator();
    const metrics = evaluator.computeTestCaseMetrics(testCase, [], []);
    expect(metrics).toMatchObject({ n: 0, accuracy: 0, macroF1: 0, perClass: [] });
    expect(evaluator.computeTestCasePlots(testCase, [], [])).toEqual([]);
    expect(evaluator.computeTestSampleMetrics(testCase, [])).toEqual([]);
    const suite = evaluator.computeTestSuiteMetrics({ name: "s", version: 1 }, []);
    expect(suite).toEqual({
      nTestCases: 0,
      meanAccuracy: 0,
      meanMacroF1: 0,
      minAccuracy: 0,
      maxAccuracy: 0,
    });
  });

  it("rejects unknown labels, NaN scores, partial score lists and bad options with a clear error", () => {
    const strict = new ClassificationEvaluator(undefined, { labels: ["cat", "dog"] });
    expect(() => strict.computeTestCaseMetrics(testCase, [row("cat", "cow")], [])).toThrow(
      /inferences\[0\]\.prediction: unknown label "cow"/,
    );
    const evaluator = new ClassificationEvaluator();
    expect(() =>
      evaluator.computeTestCaseMetrics(testCase, [row("cat", { label: "cat", score: NaN })], []),
    ).toThrow(/inferences\[0\]\.prediction\.score: expected a finite score, got NaN/);
    expect(() =>
      evaluator.computeTestCaseMetrics(
        testCase,
        [row("cat", "cat", { scores: [{ label: "cat", score: 1 }] }), row("dog", "dog")],
        [],
      ),
    ).toThrow(/on 1 of 2 samples/);
    expect(() => evaluator.computeTestCaseMetrics(testCase, [row(undefined, "cat")], [])).toThrow(
      /groundTruths\[0\]\.label: expected a label/,
    );
    expect(() => new ClassificationEvaluator(undefined, { topK: [1] })).toThrow(
      InputValidationError,
    );
    expect(() => new ClassificationEvaluator([{ displayName: "x", threshold: 2 }])).toThrow(
      /configurations\[0\]\.threshold/,
    );
    const binary = new ClassificationEvaluator(undefined, { positiveLabel: "cat" });
    expect(() =>
      binary.computeTestCaseMetrics(testCase, [row("cat", "cat"), row("dog", "cow")], []),
    ).toThrow(/exactly two classes/);
  });
});

describe("ClassificationEvaluator at scale", () => {
  it("evaluates 200,000 samples with 5 scored classes in well under the time of a naive loop", () => {
    const labels = ["a", "b", "c", "d", "e"];
    const random = mulberry32(5);
    const inferences = Array.from({ length: 200_000 }, (_, i) => {
      const actual = labels[i % 5] as string;
      const raw = labels.map(() => random());
      const total = raw.reduce((x, y) => x + y, 0);
      const scores = labels.map((label, c) => ({ label, score: (raw[c] ?? 0) / total }));
      const best = scores.reduce((x, y) => (y.score > x.score ? y : x));
      return [{ id: i }, { label: actual }, { prediction: best, scores }] as const;
    });
    const evaluator = new ClassificationEvaluator(undefined, { labels });
    const started = performance.now();
    const samples = evaluator.computeTestSampleMetrics(testCase, inferences);
    const metrics = evaluator.computeTestCaseMetrics(
      testCase,
      inferences,
      samples.map(([, m]) => m),
    );
    const plots = evaluator.computeTestCasePlots(testCase, inferences, []);
    const elapsed = performance.now() - started;
    expect(metrics.n).toBe(200_000);
    // Random scores: AUC near 0.5, accuracy near 1/5.
    expect(Math.abs((metrics.rocAuc as number) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs((metrics.accuracy as number) - 0.2)).toBeLessThan(0.01);
    for (const plot of plots) {
      if (plot.dataType === "PLOT/CURVE") {
        for (const curve of plot.curves) expect(curve.x.length).toBeLessThanOrEqual(500);
      }
    }
    expect(elapsed).toBeLessThan(5000);
  });
});
