import { describe, expect, it } from "vitest";

import { expectClose, expectNear, loadFixture } from "../test-utils/fixtures";
import { confusionMatrix } from "./confusion";
import { averagePrecisionScore, precisionRecallCurve } from "./precision-recall";
import { classificationReport } from "./report";
import { rocAuc, rocCurve } from "./roc";
import { classesAbove, rocAucOneVsRest, tieRanks, topKAccuracy } from "./scores";
import { thresholdSweep } from "./threshold-sweep";

const TOLERANCE = 1e-9;

interface Curves {
  roc_curve: { fpr: number[]; tpr: number[]; thresholds: number[] };
  roc_curve_all: { fpr: number[]; tpr: number[]; thresholds: number[] };
  roc_auc: number;
  pr_curve: { precision: number[]; recall: number[]; thresholds: number[] };
  average_precision: number;
}

interface BinaryFixture {
  y_true: number[];
  y_score: number[];
  y_pred: number[];
  expected: Curves & {
    confusion_matrix: { tn: number; fp: number; fn: number; tp: number };
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    threshold_sweep: {
      threshold: number;
      tp: number;
      fp: number;
      fn: number;
      tn: number;
      precision: number;
      recall: number;
      f1: number;
      accuracy: number;
    }[];
  };
}

interface Prf {
  labels: string[];
  per_class: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
  macro: { precision: number; recall: number; f1: number };
  micro: { precision: number; recall: number; f1: number };
  weighted: { precision: number; recall: number; f1: number };
}

interface MulticlassFixture {
  labels: string[];
  y_true: string[];
  y_pred: string[];
  y_score: number[][];
  expected: {
    confusion_matrix: number[][];
    accuracy: number;
    data_labels: string[];
    prf: Prf;
    prf_data_labels: Prf;
    top_k_accuracy?: Record<string, number>;
    roc_auc_ovr_macro?: number;
    roc_auc_ovr_weighted?: number;
    one_vs_rest?: Record<string, Curves>;
  };
}

function checkCurves(yTrue: boolean[], scores: number[], expected: Curves, what: string) {
  const roc = rocCurve(yTrue, scores);
  expectClose(roc.fpr, expected.roc_curve.fpr, TOLERANCE, `${what} fpr`);
  expectClose(roc.tpr, expected.roc_curve.tpr, TOLERANCE, `${what} tpr`);
  expectClose(roc.thresholds, expected.roc_curve.thresholds, TOLERANCE, `${what} thresholds`);
  const all = rocCurve(yTrue, scores, { dropIntermediate: false });
  expectClose(all.fpr, expected.roc_curve_all.fpr, TOLERANCE, `${what} fpr (all)`);
  expectClose(all.tpr, expected.roc_curve_all.tpr, TOLERANCE, `${what} tpr (all)`);
  expectClose(all.thresholds, expected.roc_curve_all.thresholds, TOLERANCE, `${what} thr (all)`);
  expectNear(rocAuc(yTrue, scores), expected.roc_auc, TOLERANCE, `${what} AUC`);
  const pr = precisionRecallCurve(yTrue, scores);
  expectClose(pr.precision, expected.pr_curve.precision, TOLERANCE, `${what} precision`);
  expectClose(pr.recall, expected.pr_curve.recall, TOLERANCE, `${what} recall`);
  expectClose(pr.thresholds, expected.pr_curve.thresholds, TOLERANCE, `${what} pr thresholds`);
  expectNear(averagePrecisionScore(yTrue, scores), expected.average_precision, TOLERANCE, what);
}

function checkPrf(actual: ReturnType<typeof classificationReport>, expected: Prf) {
  expect(actual.labels).toEqual(expected.labels);
  expectClose(
    actual.perClass.map((row) => row.precision),
    expected.per_class.precision,
    TOLERANCE,
    "precision",
  );
  expectClose(
    actual.perClass.map((row) => row.recall),
    expected.per_class.recall,
    TOLERANCE,
    "recall",
  );
  expectClose(
    actual.perClass.map((row) => row.f1),
    expected.per_class.f1,
    TOLERANCE,
    "f1",
  );
  expect(actual.perClass.map((row) => row.support)).toEqual(expected.per_class.support);
  for (const average of ["macro", "micro", "weighted"] as const) {
    expectNear(actual[average].precision, expected[average].precision, TOLERANCE, average);
    expectNear(actual[average].recall, expected[average].recall, TOLERANCE, average);
    expectNear(actual[average].f1, expected[average].f1, TOLERANCE, average);
  }
}

