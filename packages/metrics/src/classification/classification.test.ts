import { InputValidationError } from "@assay/workflow";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { binaryCounts, confusionMatrix } from "./confusion";
import { averagePrecisionScore, precisionRecallCurve } from "./precision-recall";
import { classificationReport } from "./report";
import { rocAuc, rocCurve } from "./roc";
import { rocAucOneVsRest, topKAccuracy } from "./scores";
import { thresholdSweep } from "./threshold-sweep";

const LABELS = ["a", "b", "c"];
const labelArb = fc.constantFrom(...LABELS);
const pairs = fc.array(fc.tuple(labelArb, fc.option(labelArb, { nil: null })), {
  minLength: 1,
  maxLength: 60,
});
const scored = fc.array(
  fc.tuple(
    fc.boolean(),
    fc.integer({ min: 0, max: 20 }).map((x) => x / 20),
  ),
  {
    minLength: 1,
    maxLength: 60,
  },
);
/** A permutation of 0..n-1 from a seed (deterministic, so failures replay). */
const permutation = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => ((x * 7919 + seed) % 101) - ((y * 7919 + seed) % 101),
  );

describe("classification metric properties", () => {
  it("keeps every rate within [0, 1] and counts every sample once", () => {
    fc.assert(
      fc.property(pairs, (rows) => {
        const report = classificationReport(
          rows.map(([t]) => t),
          rows.map(([, p]) => p),
          { labels: LABELS },
        );
        expect(report.n).toBe(rows.length);
        for (const value of [
          report.accuracy,
          report.macro.precision,
          report.macro.recall,
          report.macro.f1,
          report.micro.f1,
          report.weighted.f1,
          ...report.perClass.flatMap((row) => [row.precision, row.recall, row.f1]),
        ]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1 + 1e-12);
        }
        // Every sample once, but a sample without a prediction only for its own class (never a TN).
        report.perClass.forEach((row) => {
          const unpredictedOthers = rows.filter(([t, p]) => p === null && t !== row.label).length;
          expect(row.TP + row.FP + row.FN + row.TN).toBe(rows.length - unpredictedOthers);
        });
      }),
    );
  });

  it("does not depend on sample order", () => {
    fc.assert(
      fc.property(pairs, fc.nat(), (rows, seed) => {
        const order = permutation(rows.length, seed);
        const shuffled = order.map((i) => rows[i] as [string, string | null]);
        const a = classificationReport(
          rows.map(([t]) => t),
          rows.map(([, p]) => p),
          { labels: LABELS },
        );
        const b = classificationReport(
          shuffled.map(([t]) => t),
          shuffled.map(([, p]) => p),
          { labels: LABELS },
        );
        expect(b.perClass).toEqual(a.perClass);
        expect(b.accuracy).toBe(a.accuracy);
      }),
    );
    fc.assert(
      fc.property(scored, fc.nat(), (rows, seed) => {
        const yTrue = rows.map(([y]) => y);
        if (!yTrue.some(Boolean) || yTrue.every(Boolean)) return;
        const scores = rows.map(([, s]) => s);
        const order = permutation(rows.length, seed);
        const auc = rocAuc(yTrue, scores);
        const shuffledAuc = rocAuc(
          order.map((i) => yTrue[i] as boolean),
          order.map((i) => scores[i] as number),
        );
        expect(shuffledAuc).toBe(auc);
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
        const ap = averagePrecisionScore(yTrue, scores);
        expect(ap).toBeGreaterThanOrEqual(0);
        expect(ap).toBeLessThanOrEqual(1 + 1e-12);
        const roc = rocCurve(yTrue, scores);
        expect(roc.fpr[0]).toBe(0);
        expect(roc.tpr.at(-1)).toBe(1);
        for (let i = 1; i < roc.fpr.length; i++) {
          expect(roc.fpr[i]).toBeGreaterThanOrEqual(roc.fpr[i - 1] as number);
          expect(roc.tpr[i]).toBeGreaterThanOrEqual(roc.tpr[i - 1] as number);
        }
      }),
    );
  });

  it("sweeps thresholds consistently with direct counting", () => {
    fc.assert(
      fc.property(scored, (rows) => {
        const yTrue = rows.map(([y]) => y);
        const scores = rows.map(([, s]) => s);
        for (const row of thresholdSweep(yTrue, scores, [0, 0.25, 0.5, 1, 1.5])) {
          const counts = binaryCounts(
            yTrue,
            scores.map((s) => s >= row.threshold),
          );
          expect([row.TP, row.FP, row.FN, row.TN]).toEqual([
            counts.TP,
            counts.FP,
            counts.FN,
            counts.TN,
          ]);
        }
      }),
    );
  });
});

describe("classification bad input", () => {
  it("rejects mismatched lengths, empty score sets and NaN scores", () => {
    expect(() => confusionMatrix(["a"], ["a", "b"])).toThrow(/same length/);
    expect(() => binaryCounts([true], [])).toThrow(/same length/);
    expect(() => rocCurve([], [])).toThrow(/must not be empty/);
    expect(() => rocAuc([true, false], [0.5, NaN])).toThrow(/scores\[1\]: must be a finite number/);
    expect(() => precisionRecallCurve([true], [0.5, 0.2])).toThrow(InputValidationError);
    expect(() => thresholdSweep([true], [Infinity], [0.5])).toThrow(/finite/);
  });

  it("refuses a ROC curve over one class, but gives AP 0 without positives (scikit-learn's values)", () => {
    expect(() => rocAuc([true, true], [0.1, 0.9])).toThrow(/positive and negative samples/);
    expect(averagePrecisionScore([false, false], [0.1, 0.9])).toBe(0);
  });

  it("rejects labels outside an explicit list and duplicate labels", () => {
    expect(() => classificationReport(["a"], ["z"], { labels: ["a", "b"] })).toThrow(
      /yPred\[0\]: unknown label "z"/,
    );
    expect(() => classificationReport(["a"], ["a"], { labels: ["a", "a"] })).toThrow(/distinct/);
    expect(() => topKAccuracy(["a"], [[0.5, 0.5]], ["a", "b"], 0)).toThrow(/positive integer/);
    expect(() => topKAccuracy(["z"], [[0.5, 0.5]], ["a", "b"], 1)).toThrow(/unknown label/);
    expect(() => topKAccuracy(["a"], [[0.5]], ["a", "b"], 1)).toThrow(/one score per label/);
    expect(() =>
      rocAucOneVsRest(
        ["a", "b"],
        [
          [1, 0],
          [0, NaN],
        ],
        ["a", "b"],
      ),
    ).toThrow(/finite/);
  });

  it("counts a missing prediction as a miss of its class and never as a true negative", () => {
    const report = classificationReport(["a", "b"], [null, "b"], { labels: ["a", "b"] });
    expect(report.accuracy).toBe(0.5);
    expect(report.perClass[0]).toMatchObject({ TP: 0, FN: 1, FP: 0, TN: 1 });
    // The unpredicted "a" is not a true negative of "b": the model said nothing.
    expect(report.perClass[1]).toMatchObject({ TP: 1, FN: 0, FP: 0, TN: 0 });
  });
});
