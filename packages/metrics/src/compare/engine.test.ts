import { describe, expect, it } from "vitest";

import { benjaminiHochberg } from "./benjamini-hochberg";
import type { PairedSamples } from "./engine";
import { compareCell, compareCells } from "./engine";
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
