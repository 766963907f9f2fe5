import { describe, expect, it } from "vitest";

import { expectNear, loadFixture } from "../test-utils/fixtures";
import { topKAccuracy } from "./scores";

interface Fixture {
  versions: Record<string, string>;
  top_k: {
    name: string;
    labels: string[];
    y_true: string[];
    y_score: number[][];
    k: number;
    rows_with_ties: number;
    top_k_accuracy: number;
  }[];
}

const fixture = loadFixture<Fixture>("statistics/paired-tests.json");

describe(`top-k accuracy with tied scores against scikit-learn ${fixture.versions.sklearn}`, () => {
  it.each(fixture.top_k)(
    "$name",
    ({ labels, y_true, y_score, k, rows_with_ties, top_k_accuracy }) => {
      expect(rows_with_ties).toBeGreaterThan(0);
      expectNear(topKAccuracy(y_true, y_score, labels, k), top_k_accuracy, 1e-9);
      // The same scores with the labels (and their columns) listed in reverse: the same value.
      const reversed = [...labels].reverse();
      const columns = reversed.map((label) => labels.indexOf(label));
      const scores = y_score.map((row) => columns.map((c) => row[c] as number));
      expectNear(topKAccuracy(y_true, scores, reversed, k), top_k_accuracy, 1e-9);
    },
  );
});