describe("binary classification against scikit-learn 1.2.1 (breast cancer)", () => {
  const fixture = loadFixture<BinaryFixture>("sklearn/binary-breast-cancer.json");
  const yTrue = fixture.y_true.map((y) => y === 1);
  const yPred = fixture.y_pred.map((y) => (y === 1 ? "1" : "0"));
  const truth = fixture.y_true.map(String);

  it("counts the confusion matrix and its rates", () => {
    const { matrix } = confusionMatrix(truth, yPred, { labels: ["0", "1"] });
    const { tn, fp, fn, tp } = fixture.expected.confusion_matrix;
    expect(matrix).toEqual([
      [tn, fp],
      [fn, tp],
    ]);
    const report = classificationReport(truth, yPred, { labels: ["0", "1"] });
    const positive = report.perClass[1];
    expectNear(report.accuracy, fixture.expected.accuracy, TOLERANCE, "accuracy");
    expectNear(positive?.precision ?? NaN, fixture.expected.precision, TOLERANCE, "precision");
    expectNear(positive?.recall ?? NaN, fixture.expected.recall, TOLERANCE, "recall");
    expectNear(positive?.f1 ?? NaN, fixture.expected.f1, TOLERANCE, "f1");
  });

  it("reproduces the ROC and PR curves, AUC and average precision (with tied scores)", () => {
    expect(new Set(fixture.y_score).size).toBeLessThan(fixture.y_score.length / 2);
    checkCurves(yTrue, fixture.y_score, fixture.expected, "breast cancer");
  });

  it("sweeps thresholds like scikit-learn's scores at each cut", () => {
    const rows = thresholdSweep(
      yTrue,
      fixture.y_score,
      fixture.expected.threshold_sweep.map((row) => row.threshold),
    );
    rows.forEach((row, i) => {
      const want = fixture.expected.threshold_sweep[i];
      if (!want) throw new Error("missing row");
      expect([row.TP, row.FP, row.FN, row.TN]).toEqual([want.tp, want.fp, want.fn, want.tn]);
      expectNear(row.precision, want.precision, TOLERANCE, "precision");
      expectNear(row.recall, want.recall, TOLERANCE, "recall");
      expectNear(row.f1, want.f1, TOLERANCE, "f1");
      expectNear(row.accuracy, want.accuracy, TOLERANCE, "accuracy");
      expect(row.dataType).toBe("METRICS/THRESHOLDED");
    });
  });
});

describe.each([
  "multiclass-iris.json",
  "multiclass-wine-tree.json",
  "multiclass-digits.json",
  "multiclass-digits-subset.json",
])("multiclass classification against scikit-learn 1.2.1 (%s)", (name) => {
  const fixture = loadFixture<MulticlassFixture>(`sklearn/${name}`);
  const { expected } = fixture;

  it("counts the confusion matrix", () => {
    const result = confusionMatrix(fixture.y_true, fixture.y_pred, { labels: fixture.labels });
    expect(result.matrix).toEqual(expected.confusion_matrix);
  });

  it("computes per-class, macro, micro and weighted precision, recall and F1, and accuracy", () => {
    const report = classificationReport(fixture.y_true, fixture.y_pred, { labels: fixture.labels });
    expectNear(report.accuracy, expected.accuracy, TOLERANCE, "accuracy");
    checkPrf(report, expected.prf);
    // Without a label list: the labels seen in the data, sorted, as scikit-learn's unique_labels.
    const fromData = classificationReport(fixture.y_true, fixture.y_pred);
    expect(fromData.labels).toEqual(expected.data_labels);
    checkPrf(fromData, expected.prf_data_labels);
  });

  // The digits subset has classes without samples: it checks label handling only (no OvR curves there).
  if (expected.top_k_accuracy === undefined) return;
  it("computes top-k accuracy and OvR AUC", () => {
    for (const [k, value] of Object.entries(expected.top_k_accuracy ?? {})) {
      expectNear(
        topKAccuracy(fixture.y_true, fixture.y_score, fixture.labels, Number(k)),
        value,
        TOLERANCE,
        `top-${k}`,
      );
    }
    expectNear(
      rocAucOneVsRest(fixture.y_true, fixture.y_score, fixture.labels, "macro"),
      expected.roc_auc_ovr_macro ?? NaN,
      TOLERANCE,
      "OvR macro AUC",
    );
    expectNear(
      rocAucOneVsRest(fixture.y_true, fixture.y_score, fixture.labels, "weighted"),
      expected.roc_auc_ovr_weighted ?? NaN,
      TOLERANCE,
      "OvR weighted AUC",
    );
    fixture.labels.forEach((label, c) => {
      const curves = expected.one_vs_rest?.[label];
      if (!curves) throw new Error(`no curves for ${label}`);
      checkCurves(
        fixture.y_true.map((y) => y === label),
        fixture.y_score.map((row) => row[c] ?? NaN),
        curves,
        `${name} ${label}`,
      );
    });
  });
});

describe("top-k ties", () => {
  it("follow scikit-learn's rule (the label that sorts last first), not the order labels are listed in", () => {
    const ranks = tieRanks(["a", "b", "c"]);
    expect(classesAbove([0.5, 0.5, 0], 0, 3, 1, ranks)).toBe(0);
    expect(classesAbove([0.5, 0.5, 0], 0, 3, 0, ranks)).toBe(1);
    // The same scores with the labels listed in another order: the same answers.
    const listed = ["b", "c", "a"];
    expect(
      topKAccuracy(
        ["a", "b"],
        [
          [0.5, 0, 0.5],
          [0.5, 0, 0.5],
        ],
        listed,
        1,
      ),
    ).toBe(0.5);
    expect(topKAccuracy(["b"], [[0.5, 0, 0.5]], listed, 1)).toBe(1);
    // Code points, as numpy sorts: "Z" (U+005A) before "a", an astral character after U+FFFD.
    expect(Array.from(tieRanks(["a", "Z", "\u{1F600}", "\uFFFD"]))).toEqual([1, 0, 3, 2]);
  });
});
