import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { accuracy, f1Score, fpr, precision, recall, specificity } from "./formula";
import { loadFixture } from "./test-utils/fixtures";

interface Table {
  test: string;
  names: string[];
  rows: (number | "NaN")[][];
}

const { tables } = loadFixture<{ tables: Table[] }>("kolena-metrics/formula.json");
const number = (value: number | "NaN") => (value === "NaN" ? NaN : value);

/** Kolena's parameter names, mapped to the argument order of each Assay function. */
const CASES: Record<string, (args: Record<string, number>) => number> = {
  test__precision: (a) => precision(a.true_positives ?? NaN, a.false_positives ?? NaN),
  test__recall: (a) => recall(a.true_positives ?? NaN, a.false_negatives ?? NaN),
  test__specificity: (a) => specificity(a.true_negatives ?? NaN, a.false_positives ?? NaN),
  test__fpr: (a) => fpr(a.true_negatives ?? NaN, a.false_positives ?? NaN),
  test__f1_score: (a) =>
    f1Score(a.true_positives ?? NaN, a.false_positives ?? NaN, a.false_negatives ?? NaN),
};

describe("formulas (Kolena's test vectors)", () => {
  for (const table of tables) {
    const compute = CASES[table.test];
    if (!compute) throw new Error(`no mapping for ${table.test}`);
    it.each(table.rows.map((row, i) => [i, row] as const))(`${table.test} #%i`, (_, row) => {
      const args = Object.fromEntries(table.names.map((name, i) => [name, number(row[i] ?? NaN)]));
      const result = compute(args);
      expect(Math.abs(result - (args.expected ?? NaN))).toBeLessThanOrEqual(1e-12);
    });
  }

  it("covers every formula Kolena tests", () => {
    expect(tables.map((t) => t.test).sort()).toEqual(Object.keys(CASES).sort());
  });

  it("accuracy counts both kinds of right answers, and 0 over nothing", () => {
    expect(accuracy(3, 1, 2, 4)).toBe(0.7);
    expect(accuracy(0, 0, 0, 0)).toBe(0);
    expect(accuracy(NaN, 1, 1, 1)).toBe(0);
  });

  it("stays within [0, 1] and never returns NaN, whatever the counts", () => {
    const count = fc.oneof(
      fc.nat(1000),
      fc.constant(NaN),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
    );
    fc.assert(
      fc.property(count, count, count, count, (tp, fp, fn, tn) => {
        for (const value of [
          accuracy(tp, fp, fn, tn),
          precision(tp, fp),
          recall(tp, fn),
          f1Score(tp, fp, fn),
          fpr(tn, fp),
          specificity(tn, fp),
        ]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1 + 1e-15);
        }
      }),
    );
  });
});
