import { describe, expect, it } from "vitest";

import { benjaminiHochberg } from "./benjamini-hochberg";
import type { PairedSamples } from "./engine";
import { compareCell, compareCells } from "./engine";
import { pairedSamplesOf } from "./per-sample";
import { mcnemarTest } from "./mcnemar";
import { pairedTTest, wilcoxonSignedRank } from "./paired-tests";

const errorsA = [12, 30, 7, 44, 19, 25, 31, 8, 16, 27, 35, 22];
const errorsB = [10, 21, 8, 30, 12, 20, 22, 9, 11, 19, 28, 15];
/** Per-sample false negatives of a detector before and after (a count metric: their sum). */
const fnA = [2, 1, 0, 3, 1, 1];
const fnB = [1, 0, 0, 1, 1, 0];
const sumOver =
  (values: readonly number[][]) =>
  (indices: Uint32Array, model: 0 | 1): number => {
    let total = 0;
    for (const i of indices) total += values[model]![i]!;
    return total;
  };

describe("the comparison engine", () => {
  it("tests each kind of metric with its own test", () => {
    const correctA = [true, true, false, true, false, true, true, false];
    const correctB = [true, true, true, true, true, true, false, true];
    const proportion = compareCell({ kind: "proportion", a: correctA, b: correctB });
    expect(proportion).toMatchObject({
      tested: true,
      test: "mcnemar",
      n: 8,
      difference: 2 / 8,
      pValue: mcnemarTest(correctA, correctB).pValue,
    });

    const mean = compareCell({ kind: "mean", a: errorsA, b: errorsB });
    const t = pairedTTest(errorsA, errorsB);
    expect(mean).toMatchObject({
      test: "paired-t",
      difference: t.meanDifference,
      lower: t.lower,
      upper: t.upper,
      pValue: t.pValue,
      wilcoxonPValue: wilcoxonSignedRank(errorsA, errorsB).pValue,
    });

    const count = compareCell({ kind: "count", n: 6, metric: sumOver([fnA, fnB]) });
    expect(count).toMatchObject({ test: "paired-bootstrap", n: 6, difference: -5 });
    // Seeded: the same interval every time, on every machine.
    expect(compareCell({ kind: "count", n: 6, metric: sumOver([fnA, fnB]) })).toEqual(count);
  });

  it("says why a cell cannot be tested instead of guessing", () => {
    expect(compareCell(null)).toEqual({
      tested: false,
      reason: "no per-sample values were stored for it",
    });
    expect(compareCell({ kind: "mean", a: [1], b: [2] })).toMatchObject({ tested: false });
    expect(compareCell({ kind: "proportion", a: [], b: [] })).toMatchObject({ tested: false });
  });

  it("adjusts across every tested cell, and gives a verdict only to a metric with a direction", () => {
    const cells: { samples: PairedSamples | null; meaning: { higherIsBetter?: boolean } }[] = [
      { samples: { kind: "mean", a: errorsA, b: errorsB }, meaning: { higherIsBetter: false } },
      {
        samples: { kind: "count", n: 6, metric: sumOver([fnA, fnB]) },
        meaning: { higherIsBetter: false },
      },
      { samples: { kind: "mean", a: errorsA, b: errorsB }, meaning: {} },
      { samples: null, meaning: { higherIsBetter: true } },
      { samples: { kind: "mean", a: errorsA, b: errorsB }, meaning: { higherIsBetter: true } },
    ];
    const result = compareCells(cells);
    const raw = result.flatMap((cell) => (cell.tested ? [cell.pValue] : []));
    const adjusted = benjaminiHochberg(raw);
    expect(result.flatMap((cell) => (cell.tested ? [cell.adjustedPValue] : []))).toEqual(adjusted);
    // Lower errors with "lower is better": an improvement; the same numbers undeclared: no verdict.
    expect(result[0]).toMatchObject({ significant: true, verdict: "improved" });
    expect(result[2]).toMatchObject({ significant: true, verdict: "unchanged" });
    expect(result[3]).toMatchObject({ tested: false });
    expect(result[4]).toMatchObject({ significant: true, verdict: "regressed" });
    // Fewer false negatives is an improvement when significant; with 6 samples it is not.
    expect(result[1]).toMatchObject({ test: "paired-bootstrap", difference: -5 });
    expect(() => compareCells([], { alpha: 1 })).toThrow(/between 0 and 1/);
  });
});

type Resampled = Extract<PairedSamples, { n: number; metric: unknown }>;

describe("what a metric is tested on, from its meaning", () => {
  const columnsOf =
    (values: Record<string, number[]>) =>
    (field: string): Float64Array | undefined =>
      values[field] ? Float64Array.from(values[field]) : undefined;

  it("pairs a proportion's, a mean's and a count's per-sample values, leaving out what either model lacks", () => {
    const a = columnsOf({ correct: [1, 1, 0, NaN], error: [2, 3, NaN, 1] });
    const b = columnsOf({ correct: [0, 1, 1, 1], error: [1, 2, 5, 0] });
    expect(pairedSamplesOf({ kind: "proportion", of: "correct" }, a, b)).toEqual({
      kind: "proportion",
      n: 3,
      b: 1,
      c: 1,
    });
    const mean = pairedSamplesOf({ kind: "mean", of: "error" }, a, b);
    expect(mean).toMatchObject({ kind: "mean", a: Float64Array.from([2, 3, 1]) });
    const count = pairedSamplesOf({ kind: "count", of: "error" }, a, b);
    expect((count as Resampled).metric(Uint32Array.from([0, 1, 2]), 1)).toBe(3);
  });

  it("recomputes an aggregate by its formula, and says why it cannot when it does not know how", () => {
    const flags = { tp: "isTP", fp: "isFP", fn: "isFN" };
    const a = columnsOf({ isTP: [1, 1, 0, 0], isFP: [0, 0, 1, 0], isFN: [0, 0, 0, 1] });
    const f1 = pairedSamplesOf(
      { kind: "aggregate", recompute: { formula: "f1", of: flags } },
      a,
      a,
    );
    const all = Uint32Array.from([0, 1, 2, 3]);
    expect((f1 as Resampled).metric(all, 0)).toBeCloseTo(2 / 3, 12);
    expect(pairedSamplesOf({ kind: "aggregate" }, a, a)).toMatchObject({
      tested: false,
      reason: expect.stringMatching(/does not say how/) as string,
    });
    expect(
      pairedSamplesOf(
        { kind: "aggregate", recompute: { formula: "rocAuc", of: { ...flags, score: "score" } } },
        a,
        a,
      ),
    ).toMatchObject({ tested: false, reason: 'the runs did not store the per-sample "score"' });
    expect(pairedSamplesOf({ kind: "mean" }, a, a)).toMatchObject({ tested: false });
    expect(pairedSamplesOf(undefined, a, a)).toMatchObject({
      reason: "its evaluator does not declare what the metric measures",
    });
  });
});
